"""Shared fixtures: an injected clock and a real SQLite file per test."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.service import Promptly
from app.settings import Settings
from app.storage.database import open_database, wait_at_most
from app.storage.store import Store

UTC = timezone.utc


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
