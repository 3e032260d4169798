#!/usr/bin/env bash
# Builds dist/Transcript-Reviewer-<version>.dmg on macOS (needs Python 3.11 and Xcode tools).
#   bash packaging/macos/build-dmg.sh
# The PyInstaller one-folder bundle is wrapped into an .app whose launcher runs `gui`;
# user projects live in ~/Library/Application Support/transcript-reviewer.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(python3 -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
python3 -m venv .venv-build
.venv-build/bin/pip install -q ".[gui]" pyinstaller pyinstaller-hooks-contrib
.venv-build/bin/pyinstaller --noconfirm --distpath build/pyinstaller/dist \
  --workpath build/pyinstaller/work packaging/reviewer.spec
APP="build/mac/Transcript Reviewer.app"
rm -rf build/mac && mkdir -p "$APP/Contents/MacOS" "$APP/Contents/Resources"
cp -R build/pyinstaller/dist/transcript-reviewer "$APP/Contents/Resources/bundle"
cat > "$APP/Contents/MacOS/transcript-reviewer" <<'SH'
#!/bin/sh
exec "$(dirname "$0")/../Resources/bundle/transcript-reviewer" gui "$@"
SH
chmod +x "$APP/Contents/MacOS/transcript-reviewer"
ICONSET=build/mac/icon.iconset && mkdir -p "$ICONSET"
.venv-build/bin/python packaging/make_icons.py build/mac/png >/dev/null
for s in 16 32 128 256 512; do cp "build/mac/png/${s}x${s}/apps/transcript-reviewer.png" "$ICONSET/icon_${s}x${s}.png"; done
iconutil -c icns "$ICONSET" -o "$APP/Contents/Resources/transcript-reviewer.icns"
cat > "$APP/Contents/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>CFBundleName</key><string>Transcript Reviewer</string>
  <key>CFBundleIdentifier</key><string>org.transcript-reviewer.app</string>
  <key>CFBundleVersion</key><string>$VERSION</string>
  <key>CFBundleShortVersionString</key><string>$VERSION</string>
  <key>CFBundleExecutable</key><string>transcript-reviewer</string>
  <key>CFBundleIconFile</key><string>transcript-reviewer.icns</string>
  <key>NSHighResolutionCapable</key><true/>
</dict></plist>
PLIST
mkdir -p dist
hdiutil create -volname "Transcript Reviewer" -srcfolder "$APP" -ov -format UDZO \
  "dist/Transcript-Reviewer-$VERSION.dmg"
