"""Storage on a real SQLite file: safe to open, refuses what is not ours, survives a kill.
What every backend does alike is in test_storage_contract.py."""

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import text

from app.domain.model import Direction, DomainError, EventKind, Person, Status
from app.domain.commands import NewRequest
from app.service import Promptly
from app.settings import Settings, SettingsError
from app.storage import database
from app.storage.database import DatabaseError, backup_to, open_database
from app.storage.schema import SCHEMA_REVISION
from app.storage.store import Store

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_a_new_database_file_is_private_and_stamped(db_path):
    db = open_database(str(db_path))
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_REVISION
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == database.BUSY_TIMEOUT_MS
    db.dispose()


def test_invalid_settings_are_refused_with_a_reason():
    with pytest.raises(SettingsError, match="end .* before they start"):
        Settings(timezone="UTC", working_hours={"mon": [["17:00", "09:00"]]})
    with pytest.raises(SettingsError, match="unknown time zone"):
        Settings(timezone="Mars/Olympus")
    with pytest.raises(SettingsError, match="after the nudge"):
        Settings.from_json({"timezone": "UTC", "ladder": {"nudge_after": 120, "escalate_after": 60}})


def _unchanged(path, action):
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as error:
        action()
    assert path.read_bytes() == before
    assert str(path) in str(error.value)
    return str(error.value)


def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n" * 100)
    message = _unchanged(notes, lambda: open_database(str(notes)))
    assert "not a Promptly database" in message and "--db" in message


def test_another_programs_sqlite_database_is_refused_and_untouched(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    assert "not a Promptly database" in _unchanged(other, lambda: open_database(str(other)))
    assert not (tmp_path / "other.sqlite-wal").exists()


def test_a_corrupt_database_is_refused_and_untouched(db_path):
    open_database(str(db_path)).dispose()
    data = bytearray(db_path.read_bytes())
    data[0:16] = b"garbage garbage!"
    db_path.write_bytes(bytes(data))
    _unchanged(db_path, lambda: open_database(str(db_path)))


def test_a_database_from_a_newer_promptly_is_refused(db_path):
    open_database(str(db_path)).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    assert "newer Promptly" in _unchanged(db_path, lambda: open_database(str(db_path)))


def test_an_older_schema_is_copied_aside_before_it_is_upgraded(db_path, monkeypatch):
    open_database(str(db_path)).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO people (name, name_key) VALUES ('Dana', 'dana')")
    monkeypatch.setattr(database, "SCHEMA_REVISION", "a_newer_head")
    open_database(str(db_path)).dispose()
    backups = list(db_path.parent.glob(f"promptly.db.{SCHEMA_REVISION}.*.bak"))
    assert len(backups) == 1
    assert stat.S_IMODE(os.stat(backups[0]).st_mode) == 0o600
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT name FROM people").fetchall() == [("Dana",)]


def test_backup_is_a_consistent_private_copy(core, db_path, tmp_path):
    core.add(NewRequest(Direction.MADE, "Dana", "a"))
    copy = backup_to(core.store.db, tmp_path / "backup" / "copy.db")
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    assert Store(open_database(str(copy))).count() == 1


WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timezone
    from app.clock import SystemClock
    from app.domain.model import Direction
    from app.domain.commands import NewRequest
    from app.service import Promptly
    from app.storage.database import open_database
    from app.storage.store import Store

    core = Promptly(Store(open_database(sys.argv[1])), SystemClock())
    n = 0
    while True:
        request = core.add(NewRequest(Direction.MADE, "Dana", f"burst {n}"))
        core.acknowledge(request.id)
        print(request.id, flush=True)  # printed only after both commits
        n += 1
""")


@pytest.mark.slow
def test_a_process_killed_mid_burst_loses_no_committed_action(db_path):
    open_database(str(db_path)).dispose()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    committed = []
    try:
        while len(committed) < 300:
            committed.append(int(writer.stdout.readline()))
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        acknowledged = {row[0] for row in conn.execute(
            "SELECT id FROM requests WHERE status = 'acknowledged'")}
    assert set(committed) <= acknowledged
    store = Store(open_database(str(db_path)))
    assert store.count() >= len(committed)
