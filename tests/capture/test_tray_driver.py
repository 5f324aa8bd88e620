"""The tray's thin driver: a flag set elsewhere reaches the GUI thread as one quiet line."""

from __future__ import annotations

import os

from app.capture.account import PASSWORD_ENV
from app.service import Promptly
from tests.ui.windows_support import controller, settings_dir  # noqa: F401 (fixtures)
from ui.mail_capture import MailCaptureDriver, capture_text


def test_a_flagged_mail_is_announced_on_the_gui_thread(qtbot, mailbox, berlin_core, db_path,
                                                      monkeypatch):
    monkeypatch.setitem(os.environ, PASSWORD_ENV, mailbox.password)
    berlin_core.save_settings(berlin_core.settings.with_changes(
        mail_capture=mailbox.settings().to_dict()))
    mailbox.put("01-dana-invoice")
    driver = MailCaptureDriver(berlin_core, lambda: Promptly.open(str(db_path), berlin_core.clock),
                               secrets=None)
    lines: list[str] = []
    driver.captured.connect(lines.append)
    assert driver.start()
    try:
        qtbot.wait(1500)  # the first pass, at connection, finds nothing flagged
        assert lines == []
        with qtbot.waitSignal(driver.captured, timeout=8000):
            mailbox.flag("01-dana-invoice")
        assert lines == [capture_text("Dana Holm", "Repair invoice")]
        assert lines[0] == "Captured from mail: Dana Holm · Repair invoice"
        driver.follow_settings()  # nothing changed: the same watchers go on
        assert driver.watch is not None
    finally:
        driver.stop()
    assert driver.watch is None


def test_without_an_account_nothing_is_watched(qtbot, berlin_core):
    driver = MailCaptureDriver(berlin_core, lambda: None, secrets=None)
    assert driver.start() is False and driver.watch is None


def test_the_detail_pane_says_from_mail_and_offers_the_message(qtbot, controller, core, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from app.domain.commands import NewRequest
    from app.domain.model import Direction
    from ui.request_list import RequestListWindow

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    core.add(NewRequest(Direction.RECEIVED, "Dana Holm", "Repair invoice", channel="mail",
                        link="<01-dana-invoice@mail.example.com>", counterpart_email="dana.holm@example.com"))
    core.add(NewRequest(Direction.RECEIVED, "Sam Lee", "Badge form"))
    window = RequestListWindow(controller)
    qtbot.addWidget(window)
    window.show()
    for row in range(window.model.rowCount()):
        window.table.selectRow(row)
        if "From mail" in window.detail_facts.text():
            break
    assert "From mail: <01-dana-invoice@mail.example.com>" in window.detail_facts.text()
    assert window.open_mail_button.isVisibleTo(window)
    assert window.open_in_mail_client()
    assert opened and opened[0].startswith(("mid:01-dana-invoice@mail.example.com",
                                            "message:"))
    window.table.selectRow(1 - window.table.currentIndex().row())
    assert "From mail" not in window.detail_facts.text()
    assert not window.open_mail_button.isVisibleTo(window)
