"""The change feed (Storage.changes_since) on every backend: a write by anyone moves the cursor,
nothing else does. On PostgreSQL, committed writes also send a NOTIFY cue without data."""

import os
import select
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone

import pytest

from app.domain import lifecycle
from app.domain.model import Direction, DomainError, Person
from app.service import NewRequest, Promptly
from app.storage.database import CHANGES_CHANNEL, open_database
from app.storage.store import Store

UTC = timezone.utc
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

WRITER = textwrap.dedent("""
    import sys
    from app.clock import SystemClock
    from app.domain.model import Direction
    from app.service import NewRequest, Promptly
    from app.storage.database import open_database
    from app.storage.store import Store

    db = open_database(sys.argv[1])
    Promptly(Store(db), SystemClock()).add(NewRequest(Direction.MADE, "Dana", "from elsewhere"))
    db.dispose()
""")


@pytest.fixture
def other(db_location, clock):
    """The same database through a connection of its own, as another process would have."""
    db = open_database(db_location)
    yield Promptly(Store(db), clock)
    db.dispose()


def test_nothing_written_is_no_change(backend_core):
    backend_core.add(NewRequest(Direction.MADE, "Dana", "a"))
    changed, cursor = backend_core.changes_since(None)
    assert not changed
    backend_core.store.requests()
    backend_core.store.settings()
    backend_core.store.state("paused_until")
    for _ in range(3):
        assert backend_core.changes_since(cursor) == (False, cursor)


def test_a_write_by_another_process_is_seen_once(backend_core, db_location):
    _, cursor = backend_core.changes_since(None)
    subprocess.run([sys.executable, "-c", WRITER, db_location], cwd=ROOT, check=True, timeout=60)
    changed, after = backend_core.changes_since(cursor)
    assert changed and after != cursor
    assert backend_core.changes_since(after) == (False, after)
    assert [r.title for r in backend_core.store.requests()] == ["from elsewhere"]


@pytest.mark.parametrize("write", [
    lambda core, request: core.add(NewRequest(Direction.RECEIVED, "Kim", "b")),
    lambda core, request: core.acknowledge(request.id),
    lambda core, request: core.pause(MONDAY + timedelta(hours=1)),
    lambda core, request: core.save_settings(core.settings.with_changes(your_name="Zoë")),
    lambda core, request: core.store.save_person(Person("Dana", "dana@example.org",
                                                        id=request.counterpart.id)),
], ids=["request added", "request changed", "state", "settings", "person"])
def test_every_kind_of_write_elsewhere_is_seen(backend_core, other, write):
    request = other.add(NewRequest(Direction.MADE, "Dana", "a"))
    _, cursor = backend_core.changes_since(None)
    write(other, request)
    changed, after = backend_core.changes_since(cursor)
    assert changed
    assert backend_core.changes_since(after) == (False, after)


def test_own_writes_move_the_cursor_too(backend_core):
    _, cursor = backend_core.changes_since(None)
    backend_core.add(NewRequest(Direction.MADE, "Dana", "a"))
    assert backend_core.changes_since(cursor)[0]


def test_a_refused_change_is_no_change(backend_core, other):
    request = other.add(NewRequest(Direction.MADE, "Dana", "a"))
    other.cancel(request.id)
    _, cursor = backend_core.changes_since(None)
    with pytest.raises(DomainError):
        other.done(request.id)
    assert backend_core.changes_since(cursor) == (False, cursor)


def test_the_feed_opens_its_connection_again_after_losing_it(backend_core, other):
    _, cursor = backend_core.changes_since(None)
    backend_core.store.db.dispose()  # closes the feed's kept connection
    other.add(NewRequest(Direction.MADE, "Dana", "a"))
    assert backend_core.changes_since(cursor)[0]


# -- PostgreSQL: the cue --------------------------------------------------------------------


def _listener(location: str):
    import psycopg

    from app.storage.database import to_url

    url = to_url(location).set(drivername="postgresql")
    conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
    heard = []
    conn.add_notify_handler(lambda notify: heard.append((notify.channel, notify.payload)))
    conn.execute(f"LISTEN {CHANGES_CHANNEL}")
    return conn, heard


def _cued(conn, seconds: float) -> bool:
    readable, _, _ = select.select([conn.fileno()], [], [], seconds)
    conn.execute("SELECT 1")  # hands what arrived to the handler
    return bool(readable)


@pytest.mark.postgresql
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_committed_write_cues_listeners_without_data(backend_store, db_location):
    conn, heard = _listener(db_location)
    try:
        request = backend_store.add(lifecycle.create(direction=Direction.MADE,
                                                     counterpart=Person("Dana"), title="a", now=MONDAY))
        assert _cued(conn, 5)
        assert heard == [(CHANGES_CHANNEL, "")]
        backend_store.update(request.id, lambda r: lifecycle.cancel(r, at=MONDAY))
        assert _cued(conn, 5)
        heard.clear()
        with pytest.raises(DomainError):  # rolled back: no cue
            backend_store.update(request.id, lambda r: lifecycle.complete(r, at=MONDAY))
        assert not _cued(conn, 0.5)
        assert heard == []
    finally:
        conn.close()
