"""Screenshots of every settings page for the README (not a test): run under Xvfb with xcb,

    Xvfb :79 &  DISPLAY=:79 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui.settings_screenshots resources/screenshots

A throw-away database with invented people; the keyring is whatever the session offers.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timezone

from PySide6.QtWidgets import QApplication

from app.domain.model import Person
from app.mail import MailSettings
from app.service import Promptly
from app.settings import Settings
from app.team.server import Member
from tests.conftest import FakeClock
from ui import i18n
from ui.controller import Controller
from ui.settings import SettingsDialog


def main(out: str) -> int:
    app = QApplication(sys.argv[:1])
    i18n.install(app)
    core = Promptly.open(tempfile.mkdtemp() + "/promptly.db",
                         FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)))
    mail = MailSettings(host="smtp.example.org", user="kim", from_address="kim@example.org",
                        from_name="Kim Novak").to_dict()
    hours = {day: [["09:00", "17:00"]] for day in ("mon", "tue", "thu")}
    hours.update(wed=[["08:00", "12:00"], ["13:00", "17:00"]], fri=[["09:00", "15:00"]])
    capture = dict(host="imap.example.com", port=993, security="ssl", user="kim.baker@example.com",
                   domains=["example.com"], capture_direct=True)
    core.save_settings(Settings(timezone="Europe/Berlin", working_hours=hours, mail=mail, your_name="Kim Novak",
                                mail_capture=capture,
                                holidays=("2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31")))
    lee = core.save_person(Person("Lee Park", "lee@example.org"))
    core.save_person(Person("Dana Weiß", "dana@example.org", lee.id))
    core.save_person(Person("Sam Jones", "sam@example.org", lee.id))
    core.save_person(Person("Kim Novak", "kim@example.org"))
    from ui.global_shortcut import GlobalShortcut

    shortcut = GlobalShortcut()  # grabbed for real on the X display: the page says it works
    shortcut.register(core.settings.global_shortcut)
    dialog = SettingsDialog(Controller(core))
    dialog.show()
    dialog.messages.kind.setCurrentIndex(dialog.messages.kind.findData("nudge"))
    dialog.people.table.selectRow(0)
    dialog.data.back_up()  # the Data page then shows where the copy went
    dialog.team.address.setText("db.example.org:5432/promptly")
    dialog.team.login.setText("kim")
    dialog.team.password.setText("not-a-real-one")
    # a connection test's answer, as the worker thread hands the server's members back
    dialog.team._tested(dialog.team.url(), [Member(login, name, None, None) for login, name in (
        ("dana", "Dana Weiß"), ("kim", "Kim Novak"), ("lee", "Lee Park"), ("sam", "Sam Jones"))], None)
    for page in dialog.all_pages():
        dialog.show_page(page.key)
        app.processEvents()
        name = "mail-capture" if page.key == "capture" else page.key
        dialog.grab().save(f"{out}/settings-{name}.png")
    dialog.hours.edits["thu"].setText("17:00–09:00")
    dialog.apply()
    app.processEvents()
    dialog.grab().save(f"{out}/settings-hours-refused.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots"))
