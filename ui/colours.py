"""Text colours that stay readable on the palette in use: the designed red or green, moved
towards black or white until it meets WCAG AA contrast (4.5:1) against the window background."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

AA = 4.5
ERROR = "#b3261e"
OK = "#1b6e2e"


def luminance(colour: QColor) -> float:
    """Relative luminance, as WCAG 2 defines it."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: str, background: QColor, minimum: float = AA) -> QColor:
    """`colour`, or the nearest mix of it with white (on dark) or black (on light) that reads."""
    base = QColor(colour)
    target = QColor("white") if luminance(background) < 0.18 else QColor("black")
    for step in range(21):
        t = step / 20
        mixed = QColor.fromRgbF(base.redF() + (target.redF() - base.redF()) * t,
                                base.greenF() + (target.greenF() - base.greenF()) * t,
                                base.blueF() + (target.blueF() - base.blueF()) * t)
        if contrast(mixed, background) >= minimum:
            return mixed
    return target


def text_style(widget: QWidget, colour: str) -> str:
    """A style sheet colouring `widget`'s text `colour`, made readable on its window colour."""
    background = widget.palette().color(QPalette.ColorRole.Window)
    return f"color: {readable(colour, background).name()}"
