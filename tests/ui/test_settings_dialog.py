"""The settings dialog: round trip to the one store, refusal in place, and its side effects
(login item, keyring, back-up, test message through a real SMTP server on 127.0.0.1)."""

from __future__ import annotations

import sqlite3
from dataclasses import fields

import keyring
import pytest
from keyring.backends import fail

from app.autostart import APP_ID, Autostart
from app.domain.model import Direction, Person
from app.mail import MailSettings
from app.domain.commands import NewRequest
from app.settings import Settings
from ui.settings.dialog import FIELD_PAGES
from tests.test_holidays import CALENDAR
from tests.test_mail import certificate, free_port, inbox, secure_inbox  # noqa: F401  (fixtures)
from tests.test_secrets import MemoryKeyring
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)
from ui import global_shortcut
from ui.settings import SettingsDialog


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
    label = dialog.page(page).error
    return label.text() if label.isVisibleTo(dialog) else ""


def test_the_pages_show_the_stored_settings(dialog, core):
    assert dialog.hours.edits["mon"].text() == "09:00–17:00"
    assert dialog.hours.edits["sat"].text() == ""
    assert dialog.prompts.spins["escalate_after"].value() == 120
    assert dialog.general.direction_box.currentData() == "received"
    assert dialog.general.zone_box.currentData() == "UTC"
    assert not dialog.general.autostart_check.isChecked()


def test_ok_saves_every_page_as_one_new_settings(qtbot, dialog, core):
    dialog.hours.edits["mon"].setText("8:00-12:00, 13:00–16:30")
    dialog.hours.edits["fri"].clear()
    dialog.prompts.spins["nudge_after"].setValue(45)
    dialog.general.direction_box.setCurrentIndex(dialog.general.direction_box.findData("made"))
    dialog.general.style_box.setCurrentIndex(dialog.general.style_box.findData("window"))
    dialog.general.digest_check.setChecked(False)
    dialog.general.shortcut_edit.setKeySequence("Ctrl+Shift+K")
    dialog.mail.host.setText("smtp.example.org")
    dialog.mail.from_address.setText("kim@example.org")
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
    dialog.prompts.spins["nudge_after"].setValue(30)  # a valid change on another page
    dialog.hours.edits["tue"].setText("17:00–09:00")
    dialog.show_page("prompts")

    dialog.accept()

    assert dialog.isVisible()
    assert dialog.current_page() is dialog.page("hours")
    assert dialog.hours.day_errors["tue"].text() == "09:00 is not after 17:00: the hours end before they start."
    assert "Correct the working hours" in visible_error(dialog, "hours")
    assert stored(core) == before


def test_every_setting_is_collected_by_the_one_page_that_shows_it(dialog):
    owned = [name for names in FIELD_PAGES.values() for name in names]
    assert sorted(owned) == sorted(f.name for f in fields(Settings))
    for key, names in FIELD_PAGES.items():
        assert set(dialog.page(key).collect()) == set(names), key


def test_an_unknown_time_zone_is_refused_beside_the_zone_box(dialog, core):
    before = stored(core)
    dialog.show_page("mail")
    dialog.general.zone_box.setEditText("Mars/Olympus")

    assert not dialog.apply()

    assert dialog.current_page() is dialog.general
    beside = dialog.general.field_errors["timezone"]
    assert beside.isVisibleTo(dialog) and "unknown time zone 'Mars/Olympus'" in beside.text()
    assert visible_error(dialog, "general") == ""
    assert stored(core) == before


def test_overlapping_hours_refused_by_the_core_are_shown_on_the_hours_page(dialog):
    dialog.show_page("general")
    dialog.hours.edits["mon"].setText("08:00–12:00, 11:00–17:00")

    assert not dialog.apply()

    assert dialog.current_page() is dialog.hours
    assert visible_error(dialog, "hours") == "working hours on Mon overlap"


def test_your_name_signs_drafts_and_is_saved_on_the_messages_page(dialog, core):
    assert dialog.messages.your_name.text() == ""
    dialog.messages.your_name.setText("  Kim   Novak ")
    assert dialog.apply()
    assert stored(core).your_name == "Kim Novak"


def test_unreadable_hours_say_how_to_write_them(dialog):
    dialog.hours.edits["wed"].setText("nine to five")
    assert not dialog.apply()
    assert dialog.hours.day_errors["wed"].text() == "Write hours like 09:00–17:00."


def test_an_escalation_before_the_nudge_is_refused_on_the_prompts_page(dialog, core):
    before = stored(core)
    dialog.prompts.spins["escalate_after"].setValue(30)

    assert not dialog.apply()

    assert dialog.current_page() is dialog.page("prompts")
    assert "escalation must come after the nudge" in visible_error(dialog, "prompts")
    assert stored(core) == before


def test_a_bad_from_address_is_refused_on_the_mail_page(dialog, core):
    dialog.mail.host.setText("smtp.example.org")
    dialog.mail.from_address.setText("kim at example")

    assert not dialog.apply()

    assert dialog.current_page() is dialog.page("mail")
    assert "'kim at example' is not an e-mail address" in visible_error(dialog, "mail")
    assert stored(core).mail == {}


