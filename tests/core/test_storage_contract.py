"""The storage contract (app.storage.interface.Storage): the same tests, with the same results,
on every backend: SQLite, and PostgreSQL whenever a throw-away server can run here
(tests/conftest.py: `backend`, `db_location`, `backend_store`, `backend_core`)."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import JSON, Boolean, DateTime, MetaData, create_engine, inspect, text

from app.domain import lifecycle
from app.domain.model import Direction, DomainError, EventKind, Person, Priority, Status
from app.domain.outcomes import promise_record
from app.service import NewRequest, Promptly
from app.settings import Settings
from app.storage import database
from app.storage.database import DatabaseError, open_database
from app.storage.schema import SCHEMA_REVISION, metadata, utc_from_db
from app.storage.store import BATCH_ROWS, Store
from tests.conftest import FakeClock
from tests.core.test_wishes_migration import EXPECTED, FIXTURE

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TEXTS = ("Rechnung prüfen ✅🧾", "見積書を送る", "مراجعة العقد", "שלום 👋🏽 עולם", "e\u0301 combining",
         "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 outside the BMP")


def _revision(location: str) -> str:
    engine = create_engine(database.to_url(location))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def test_the_store_implements_every_operation_of_the_interface():
    from inspect import signature

    from app.storage.interface import Storage

    operations = [name for name, member in vars(Storage).items()
                  if callable(member) and not name.startswith("_")]
    assert "update" in operations
    for name in operations:
        assert signature(getattr(Store, name)).parameters.keys() == \
            signature(getattr(Storage, name)).parameters.keys(), name


# -- opening --------------------------------------------------------------------------------


def test_a_new_database_gets_the_schema_stamped_at_head(empty_db_location):
    open_database(empty_db_location).dispose()
    assert _revision(empty_db_location) == SCHEMA_REVISION
    db = open_database(empty_db_location)  # opened again as it is
    assert Store(db).count() == 0
    db.dispose()


def test_the_migrations_build_exactly_the_schema(empty_db_location):
    from alembic.autogenerate import compare_metadata
    from alembic.command import upgrade
    from alembic.migration import MigrationContext

    engine = create_engine(database.to_url(empty_db_location))
    upgrade(database._alembic_config(database.Database(engine, engine.url, None)), "head")
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()
    assert _revision(empty_db_location) == SCHEMA_REVISION


def test_opening_a_database_at_head_does_not_import_alembic(db_location):
    open_database(db_location).dispose()
    code = ("import sys; from app.storage.database import open_database; "
            f"open_database({db_location!r}).dispose(); "
            "print('alembic' in sys.modules, 'sqlalchemy.orm' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_database_from_a_newer_promptly_is_refused(empty_db_location):
    db = open_database(empty_db_location)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    with pytest.raises(DatabaseError, match="newer Promptly"):
        open_database(empty_db_location)
    assert _revision(empty_db_location) == "9999_future"  # left as it was


def test_a_database_holding_other_tables_is_refused_and_untouched(empty_db_location):
    engine = create_engine(database.to_url(empty_db_location))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)"))
    with pytest.raises(DatabaseError, match="not a Promptly database"):
        open_database(empty_db_location)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["photos"]
    engine.dispose()


# the tables in an order that keeps the foreign keys: escalation contacts before those they serve
READ_0002 = (("people", "escalation_contact_id IS NOT NULL, id"), ("requests", "id"),
             ("events", "id"), ("settings", "key"))


def _release_0002(location: str, backend: str) -> None:
    """The database the release before wrote (tests/data/release-0002.db), on this backend."""
    if backend == "sqlite":
        shutil.copyfile(FIXTURE, location)
        return
    from alembic.command import upgrade

    engine = create_engine(database.to_url(location))
    upgrade(database._alembic_config(database.Database(engine, engine.url, None)),
            "0002_promise_record")
    tables = MetaData()
    tables.reflect(engine)
    with sqlite3.connect(f"{FIXTURE.as_uri()}?immutable=1", uri=True) as source, engine.begin() as target:
        for name, order in READ_0002:
            table = tables.tables[name]
            cursor = source.execute(f"SELECT * FROM {name} ORDER BY {order}")
            names = [d[0] for d in cursor.description]
            target.execute(table.insert(), [{n: _as_stored(table.c[n].type, v) for n, v in zip(names, row)}
                                            for row in cursor])
            if "id" in table.c:  # the rows came with their ids: the sequence goes on after them
                target.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                    f"(SELECT max(id) FROM {name}))"))
    engine.dispose()


def _as_stored(kind, value):
    if value is None:
        return None
    if isinstance(kind, DateTime):
        return utc_from_db(value)
    if isinstance(kind, JSON):
        return json.loads(value)
    return bool(value) if isinstance(kind, Boolean) else value


def test_a_database_of_the_release_before_is_upgraded(empty_db_location, backend):
    _release_0002(empty_db_location, backend)
    db = open_database(empty_db_location)
    core = Promptly(Store(db), FakeClock(datetime(2026, 11, 23, 18, tzinfo=UTC)))
    state = {r.id: (r.needed_by, r.promised_at, r.original_promise, r.acknowledged_at, r.status.value)
             for r in core.store.requests()}
    db.dispose()
    assert state == EXPECTED
    assert _revision(empty_db_location) == SCHEMA_REVISION


# -- requests -------------------------------------------------------------------------------


def test_requests_round_trip_with_history_in_utc(backend_core):
    asked = datetime(2026, 11, 23, 8, 10, tzinfo=UTC)
    request = backend_core.add(NewRequest(
        Direction.RECEIVED, "Dana", "repair invoice", asked_at=asked,
        needed_by=datetime(2026, 11, 30, 9, tzinfo=UTC),
        promised_at=datetime(2026, 11, 27, 15, tzinfo=UTC), tags=["billing"]))
    loaded = backend_core.get(request.id)
    assert loaded == request
    assert loaded.asked_at.tzinfo is UTC and loaded.asked_at == asked
    assert [e.kind for e in loaded.history] == [EventKind.CREATED, EventKind.ACKNOWLEDGED,
                                                EventKind.PROMISED]
    assert all(e.at.tzinfo is UTC for e in loaded.history)


@pytest.mark.parametrize("local", [
    datetime(2026, 3, 29, 1, 59, 59, 999999, tzinfo=BERLIN),  # the last instant of winter time
    datetime(2026, 3, 29, 3, 0, 0, 1, tzinfo=BERLIN),  # and the first of summer time
    datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN),  # 02:30 happens twice: the first, in summer time
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN),  # the second, in winter time
    datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=-9, minutes=-30))),
])
def test_any_aware_moment_comes_back_as_the_same_instant_in_utc(backend_store, local):
    instant = local.astimezone(UTC)  # compared in UTC: an ambiguous local time never equals
    request = lifecycle.create(direction=Direction.MADE, counterpart=Person("Dana"), title="t",
                               now=instant + timedelta(days=1), asked_at=local,
                               needed_by=instant + timedelta(microseconds=1))
    lifecycle.acknowledge(request, at=local, eta=local + timedelta(hours=1))
    backend_store.add(request)
    [loaded] = backend_store.requests()
    [light], _ = backend_store.requests_for_summary(instant - timedelta(days=1),
                                                    instant + timedelta(days=1))
    for moment in (loaded.asked_at, light.asked_at, loaded.history[1].at, light.acknowledged_at):
        assert moment == instant and moment.tzinfo is UTC
    assert loaded.needed_by - loaded.asked_at == timedelta(microseconds=1)
    assert light.needed_by == loaded.needed_by
    assert loaded.promised_at == light.promised_at == (local + timedelta(hours=1)).astimezone(UTC)


def test_a_naive_datetime_is_refused(backend_store):
    request = lifecycle.create(direction=Direction.MADE, counterpart=Person("Dana"), title="t",
                               now=MONDAY)
    request.needed_by = datetime(2026, 11, 30, 9, 0)
    with pytest.raises(Exception, match="naive datetime"):
        backend_store.add(request)
    assert backend_store.count() == 0
    assert backend_store.people() == []  # inserted first, rolled back with the rest


def test_requests_and_their_history_come_in_the_order_they_were_written(backend_core, clock):
    made = []
    for n, title in enumerate(["b", "a", "c", "B", "A"]):
        clock.set(MONDAY + timedelta(minutes=n))
        made.append(backend_core.add(NewRequest(Direction.MADE, "Dana", title,
                                                asked_at=MONDAY - timedelta(minutes=n))))
    clock.set(MONDAY + timedelta(hours=1))
    backend_core.acknowledge(made[1].id)
    backend_core.promise(made[1].id, MONDAY + timedelta(days=1))
    backend_core.done(made[1].id)
    loaded = backend_core.store.requests()
    assert [r.id for r in loaded] == sorted(r.id for r in made)
    assert [r.title for r in loaded] == ["b", "a", "c", "B", "A"]
    history = loaded[1].history
    assert [e.kind for e in history] == [EventKind.CREATED, EventKind.ACKNOWLEDGED,
                                         EventKind.PROMISED, EventKind.DONE]
    assert [e.id for e in history] == sorted(e.id for e in history)


def _tag(words: str) -> str:
    return "-".join(words.split())  # a tag is one word


def test_unicode_text_round_trips_exactly(backend_core):
    for n, words in enumerate(TEXTS):
        backend_core.add(NewRequest(Direction.RECEIVED, f"{words.split()[0]} {n}", words,
                                    tags=[_tag(words), "ünïcode"], details=words * 3, link=words,
                                    channel=words[:100]))
    loaded = backend_core.store.requests()
    assert [r.title for r in loaded] == list(TEXTS)
    assert [r.details for r in loaded] == [t * 3 for t in TEXTS]
    assert [sorted(r.tags) for r in loaded] == [sorted([_tag(t), "ünïcode"]) for t in TEXTS]
    assert {r.counterpart.name for r in loaded} == {f"{t.split()[0]} {n}" for n, t in enumerate(TEXTS)}


def test_people_are_matched_case_insensitively_in_any_script(backend_core):
    pairs = [("Dana", "DANA"), ("Zoë", "ZOË"), ("Straße", "STRASSE"), ("Ωmega", "ωMEGA"),
             ("李", "李"), ("  Kim   Lee ", "kim lee")]
    for first, again in pairs:
        one = backend_core.add(NewRequest(Direction.MADE, first, "a"))
        two = backend_core.add(NewRequest(Direction.MADE, again, "b"))
        assert one.counterpart.id == two.counterpart.id
        assert backend_core.store.person_named(again.upper()).id == one.counterpart.id
    names = [p.name for p in backend_core.store.people()]
    assert names == ["Dana", "Kim Lee", "Straße", "Zoë", "Ωmega", "李"]  # by casefolded name


def test_a_second_person_of_the_same_name_is_refused(backend_store):
    backend_store.save_person(Person("Dana", "dana@example.org"))
    with pytest.raises(DomainError, match="already a person called DANA"):
        backend_store.save_person(Person("DANA"))
    assert [(p.name, p.email) for p in backend_store.people()] == [("Dana", "dana@example.org")]


def test_a_refused_operation_writes_nothing(backend_core):
    request = backend_core.add(NewRequest(Direction.MADE, "Dana", "a"))
    backend_core.cancel(request.id)
    with pytest.raises(DomainError):
        backend_core.done(request.id)
    assert backend_core.get(request.id).status is Status.CANCELLED
    assert len(backend_core.get(request.id).history) == 2


def test_an_update_that_raises_half_way_leaves_nothing_written(backend_store):
    request = backend_store.add(lifecycle.create(direction=Direction.MADE, counterpart=Person("Dana"),
                                                 title="draft", now=MONDAY))
    before = backend_store.get(request.id)

    def half_way(r):
        lifecycle.edit(r, at=MONDAY, title="renamed")
        r.counterpart = Person("Kim")  # a new person: inserted before the row is saved...
        r.needed_by = datetime(2026, 11, 30, 9, 0)  # ...which then fails, on a naive datetime

    with pytest.raises(Exception, match="naive datetime"):
        backend_store.update(request.id, half_way)
    with pytest.raises(DomainError):  # the second finds it done: the first is undone too
        backend_store.update_many([(request.id, lambda r: lifecycle.complete(r, at=MONDAY)),
                                   (request.id, lambda r: lifecycle.complete(r, at=MONDAY))])
    assert backend_store.get(request.id) == before
    assert [p.name for p in backend_store.people()] == ["Dana"]


def test_an_unknown_id_is_a_clear_error(backend_core):
    with pytest.raises(DomainError, match="no request #99"):
        backend_core.done(99)


def test_writers_take_turns_so_no_change_is_lost(backend_store, db_location):
    """Two writers change the same request at once; the second waits for the first to commit
    and changes what it wrote, not the copy it would have read meanwhile."""
    request = backend_store.add(lifecycle.create(direction=Direction.MADE, counterpart=Person("Dana"),
                                                 title="draft", now=MONDAY))
    other_db = open_database(db_location)
    inside, errors = threading.Event(), []

    def slow_rename(r):
        inside.set()
        time.sleep(0.3)  # the other writer arrives meanwhile
        lifecycle.edit(r, at=MONDAY, title="renamed")

    def first():
        try:
            backend_store.update(request.id, slow_rename)
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    writer = threading.Thread(target=first)
    writer.start()
    assert inside.wait(5)
    Store(other_db).update(request.id, lambda r: lifecycle.edit(r, at=MONDAY, priority=Priority.HIGH))
    writer.join(10)
    other_db.dispose()
    assert errors == []
    final = backend_store.get(request.id)
    assert (final.title, final.priority) == ("renamed", Priority.HIGH)
    assert [e.kind for e in final.history] == [EventKind.CREATED, EventKind.EDITED, EventKind.EDITED]


def test_a_batch_across_several_statements_keeps_every_request_with_its_history(backend_store):
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
    assert backend_store.add_many(batch) == len(batch)
    assert len({p.id for p in backend_store.people()}) == 2
    loaded = {r.id: r for r in backend_store.requests()}
    assert sorted(loaded) == sorted(r.id for r in batch)
    for request in batch:
        again = loaded[request.id]
        assert (again.title, again.counterpart.name) == (request.title, request.counterpart.name)
        assert [(e.id, e.kind, e.at) for e in again.history] == \
            [(e.id, e.kind, e.at) for e in request.history]
    # the promise record written with each row: a renegotiation after the promise had passed
    _, records = backend_store.requests_for_summary(start, start + timedelta(days=7))
    moved = records[batch[0].id]
    assert moved == promise_record(batch[0].history)
    assert (moved.moved, moved.breached, moved.noticed) == \
        (True, start + timedelta(hours=2), start + timedelta(hours=3))


def test_the_filters_select_the_same_requests(backend_core, clock):
    def add(direction, title, **when):
        return backend_core.add(NewRequest(direction, "Dana", title, **when))

    early = add(Direction.RECEIVED, "early", asked_at=MONDAY - timedelta(days=3))
    wished = add(Direction.MADE, "wished", needed_by=MONDAY + timedelta(hours=1))
    promised = add(Direction.RECEIVED, "promised", promised_at=MONDAY + timedelta(hours=2))
    done = add(Direction.MADE, "done")
    backend_core.done(done.id)
    store = backend_core.store
    ids = lambda requests: [r.id for r in requests]  # noqa: E731
    assert ids(store.requests(direction=Direction.RECEIVED)) == [early.id, promised.id]
    assert ids(store.requests(statuses=[Status.DONE])) == [done.id]
    assert ids(store.open_requests()) == [early.id, wished.id, promised.id]
    assert ids(store.requests(asked_between=(MONDAY - timedelta(days=4), MONDAY - timedelta(days=1)))
               ) == [early.id]
    assert ids(store.requests(overdue_at=MONDAY + timedelta(hours=1))) == [wished.id]
    assert ids(store.requests(overdue_at=MONDAY + timedelta(hours=2))) == [wished.id, promised.id]
    assert [r.history for r in store.requests(with_history=False)] == [[], [], [], []]
    assert store.known_uids([early.uid, "elsewhere", done.uid]) == {early.uid, done.uid}
    assert store.count() == 4


def test_requests_for_summary_reads_what_a_week_touches(backend_core, clock):
    """Asked before the week and still open, closed in it, or asked in it: in. Closed before it,
    or asked after it: out. Reopened ones keep their closings; the others no history."""
    since, until = MONDAY, MONDAY + timedelta(days=7)

    def at(moment, action, *args):
        clock.set(moment)
        return action(*args)

    def add(title, asked, **kw):
        return at(asked, backend_core.add, NewRequest(Direction.RECEIVED, "Dana", title, asked_at=asked, **kw))

    still_open = add("still open", since - timedelta(days=3))
    closed_before = add("closed before", since - timedelta(days=3))
    at(since - timedelta(days=1), backend_core.done, closed_before.id)
    cancelled_before = add("cancelled before", since - timedelta(days=2))
    at(since - timedelta(days=1), backend_core.cancel, cancelled_before.id)
    closed_in = add("closed in", since - timedelta(days=2))
    at(since + timedelta(days=1), backend_core.done, closed_in.id)
    kept = add("kept", since + timedelta(hours=1), promised_at=since + timedelta(days=2))
    at(since + timedelta(days=1), backend_core.done, kept.id)
    reopened = add("reopened", since + timedelta(hours=2))
    at(since + timedelta(hours=3), backend_core.done, reopened.id)
    at(since + timedelta(hours=4), backend_core.reopen, reopened.id)
    at(since + timedelta(hours=5), backend_core.done, reopened.id)
    add("after", until + timedelta(hours=1))

    requests, records = backend_core.store.requests_for_summary(since, until)
    assert [r.id for r in requests] == [still_open.id, closed_in.id, kept.id, reopened.id]
    assert {r.title for r in requests} == {""}  # light: no titles
    by_id = {r.id: r for r in requests}
    assert by_id[kept.id].completed_at == since + timedelta(days=1)
    assert by_id[kept.id].promised_at == since + timedelta(days=2)
    assert records == {kept.id: promise_record(backend_core.get(kept.id).history)}
    assert [e.kind for e in by_id[reopened.id].history] == [EventKind.DONE, EventKind.REOPENED,
                                                           EventKind.DONE]
    assert all(not by_id[i].history for i in (still_open.id, closed_in.id, kept.id))


@pytest.mark.slow
def test_twenty_thousand_requests_load_and_read_back(backend_store):
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    people = [Person(f"Person {n}") for n in range(50)]
    batch = []
    for n in range(20_000):
        asked = start + timedelta(minutes=7 * n)
        request = lifecycle.create(direction=Direction.MADE if n % 2 else Direction.RECEIVED,
                                   counterpart=people[n % 50], title=f"request {n} ✅", now=asked,
                                   needed_by=asked + timedelta(days=2), tags=[f"t{n % 7}"])
        if n % 3 == 0:
            lifecycle.acknowledge(request, at=asked + timedelta(minutes=5), eta=asked + timedelta(days=1))
        batch.append(request)
    assert backend_store.add_many(batch) == 20_000
    loaded = backend_store.requests()
    assert backend_store.count() == len(loaded) == 20_000
    assert [r.id for r in loaded] == [r.id for r in batch]
    assert sum(len(r.history) for r in loaded) == sum(len(r.history) for r in batch)
    for n in (0, 1, 4_999, 19_999):
        assert (loaded[n].title, loaded[n].asked_at, loaded[n].needed_by, loaded[n].tags,
                loaded[n].status, loaded[n].counterpart.name) == \
            (batch[n].title, batch[n].asked_at, batch[n].needed_by, batch[n].tags, batch[n].status,
             batch[n].counterpart.name)


# -- settings and state ---------------------------------------------------------------------


def test_settings_are_shared_through_the_database(backend_core, db_location, clock):
    backend_core.save_settings(backend_core.settings.with_changes(
        timezone="Europe/Berlin", holidays=("2026-12-24",), your_name="Zoë 李 ✍️",
        templates={"nudge": "مرحبا {name} 👋"}))
    other_db = open_database(db_location)
    other = Promptly(Store(other_db), clock)
    assert other.settings == backend_core.settings
    assert other.settings.your_name == "Zoë 李 ✍️"
    other_db.dispose()


@pytest.mark.parametrize("value", [
    {"nested": {"list": [1, 2.5, True, None, "ü"], "empty": {}}, "n": 2**53},
    ["2026-11-23T09:00:00+00:00", "🕘", "日本", "עברית"],
    "plain text", 0, 1.25, False, [],
])
def test_state_values_round_trip_as_json(backend_store, value):
    backend_store.set_state("thing", value)
    assert backend_store.state("thing") == value
    assert type(backend_store.state("thing")) is type(value)


def test_state_is_kept_apart_from_settings_and_cleared_with_none(backend_store):
    backend_store.save_settings(Settings(timezone="UTC"))
    backend_store.set_state("timezone", "not a setting")
    backend_store.set_state("paused_until", "2026-11-23T10:00:00+00:00")
    assert backend_store.settings().timezone == "UTC"
    assert backend_store.state("timezone") == "not a setting"
    backend_store.set_state("paused_until", None)
    assert backend_store.state("paused_until", "absent") == "absent"
