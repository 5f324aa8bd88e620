"""The repository: plain domain objects in, plain domain objects out.

Each public method is one transaction; `update` runs a domain operation inside the write
transaction, so a refused operation writes nothing and a concurrent writer waits its turn.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import and_, delete, func, insert, or_, select, type_coerce, update
from sqlalchemy.orm import Session
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
from app.storage.database import Database
from app.storage.schema import EventRow, PersonRow, RequestRow, SettingRow, utc_from_db

T = TypeVar("T")

_REQ = RequestRow.__table__
_EVT = EventRow.__table__
_PPL = PersonRow.__table__
_SET = SettingRow.__table__

_STATE_PREFIX = "state."
BATCH_ROWS = 500  # rows per INSERT statement of a batch
_OPEN_VALUES = tuple(s.value for s in OPEN_STATUSES)


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
    def __init__(self, db: Database) -> None:
        self.db = db

    @contextmanager
    def _session(self, write: bool = False):
        with Session(self.db.engine, expire_on_commit=False) as session:
            if write:
                session.connection(execution_options={"promptly_write": True})
            yield session
            session.commit()  # on an exception, closing the session rolls back

    # -- people -------------------------------------------------------------------------

    def people(self) -> list[Person]:
        with self._session() as s:
            return [_person(r) for r in s.execute(select(_PPL).order_by(_PPL.c.name_key))]

    def person(self, person_id: int) -> Person:
        with self._session() as s:
            row = s.execute(select(_PPL).where(_PPL.c.id == person_id)).first()
        if row is None:
            raise NotFound(f"there is no person #{person_id}")
        return _person(row)

    def person_named(self, name: str) -> Person | None:
        with self._session() as s:
            row = s.execute(select(_PPL).where(_PPL.c.name_key == name_key(name))).first()
        return _person(row) if row else None

    def save_person(self, person: Person) -> Person:
        name = " ".join(person.name.split())
        if not name:
            raise DomainError("a person needs a name")
        bounds.check_person(Person(name, person.email))
        values = dict(name=name, name_key=name_key(name), email=person.email or None,
                      escalation_contact_id=person.escalation_contact_id)
        with self._session(write=True) as s:
            clash = s.execute(select(_PPL.c.id).where(_PPL.c.name_key == values["name_key"])).scalar()
            if clash is not None and clash != person.id:
                raise DomainError(f"there is already a person called {name}")
            if person.id is None:
                person_id = s.execute(insert(_PPL).values(**values)).inserted_primary_key[0]
            else:
                s.execute(update(_PPL).where(_PPL.c.id == person.id).values(**values))
                person_id = person.id
        return Person(name, values["email"], values["escalation_contact_id"], person_id)

    def _person_id(self, s: Session, person: Person) -> int:
        if person.id is not None:
            return person.id
        key = name_key(person.name)
        found = s.execute(select(_PPL.c.id).where(_PPL.c.name_key == key)).scalar()
        if found is None:
            name = " ".join(person.name.split())
            found = s.execute(insert(_PPL).values(name=name, name_key=key, email=person.email)
                              ).inserted_primary_key[0]
        person.id = found
        return found

    # -- requests -----------------------------------------------------------------------

    def add(self, request: Request) -> Request:
        with self._session(write=True) as s:
            self._insert(s, request)
        return request

    def add_many(self, requests: Iterable[Request]) -> int:
        """Insert a batch in one transaction (imports, benchmarks): a statement per chunk, not
        per row, so 20,000 requests take seconds rather than half a minute."""
        count = 0
        with self._session(write=True) as s:
            for chunk in _chunks(requests, BATCH_ROWS):
                for request in chunk:
                    request.counterpart.id = self._person_id(s, request.counterpart)
                ids = s.execute(insert(_REQ).returning(_REQ.c.id, sort_by_parameter_order=True),
                                [_row(r) for r in chunk]).scalars().all()
                events = []
                for request, request_id in zip(chunk, ids):
                    request.id = request_id
                    events += [(request, e) for e in request.history if e.id is None]
                if events:
                    event_ids = s.execute(
                        insert(_EVT).returning(_EVT.c.id, sort_by_parameter_order=True),
                        [{"request_id": r.id, "kind": e.kind.value, "at": e.at, "data": e.data}
                         for r, e in events]).scalars().all()
                    for (_, event), event_id in zip(events, event_ids):
                        event.id = event_id
                count += len(chunk)
        return count

    def _insert(self, s: Session, request: Request) -> None:
        request.counterpart.id = self._person_id(s, request.counterpart)
        request.id = s.execute(insert(_REQ).values(**_row(request))).inserted_primary_key[0]
        self._insert_events(s, request)

    def _insert_events(self, s: Session, request: Request) -> None:
        for event in request.history:
            if event.id is None:
                event.id = s.execute(insert(_EVT).values(
                    request_id=request.id, kind=event.kind.value, at=event.at, data=event.data
                )).inserted_primary_key[0]

    def get(self, request_id: int) -> Request:
        with self._session() as s:
            return self._load_one(s, request_id)

    def _load_one(self, s: Session, request_id: int) -> Request:
        rows = self._select(s, _REQ.c.id == request_id)
        if not rows:
            raise NotFound(f"there is no request #{request_id}; `promptly list --all` shows them")
        return rows[0]

    def update(self, request_id: int, change: Callable[[Request], T]) -> tuple[Request, T]:
        """Load, change through a domain operation, and save: one transaction."""
        with self._session(write=True) as s:
            request = self._load_one(s, request_id)
            result = change(request)
            request.counterpart.id = self._person_id(s, request.counterpart)
            s.execute(update(_REQ).where(_REQ.c.id == request_id).values(**_row(request)))
            self._insert_events(s, request)
        return request, result

    def update_many(self, changes: Iterable[tuple[int, Callable[[Request], Any]]]) -> list[Request]:
        """Several changes in one transaction (firing a batch of prompts)."""
        done = []
        with self._session(write=True) as s:
            for request_id, change in changes:
                request = self._load_one(s, request_id)
                change(request)
                s.execute(update(_REQ).where(_REQ.c.id == request_id).values(**_row(request)))
                self._insert_events(s, request)
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
        with self._session() as s, _collector_paused():
            return self._select(s, *conditions, with_history=with_history)

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
                        *(type_coerce(m, NullType()) for m in moments))
                 .where(c.asked_at < until, or_(*touching)).order_by(c.id))
        reopened = select(e.request_id).where(e.kind == EventKind.REOPENED.value).distinct()
        closings = [k.value for k in (EventKind.DONE, EventKind.CANCELLED, EventKind.REOPENED)]
        directions = {d.value: d for d in Direction}
        statuses = {st.value: st for st in Status}
        priorities = {p.value: p for p in Priority}
        kind_of = {k.value: k for k in EventKind}
        requests: list[Request] = []
        records: dict[int, PromiseRecord] = {}

        with self.db.engine.connect() as connection, _collector_paused():
            people = {row.id: _person(row) for row in connection.execute(select(_PPL))}
            for (id_, direction, counterpart, priority, status, moved, asked, needed, acknowledged,
                 promised, original, completed, cancelled, in_force, breached,
                 noticed) in connection.execute(query).all():
                requests.append(Request(
                    id=id_, direction=directions[direction], counterpart=people[counterpart],
                    title="", priority=priorities[priority], status=statuses[status],
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
                events = (select(e.id, e.request_id, e.kind, type_coerce(e.at, NullType()))
                          .where(e.request_id.in_(ids), e.kind.in_(closings))
                          .order_by(e.request_id, e.id))
                for event_id, request_id, kind, at in connection.execute(events).all():
                    by_id[request_id].history.append(
                        Event(kind_of[kind], utc_from_db(at), {}, event_id))
        return requests, records

    def _select(self, s: Session, *conditions, with_history: bool = True) -> list[Request]:
        people = {row.id: _person(row) for row in s.execute(select(_PPL))}
        query = select(_REQ).where(*conditions).order_by(_REQ.c.id)
        requests = [_request(row, people) for row in s.execute(query)]
        if with_history and requests:
            by_id = {r.id: r for r in requests}
            events = select(_EVT).order_by(_EVT.c.request_id, _EVT.c.id)
            if len(conditions) > 0:
                events = events.where(_EVT.c.request_id.in_(select(_REQ.c.id).where(*conditions)))
            for row in s.execute(events):
                owner = by_id.get(row.request_id)
                if owner is not None:
                    owner.history.append(Event(EventKind(row.kind), row.at, row.data or {}, row.id))
        return requests

    def known_uids(self, uids: Iterable[str]) -> set[str]:
        uids = list(uids)
        found: set[str] = set()
        with self._session() as s:
            for start in range(0, len(uids), 500):
                chunk = uids[start:start + 500]
                found.update(s.execute(select(_REQ.c.uid).where(_REQ.c.uid.in_(chunk))).scalars())
        return found

    def count(self) -> int:
        with self._session() as s:
            return s.execute(select(func.count()).select_from(_REQ)).scalar_one()

    # -- settings and small state -------------------------------------------------------

    def settings(self) -> Settings:
        with self._session() as s:
            rows = s.execute(select(_SET).where(~_SET.c.key.startswith(_STATE_PREFIX))).all()
        return Settings.from_json({row.key: row.value for row in rows})

    def save_settings(self, settings: Settings) -> None:
        with self._session(write=True) as s:
            for key, value in settings.to_json().items():
                self._put(s, key, value)

    def state(self, key: str, default: Any = None) -> Any:
        with self._session() as s:
            value = s.execute(select(_SET.c.value).where(_SET.c.key == _STATE_PREFIX + key)).first()
        return default if value is None else value[0]

    def set_state(self, key: str, value: Any) -> None:
        with self._session(write=True) as s:
            self._put(s, _STATE_PREFIX + key, value)

    def _put(self, s: Session, key: str, value: Any) -> None:
        s.execute(delete(_SET).where(_SET.c.key == key))
        if value is not None:
            s.execute(insert(_SET).values(key=key, value=value))

    def data_version(self) -> int:
        """Changes when another connection commits: a cheap way to notice outside writes."""
        if not self.db.is_sqlite:
            with self._session() as s:
                return hash(tuple(s.execute(select(func.max(_EVT.c.id), func.count(_SET.c.key))).one()))
        with self.db.engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA data_version").scalar()


def _person(row) -> Person:
    return Person(row.name, row.email, row.escalation_contact_id, row.id)


def _request(row, people: dict[int, Person]) -> Request:
    return Request(
        id=row.id,
        uid=row.uid,
        direction=Direction(row.direction),
        counterpart=people[row.counterpart_id],
        title=row.title,
        details=row.details,
        link=row.link,
        channel=row.channel,
        tags=list(row.tags or []),
        priority=Priority(row.priority),
        recurrence=row.recurrence,
        status=Status(row.status),
        asked_at=row.asked_at,
        needed_by=row.needed_by,
        acknowledged_at=row.acknowledged_at,
        promised_at=row.promised_at,
        original_promise=row.original_promise,
        completed_at=row.completed_at,
        cancelled_at=row.cancelled_at,
    )


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
