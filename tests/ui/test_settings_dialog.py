"""The settings dialog: round trip to the one store, refusal in place, and its side effects
(login item, keyring, back-up, test message through a real SMTP server on 127.0.0.1)."""

from __future__ import annotations

import sqlite3

import keyring
import pytest
from keyring.backends import fail

from app.autostart import APP_ID, Autostart
from app.domain.model import Direction, Person
from app.mail import MailSettings
from app.domain.commands import NewRequest
from app.settings import Settings
from tests.test_holidays import CALENDAR
from tests.test_mail import certificate, free_port, inbox, secure_inbox  # noqa: F401  (fixtures)
from tests.test_secrets import MemoryKeyring
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def autostart_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "autostart" / f"{APP_ID}.desktop"


@pytest.fixture
def backend():
    """A working keyring for the dialog (the real Secret Service is in tests/desktop)."""
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def dialog(qtbot, controller, autostart_home, backend):
    window = SettingsDialog(controller, autostart=Autostart("linux"))
    qtbot.addWidget(window)
    window.show()
    return window


def stored(core) -> Settings:
    """The settings as saved, not as the running core holds them."""
    core.reload()
    return core.settings


def visible_error(dialog, page: str) -> str:
    label = dialog.page_errors[page]
    return label.text() if label.isVisibleTo(dialog) else ""


def test_the_pages_show_the_stored_settings(dialog, core):
    assert dialog.hour_edits["mon"].text() == "09:00–17:00"
    assert dialog.hour_edits["sat"].text() == ""
    assert dialog.ladder_spins["escalate_after"].value() == 120
    assert dialog.direction_box.currentData() == "received"
    assert dialog.zone_box.currentData() == "UTC"
    assert not dialog.autostart_check.isChecked()


def test_ok_saves_every_page_as_one_new_settings(qtbot, dialog, core):
    dialog.hour_edits["mon"].setText("8:00-12:00, 13:00–16:30")
    dialog.hour_edits["fri"].clear()
    dialog.ladder_spins["nudge_after"].setValue(45)
    dialog.direction_box.setCurrentIndex(dialog.direction_box.findData("made"))
    dialog.style_box.setCurrentIndex(dialog.style_box.findData("window"))
    dialog.digest_check.setChecked(False)
    dialog.shortcut_edit.setKeySequence("Ctrl+Shift+K")
    dialog.mail_host.setText("smtp.example.org")
    dialog.mail_from.setText("kim@example.org")
    saved = []
    dialog.controller.changed.connect(lambda: saved.append(True))

    dialog.accept()

    assert not dialog.isVisible() and saved
    running = core.settings
    saved_settings = stored(core)
    assert saved_settings.working_hours["mon"] == [["08:00", "12:00"], ["13:00", "16:30"]]
    assert "fri" not in saved_settings.working_hours
    assert saved_settings.ladder.nudge_after == 45 and saved_settings.ladder.escalate_after == 120
    assert saved_settings.default_direction is Direction.MADE
    assert saved_settings.notification_style == "window"
    assert not saved_settings.end_of_day_digest
    assert saved_settings.global_shortcut == "Ctrl+Shift+K"
    assert saved_settings.mail_settings() == MailSettings(host="smtp.example.org", from_address="kim@example.org")
    assert running == saved_settings  # the running core uses them at once


def test_hours_that_end_before_they_start_are_refused_in_place_and_nothing_is_saved(dialog, core):
    before = stored(core)
    dialog.ladder_spins["nudge_after"].setValue(30)  # a valid change on another page
    dialog.hour_edits["tue"].setText("17:00–09:00")
    dialog.show_page("prompts")

    dialog.accept()

    assert dialog.isVisible()
    assert dialog.pages.currentIndex() == dialog.page_index["hours"]
    assert dialog.hour_errors["tue"].text() == "09:00 is not after 17:00: the hours end before they start."
    assert "Correct the working hours" in visible_error(dialog, "hours")
    assert stored(core) == before


def test_unreadable_hours_say_how_to_write_them(dialog):
    dialog.hour_edits["wed"].setText("nine to five")
    assert not dialog.apply()
    assert dialog.hour_errors["wed"].text() == "Write hours like 09:00–17:00."


def test_an_escalation_before_the_nudge_is_refused_on_the_prompts_page(dialog, core):
    before = stored(core)
    dialog.ladder_spins["escalate_after"].setValue(30)

    assert not dialog.apply()

    assert dialog.pages.currentIndex() == dialog.page_index["prompts"]
    assert "escalation must come after the nudge" in visible_error(dialog, "prompts")
    assert stored(core) == before


