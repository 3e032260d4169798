#!/usr/bin/env bash
# Builds the Linux package: dist/transcript-reviewer_<version>_<arch>.deb
#   bash packaging/build-deb.sh
# A PyInstaller one-folder bundle under /opt/transcript-reviewer, launchers in /usr/bin,
# a desktop entry and icons. Uses its own build virtualenv (.venv-build) so the bundle holds
# only what the app needs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VERSION=$(python3 -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
ARCH=$(dpkg --print-architecture)
NAME=transcript-reviewer
BUILD=$ROOT/build/deb
OUT=$ROOT/dist/${NAME}_${VERSION}_${ARCH}.deb

need=()
for p in desktop-file-utils binutils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bash scripts/system-deps.sh   # Qt's libraries, to render the icons offscreen

PY=${PYTHON:-python3}
[ -x .venv-build/bin/python ] || "$PY" -m venv .venv-build
.venv-build/bin/python -m pip install -q --upgrade pip 2>&1 | { grep -v "^WARNING: Location" || true; }
.venv-build/bin/python -m pip install -q ".[gui]" "pyinstaller>=6.10" "pyinstaller-hooks-contrib>=2024.8" \
  2>&1 | { grep -v '^WARNING: Location' || true; }

rm -rf "$BUILD" build/pyinstaller
QT_QPA_PLATFORM=offscreen .venv-build/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath build/pyinstaller/dist --workpath build/pyinstaller/work packaging/reviewer.spec

PKG=$BUILD/root
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor" "$PKG/usr/share/doc/$NAME"
cp -a build/pyinstaller/dist/$NAME "$PKG/opt/$NAME"
cat > "$PKG/usr/bin/$NAME" <<SH
#!/bin/sh
exec /opt/$NAME/$NAME "\$@"
SH
chmod 755 "$PKG/usr/bin/$NAME"
ln -s $NAME "$PKG/usr/bin/reviewer-app"
install -m 644 packaging/$NAME.desktop "$PKG/usr/share/applications/$NAME.desktop"
desktop-file-validate "$PKG/usr/share/applications/$NAME.desktop"
QT_QPA_PLATFORM=offscreen .venv-build/bin/python packaging/make_icons.py "$PKG/usr/share/icons/hicolor" >/dev/null
mkdir -p "$PKG/usr/share/icons/hicolor/scalable/apps"
install -m 644 packaging/icons/$NAME.svg "$PKG/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
install -m 644 README.md "$PKG/usr/share/doc/$NAME/README.md"

SIZE_KB=$(du -sk "$PKG" --exclude=DEBIAN | cut -f1)
cat > "$PKG/DEBIAN/control" <<CTRL
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: Transcript Reviewer developers <dev@transcript-reviewer.invalid>
Installed-Size: $SIZE_KB
Section: science
Priority: optional
Depends: libc6 (>= 2.36), libegl1, libgl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libglib2.0-0, libdbus-1-3, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xfixes0, libxcb-xkb1, libx11-xcb1, fonts-dejavu-core, fonts-wqy-microhei
Description: Gold-standard datasets of financial metrics in earnings-call transcripts
 Import earnings-call transcripts, pre-annotate financial metrics and speaker
 labels, review them in a fast desktop app, evaluate extractors against the gold
 and export labelled datasets. User projects live in the user's data folder and
 are kept when the package is removed.
CTRL
cat > "$PKG/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
SH
cp "$PKG/DEBIAN/postinst" "$PKG/DEBIAN/postrm"
chmod 755 "$PKG/DEBIAN/postinst" "$PKG/DEBIAN/postrm"

mkdir -p dist
dpkg-deb --root-owner-group --build "$PKG" "$OUT" >/dev/null
echo "bundle: $(du -sh "$PKG/opt/$NAME" | cut -f1)  package: $(du -h "$OUT" | cut -f1)"
echo "$OUT"
