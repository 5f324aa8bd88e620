"""The first-run welcome: what to type, where Promptly lives, how prompts work; keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.model import Direction
from app.quickadd import parse
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)
from ui.welcome import WelcomeWindow, first_run


def test_it_says_what_to_type_where_the_icon_is_and_how_prompts_work(qtbot, controller, core):
    window = WelcomeWindow(controller)
    qtbot.addWidget(window)
    text = "\n".join(label.text() for label in window.points)
    assert "from @dana: repair invoice by fri 3pm" in text and "system tray" in text
    assert "stays until you act on it or dismiss it" in text
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in window.points)
    # the examples it gives are understood as it says
    for line, who, direction in (("from @dana: repair invoice by fri 3pm", "Dana", Direction.RECEIVED),
                                 ("to @sam: review the contract by tomorrow 11am", "Sam", Direction.MADE)):
        result = parse(line, core.now(), core.calendar)
        assert (result.counterpart, result.direction) == (who, direction) and result.needed_by is not None


def test_shown_once_and_closed_with_esc(qtbot, controller):
    assert first_run(controller)
    window = WelcomeWindow(controller)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    assert not first_run(controller)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.add_button)
    qtbot.keyClick(window.add_button, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_enter_goes_on_to_quick_add(qtbot, controller):
    window = WelcomeWindow(controller)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.add_button)
    with qtbot.waitSignal(window.quick_add_requested):
        qtbot.keyClick(window.add_button, Qt.Key.Key_Return)
    assert not window.isVisible()
