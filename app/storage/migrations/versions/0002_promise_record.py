"""Each request keeps its promise record (app.domain.outcomes.PromiseRecord), folded from its
history, so the weekly summary need not read every history.

Revision ID: 0002_promise_record
Revises: 0001_initial
"""
from itertools import groupby

import sqlalchemy as sa
from alembic import op

from app.domain.model import Event, EventKind
from app.domain.outcomes import promise_record
from app.storage.schema import UTCDateTime

revision = "0002_promise_record"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

COLUMNS = ("promise_in_force", "promise_moved", "promise_breached", "breach_noticed")
BATCH = 500


def upgrade() -> None:
    op.add_column("requests", sa.Column("promise_in_force", UTCDateTime(), nullable=True))
    op.add_column("requests", sa.Column("promise_moved", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
    op.add_column("requests", sa.Column("promise_breached", UTCDateTime(), nullable=True))
    op.add_column("requests", sa.Column("breach_noticed", UTCDateTime(), nullable=True))
    _fold_histories(op.get_bind())


def _fold_histories(conn) -> None:
    requests = sa.table("requests", sa.column("id"), sa.column("original_promise", UTCDateTime()),
                        sa.column("promise_in_force", UTCDateTime()), sa.column("promise_moved"),
                        sa.column("promise_breached", UTCDateTime()),
                        sa.column("breach_noticed", UTCDateTime()))
    events = sa.table("events", sa.column("id"), sa.column("request_id"), sa.column("kind"),
                      sa.column("at", UTCDateTime()), sa.column("data", sa.JSON()))
    kinds = [k.value for k in (EventKind.PROMISED, EventKind.RENEGOTIATED, EventKind.DONE,
                               EventKind.CANCELLED)]
    promised = sa.select(requests.c.id).where(requests.c.original_promise.is_not(None))
    rows = conn.execute(
        sa.select(events.c.request_id, events.c.kind, events.c.at, events.c.data)
        .where(events.c.kind.in_(kinds), events.c.request_id.in_(promised))
        .order_by(events.c.request_id, events.c.id)).all()
    update = (requests.update().where(requests.c.id == sa.bindparam("request_id"))
              .values({name: sa.bindparam(f"new_{name}") for name in COLUMNS}))
    batch = []
    for request_id, group in groupby(rows, key=lambda row: row[0]):
        record = promise_record(Event(EventKind(kind), at, data or {}) for _, kind, at, data in group)
        batch.append({"request_id": request_id, "new_promise_in_force": record.in_force,
                      "new_promise_moved": record.moved, "new_promise_breached": record.breached,
                      "new_breach_noticed": record.noticed})
        if len(batch) == BATCH:
            conn.execute(update, batch)
            batch = []
    if batch:
        conn.execute(update, batch)


def downgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        for name in COLUMNS:
            batch.drop_column(name)