def test_a_bad_from_address_is_refused_on_the_mail_page(dialog, core):
    dialog.mail_host.setText("smtp.example.org")
    dialog.mail_from.setText("kim at example")

    assert not dialog.apply()

    assert dialog.pages.currentIndex() == dialog.page_index["mail"]
    assert "'kim at example' is not an e-mail address" in visible_error(dialog, "mail")
    assert stored(core).mail == {}


def test_a_fixed_error_clears_and_saves(dialog, core):
    dialog.hour_edits["tue"].setText("17:00–09:00")
    assert not dialog.apply()
    dialog.hour_edits["tue"].setText("09:00–17:00")
    assert dialog.apply()
    assert visible_error(dialog, "hours") == ""
    assert dialog.hour_errors["tue"].text() == ""


def test_autostart_writes_and_removes_the_login_item(dialog, core, autostart_home):
    dialog.autostart_check.setChecked(True)
    assert dialog.apply()
    assert autostart_home.exists() and stored(core).autostart
    assert "Exec=" in autostart_home.read_text()

    dialog.autostart_check.setChecked(False)
    assert dialog.apply()
    assert not autostart_home.exists() and not stored(core).autostart


def test_an_ics_calendar_adds_holidays_saved_with_the_settings(dialog, core, tmp_path):
    path = tmp_path / "feiertage.ics"
    path.write_text(CALENDAR)

    added = dialog.import_holidays(str(path))

    assert added == 6  # 1 May 2026, 2028, 2029 (2027 excluded; 3 years ahead), 3 Nov, 25 and 26 Dec
    assert dialog.holiday_note.text() == "6 new day(s) added from the calendar."
    assert dialog.import_holidays(str(path)) == 0  # nothing twice
    assert dialog.apply()
    assert stored(core).holidays == (
        "2026-05-01", "2026-11-03", "2026-12-25", "2026-12-26", "2028-05-01", "2029-05-01")


def test_a_broken_calendar_file_is_explained_and_adds_nothing(dialog, tmp_path):
    path = tmp_path / "notes.ics"
    path.write_text("hello")
    assert dialog.import_holidays(str(path)) == 0
    assert "not an iCalendar" in dialog.holiday_note.text()
    assert dialog.holidays() == []


def test_a_holiday_added_by_hand_and_removed_again(dialog, core):
    from datetime import date

    dialog.add_holidays([date(2026, 12, 31)])
    dialog.add_holidays([date(2026, 12, 24)])
    assert dialog.holidays() == ["2026-12-24", "2026-12-31"]
    dialog.holiday_list.item(0).setSelected(True)
    dialog.remove_selected_holidays()
    assert dialog.apply()
    assert stored(core).holidays == ("2026-12-31",)


def test_people_get_addresses_and_an_escalation_contact(dialog, core):
    lee = core.save_person(Person("Lee Park", "lee@example.org"))
    dialog.reload_people()
    dialog.person_name.setText("Dana Weiß")
    dialog.person_email.setText("dana@example.org")
    dialog.person_contact.setCurrentIndex(dialog.person_contact.findData(lee.id))

    saved = dialog.save_person()

    assert Person("Dana Weiß", "dana@example.org", lee.id, saved.id) in core.people()
    assert dialog.person_note.text() == "Saved Dana Weiß."
    row = [p.name for p in dialog.people].index("Dana Weiß")
    assert dialog.people_table.item(row, 2).text() == "Lee Park"


def test_a_bad_address_or_a_duplicate_name_is_refused_in_place(dialog, core):
    core.save_person(Person("Sam Jones"))
    dialog.reload_people()
    dialog.person_name.setText("Kim")
    dialog.person_email.setText("kim@")
    assert dialog.save_person() is None
    assert "is not an e-mail address" in dialog.person_note.text()

    dialog.person_name.setText("sam  jones")
    dialog.person_email.clear()
    assert dialog.save_person() is None
    assert dialog.person_note.text() == "there is already a person called sam jones"
    assert [p.name for p in core.people()] == ["Sam Jones"]


def test_a_template_edit_shows_in_the_preview_and_is_saved_as_an_override(dialog, core):
    dialog.template_kind.setCurrentIndex(dialog.template_kind.findData("escalate"))
    assert "Cc: Dana Example <dana@example.org>" in dialog.template_preview.toPlainText()

    dialog.template_edit.setPlainText("Subject: Bitte um Hilfe: $title\nHallo $escalation_first_name,\n")

    preview = dialog.template_preview.toPlainText()
    assert "To: Lee Example <lee@example.org>" in preview
    assert "Subject: Bitte um Hilfe: the March invoice for the Berlin office" in preview
    assert "Hallo Lee," in preview
    assert dialog.apply()
    assert stored(core).templates == {
        "escalate": "Subject: Bitte um Hilfe: $title\nHallo $escalation_first_name,\n"}

    dialog.reset_template()
    assert dialog.apply()
    assert stored(core).templates == {}


