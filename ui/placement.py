"""Windows that open entirely on their screen, with a size remembered per screen.

A size that suits a 2560×1440 monitor covers a laptop's tray, and at a scale factor of 2 a 1440×900
screen is only 720×450 logical pixels: so the geometry is kept per screen (its name and
geometry), and whatever is restored is clamped to the screen's available area.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# room for the window manager's title bar and borders before the window is shown and they are known
FRAME_ALLOWANCE = QSize(16, 40)


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: a window too big for a small screen scrolls instead
    of running off it."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def screen_key(screen: QScreen) -> str:
    geometry = screen.geometry()
    name = "".join(c if c.isalnum() else "_" for c in screen.name()) or "screen"
    return f"{name}_{geometry.width()}x{geometry.height()}_{geometry.x()}_{geometry.y()}"


def _screen(window: QWidget) -> QScreen | None:
    return window.screen() or QGuiApplication.primaryScreen()


def _frame_extra(window: QWidget) -> QSize:
    if window.isVisible():
        frame, inner = window.frameGeometry(), window.geometry()
        return QSize(frame.width() - inner.width(), frame.height() - inner.height())
    return FRAME_ALLOWANCE


def fit_on_screen(window: QWidget) -> None:
    """Shrink the window to its screen's available area if needed, then move it fully onto it."""
    screen = _screen(window)
    if screen is None:
        return
    area: QRect = screen.availableGeometry()
    extra = _frame_extra(window)
    width = max(min(window.width(), area.width() - extra.width()), 1)
    height = max(min(window.height(), area.height() - extra.height()), 1)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry() if window.isVisible() else \
        QRect(window.pos(), window.size() + extra)
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.left()), max(y, area.top()))


def restore_geometry(window: QWidget, settings: QSettings, key: str, default: QSize) -> None:
    """The size and place last saved on this screen, or `default` centred on it; always on screen."""
    screen = _screen(window)
    saved = settings.value(f"{key}/{screen_key(screen)}") if screen is not None else None
    if saved is None or not window.restoreGeometry(saved):
        window.resize(default)
        if screen is not None:
            fit_on_screen(window)
            area = screen.availableGeometry()
            extra = _frame_extra(window)
            window.move(area.x() + (area.width() - window.width() - extra.width()) // 2,
                        area.y() + (area.height() - window.height() - extra.height()) // 2)
    fit_on_screen(window)


def save_geometry(window: QWidget, settings: QSettings, key: str) -> None:
    screen = _screen(window)
    if screen is not None:
        settings.setValue(f"{key}/{screen_key(screen)}", window.saveGeometry())