def test_a_fixed_error_clears_and_saves(dialog, core):
    dialog.hours.edits["tue"].setText("17:00–09:00")
    assert not dialog.apply()
    dialog.hours.edits["tue"].setText("09:00–17:00")
    assert dialog.apply()
    assert visible_error(dialog, "hours") == ""
    assert dialog.hours.day_errors["tue"].text() == ""


def test_autostart_writes_and_removes_the_login_item(dialog, core, autostart_home):
    dialog.general.autostart_check.setChecked(True)
    assert dialog.apply()
    assert autostart_home.exists() and stored(core).autostart
    assert "Exec=" in autostart_home.read_text()

    dialog.general.autostart_check.setChecked(False)
    assert dialog.apply()
    assert not autostart_home.exists() and not stored(core).autostart


def test_an_ics_calendar_adds_holidays_saved_with_the_settings(dialog, core, tmp_path):
    path = tmp_path / "feiertage.ics"
    path.write_text(CALENDAR)

    added = dialog.hours.import_holidays(str(path))

    assert added == 6  # 1 May 2026, 2028, 2029 (2027 excluded; 3 years ahead), 3 Nov, 25 and 26 Dec
    assert dialog.hours.holiday_note.text() == "6 new day(s) added from the calendar."
    assert dialog.hours.import_holidays(str(path)) == 0  # nothing twice
    assert dialog.apply()
    assert stored(core).holidays == (
        "2026-05-01", "2026-11-03", "2026-12-25", "2026-12-26", "2028-05-01", "2029-05-01")


def test_a_broken_calendar_file_is_explained_and_adds_nothing(dialog, tmp_path):
    path = tmp_path / "notes.ics"
    path.write_text("hello")
    assert dialog.hours.import_holidays(str(path)) == 0
    assert "not an iCalendar" in dialog.hours.holiday_note.text()
    assert dialog.hours.holidays() == []


def test_a_holiday_added_by_hand_and_removed_again(dialog, core):
    from datetime import date

    dialog.hours.add_holidays([date(2026, 12, 31)])
    dialog.hours.add_holidays([date(2026, 12, 24)])
    assert dialog.hours.holidays() == ["2026-12-24", "2026-12-31"]
    dialog.hours.holiday_list.item(0).setSelected(True)
    dialog.hours.remove_selected_holidays()
    assert dialog.apply()
    assert stored(core).holidays == ("2026-12-31",)


def test_people_get_addresses_and_an_escalation_contact(dialog, core):
    lee = core.save_person(Person("Lee Park", "lee@example.org"))
    dialog.people.reload()
    dialog.people.name.setText("Dana Weiß")
    dialog.people.email.setText("dana@example.org")
    dialog.people.contact.setCurrentIndex(dialog.people.contact.findData(lee.id))

    saved = dialog.people.save()

    assert Person("Dana Weiß", "dana@example.org", lee.id, saved.id) in core.people()
    assert dialog.people.note.text() == "Saved Dana Weiß."
    row = [p.name for p in dialog.people.listed].index("Dana Weiß")
    assert dialog.people.table.item(row, 2).text() == "Lee Park"


def test_saving_a_person_twice_keeps_the_escalation_contact(dialog, core):
    kim = core.save_person(Person("Kim Lee"))
    dana = core.save_person(Person("Dana Weiß", None, kim.id))
    dialog.people.reload()
    row = [p.name for p in dialog.people.listed].index("Dana Weiß")
    dialog.people.table.selectRow(row)
    dialog.people.email.setText("dana@example.org")

    dialog.people.save()
    assert dialog.people.contact.currentData() == kim.id  # the form still shows Kim
    dialog.people.save()

    assert core.person(dana.id).escalation_contact_id == kim.id


def test_a_bad_address_or_a_duplicate_name_is_refused_in_place(dialog, core):
    core.save_person(Person("Sam Jones"))
    dialog.people.reload()
    dialog.people.name.setText("Kim")
    dialog.people.email.setText("kim@")
    assert dialog.people.save() is None
    assert "is not an e-mail address" in dialog.people.note.text()

    dialog.people.name.setText("sam  jones")
    dialog.people.email.clear()
    assert dialog.people.save() is None
    assert dialog.people.note.text() == "there is already a person called sam jones"
    assert [p.name for p in core.people()] == ["Sam Jones"]


def test_a_template_edit_shows_in_the_preview_and_is_saved_as_an_override(dialog, core):
    dialog.messages.kind.setCurrentIndex(dialog.messages.kind.findData("escalate"))
    assert "Cc: Dana Example <dana@example.org>" in dialog.messages.preview.toPlainText()

    dialog.messages.edit.setPlainText("Subject: Bitte um Hilfe: $title\nHallo $escalation_first_name,\n")

    preview = dialog.messages.preview.toPlainText()
    assert "To: Lee Example <lee@example.org>" in preview
    assert "Subject: Bitte um Hilfe: the March invoice for the Berlin office" in preview
    assert "Hallo Lee," in preview
    assert dialog.apply()
    assert stored(core).templates == {
        "escalate": "Subject: Bitte um Hilfe: $title\nHallo $escalation_first_name,\n"}

    dialog.messages.reset()
    assert dialog.apply()
    assert stored(core).templates == {}


