"""A request's wish (needed_by) apart from its promise, and the status `promised`.

Upgrade: adds `needed_by`, then applies app.domain.wishes.separate_wish to every request that had
a promise or records a wish: a time typed with the request and never confirmed by an answer was
the asker's wish, not a promise (the rule is written there). Each changed request's row, its
history and its promise record are rewritten; the file was copied aside before.

Downgrade: the release before knew only promises. A request with a wish and no promise gets the
wish back as its promise (how that release stored it); `promised` becomes `acknowledged`; the
wish itself stays in the history's creation record, so upgrading again restores it.

Revision ID: 0003_needed_by
Revises: 0002_promise_record
"""
from itertools import groupby

import sqlalchemy as sa
from alembic import op

from app.domain.model import Direction, Event, EventKind, Person, Request, Status
from app.domain.outcomes import promise_record
from app.domain.wishes import separate_wish
from app.storage.schema import UTCDateTime

revision = "0003_needed_by"
down_revision = "0002_promise_record"
branch_labels = None
depends_on = None

BATCH = 500
_MOMENTS = ("asked_at", "needed_by", "acknowledged_at", "promised_at", "original_promise",
            "completed_at", "cancelled_at", "promise_in_force", "promise_breached", "breach_noticed")


def _tables():
    requests = sa.table("requests", sa.column("id"), sa.column("status"), sa.column("direction"),
                        sa.column("promise_moved"), *(sa.column(m, UTCDateTime()) for m in _MOMENTS))
    events = sa.table("events", sa.column("id"), sa.column("request_id"), sa.column("kind"),
                      sa.column("at", UTCDateTime()), sa.column("data", sa.JSON()))
    return requests, events


def upgrade() -> None:
    op.add_column("requests", sa.Column("needed_by", UTCDateTime(), nullable=True))
    op.create_index("ix_requests_needed_by", "requests", ["needed_by"])
    conn = op.get_bind()
    requests, events = _tables()
    wishes = sa.select(events.c.request_id).where(sa.or_(
        events.c.kind == EventKind.EDITED.value,
        sa.and_(events.c.kind == EventKind.CREATED.value,
                sa.cast(events.c.data, sa.String).like('%"needed_by"%'))))
    candidates = sa.select(requests).where(sa.or_(requests.c.original_promise.is_not(None),
                                                  requests.c.id.in_(wishes))).order_by(requests.c.id)
    for chunk in _chunked(conn.execute(candidates).all()):
        ids = [row.id for row in chunk]
        history = {rid: [Event(EventKind(kind), at, dict(data or {}), eid)
                         for _, eid, kind, at, data in group]
                   for rid, group in groupby(conn.execute(
                       sa.select(events.c.request_id, events.c.id, events.c.kind, events.c.at,
                                 events.c.data)
                       .where(events.c.request_id.in_(ids))
                       .order_by(events.c.request_id, events.c.id)).all(), key=lambda r: r[0])}
        for row in chunk:
            request = _request(row, history.get(row.id, []))
            before = {e.id: (e.kind, e.data) for e in request.history}
            if separate_wish(request):
                _save(conn, requests, events, request, before)


def _chunked(rows):
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def _request(row, history: list[Event]) -> Request:
    return Request(
        id=row.id, direction=Direction(row.direction), counterpart=Person("?"), title="",
        status=Status(row.status), asked_at=row.asked_at, needed_by=row.needed_by,
        acknowledged_at=row.acknowledged_at, promised_at=row.promised_at,
        original_promise=row.original_promise, completed_at=row.completed_at,
        cancelled_at=row.cancelled_at, history=history)


def _save(conn, requests, events, request: Request, before: dict) -> None:
    kept = {e.id for e in request.history}
    gone = [eid for eid in before if eid not in kept]
    if gone:
        conn.execute(events.delete().where(events.c.id.in_(gone)))
    for event in request.history:
        if before.get(event.id) != (event.kind, event.data):
            conn.execute(events.update().where(events.c.id == event.id)
                         .values(kind=event.kind.value, data=event.data))
    record = promise_record(request.history)
    conn.execute(requests.update().where(requests.c.id == request.id).values(
        status=request.status.value, needed_by=request.needed_by,
        acknowledged_at=request.acknowledged_at, promised_at=request.promised_at,
        original_promise=request.original_promise, promise_in_force=record.in_force,
        promise_moved=record.moved, promise_breached=record.breached,
        breach_noticed=record.noticed))


def downgrade() -> None:
    conn = op.get_bind()
    requests, _ = _tables()
    wish_only = sa.and_(requests.c.needed_by.is_not(None), requests.c.original_promise.is_(None))
    conn.execute(requests.update().where(wish_only).values(
        promised_at=requests.c.needed_by, original_promise=requests.c.needed_by,
        promise_in_force=requests.c.needed_by))
    conn.execute(requests.update().where(requests.c.status == Status.PROMISED.value)
                 .values(status=Status.ACKNOWLEDGED.value))
    op.drop_index("ix_requests_needed_by", "requests")
    with op.batch_alter_table("requests") as batch:
        batch.drop_column("needed_by")
