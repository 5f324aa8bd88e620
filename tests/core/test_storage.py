"""Storage on a real SQLite file: safe to open, refuses what is not ours, survives a kill."""

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from app.domain.model import Direction, DomainError, EventKind, Person, Status
from app.service import NewRequest, Promptly
from app.settings import Settings, SettingsError
from app.storage import database
from app.storage.database import DatabaseError, backup_to, open_database
from app.storage.schema import SCHEMA_REVISION, metadata
from app.storage.store import Store

UTC = timezone.utc
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


def test_requests_round_trip_with_history_in_utc(core, clock):
    asked = datetime(2026, 11, 23, 8, 10, tzinfo=UTC)
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice", asked_at=asked,
                                  needed_by=datetime(2026, 11, 30, 9, tzinfo=UTC),
                                  promised_at=datetime(2026, 11, 27, 15, tzinfo=UTC), tags=["billing"]))
    loaded = core.get(request.id)
    assert loaded == request
    assert loaded.asked_at.tzinfo is UTC and loaded.asked_at == asked
    assert loaded.needed_by.tzinfo is UTC and loaded.needed_by == datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert [e.kind for e in loaded.history] == [EventKind.CREATED, EventKind.ACKNOWLEDGED,
                                                EventKind.PROMISED]


def test_people_are_matched_case_insensitively(core):
    first = core.add(NewRequest(Direction.MADE, "Dana", "a"))
    second = core.add(NewRequest(Direction.MADE, "DANA", "b"))
    assert first.counterpart.id == second.counterpart.id
    assert [p.name for p in core.store.people()] == ["Dana"]


def test_a_refused_operation_writes_nothing(core):
    request = core.add(NewRequest(Direction.MADE, "Dana", "a"))
    core.cancel(request.id)
    with pytest.raises(DomainError):
        core.done(request.id)
    assert core.get(request.id).status is Status.CANCELLED
    assert len(core.get(request.id).history) == 2


def test_an_unknown_id_is_a_clear_error(core):
    with pytest.raises(DomainError, match="no request #99"):
        core.done(99)


def test_settings_are_shared_through_the_database(core, db_path, clock):
    core.save_settings(core.settings.with_changes(timezone="Europe/Berlin", holidays=("2026-12-24",)))
    other = Promptly(Store(open_database(str(db_path))), clock)
    assert other.settings.timezone == "Europe/Berlin"
    assert other.settings.holidays == ("2026-12-24",)


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


def test_the_migrations_build_exactly_the_models_schema(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.command import upgrade
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    db = database.Database(engine, engine.url, None)
    upgrade(database._alembic_config(db), "head")
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_REVISION


def test_opening_a_database_at_head_does_not_import_alembic(db_path):
    open_database(str(db_path)).dispose()
    code = ("import sys; from app.storage.database import open_database; "
            f"open_database({str(db_path)!r}); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


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
    from app.service import NewRequest, Promptly
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


def test_a_batch_across_several_statements_keeps_every_request_with_its_history(store):
    from app.domain import lifecycle
    from app.domain.outcomes import promise_record
    from app.storage.store import BATCH_ROWS

    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    dana, sam = Person("Dana"), Person("Sam")
    batch = []
    for n in range(2 * BATCH_ROWS + 1):  # three statements, the last of one row
        asked = start + timedelta(minutes=n)
        request = lifecycle.create(direction=Direction.RECEIVED if n % 2 else Direction.MADE,
                                   counterpart=dana if n % 3 else sam, title=f"request {n}", now=asked)
        if n % 4 == 0:
            lifecycle.acknowledge(request, at=asked, eta=asked + timedelta(hours=2))
            lifecycle.promise(request, asked + timedelta(hours=5), at=asked + timedelta(hours=3),
                              reason="late")
        batch.append(request)
    assert store.add_many(batch) == len(batch)
    assert len({p.id for p in store.people()}) == 2
    loaded = {r.id: r for r in store.requests()}
    assert sorted(loaded) == sorted(r.id for r in batch)
    for request in batch:
        again = loaded[request.id]
        assert (again.title, again.counterpart.name) == (request.title, request.counterpart.name)
        assert [(e.id, e.kind, e.at) for e in again.history] == \
            [(e.id, e.kind, e.at) for e in request.history]
    # the promise record written with each row: a renegotiation after the promise had passed
    _, records = store.requests_for_summary(start, start + timedelta(days=7))
    moved = records[batch[0].id]
    assert moved == promise_record(batch[0].history)
    assert (moved.moved, moved.breached, moved.noticed) == \
        (True, start + timedelta(hours=2), start + timedelta(hours=3))