def test_back_up_now_writes_a_consistent_copy(dialog, core, db_path):
    core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))

    target = dialog.data.back_up()

    assert target.parent == db_path.parent / "backups"
    assert target.name == "promptly-2026-11-23_090000.db"
    assert str(target) in dialog.data.note.text()
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT title FROM requests").fetchall() == [("repair invoice",)]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_password_goes_to_the_keyring_and_nowhere_else(dialog, core, backend, db_path):
    dialog.mail.host.setText("smtp.example.org")
    dialog.mail.user.setText("kim")
    dialog.mail.from_address.setText("kim@example.org")
    dialog.mail.password.setText("Pässwort-7431")

    assert dialog.mail.store_password()
    assert dialog.apply()

    assert backend.entries == {("Promptly", "smtp:kim@smtp.example.org:587"): "Pässwort-7431"}
    assert dialog.mail.password.text() == ""
    assert "Pässwort" not in repr(stored(core).to_json())
    for path in db_path.parent.glob("promptly.db*"):
        assert "Pässwort-7431".encode() not in path.read_bytes()


def test_without_a_keyring_the_dialog_says_so_and_offers_no_storing(qtbot, controller, autostart_home):
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        window = SettingsDialog(controller, autostart=Autostart("linux"))
        qtbot.addWidget(window)
        assert window.mail.keyring_label.text().startswith("No system keyring is available")
        assert "asks for it each time" in window.mail.keyring_label.text()
        assert not window.mail.password_buttons[0].isEnabled()
        assert window.mail.password.isEnabled()  # typed for a test message, never saved
    finally:
        keyring.set_keyring(before)


def test_a_test_message_reaches_the_server(qtbot, dialog, core, inbox):
    dialog.mail.host.setText("127.0.0.1")
    dialog.mail.port.setValue(inbox.port)
    dialog.mail.security.setCurrentIndex(dialog.mail.security.findData("none"))
    dialog.mail.from_address.setText("kim@example.org")

    job = dialog.mail.send_test_message()

    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        pass
    assert done.args == [True, ""]
    assert dialog.mail.note.text() == "Test message sent to kim@example.org."
    assert inbox.envelopes[-1].rcpt_tos == ["kim@example.org"]
    assert inbox.message()["Subject"] == "Promptly test message"


def test_a_test_message_logs_in_with_the_typed_password(qtbot, dialog, secure_inbox):
    dialog.mail.host.setText("127.0.0.1")
    dialog.mail.port.setValue(secure_inbox.port)
    dialog.mail.user.setText("kim")
    dialog.mail.from_address.setText("kim@example.org")
    dialog.mail.password.setText("s3cret ü")

    job = dialog.mail.send_test_message()

    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert dialog.mail.note.text() == "Test message sent to kim@example.org."
    assert len(secure_inbox.envelopes) == 1


def test_a_failed_test_message_says_what_happened(qtbot, dialog):
    dialog.mail.host.setText("127.0.0.1")
    dialog.mail.port.setValue(free_port())
    dialog.mail.security.setCurrentIndex(dialog.mail.security.findData("none"))
    dialog.mail.from_address.setText("kim@example.org")

    job = dialog.mail.send_test_message()

    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert dialog.mail.note.text().startswith("The mail server cannot be reached.\ncannot reach the mail server 127.0.0.1:")
    assert dialog.mail.test_button.isEnabled()


def test_mail_not_set_up_is_said_before_anything_is_sent(dialog):
    assert dialog.mail.send_test_message() is None
    assert dialog.mail.note.text() == "Enter the SMTP server and the from address first."


def test_stored_settings_load_into_the_mail_page(qtbot, controller, core, autostart_home, backend):
    core.save_settings(Settings(timezone="UTC", mail={"host": "smtp.example.org", "port": 465, "security": "ssl",
                                                      "user": "kim", "from_address": "kim@example.org"}))
    window = SettingsDialog(controller, autostart=Autostart("linux"))
    qtbot.addWidget(window)
    assert (window.mail.host.text(), window.mail.port.value(), window.mail.security.currentData()) == \
        ("smtp.example.org", 465, "ssl")
    assert window.mail.keyring_label.text() == "Passwords are kept in the system keyring."


def test_the_shortcut_setting_says_how_to_bind_quick_add_in_the_desktop(dialog):
    note = dialog.general.shortcut_note.text()  # no key grabbed in this test
    assert "“promptly quick-add”" in note
    unsupported = dialog.general.shortcut_text(global_shortcut.UNSUPPORTED)
    assert "X11 does" in unsupported and "“promptly quick-add”" in unsupported


def test_the_shortcut_setting_says_whether_the_key_works(dialog):
    page = dialog.general
    assert "from any program" in page.shortcut_text(global_shortcut.GRABBED)
    taken = page.shortcut_text(global_shortcut.TAKEN)
    assert "Another program already uses this key" in taken and "“promptly quick-add”" in taken
