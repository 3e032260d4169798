"""Render the application icon (SVG) to PNGs at the usual hicolor sizes.

Usage: python packaging/make_icons.py OUT_DIR   (writes OUT_DIR/<size>x<size>/apps/NAME.png)
Runs offscreen with Qt's SVG renderer, so the build needs no image tools.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NAME = "transcript-reviewer"


def render(svg: Path, out_dir: Path) -> list[Path]:
    """Write one PNG per size under ``out_dir`` and return their paths."""
    renderer = QSvgRenderer(str(svg))
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = out_dir / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    svg = Path(__file__).with_name("icons") / f"{NAME}.svg"
    for p in render(svg, Path(sys.argv[1])):
        print(p)
