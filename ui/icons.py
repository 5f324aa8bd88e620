"""The tray icon, painted: its colour is the most urgent state, its number the overdue count.

Painted rather than loaded, so it shows before anything else is imported and follows the panel's
palette (a light or dark panel) without a set of image files per state.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap

SIZES = (16, 22, 24, 32, 48, 64)


class Urgency(enum.Enum):
    CALM = "calm"  # nothing due within the hour
    SOON = "soon"  # something due within the hour
    OVERDUE = "overdue"  # anything overdue


AMBER = QColor("#f2a007")
RED = QColor("#d93025")
CALM_ON_LIGHT = QColor("#2f7d6d")
CALM_ON_DARK = QColor("#62c7ab")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colour(urgency: Urgency, palette: QPalette) -> QColor:
    if urgency is Urgency.OVERDUE:
        return RED
    if urgency is Urgency.SOON:
        return AMBER
    return CALM_ON_DARK if is_dark(palette) else CALM_ON_LIGHT


def count_text(count: int) -> str:
    return str(count) if count < 100 else "99+"


def paint(size: int, urgency: Urgency, overdue: int, palette: QPalette, paused: bool = False) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    fill = colour(urgency, palette)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = max(1.0, size / 16)
    disc = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    p.setPen(QPen(fill.darker(130), max(1.0, size / 24)))
    p.setBrush(fill)
    p.drawEllipse(disc)
    ink = QColor("#ffffff") if urgency is not Urgency.SOON else QColor("#2b2100")
    if overdue > 0:
        font = QFont()
        font.setBold(True)
        text = count_text(overdue)
        font.setPixelSize(int(size * (0.62 if len(text) == 1 else 0.5 if len(text) == 2 else 0.36)))
        p.setFont(font)
        p.setPen(ink)
        p.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
    elif paused:
        # two bars: prompts are held
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ink)
        bar_w, bar_h = size * 0.12, size * 0.4
        top = (size - bar_h) / 2
        p.drawRect(QRectF(size / 2 - bar_w * 1.6, top, bar_w, bar_h))
        p.drawRect(QRectF(size / 2 + bar_w * 0.6, top, bar_w, bar_h))
    else:
        # clock hands: a countdown, nothing overdue
        centre = QPointF(size / 2, size / 2)
        pen = QPen(ink, max(1.5, size / 11), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawLine(centre, QPointF(size / 2, size * 0.24))
        p.drawLine(centre, QPointF(size * 0.7, size / 2))
    p.end()
    return pixmap


def tray_icon(urgency: Urgency, overdue: int, palette: QPalette, paused: bool = False) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(paint(size, urgency, overdue, palette, paused))
    return icon


def dot_icon(urgency: Urgency, palette: QPalette, size: int = 16) -> QIcon:
    """A small disc in the urgency colour: marks each countdown in the tray menu."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour(urgency, palette))
    p.drawEllipse(QRectF(size * 0.25, size * 0.25, size * 0.5, size * 0.5))
    p.end()
    return QIcon(pixmap)
