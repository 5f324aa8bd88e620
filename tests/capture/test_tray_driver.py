"""The tray's thin driver: a flag set elsewhere reaches the GUI thread as one quiet line."""

from __future__ import annotations

import os

from app.capture.account import PASSWORD_ENV
from app.service import Promptly
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
