"""Team mode in a real session (Xvfb + trayer + dunst, the tray app as a real subprocess, a real
PostgreSQL server): Sam's check-in prompt is on screen and in dunst when Dana marks the request
done on her machine; the prompt leaves the window and its notification is withdrawn."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from app.domain.commands import NewRequest
from app.domain.model import Direction
from app.service import Promptly
from app.settings import Settings
from app.team import server as team_server, sync
from tests.conftest import FakeClock
from tests.desktop.conftest import Desktop, wait_for
from tests.team.conftest import Team

pytestmark = [pytest.mark.desktop, pytest.mark.postgresql]

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)  # a Monday, in working hours


def _displayed(desktop: Desktop) -> int:
    return int(desktop.run("dunstctl", "count", "displayed").stdout or 0)


def _core(path, clock) -> Promptly:
    core = Promptly.open(str(path), clock)
    core.save_settings(Settings(timezone="UTC", end_of_day_digest=False, weekly_summary_prompt=False))
    return core


def test_a_colleagues_done_withdraws_my_waiting_check_in(desktop: Desktop, postgres_server,
                                                         tmp_path, monkeypatch):
    team = Team(postgres_server, postgres_server.create_database())
    team_server.init(team.admin_url())
    (dana, dana_pw), (sam, sam_pw) = team.add("dana", "Dana"), team.add("sam", "Sam")
    passfile = tmp_path / "pgpass"
    passfile.write_text("".join(f"127.0.0.1:{team.pg.port}:{team.database}:{login}:{pw}\n"
                                for login, pw in ((dana, dana_pw), (sam, sam_pw))))
    passfile.chmod(0o600)
    env = {"PGPASSFILE": str(passfile), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PGPASSWORD", raising=False)

    clock = FakeClock(NOW - timedelta(hours=2))
    sam_db = tmp_path / "sam.db"
    sam_core, dana_core = _core(sam_db, clock), _core(tmp_path / "dana.db", clock)
    sync.join(sam_core, team.url(sam))
    sync.join(dana_core, team.url(dana))
    # Sam asked two hours ago; Dana promised it for NOW: Sam's check-in falls due as the app starts
    made = sam_core.add(NewRequest(Direction.MADE, "Dana", "repair invoice"))
    sync.sync(sam_core)
    sync.sync(dana_core)
    [hers] = dana_core.requests()
    clock.advance(minutes=5)
    dana_core.acknowledge(hers.id, NOW)
    sync.sync(dana_core)
    sync.sync(sam_core)
    assert sam_core.get(made.id).promised_at == NOW
    sam_core.close()

    desktop.clear_notifications()
    log = tmp_path / "app.log"
    with log.open("w") as out:
        app = desktop.spawn(sys.executable, "-m", "ui", env={
            **env, "PROMPTLY_DB": str(sam_db), "PROMPTLY_NOW": NOW.isoformat()},
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp_path)
    try:
        wait_for(lambda: _displayed(desktop) == 1 or app.poll() is not None,
                 what="the check-in's notification")
        assert app.poll() is None, log.read_text()
        wait_for(lambda: desktop.window_ids("^Promptly$"), what="the prompt window")

        clock.set(NOW + timedelta(minutes=1))
        dana_core.done(hers.id)
        sync.sync(dana_core)  # her push cues Sam's app

        wait_for(lambda: _displayed(desktop) == 0, what="the notification withdrawn")
        wait_for(lambda: not desktop.window_ids("^Promptly$"), what="the prompt window gone")
        [shown] = [n for n in desktop.notifications() if n.get("appname") == "Promptly"]
        assert shown["summary"] == "repair invoice"
    finally:
        app.terminate()
        app.wait(timeout=10)
        dana_core.close()
        postgres_server.drop_database(team.database)
