"""The tray app and its database file in a real session (findings 2, 5 and 6), as subprocesses:
the file deleted or replaced under the running app, a launch for another database, and a pipe
given to import while the app serves the command line."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.domain import lifecycle
from app.domain.model import Direction, Person
from app.service import Promptly
from app.settings import Settings
from app.storage.database import open_database
from app.storage.store import Store
from tests.conftest import FakeClock
from tests.desktop.conftest import Desktop, wait_for

pytestmark = pytest.mark.desktop

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
COUNT = 601


def fill(db: Path, count: int, title: str = "request") -> None:
    database = open_database(str(db))
    store = Store(database)
    core = Promptly(store, FakeClock(NOW))
    core.save_settings(Settings(timezone="UTC", end_of_day_digest=False, weekly_summary_prompt=False))
    # asked just now: no prompt is due, so no notification outlives this module's apps
    store.add_many(lifecycle.create(direction=Direction.RECEIVED, counterpart=Person("Dana"),
                                    title=f"{title} {n}", now=NOW) for n in range(count))
    database.dispose()


def count(db: Path) -> int:
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM requests").fetchone()[0]


@dataclass
class RunningApp:
    process: subprocess.Popen
    env: dict[str, str]
    db: Path
    log: Path


@pytest.fixture
def app(desktop: Desktop, tmp_path) -> RunningApp:
    db, report, log = tmp_path / "rep.db", tmp_path / "report.json", tmp_path / "app.log"
    fill(db, COUNT)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)  # its own socket: no other test's app answers for it
    env = {"PROMPTLY_DB": str(db), "PROMPTLY_NOW": NOW.isoformat(), "XDG_RUNTIME_DIR": str(runtime)}
    with log.open("w") as out:
        process = desktop.spawn(sys.executable, "-m", "ui", env={**env, "PROMPTLY_STARTUP_REPORT": str(report)},
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp_path)
    wait_for(lambda: report.exists() or process.poll() is not None, what="the app's start-up report")
    assert process.poll() is None, log.read_text()
    yield RunningApp(process, env, db, log)
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


def cli(desktop: Desktop, app: RunningApp, *args: str, **env: str) -> subprocess.CompletedProcess:
    return desktop.run(sys.executable, "-m", "ui", *args, env={**app.env, **env}, cwd=app.db.parent)


def recovered(app: RunningApp) -> list[Path]:
    return sorted(app.db.parent.glob("rep.recovered-*.db"))


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_the_file_going_away_under_the_app_loses_nothing(desktop, app, how):
    wal = app.db.with_name("rep.db-wal")
    assert wal.exists()
    other = app.db.with_name("other.db")
    if how == "deleted":
        app.db.unlink()
    else:
        fill(other, 3, "other")
        os.replace(other, app.db)
    started = time.monotonic()
    [copy] = wait_for(lambda: recovered(app), timeout=10, what="a recovery copy beside the file")
    assert time.monotonic() - started < 6  # noticed within seconds, without any command
    assert count(copy) == COUNT
    assert wait_for(lambda: desktop.window_ids("^Promptly stopped saving$"),
                    what="the app saying it stopped saving")
    assert not wal.exists()  # its log moved aside: nothing can read it as part of another file

    added = cli(desktop, app, "add", "from @eve: after the loss")
    assert added.returncode == 1 and f"was {how}" in added.stderr, added.stderr
    assert str(copy) in added.stderr and "Saved" not in added.stdout
    listed = cli(desktop, app, "list", "--json")  # what it held can still be read
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == COUNT
    if how == "replaced":
        assert count(app.db) == 3  # the file put there is untouched
    else:
        assert not app.db.exists()
    assert app.process.poll() is None


def test_a_launch_for_another_database_says_so_instead_of_showing_this_one(desktop, app, tmp_path):
    other = tmp_path / "other.db"
    fill(other, 2, "other")
    launched = cli(desktop, app, PROMPTLY_DB=str(other))  # `promptly` alone: the tray app
    assert launched.returncode == 1
    assert f"already running with the database {app.db}" in launched.stderr
    assert desktop.window_ids("Promptly — Requests") == []  # the running app showed nothing
    listed = cli(desktop, app, "list", "--json", PROMPTLY_DB=str(other))  # opened by the command
    assert sorted(r["title"] for r in json.loads(listed.stdout)) == ["other 0", "other 1"]


def test_importing_a_pipe_through_the_app_leaves_it_answering(desktop, app, tmp_path):
    os.mkfifo(tmp_path / "in.fifo")
    started = time.monotonic()
    imported = cli(desktop, app, "import", "in.fifo")
    assert imported.returncode == 1 and "is not a regular file" in imported.stderr
    assert time.monotonic() - started < 10
    listed = cli(desktop, app, "list", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == COUNT
