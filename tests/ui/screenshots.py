"""Regenerate the README screenshots of the windows (a tool, not a test).

    Xvfb :77 -screen 0 1600x1000x24 &
    DISPLAY=:77 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui.screenshots [OUT_DIR]

Builds a throw-away database with a dozen realistic requests at a fixed "now", opens each window
and saves resources/screenshots/{welcome,quick-add,request-list,prompt,prompt-long-title,summary,
tray-menu}.png (prompt-long-title is the whole screen: it shows where the window sits).
To look at them as others see them: QT_SCALE_FACTOR=2, and PROMPTLY_SHOTS_DARK=1 for a dark
palette (write those to another OUT_DIR).

    Xvfb :78 -screen 0 1440x900x24 &
    DISPLAY=:78 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=2 .venv/bin/python -m tests.ui.screenshots --scaled

saves only request-list-scale2.png: the whole screen with the list opened at its usual size,
which at a scale factor of 2 must shrink to fit.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import ui  # noqa: F401  (the PySide6 guard runs first)
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.domain.model import Direction, Person, Priority
from app.domain.commands import NewRequest
from app.service import Promptly
from app.settings import Settings
from tests.conftest import FakeClock

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 10, 20, tzinfo=UTC)  # a Monday morning


def populate(core: Promptly, clock: FakeClock) -> None:
    kim = core.save_person(Person("Kim", "kim@example.com"))
    for name in ("Dana", "Sam", "Lee", "Ari", "Noor", "Ravi", "Tess"):
        core.save_person(Person(name, f"{name.lower()}@example.com",
                                 escalation_contact_id=kim.id if name in ("Sam", "Lee") else None))

    def at(**delta) -> datetime:
        return NOW + timedelta(**delta)

    def add(title, who, direction, asked, promised=None, tags=(), priority=Priority.NORMAL,
            wanted=None):
        clock.current = asked
        return core.add(NewRequest(direction, who, title, asked_at=asked, promised_at=promised,
                                   needed_by=wanted, tags=tags, priority=priority))

    R, M = Direction.RECEIVED, Direction.MADE
    # Built up over the last week, as a real list would be.
    invoice = add("Repair invoice 4711 (wrong VAT rate)", "Dana", R, at(days=-3, hours=-1),
                  tags=("billing",), priority=Priority.HIGH)
    clock.current = at(days=-3)
    core.acknowledge(invoice.id, at(minutes=-35))
    clock.current = at(days=-1)
    core.promise(invoice.id, at(minutes=40), "waiting for the corrected order from sales")
    add("Review the Nordwind service contract", "Sam", M, at(hours=-1, minutes=-10), tags=("legal",))
    add("Badge form for the new starter", "Lee", R, at(minutes=-25), tags=("hr",),
        wanted=at(days=1, hours=2))
    q3 = add("Q3 numbers for the board deck", "Ari", M, at(days=-2), tags=("finance",))
    clock.current = at(days=-2, hours=1)
    core.acknowledge(q3.id, at(hours=2, minutes=40))
    slides = add("Slides for Friday's customer visit", "Noor", R, at(days=-1), tags=("sales",))
    clock.current = at(days=-1, minutes=20)
    core.acknowledge(slides.id, at(days=4, hours=4, minutes=40))
    add("Access to the shared drive", "Ravi", M, at(minutes=-50), tags=("it",))
    quote = add("Supplier quote for the new chairs", "Tess", M, at(days=-4))
    clock.current = at(days=-4, hours=2)
    core.acknowledge(quote.id, at(hours=-2))
    add("Sign-off on the training budget", "Kim", R, at(minutes=-5), priority=Priority.URGENT,
        tags=("hr", "budget"), wanted=at(hours=3))
    expenses = add("Expense report for October", "Dana", R, at(days=-6))
    clock.current = at(days=-6, hours=1)
    core.acknowledge(expenses.id, at(days=-5))
    clock.current = at(days=-5, minutes=-30)
    core.done(expenses.id)
    add("Onboarding checklist review", "Lee", M, at(days=-1, hours=-2),
        promised=at(days=1, hours=3))
    notes = add("Customer call notes from Tuesday", "Sam", R, at(days=-2))
    clock.current = at(days=-2, hours=1)
    core.done(notes.id)
    add("Update the Q4 roadmap page", "Noor", M, at(days=-1, hours=-3), tags=("planning",),
        wanted=at(hours=5))
    clock.current = NOW


def main(out: Path, scaled: bool = False) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Promptly")
    if os.environ.get("PROMPTLY_SHOTS_DARK"):
        app.setStyle("Fusion")
        app.setPalette(_dark_palette())
    from ui.controller import Controller
    from ui.prompt_window import PromptWindow
    from ui.quick_add import QuickAddDialog
    from ui.request_list import RequestListWindow
    from ui.request_model import STATE_ALL

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        clock = FakeClock(NOW)
        core = Promptly.open(str(Path(tmp) / "shots.db"), clock)
        core.save_settings(Settings(timezone="UTC"))
        populate(core, clock)
        controller = Controller(core)

        def settle() -> None:
            for _ in range(20):
                app.processEvents()

        if scaled:
            window = RequestListWindow(controller)  # its usual 1000×560, no size remembered
            window.show()
            settle()
            window.select(1)
            settle()
            window.screen().grabWindow(0).save(str(out / "request-list-scale2.png"))
            core.close()
            print(f"saved request-list-scale2.png in {out}")
            return 0

        from ui.welcome import WelcomeWindow

        welcome = WelcomeWindow(controller)
        welcome.present()
        settle()
        welcome.grab().save(str(out / "welcome.png"))
        welcome.hide()

        dialog = QuickAddDialog(controller)
        dialog.present()
        dialog.line.setText("from @dana: fix credit note 4712 by mon eta fri 3pm #billing !")
        dialog.line.setCursorPosition(len(dialog.line.text()))
        settle()
        dialog.grab().save(str(out / "quick-add.png"))
        dialog.hide()

        window = RequestListWindow(controller)
        window.resize(1180, 520)
        window.state_box.setCurrentIndex(window.state_box.findData(STATE_ALL))
        window.show()
        settle()
        window.select(1)
        settle()
        window.grab().save(str(out / "request-list.png"))
        window.hide()

        schedule = core.schedule(NOW + timedelta(minutes=10))
        clock.current = NOW + timedelta(minutes=10)
        # The three latest, shown as if they had just fired: the window at its most usual.
        latest = sorted(schedule.due, key=lambda p: p.due_at, reverse=True)[:3]
        fresh = [p._replace(missed=False) for p in latest]
        prompts = PromptWindow(controller)
        prompts.show_prompts(fresh, [])
        settle()
        prompts.grab().save(str(out / "prompt.png"))
        prompts.hide()

        # A pasted URL as the title: the window wraps it and stays entirely on the screen.
        url = "https://intranet.example.org/tickets/4712/" + "credit-note-attachment-" * 8
        long = core.add(NewRequest(Direction.RECEIVED, "Noor", url, asked_at=clock.now() - timedelta(hours=1)))
        clock.current += timedelta(minutes=5)
        [prompt] = [p for p in core.schedule().due if p.request.id == long.id]
        prompts = PromptWindow(controller)
        prompts.show_prompts([prompt._replace(missed=False)], [])
        settle()
        prompts.screen().grabWindow(0).save(str(out / "prompt-long-title.png"))
        prompts.hide()
        core.cancel(long.id)

        from ui.summary_window import SummaryWindow
        from ui.tray import Tray, TrayData

        summary = SummaryWindow(controller)
        summary.resize(1100, 720)
        summary.show_week("2026-W47")
        summary.show()
        settle()
        summary.grab().save(str(out / "summary.png"))
        summary.hide()

        from app.team.live import OFFLINE, TeamStatus
        from ui.team_sync import status_text

        tray = Tray()
        tray.attach(TrayData(core))
        tray.data.reload()
        offline = TeamStatus(OFFLINE, since=NOW - timedelta(minutes=18), waiting=3)
        tray.set_team(status_text(offline, core.settings.zone, NOW))
        tray.menu.popup(tray.menu.pos())
        settle()
        tray.menu.grab().save(str(out / "tray-menu.png"))
        tray.menu.hide()
        core.close()
    print(f"saved welcome, quick-add, request-list, prompt, prompt-long-title, summary and tray-menu .png in {out}")
    return 0


def _dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2d2d30"), (roles.WindowText, "#e8e8e8"),
                         (roles.Base, "#1e1e1e"), (roles.AlternateBase, "#2a2a2d"),
                         (roles.Text, "#e8e8e8"), (roles.Button, "#3a3a3d"),
                         (roles.ButtonText, "#e8e8e8"), (roles.Highlight, "#3d7bd9"),
                         (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#2d2d30"),
                         (roles.ToolTipText, "#e8e8e8"), (roles.PlaceholderText, "#9a9a9a")):
        palette.setColor(role, QColor(colour))
    return palette


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[2] / "resources" / "screenshots"
    args = [a for a in sys.argv[1:] if a != "--scaled"]
    sys.exit(main(Path(args[0]) if args else default, scaled="--scaled" in sys.argv[1:]))
