"""The Mail capture settings page against the real Dovecot: test, store, never the password."""

from __future__ import annotations

import json

import pytest

from app.autostart import Autostart
from tests.servers.imap import PASSWORD
from tests.ui.test_settings_dialog import autostart_home, backend  # noqa: F401 (fixtures)
from tests.ui.windows_support import controller, settings_dir  # noqa: F401 (fixtures)
from ui.settings import SettingsDialog


@pytest.fixture
def page(qtbot, controller, autostart_home, backend):
    window = SettingsDialog(controller, autostart=Autostart("linux"))
    qtbot.addWidget(window)
    window.show()
    window.show_page("capture")
    return window, window.page("capture")


def fill(page, mailbox):
    page.host.setText(mailbox.server.host)
    page.security.setCurrentIndex(page.security.findData("none"))
    page.port.setValue(mailbox.server.port)
    page.user.setText(mailbox.user)


def run_connection_test(qtbot, capture) -> bool:
    """Run the connection test, off the GUI thread, and wait for its outcome."""
    with qtbot.waitSignal(capture.tested, timeout=10_000) as outcome:
        assert capture.test_connection()
        assert not capture.test_button.isEnabled()  # while it runs, the dialog stays usable
        assert "Connecting to" in capture.note.text()
    assert capture.test_button.isEnabled()
    return outcome.args[0]


def test_test_connection_finds_the_folders_and_the_account_is_saved_without_password(
        qtbot, page, mailbox, backend, core):
    dialog, capture = page
    fill(capture, mailbox)
    capture.password.setText("wrong")
    assert not run_connection_test(qtbot, capture)
    assert "refused" in capture.note.text()

    capture.password.setText(PASSWORD)
    assert capture.store_password()
    assert run_connection_test(qtbot, capture)  # the password from the keyring now
    assert "Sent is Sent" in capture.note.text()
    assert capture.sent.findData("Sent") >= 0

    capture.domains.setText("example.com")
    capture.direct.setChecked(True)
    assert dialog.apply()
    core.reload()
    account = core.settings.capture_settings()
    assert (account.user, account.domains, account.capture_direct) == (
        mailbox.user, ("example.com",), True)
    assert PASSWORD not in json.dumps(core.settings.to_json())
    assert backend.get_password("Promptly", account.keyring_account) == PASSWORD


def test_a_refused_account_is_shown_beside_the_fields(page):
    dialog, capture = page
    capture.host.setText("imap.example.com")
    capture.user.setText("kim")
    capture.security.setCurrentIndex(capture.security.findData("none"))
    assert not dialog.apply()
    assert "clear text" in capture.field_errors["mail_capture"].text()
