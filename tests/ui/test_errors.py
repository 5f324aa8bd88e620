"""A person's mistake is shown as its message; a bug is logged with its traceback and shown as a
friendly pointer to the log, from an action, a slot nobody guarded, or another thread."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.domain.commands import NewRequest
from app.domain.model import Direction, Status
from ui import errors
from ui.request_list import RequestListWindow
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)


@pytest.fixture
def hooks():
    """ui.errors.install() for one test; Python's own hooks come back afterwards."""
    before = sys.excepthook, threading.excepthook
    errors.install()
    yield errors.reporter()
    sys.excepthook, threading.excepthook = before
    if errors.reporter().dialog is not None:
        errors.reporter().dialog.hide()


def friendly(log_folder) -> str:
    return f"Something went wrong. The details are in {log_folder / 'promptly.log'}."


def logged(log_folder) -> str:
    return (log_folder / "promptly.log").read_text(encoding="utf-8")


def test_a_bug_behind_an_action_is_logged_and_shown_without_its_traceback(
        qtbot, controller, core, monkeypatch, log_folder):
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))
    window = RequestListWindow(controller)
    qtbot.addWidget(window)
    window.show()
    window.table.selectRow(0)

    def broken(_request_id):
        raise ValueError("the done rule divided by zero")  # a bare ValueError is a bug now

    monkeypatch.setattr(core, "done", broken)
    window.done_action.trigger()

    dialog = errors.reporter().dialog
    assert dialog.isVisible()
    assert dialog.text() == friendly(log_folder)
    assert "Traceback" not in dialog.text() and "divided" not in dialog.text()
    assert "Traceback (most recent call last)" in logged(log_folder)
    assert "ValueError: the done rule divided by zero" in logged(log_folder)
    assert controller.errors == []  # not passed off as the person's mistake
    assert core.get(request.id).status is Status.OPEN
    dialog.hide()


def test_a_mistake_is_shown_as_its_message_and_logs_no_traceback(controller, core, log_folder):
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))
    assert controller.attempt(core.done, request.id).ok

    outcome = controller.attempt(core.done, request.id)

    assert not outcome.ok and outcome.value is None
    assert outcome.message == f"request #{request.id} is already done"
    assert controller.errors == [outcome.message]
    assert not (log_folder / "promptly.log").exists() or "Traceback" not in logged(log_folder)


def test_an_attempt_that_works_gives_its_value(controller, core):
    outcome = controller.attempt(core.add, NewRequest(Direction.MADE, "Sam", "review contract"))
    assert outcome.ok and outcome.value.title == "review contract" and outcome.message == ""


@pytest.mark.qt_no_exception_capture  # the test is about what our hook does with it
def test_a_bug_in_an_unguarded_slot_reaches_the_excepthook(qtbot, hooks, log_folder):
    button = QPushButton("Export")
    qtbot.addWidget(button)

    def export() -> None:
        raise KeyError("format")

    button.clicked.connect(export)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: hooks.dialog is not None and hooks.dialog.isVisible())
    assert hooks.dialog.text() == friendly(log_folder)
    assert "KeyError: 'format'" in logged(log_folder)
    assert "in export" in logged(log_folder)  # the traceback names where it happened


def test_a_bug_in_another_thread_is_shown_on_the_gui_thread(qtbot, hooks, log_folder):
    def work() -> None:
        raise RuntimeError("the mail thread lost its socket")

    worker = threading.Thread(target=work, name="promptly-test")
    worker.start()
    worker.join()

    qtbot.waitUntil(lambda: hooks.dialog is not None and hooks.dialog.isVisible())
    assert hooks.dialog.text() == friendly(log_folder)
    assert "RuntimeError: the mail thread lost its socket" in logged(log_folder)
