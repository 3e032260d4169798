"""Build the .deb from a clean checkout, install it, start the installed app headless on a
temporary demo project, then uninstall it (user data stays).

Slow (a few minutes): runs in CI (CI=true) or with ``pytest --packaging``; skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.packaging

PKG = "transcript-reviewer"


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=1800, **kw)


@pytest.fixture(scope="module")
def deb(tmp_path_factory) -> Path:
    """The package, built once per test run from a clean clone of the committed tree."""
    if os.geteuid() != 0 or not shutil.which("apt-get") or not shutil.which("git"):
        pytest.skip("needs root, apt-get and git to build and install a .deb")
    src = tmp_path_factory.mktemp("clean") / "src"
    cloned = _run(["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(src)])
    assert cloned.returncode == 0, cloned.stderr
    built = _run(["bash", "packaging/build-deb.sh"], cwd=src)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    debs = list((src / "dist").glob(f"{PKG}_*.deb"))
    assert len(debs) == 1
    print(built.stdout.strip().splitlines()[-2])  # bundle and package sizes, for the log
    return debs[0]


@pytest.fixture(scope="module")
def installed(deb):
    """The package installed on this machine; removed afterwards."""
    out = _run(["apt-get", "install", "-y", "-qq", str(deb)],
               env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    assert out.returncode == 0, out.stderr
    yield Path("/usr/bin") / PKG
    _run(["apt-get", "remove", "-y", "-qq", PKG])


def _user_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PATH="/usr/bin:/bin")
    return env


def test_package_contents(deb) -> None:
    listing = _run(["dpkg-deb", "--contents", str(deb)]).stdout
    for path in ("./opt/transcript-reviewer/transcript-reviewer", "./usr/bin/transcript-reviewer",
                 "./usr/share/applications/transcript-reviewer.desktop",
                 "./usr/share/icons/hicolor/48x48/apps/transcript-reviewer.png",
                 "./usr/share/icons/hicolor/256x256/apps/transcript-reviewer.png"):
        assert path in listing, path
    assert "seeds" not in listing  # third-party transcripts are never shipped
    control = _run(["dpkg-deb", "--field", str(deb), "Depends"]).stdout
    for dep in ("libegl1", "libfontconfig1", "libxcb-cursor0", "fonts-wqy-microhei"):
        assert dep in control


def test_installed_app_opens_the_demo_project_and_uninstalls_cleanly(installed, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = _user_env(home)
    version = _run([str(installed), "--version"], env=env)
    assert version.returncode == 0 and "0." in version.stdout
    started = _run([str(installed), "gui", "--quit-after-load"], env=env, cwd=tmp_path)
    assert started.returncode == 0, started.stdout + started.stderr
    assert "opened" in started.stdout
    demo = home / ".local" / "share" / "transcript-reviewer" / "demo.db"
    assert demo.exists()  # in the user's data folder, not next to the executable
    assert not list(Path("/opt/transcript-reviewer").rglob("*.db"))
    # The desktop menu entry starts the same app: run its Exec line as a menu would.
    entry = Path("/usr/share/applications/transcript-reviewer.desktop").read_text()
    exec_line = next(ln.split("=", 1)[1] for ln in entry.splitlines() if ln.startswith("Exec="))
    from_menu = _run([*exec_line.split(), "--quit-after-load"], env=env, cwd=tmp_path)
    assert from_menu.returncode == 0, from_menu.stderr
    assert f"opened {demo}" in from_menu.stdout
    listed = _run([str(installed), "list", "--db", str(demo)], env=env)
    assert "Altamira" in listed.stdout
    removed = _run(["apt-get", "remove", "-y", "-qq", PKG])
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/transcript-reviewer").exists()
    assert not installed.exists()
    assert demo.exists()  # the user's projects stay