def test_back_up_now_writes_a_consistent_copy(dialog, core, db_path):
    core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))

    target = dialog.back_up()

    assert target.parent == db_path.parent / "backups"
    assert target.name == "promptly-2026-11-23_090000.db"
    assert str(target) in dialog.backup_note.text()
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT title FROM requests").fetchall() == [("repair invoice",)]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_password_goes_to_the_keyring_and_nowhere_else(dialog, core, backend, db_path):
    dialog.mail_host.setText("smtp.example.org")
    dialog.mail_user.setText("kim")
    dialog.mail_from.setText("kim@example.org")
    dialog.mail_password.setText("Pässwort-7431")

    assert dialog.store_password()
    assert dialog.apply()

    assert backend.entries == {("Promptly", "smtp:kim@smtp.example.org:587"): "Pässwort-7431"}
    assert dialog.mail_password.text() == ""
    assert "Pässwort" not in repr(stored(core).to_json())
    for path in db_path.parent.glob("promptly.db*"):
        assert "Pässwort-7431".encode() not in path.read_bytes()


def test_without_a_keyring_the_dialog_says_so_and_offers_no_storing(qtbot, controller, autostart_home):
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        window = SettingsDialog(controller, autostart=Autostart("linux"))
        qtbot.addWidget(window)
        assert window.keyring_label.text().startswith("No system keyring is available")
        assert "asks for it each time" in window.keyring_label.text()
        assert not window.password_buttons[0].isEnabled()
        assert window.mail_password.isEnabled()  # typed for a test message, never saved
    finally:
        keyring.set_keyring(before)


def test_a_test_message_reaches_the_server(qtbot, dialog, core, inbox):
    dialog.mail_host.setText("127.0.0.1")
    dialog.mail_port.setValue(inbox.port)
    dialog.mail_security.setCurrentIndex(dialog.mail_security.findData("none"))
    dialog.mail_from.setText("kim@example.org")

    job = dialog.send_test_message()

    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        pass
    assert done.args == [True, ""]
    assert dialog.mail_note.text() == "Test message sent to kim@example.org."
    assert inbox.envelopes[-1].rcpt_tos == ["kim@example.org"]
    assert inbox.message()["Subject"] == "Promptly test message"


def test_a_test_message_logs_in_with_the_typed_password(qtbot, dialog, secure_inbox):
    dialog.mail_host.setText("127.0.0.1")
    dialog.mail_port.setValue(secure_inbox.port)
    dialog.mail_user.setText("kim")
    dialog.mail_from.setText("kim@example.org")
    dialog.mail_password.setText("s3cret ü")

    job = dialog.send_test_message()

    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert dialog.mail_note.text() == "Test message sent to kim@example.org."
    assert len(secure_inbox.envelopes) == 1


def test_a_failed_test_message_says_what_happened(qtbot, dialog):
    dialog.mail_host.setText("127.0.0.1")
    dialog.mail_port.setValue(free_port())
    dialog.mail_security.setCurrentIndex(dialog.mail_security.findData("none"))
    dialog.mail_from.setText("kim@example.org")

    job = dialog.send_test_message()

    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert dialog.mail_note.text().startswith("The mail server cannot be reached.\ncannot reach the mail server 127.0.0.1:")
    assert dialog.test_button.isEnabled()


def test_mail_not_set_up_is_said_before_anything_is_sent(dialog):
    assert dialog.send_test_message() is None
    assert dialog.mail_note.text() == "Enter the SMTP server and the from address first."


def test_stored_settings_load_into_the_mail_page(qtbot, controller, core, autostart_home, backend):
    core.save_settings(Settings(timezone="UTC", mail={"host": "smtp.example.org", "port": 465, "security": "ssl",
                                                      "user": "kim", "from_address": "kim@example.org"}))
    window = SettingsDialog(controller, autostart=Autostart("linux"))
    qtbot.addWidget(window)
    assert (window.mail_host.text(), window.mail_port.value(), window.mail_security.currentData()) == \
        ("smtp.example.org", 465, "ssl")
    assert window.keyring_label.text() == "Passwords are kept in the system keyring."
