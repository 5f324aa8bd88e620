"""The repository: plain domain objects in, plain domain objects out.

Each public method is one transaction; `update` runs a domain operation inside the write
transaction, so a refused operation writes nothing and a concurrent writer waits its turn.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import and_, delete, func, insert, or_, select, type_coerce, update
from sqlalchemy.engine import Connection
from sqlalchemy.types import NullType

from app.domain import bounds
from app.domain.model import (
    OPEN_STATUSES,
    Direction,
    DomainError,
    Event,
    EventKind,
    Person,
    Priority,
    Request,
    Status,
)
from app.domain.outcomes import PromiseRecord, promise_record
from app.settings import Settings
from app.storage.changes import ChangeFeed
from app.storage.database import Database, backup_to
from app.storage.interface import ChangeCursor
from app.storage.schema import EVENTS as _EVT
from app.storage.schema import PEOPLE as _PPL
from app.storage.schema import REQUESTS as _REQ
from app.storage.schema import SETTINGS as _SET
from app.storage.schema import utc_from_db

T = TypeVar("T")

_STATE_PREFIX = "state."
BATCH_ROWS = 500  # rows per INSERT statement of a batch
FETCH_ROWS = 500  # rows fetched at a time by a large read
_OPEN_VALUES = tuple(s.value for s in OPEN_STATUSES)
# stored values to enum members: a dict look-up is several times faster than Enum(value)
_DIRECTIONS = {d.value: d for d in Direction}
_STATUSES = {s.value: s for s in Status}
_PRIORITIES = {p.value: p for p in Priority}
_KINDS = {k.value: k for k in EventKind}


class NotFound(DomainError):
    """No such request or person."""


@contextmanager
def _collector_paused():
    """Building thousands of objects that form no cycles: the collector has nothing to find."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _chunks(items: Iterable[T], size: int) -> Iterable[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Store:
    """app.storage.interface.Storage on SQLAlchemy Core, for SQLite and PostgreSQL."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # its transactions begin by taking the write lock (app.storage.database)
        self._writer = db.engine.execution_options(promptly_write=True)
        self._feed = ChangeFeed(db)

    @contextmanager
    def _transaction(self, write: bool = False) -> Iterator[Connection]:
        """Committed at the end of the block; rolled back if it raises."""
        with (self._writer if write else self.db.engine).begin() as conn:
            yield conn

    # -- people -------------------------------------------------------------------------

    def people(self) -> list[Person]:
        with self._transaction() as conn:
            rows = conn.execute(select(_PPL)).all()
        # sorted here: a server's collation would order names unlike SQLite's
        return [_person(r) for r in sorted(rows, key=lambda r: r.name_key)]

    def person(self, person_id: int) -> Person:
        with self._transaction() as conn:
            row = conn.execute(select(_PPL).where(_PPL.c.id == person_id)).first()
        if row is None:
            raise NotFound(f"there is no person #{person_id}")
        return _person(row)

    def person_named(self, name: str) -> Person | None:
        with self._transaction() as conn:
            row = conn.execute(select(_PPL).where(_PPL.c.name_key == name_key(name))).first()
        return _person(row) if row else None

    def save_person(self, person: Person) -> Person:
        name = " ".join(person.name.split())
        if not name:
            raise DomainError("a person needs a name")
        bounds.check_person(Person(name, person.email))
        values = dict(name=name, name_key=name_key(name), email=person.email or None,
                      escalation_contact_id=person.escalation_contact_id)
        with self._transaction(write=True) as conn:
            clash = conn.execute(select(_PPL.c.id).where(_PPL.c.name_key == values["name_key"])
                                 ).scalar()
            if clash is not None and clash != person.id:
                raise DomainError(f"there is already a person called {name}")
            if person.id is None:
                person_id = conn.execute(insert(_PPL).values(**values)).inserted_primary_key[0]
            else:
                conn.execute(update(_PPL).where(_PPL.c.id == person.id).values(**values))
                person_id = person.id
        return Person(name, values["email"], values["escalation_contact_id"], person_id)

    def _person_id(self, conn: Connection, person: Person) -> int:
        if person.id is not None:
            return person.id
        key = name_key(person.name)
        found = conn.execute(select(_PPL.c.id).where(_PPL.c.name_key == key)).scalar()
        if found is None:
            name = " ".join(person.name.split())
            found = conn.execute(insert(_PPL).values(name=name, name_key=key, email=person.email)
                                 ).inserted_primary_key[0]
        person.id = found
        return found

    # -- requests -----------------------------------------------------------------------

    def add(self, request: Request) -> Request:
        with self._transaction(write=True) as conn:
            self._insert(conn, request)
        return request

    def add_many(self, requests: Iterable[Request]) -> int:
        """Insert a batch in one transaction (imports, benchmarks): a statement per chunk, not
        per row, so 20,000 requests take seconds rather than half a minute."""
        count = 0
        with self._transaction(write=True) as conn:
            for chunk in _chunks(requests, BATCH_ROWS):
                for request in chunk:
                    request.counterpart.id = self._person_id(conn, request.counterpart)
                ids = self._insert_rows(conn, _REQ, [_row(r) for r in chunk])
                events = []
                for request, request_id in zip(chunk, ids):
                    request.id = request_id
                    events += [(request, e) for e in request.history if e.id is None]
                if events:
                    event_ids = self._insert_rows(conn, _EVT, [
                        {"request_id": r.id, "kind": e.kind.value, "at": e.at, "data": e.data}
                        for r, e in events])
                    for (_, event), event_id in zip(events, event_ids):
                        event.id = event_id
                count += len(chunk)
        return count

    def _insert_rows(self, conn: Connection, table, rows: list[dict[str, Any]]) -> list[int]:
        """Insert rows with one statement; their new ids, in order."""
        if self.db.is_sqlite:
            return conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                rows).scalars().all()
        # PostgreSQL: the ids are drawn first and the rows sent as one pipelined executemany;
        # a multi-row RETURNING statement would cost psycopg a Python parse of ~10,000
        # placeholders per chunk (20,000 requests took 8 s instead of 2).
        sequence = func.pg_get_serial_sequence(table.name, "id")
        ids = sorted(conn.execute(select(func.nextval(sequence))
                                  .select_from(func.generate_series(1, len(rows)))).scalars())
        conn.execute(insert(table), [{**row, "id": id_} for row, id_ in zip(rows, ids)])
        return ids

    def _insert(self, conn: Connection, request: Request) -> None:
        request.counterpart.id = self._person_id(conn, request.counterpart)
        request.id = conn.execute(insert(_REQ).values(**_row(request))).inserted_primary_key[0]
        self._insert_events(conn, request)

    def _insert_events(self, conn: Connection, request: Request) -> None:
        for event in request.history:
            if event.id is None:
                event.id = conn.execute(insert(_EVT).values(
                    request_id=request.id, kind=event.kind.value, at=event.at, data=event.data
                )).inserted_primary_key[0]

    def get(self, request_id: int) -> Request:
        with self._transaction() as conn:
            return self._load_one(conn, request_id)

    def _load_one(self, conn: Connection, request_id: int) -> Request:
        rows = self._select(conn, _REQ.c.id == request_id)
        if not rows:
            raise NotFound(f"there is no request #{request_id}; `promptly list --all` shows them")
        return rows[0]

    def update(self, request_id: int, change: Callable[[Request], T]) -> tuple[Request, T]:
        """Load, change through a domain operation, and save: one transaction."""
        with self._transaction(write=True) as conn:
            request = self._load_one(conn, request_id)
            result = change(request)
            request.counterpart.id = self._person_id(conn, request.counterpart)
            conn.execute(update(_REQ).where(_REQ.c.id == request_id).values(**_row(request)))
            self._insert_events(conn, request)
        return request, result

    def update_many(self, changes: Iterable[tuple[int, Callable[[Request], Any]]]) -> list[Request]:
        """Several changes in one transaction (firing a batch of prompts)."""
        done = []
        with self._transaction(write=True) as conn:
            for request_id, change in changes:
                request = self._load_one(conn, request_id)
                change(request)
                conn.execute(update(_REQ).where(_REQ.c.id == request_id).values(**_row(request)))
                self._insert_events(conn, request)
                done.append(request)
        return done

    def requests(
        self,
        *,
        direction: Direction | None = None,
        statuses: Iterable[Status] | None = None,
        asked_between: tuple[datetime, datetime] | None = None,
        overdue_at: datetime | None = None,
        with_history: bool = True,
    ) -> list[Request]:
        """`overdue_at`: only requests whose promise, or with none the time wanted, is at or
        before it (app.domain.model.Request.is_overdue, when open)."""
        conditions = []
        if direction is not None:
            conditions.append(_REQ.c.direction == direction.value)
        if statuses is not None:
            conditions.append(_REQ.c.status.in_([s.value for s in statuses]))
        if asked_between is not None:
            conditions.append(_REQ.c.asked_at.between(*asked_between))
        if overdue_at is not None:
            conditions.append(or_(_REQ.c.promised_at <= overdue_at,
                                  and_(_REQ.c.promised_at.is_(None), _REQ.c.needed_by <= overdue_at)))
        with self._transaction() as conn, _collector_paused():
            return self._select(conn, *conditions, with_history=with_history)

    def open_requests(self) -> list[Request]:
        """What the scheduler looks at: every request not done or cancelled, with history."""
        return self.requests(statuses=OPEN_STATUSES)

    def requests_for_summary(self, since: datetime, until: datetime
                             ) -> tuple[list[Request], dict[int, PromiseRecord]]:
        """What a summary of [since, until) reads: requests asked before `until` that were asked,
        closed or still open since `since`, with their promise records. Light requests, for
        speed: no title, uid, details, link, channel or tags, and no history but the closings
        and reopenings of those ever reopened (the records stand for the rest).

        Tens of thousands of values: they skip SQLAlchemy's per-value processing (moments are
        converted here, once) and the cyclic garbage collector, which would otherwise walk every
        live object several times while they are built."""
        c, e = _REQ.c, _EVT.c
        touching = (c.asked_at >= since, c.status.in_(_OPEN_VALUES), c.completed_at >= since,
                    and_(c.status == Status.CANCELLED.value, c.cancelled_at >= since))
        moments = (c.asked_at, c.needed_by, c.acknowledged_at, c.promised_at, c.original_promise,
                   c.completed_at, c.cancelled_at, c.promise_in_force, c.promise_breached,
                   c.breach_noticed)
        query = (select(c.id, c.direction, c.counterpart_id, c.priority, c.status, c.promise_moved,
                        *(_raw(m) for m in moments))
                 .where(c.asked_at < until, or_(*touching)).order_by(c.id))
        reopened = select(e.request_id).where(e.kind == EventKind.REOPENED.value).distinct()
        closings = [k.value for k in (EventKind.DONE, EventKind.CANCELLED, EventKind.REOPENED)]
        requests: list[Request] = []
        records: dict[int, PromiseRecord] = {}

        with self._transaction() as connection, _collector_paused():
            people = {row.id: _person(row) for row in connection.execute(select(_PPL))}
            for (id_, direction, counterpart, priority, status, moved, asked, needed, acknowledged,
                 promised, original, completed, cancelled, in_force, breached,
                 noticed) in connection.execute(query).all():
                requests.append(Request(
                    id=id_, direction=_DIRECTIONS[direction], counterpart=people[counterpart],
                    title="", priority=_PRIORITIES[priority], status=_STATUSES[status],
                    asked_at=utc_from_db(asked), needed_by=utc_from_db(needed),
                    acknowledged_at=utc_from_db(acknowledged),
                    promised_at=utc_from_db(promised), original_promise=utc_from_db(original),
                    completed_at=utc_from_db(completed), cancelled_at=utc_from_db(cancelled)))
                if original is not None:
                    records[id_] = PromiseRecord(utc_from_db(in_force), bool(moved),
                                                 utc_from_db(breached), utc_from_db(noticed))
            by_id = {r.id: r for r in requests}
            # few are ever reopened: find them first, then read just their closings
            ids = [i for i in connection.execute(reopened).scalars() if i in by_id]
            if ids:
                events = (select(e.id, e.request_id, e.kind, _raw(e.at))
                          .where(e.request_id.in_(ids), e.kind.in_(closings))
                          .order_by(e.request_id, e.id))
                for event_id, request_id, kind, at in connection.execute(events).all():
                    by_id[request_id].history.append(
                        Event(_KINDS[kind], utc_from_db(at), {}, event_id))
        return requests, records

    def _select(self, conn: Connection, *conditions, with_history: bool = True) -> list[Request]:
        """Requests (and their histories) as plain objects. The start-up and every list read
        thousands: values are converted here, once per column kind, not by SQLAlchemy per value."""
        people = {row.id: _person(row) for row in conn.execute(select(_PPL))}
        c = _REQ.c
        query = (select(c.id, c.uid, c.direction, c.counterpart_id, c.title, c.details, c.link,
                        c.channel, _raw(c.tags), c.priority, c.recurrence, c.status,
                        *(_raw(m) for m in (c.asked_at, c.needed_by, c.acknowledged_at, c.promised_at,
                                            c.original_promise, c.completed_at, c.cancelled_at)))
                 .where(*conditions).order_by(c.id))
        requests = [Request(
            id=id_, uid=uid, direction=_DIRECTIONS[direction], counterpart=people[counterpart],
            title=title, details=details, link=link, channel=channel, tags=list(tags or []),
            priority=_PRIORITIES[priority], recurrence=recurrence, status=_STATUSES[status],
            asked_at=utc_from_db(asked), needed_by=utc_from_db(needed),
            acknowledged_at=utc_from_db(acknowledged), promised_at=utc_from_db(promised),
            original_promise=utc_from_db(original), completed_at=utc_from_db(completed),
            cancelled_at=utc_from_db(cancelled))
            for (id_, uid, direction, counterpart, title, details, link, channel, _, priority,
                 recurrence, status, asked, needed, acknowledged, promised, original, completed,
                 cancelled), tags in _rows(conn.execute(query), json_column=8)]
        if with_history and requests:
            by_id = {r.id: r for r in requests}
            e = _EVT.c
            events = select(e.id, e.request_id, e.kind, _raw(e.at), _raw(e.data)).order_by(e.request_id, e.id)
            if len(conditions) > 0:
                events = events.where(e.request_id.in_(select(c.id).where(*conditions)))
            for (event_id, request_id, kind, at, _), data in _rows(conn.execute(events), json_column=4):
                owner = by_id.get(request_id)
                if owner is not None:
                    owner.history.append(Event(_KINDS[kind], utc_from_db(at), data or {}, event_id))
        return requests

    def known_uids(self, uids: Iterable[str]) -> set[str]:
        uids = list(uids)
        found: set[str] = set()
        with self._transaction() as conn:
            for start in range(0, len(uids), 500):
                chunk = uids[start:start + 500]
                found.update(conn.execute(select(_REQ.c.uid).where(_REQ.c.uid.in_(chunk))).scalars())
        return found

    def request_with_uid(self, uid: str) -> Request | None:
        with self._transaction() as conn:
            rows = self._select(conn, _REQ.c.uid == uid)
        return rows[0] if rows else None

    def count(self) -> int:
        with self._transaction() as conn:
            return conn.execute(select(func.count()).select_from(_REQ)).scalar_one()

    # -- settings and small state -------------------------------------------------------

    def settings(self) -> Settings:
        with self._transaction() as conn:
            rows = conn.execute(select(_SET).where(~_SET.c.key.startswith(_STATE_PREFIX))).all()
        return Settings.from_json({row.key: row.value for row in rows})

    def save_settings(self, settings: Settings) -> None:
        with self._transaction(write=True) as conn:
            for key, value in settings.to_json().items():
                self._put(conn, key, value)

    def state(self, key: str, default: Any = None) -> Any:
        with self._transaction() as conn:
            value = conn.execute(select(_SET.c.value).where(_SET.c.key == _STATE_PREFIX + key)).first()
        return default if value is None else value[0]

    def set_state(self, key: str, value: Any) -> None:
        with self._transaction(write=True) as conn:
            self._put(conn, _STATE_PREFIX + key, value)

    def _put(self, conn: Connection, key: str, value: Any) -> None:
        conn.execute(delete(_SET).where(_SET.c.key == key))
        if value is not None:
            conn.execute(insert(_SET).values(key=key, value=value))

    # -- the change feed ----------------------------------------------------------------

    @property
    def data_file(self) -> Path | None:
        return self.db.path

    def backup(self, target: Path) -> Path:
        return backup_to(self.db, target)

    def close(self) -> None:
        self.db.dispose()

    def check_file(self) -> str | None:
        return self.db.check_file()

    def changes_since(self, cursor: ChangeCursor | None) -> tuple[bool, ChangeCursor]:
        return self._feed.changes_since(cursor)


def _person(row) -> Person:
    return Person(row.name, row.email, row.escalation_contact_id, row.id)


def _raw(column):
    """The column as the driver returns it: no per-value processing by SQLAlchemy (the caller
    converts moments with utc_from_db; _rows decodes JSON)."""
    return type_coerce(column, NullType())


def _rows(result, json_column: int) -> Iterator[tuple[Any, Any]]:
    """(row, its JSON column decoded), fetched in batches: faster than one by one, lighter than
    all at once. SQLite gives JSON as text (PostgreSQL's driver decodes it): a batch is decoded
    as one array, so that the keys every event repeats ("prompt", "due_at") are one string
    each, not one per event."""
    for batch in result.partitions(FETCH_ROWS):
        values = [row[json_column] for row in batch]
        if any(isinstance(value, str) for value in values):
            values = json.loads("[" + ",".join("null" if v is None else v for v in values) + "]")
        yield from zip(batch, values)


def _row(request: Request) -> dict[str, Any]:
    record = promise_record(request.history)
    return dict(
        uid=request.uid,
        direction=request.direction.value,
        counterpart_id=request.counterpart.id,
        title=request.title,
        details=request.details,
        link=request.link,
        channel=request.channel,
        tags=list(request.tags),
        priority=int(request.priority),
        recurrence=request.recurrence,
        status=request.status.value,
        asked_at=request.asked_at,
        needed_by=request.needed_by,
        acknowledged_at=request.acknowledged_at,
        promised_at=request.promised_at,
        original_promise=request.original_promise,
        completed_at=request.completed_at,
        cancelled_at=request.cancelled_at,
        promise_in_force=record.in_force,
        promise_moved=record.moved,
        promise_breached=record.breached,
        breach_noticed=record.noticed,
    )
