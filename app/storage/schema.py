"""The database schema as SQLAlchemy Core tables. Portable types only.

Core, not the ORM: the store reads and writes plain dataclasses, and importing sqlalchemy.orm
would cost every process ~6 MiB and ~0.1 s for nothing.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.types import TypeEngine

# The Alembic head this code expects; a test keeps it equal to the migrations' head.
SCHEMA_REVISION = "0003_needed_by"

UTC = timezone.utc


class _SQLiteText(TypeEngine):
    """DATETIME in the schema, but the value passes as text: UTCDateTime converts it once.
    (Not a DateTime subclass, or the dialect would swap in its own parsing type.)"""

    __visit_name__ = "DATETIME"
    cache_ok = True

    @property
    def python_type(self):
        return datetime

    @property
    def _type_affinity(self):
        return DateTime


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, whatever the backend stores.

    SQLite keeps naive UTC text in SQLAlchemy's own format ("2026-11-23 09:00:00.000000"), which
    sorts and compares correctly; it is parsed here with the C-fast fromisoformat because the
    list, the scheduler and the summary read tens of thousands of them.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return _SQLiteText()
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None).isoformat(" ", "microseconds")
        return value

    def process_result_value(self, value, dialect) -> datetime | None:
        return utc_from_db(value)


def utc_from_db(value: str | datetime | None) -> datetime | None:
    """A stored moment as an aware UTC datetime: SQLite's naive UTC text, or a driver's datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        # parsing an offset is ~7x faster than .replace(tzinfo=UTC)
        return datetime.fromisoformat(value + "+00:00")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

PEOPLE = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    # casefolded name: people are matched case-insensitively on every backend
    Column("name_key", String(200), nullable=False, unique=True),
    Column("email", String(320)),
    Column("escalation_contact_id", ForeignKey("people.id", ondelete="SET NULL")),
)

REQUESTS = Table(
    "requests", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(64), nullable=False, unique=True),
    Column("direction", String(16), nullable=False),
    Column("counterpart_id", ForeignKey("people.id", ondelete="RESTRICT"), nullable=False),
    Column("title", Text, nullable=False),
    Column("details", Text, nullable=False, default=""),
    Column("link", Text, nullable=False, default=""),
    Column("channel", String(100), nullable=False, default=""),
    Column("tags", JSON, nullable=False, default=list),
    Column("priority", Integer, nullable=False, default=0),
    Column("recurrence", String(200)),
    Column("status", String(16), nullable=False),
    Column("asked_at", UTCDateTime, nullable=False),
    Column("needed_by", UTCDateTime),  # the asker's wish
    Column("acknowledged_at", UTCDateTime),
    Column("promised_at", UTCDateTime),
    Column("original_promise", UTCDateTime),
    Column("completed_at", UTCDateTime),
    Column("cancelled_at", UTCDateTime),
    # app.domain.outcomes.PromiseRecord, folded from the history at every write: the weekly
    # summary judges promises from these instead of reading every history
    Column("promise_in_force", UTCDateTime),
    Column("promise_moved", Boolean, nullable=False, default=False),
    Column("promise_breached", UTCDateTime),
    Column("breach_noticed", UTCDateTime),
    Index("ix_requests_status_direction", "status", "direction"),
    Index("ix_requests_asked_at", "asked_at"),
    Index("ix_requests_promised_at", "promised_at"),
    Index("ix_requests_needed_by", "needed_by"),
    Index("ix_requests_completed_at", "completed_at"),
    Index("ix_requests_counterpart", "counterpart_id"),
)

# A request's history, append-only: the id is the sequence the change feed follows.
EVENTS = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("request_id", ForeignKey("requests.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("data", JSON, nullable=False, default=dict),
    Index("ix_events_request", "request_id", "id"),
    Index("ix_events_kind_at", "kind", "at"),
)

# Settings and small app state shared by the GUI and the CLI, one JSON value per key.
SETTINGS = Table(
    "settings", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", JSON, nullable=True),
)
