"""Shared fixtures: an injected clock and a real SQLite file per test; for the storage contract
tests, a database on every backend (SQLite, and a throw-away PostgreSQL server when one can run)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app import log as app_log
from app.service import Promptly
from app.settings import Settings
from app.storage.database import open_database, wait_at_most
from app.storage.schema import metadata
from app.storage.store import Store
from tests.servers import postgres

UTC = timezone.utc
BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql))


class FakeClock:
    """A clock the test moves by hand: a week of prompts runs in milliseconds."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment

    def advance(self, **delta) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@pytest.fixture(autouse=True)
def log_folder(tmp_path_factory):
    """What a test logs goes to a folder of its own (not in tmp_path, which tests list), never
    to the user's log."""
    folder = tmp_path_factory.mktemp("log")
    app_log.configure(folder)
    yield folder
    app_log.reset()


@pytest.fixture(autouse=True)
def _usual_lock_wait():
    """The tray app shortens the GUI thread's lock wait; the next test starts with the usual one."""
    yield
    wait_at_most(None)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "promptly.db"


@pytest.fixture
def store(db_path):
    db = open_database(str(db_path))
    yield Store(db)
    db.dispose()


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))  # a Monday


@pytest.fixture
def core(store, clock):
    """The core on a real SQLite file, in UTC so that times read plainly."""
    store.save_settings(Settings(timezone="UTC"))
    return Promptly(store, clock)


# -- every backend --------------------------------------------------------------------------
# After aw-core's param_datastore_objects: a test that takes `backend_store` (or `backend`,
# `db_location`, `empty_db_location`) runs once on each backend, with the same assertions.


@pytest.fixture(scope="session")
def postgres_server():
    """One throw-away server for the session, stopped and deleted at its end."""
    reason = postgres.missing()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    with postgres.running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_database(postgres_server):
    """One database at the schema's head for the session, and a connection to empty it."""
    import psycopg

    name = postgres_server.create_database()
    open_database(postgres_server.url(name)).dispose()
    with psycopg.connect(postgres_server.url(name, driver="postgresql"), autocommit=True) as conn:
        conn.execute("SET lock_timeout = '10s'")  # a transaction left open fails the next test
        yield name, conn


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_location(backend, request, tmp_path):
    """The test's own database at the schema's head, as open_database takes it: a new SQLite
    file, or the session's PostgreSQL database emptied, its sequences restarted (a new
    database per test costs ten times more)."""
    if backend == "sqlite":
        return str(tmp_path / "promptly.db")  # open_database creates it
    server = request.getfixturevalue("postgres_server")
    name, conn = request.getfixturevalue("postgres_database")
    conn.execute(f"TRUNCATE {', '.join(t.name for t in metadata.sorted_tables)} RESTART IDENTITY")
    return server.url(name)


@pytest.fixture
def empty_db_location(backend, request, tmp_path):
    """A new, empty database: what open_database creates the schema in."""
    if backend == "sqlite":
        yield str(tmp_path / "promptly.db")
        return
    server = request.getfixturevalue("postgres_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def backend_store(db_location):
    db = open_database(db_location)
    yield Store(db)
    db.dispose()


@pytest.fixture
def backend_core(backend_store, clock):
    backend_store.save_settings(Settings(timezone="UTC"))
    return Promptly(backend_store, clock)
