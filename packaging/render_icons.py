"""Render resources/icons/promptly.svg to the PNG sizes desktops ask for, plus the Windows .ico
and the macOS .icns, with Qt's own SVG renderer. Run after changing the SVG; commit the output:

    .venv/bin/python packaging/render_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_path(size: int) -> Path:
    """The freedesktop hicolor layout, so packaging/linux can copy the tree as it is."""
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "promptly.png"


def main() -> int:
    QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])
    renderer = QSvgRenderer(str(ICONS / "promptly.svg"))
    if not renderer.isValid():
        print(f"cannot read {ICONS / 'promptly.svg'}", file=sys.stderr)
        return 1
    for size in SIZES:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(path), "PNG"):
            print(f"cannot write {path}", file=sys.stderr)
            return 1
    # Qt's ico and icns writers take the one image they are given; 256 is the largest .ico holds
    for name, fmt, size in (("promptly.ico", b"ico", 256), ("promptly.icns", b"icns", 512)):
        writer = QImageWriter(str(ICONS / name), fmt)
        if not writer.write(render(renderer, size)):
            print(f"cannot write {name}: {writer.errorString()}", file=sys.stderr)
            return 1
    print(f"rendered {len(SIZES)} PNG sizes, promptly.ico and promptly.icns into {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
