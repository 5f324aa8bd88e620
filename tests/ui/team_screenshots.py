"""Regenerate the README screenshots of team mode (a tool, not a test).

    Xvfb :77 -screen 0 1600x1000x24 &
    DISPLAY=:77 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui.team_screenshots [OUT_DIR]

Saves settings-team-join.png (Settings → Team after a connection test: what joining would
share), team-join.png (Join's question), escalation.png (the "Escalated to me" prompt),
tray-escalated.png (the tray menu's section) and settings-turnaround.png (Kim's times and her
department's, which she may publish as Dana's and Ravi's supervisor). The members are given as
the server would answer, and the team bookkeeping is written as a sync leaves it, so no server
is needed.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import ui  # noqa: F401  (the PySide6 guard runs first)
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.service import Promptly
from app.settings import Settings
from tests.conftest import FakeClock
from tests.ui.screenshots import NOW, populate


def _event(at, author, kind, **data) -> dict:
    return {"at": at.isoformat(), "author": author, "kind": kind, "data": data}


MEMBERS = (("kim", "Kim", None), ("dana", "Dana", "kim"), ("ravi", "Ravi", "kim"), ("sam", "Sam", None))


def team_state() -> dict:
    asked = NOW - timedelta(days=1, hours=2)
    return {
        "server": "db.example.org:5432/promptly", "url": "postgresql://kim@db.example.org/promptly",
        "member": "kim", "origin": "0" * 32, "last_seq": 41, "pushed_upto": 0, "shared": {},
        "last_sync": NOW.isoformat(),
        "turnarounds": [{"login": login, "department": department, "tag": tag, "hours": hours}
                        for login, department, tag, hours in (
                            ("kim", None, None, 4), ("kim", None, "audit", 16),
                            (None, "Billing", None, 16), (None, "Billing", "billing", 48),
                            (None, "Billing", "credit-note", 8))],
        "members": [{"login": login, "name": name, "active": True, "supervisor": boss,
                     "email": None, "department": "Billing"}
                    for login, name, boss in MEMBERS],
        "escalated": {
            "a" * 32: {
                "requester": "sam", "asked": "dana", "title": "Credit note for order 4711",
                "asked_at": asked.isoformat(), "needed_by": (NOW + timedelta(hours=3)).isoformat(),
                "seen": False, "events": [
                    _event(asked + timedelta(minutes=50), "dana", "promised",
                           to=(NOW - timedelta(hours=2)).isoformat()),
                    _event(NOW - timedelta(minutes=50), "sam", "escalated", how="promptly",
                           note="the customer is waiting for it since Friday")]},
            "b" * 32: {
                "requester": "sam", "asked": "ravi", "title": "Access to the billing archive",
                "asked_at": (NOW - timedelta(days=3)).isoformat(), "needed_by": None,
                "seen": True, "events": [
                    _event(NOW - timedelta(days=2), "sam", "escalated", how="promptly"),
                    _event(NOW - timedelta(days=1), "kim", "note", text="Ravi, please today")]}}}


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Promptly")
    from ui.controller import Controller
    from ui.escalation_window import EscalationWindow
    from ui.tray import Tray, TrayData

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        clock = FakeClock(NOW)
        core = Promptly.open(str(Path(tmp) / "shots.db"), clock)
        core.save_settings(Settings(timezone="UTC"))
        populate(core, clock)
        clock.current = NOW
        controller = Controller(core)

        def settle() -> None:
            for _ in range(20):
                app.processEvents()

        join_shots(controller, out, settle)
        core.save_team_state(team_state())

        window = EscalationWindow(controller)
        window.resize(620, 460)
        window.present()
        settle()
        window.grab().save(str(out / "escalation.png"))
        window.hide()

        from ui.settings import SettingsDialog

        dialog = SettingsDialog(controller)
        dialog.show_page("turnaround")
        dialog.show()
        settle()
        dialog.grab().save(str(out / "settings-turnaround.png"))
        dialog.hide()

        tray = Tray()
        tray.attach(TrayData(core))
        tray.data.reload()
        tray.menu.popup(tray.menu.pos())
        settle()
        tray.menu.grab().save(str(out / "tray-escalated.png"))
        tray.menu.hide()
        core.close()
    print(f"saved settings-team-join, team-join, escalation, tray-escalated and settings-turnaround "
          f".png in {out}")
    return 0


def join_shots(controller, out: Path, settle) -> None:
    """Ola, not in the team yet, tests the connection and then clicks Join."""
    from app.team.server import Member
    from ui.settings import SettingsDialog

    members = [Member(login, name, f"{login}@example.org", boss, department="Billing")
               for login, name, boss in (*MEMBERS, ("ola", "Ola", "kim"))]
    dialog = SettingsDialog(controller)
    dialog.resize(900, 720)
    dialog.show()
    dialog.show_page("team")
    page = dialog.team
    page.address.setText("db.example.org:5432/promptly")
    page.login.setText("ola")
    page.password.setText("not-a-real-one")
    url = page.url()
    page._tested(url, members, None)  # as the worker thread hands the members back
    settle()
    dialog.grab().save(str(out / "settings-team-join.png"))

    def answer(box) -> bool:
        box.show()
        settle()
        box.grab().save(str(out / "team-join.png"))
        box.hide()
        return True  # cancelled: nothing joined

    page._cancelled = answer
    page._confirm(url, None, members, None)
    dialog.hide()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")))
