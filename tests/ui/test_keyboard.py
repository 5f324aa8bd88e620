"""Every window with the keyboard alone: Tab reaches every control and leaves the table, Esc
and Ctrl+W close, the prompt window's buttons each have a mnemonic."""

from __future__ import annotations

import warnings
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from app.domain.commands import NewRequest
from app.domain.model import Direction
from ui.prompt_window import PromptWindow
from ui.request_list import RequestListWindow
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)


def tab_walk(qtbot, window, steps=40) -> list:
    """The widgets focus visits, pressing Tab from wherever it is now."""
    seen = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def activate(qtbot, window) -> None:
    """Make `window` the active one, as a click on it would (other tests' windows may linger)."""
    qtbot.waitExposed(window)
    window.raise_()
    window.activateWindow()
    if not window.isActiveWindow():  # no window manager (offscreen): Qt's own switch, deprecated
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            QApplication.setActiveWindow(window)
    qtbot.waitUntil(window.isActiveWindow)


@pytest.fixture
def listing(qtbot, controller, core):
    core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))
    core.add(NewRequest(Direction.MADE, "Kim", "badge form"))
    window = RequestListWindow(controller)
    qtbot.addWidget(window)
    window.show()
    activate(qtbot, window)
    window.reload()
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    return window


def test_tab_leaves_the_request_table_for_the_filters_and_the_search(qtbot, listing):
    visited = tab_walk(qtbot, listing)
    assert listing.search in visited
    assert listing.direction_box in visited and listing.state_box in visited
    assert listing.table in visited  # and comes back round


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                  (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)])
def test_esc_and_ctrl_w_close_the_request_list(qtbot, listing, keys):
    qtbot.keyClick(listing.table, *keys)
    assert not listing.isVisible()


def test_every_prompt_button_has_a_mnemonic_and_is_reached_by_tab(qtbot, controller, core, clock):
    core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice",
                        needed_by=clock.now() + timedelta(hours=3)))
    clock.advance(minutes=45)
    window = PromptWindow(controller)
    qtbot.addWidget(window)
    window.show_prompts(core.schedule().due, [])
    window.present()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is window)
    buttons = [b for b in window.page.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    assert buttons and all("&" in b.text() for b in buttons)
    mnemonics = [b.text()[b.text().index("&") + 1].lower() for b in buttons]
    assert len(set(mnemonics)) == len(mnemonics)  # no two on one letter
    visited = tab_walk(qtbot, window, steps=len(buttons) + 4)
    assert set(buttons) <= set(visited)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_in_a_small_window_the_due_column_stays_in_view(qtbot, listing):
    from ui.request_model import DUE

    listing.resize(560, 400)
    qtbot.waitUntil(lambda: listing.width() <= 600)
    table = listing.table
    left = table.columnViewportPosition(DUE)
    assert 0 <= left and left + table.columnWidth(DUE) <= table.viewport().width()


def _open(name, controller, core, clock):
    """Each of Promptly's windows, built and shown as the app does."""
    if name == "prompts":
        core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice",
                            needed_by=clock.now() + timedelta(hours=3)))
        clock.advance(minutes=45)
        window = PromptWindow(controller)
        window.show_prompts(core.schedule().due, [])
        window.present()
        return window
    if name == "list":
        core.add(NewRequest(Direction.MADE, "Kim", "badge form"))
        window = RequestListWindow(controller)
        window.show()
        return window
    if name == "quick_add":
        from ui.quick_add import QuickAddDialog

        window = QuickAddDialog(controller)
    elif name == "summary":
        from ui.summary_window import SummaryWindow

        window = SummaryWindow(controller)
    elif name == "settings":
        from app.autostart import Autostart
        from ui.settings import SettingsDialog

        window = SettingsDialog(controller, autostart=Autostart("linux"))
        window.show()
        return window
    else:
        from ui.welcome import WelcomeWindow

        window = WelcomeWindow(controller)
    window.present()
    return window


def reachable(window) -> set:
    """What a person could reach with Tab: shown, enabled, taking focus by Tab, no proxy."""
    from PySide6.QtWidgets import QWidget

    return {w for w in window.findChildren(QWidget)
            if w.isVisibleTo(window) and w.isEnabled() and w.focusProxy() is None
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is window}


WINDOWS = ("quick_add", "list", "prompts", "summary", "settings", "welcome")


@pytest.mark.parametrize("name", WINDOWS)
@pytest.mark.parametrize("keys", [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                  (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)],
                         ids=["esc", "ctrl-w"])
def test_every_window_with_the_keyboard_alone(qtbot, controller, core, clock, name, keys):
    """Tab reaches every control of the window (and never gets stuck), then Esc or Ctrl+W closes it."""
    window = _open(name, controller, core, clock)
    qtbot.addWidget(window)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is window)
    wanted = reachable(window)
    visited = set(tab_walk(qtbot, window, steps=2 * len(wanted) + 4))
    assert wanted <= visited, sorted(type(w).__name__ + ":" + (w.accessibleName() or w.objectName())
                                     for w in wanted - visited)
    qtbot.keyClick(QApplication.focusWidget(), *keys)
    qtbot.waitUntil(lambda: not window.isVisible())
