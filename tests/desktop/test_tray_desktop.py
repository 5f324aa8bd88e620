"""The tray app in a real session (Xvfb + trayer + dunst on a private D-Bus), as a real subprocess.

One app for the whole module: its database holds a request whose reply prompt falls due at
PROMPTLY_NOW, with markup in its title, so the real notification daemon must show it literally.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.domain.model import Direction
from app.domain.commands import NewRequest
from app.service import Promptly
from app.settings import Settings
from tests.conftest import FakeClock
from tests.desktop.conftest import Desktop, wait_for

pytestmark = pytest.mark.desktop

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday, in working hours
MARKUP = "<b>x</b> & <img src=x>"
WHO = "Kim <ops> & Lee"


@dataclass
class RunningApp:
    process: subprocess.Popen
    report: dict
    env: dict[str, str]
    log: Path


def prepare(db: Path) -> None:
    core = Promptly.open(str(db), FakeClock(NOW - timedelta(minutes=45)))
    core.save_settings(Settings(timezone="UTC", end_of_day_digest=False, weekly_summary_prompt=False))
    # asked 45 min before NOW: the reply prompt (respond-by − 15 min) falls due exactly at NOW
    core.add(NewRequest(Direction.RECEIVED, WHO, MARKUP))
    core.add(NewRequest(Direction.MADE, "Sam", "review contract", promised_at=NOW + timedelta(hours=5)))
    core.close()


@pytest.fixture(scope="module")
def app(desktop: Desktop, tmp_path_factory) -> RunningApp:
    root = tmp_path_factory.mktemp("tray-app")
    db, report, log = root / "promptly.db", root / "report.json", root / "app.log"
    prepare(db)
    desktop.clear_notifications()
    env = {"PROMPTLY_DB": str(db), "PROMPTLY_NOW": NOW.isoformat()}
    with log.open("w") as out:
        process = desktop.spawn(sys.executable, "-m", "ui", env={**env, "PROMPTLY_STARTUP_REPORT": str(report)},
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=root)
    wait_for(lambda: report.exists() or process.poll() is not None, what="the app's start-up report")
    assert process.poll() is None, log.read_text()
    running = RunningApp(process, json.loads(report.read_text()), env, log)
    yield running
    process.terminate()
    process.wait(timeout=10)


def cli(desktop: Desktop, app: RunningApp, *args: str) -> subprocess.CompletedProcess:
    # -X importtime lists every module imported: the database layer is absent when the app served it
    return desktop.run(sys.executable, "-X", "importtime", "-m", "ui", *args, env=app.env)


def test_tray_icon_is_embedded_in_the_panel(desktop, app):
    assert app.report["tray_available"] is True
    assert app.report["tray_visible"] is True
    assert app.report["icon_shown"] < app.report["ready"]
    # trayer's panel holds the icon's window, embedded over XEmbed
    tree = wait_for(lambda: '"Promptly": ("promptly" "Promptly")' in desktop.tray_tree() and desktop.tray_tree(),
                    what="the icon inside trayer")
    assert '"panel"' in tree


def test_a_due_prompt_reaches_the_notification_daemon_literally(desktop, app):
    # by its title too: dunst 1.9 keeps what other tests' tray apps showed in its history
    shown = wait_for(lambda: [n for n in desktop.notifications()
                              if n.get("appname") == "Promptly" and n.get("summary") == MARKUP],
                     what="Promptly's notification in dunst's history")
    [notification] = shown
    # dunst quotes the summary (plain by the spec) and renders the body's markup: `message` is
    # what it drew, in Pango markup, so literal text appears there escaped exactly once.
    assert notification["summary"] == MARKUP
    assert notification["body"] == "Kim &lt;ops&gt; &amp; Lee asked 45 min ago — reply with done or an ETA"
    assert notification["message"] == ("<b>&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=x&gt;</b>\n"
                                       "Kim &lt;ops&gt; &amp; Lee asked 45 min ago — reply with done or an ETA")


def test_quick_add_from_a_second_process_opens_the_running_apps_dialog(desktop, app):
    second = desktop.run(sys.executable, "-m", "ui", "quick-add", env=app.env)
    assert second.returncode == 0, second.stderr
    assert wait_for(lambda: desktop.window_ids("^Quick add$"), what="the quick-add dialog")
    assert app.process.poll() is None  # still the one instance


def test_cli_commands_are_served_by_the_running_app(desktop, app):
    added = cli(desktop, app, "add", "to @lee: budget slides by 15:00", "--json")
    assert added.returncode == 0, added.stderr
    assert "sqlalchemy" not in added.stderr  # answered over the socket, not by opening the database
    listed = cli(desktop, app, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "sqlalchemy" not in listed.stderr
    titles = [item["title"] for item in json.loads(listed.stdout)]
    assert "budget slides" in titles and MARKUP in titles
