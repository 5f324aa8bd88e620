"""The database schema as SQLAlchemy 2.0 typed models. Portable types only."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy.types import TypeEngine
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


class Base(DeclarativeBase):
    pass


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # casefolded name: people are matched case-insensitively on every backend
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str | None] = mapped_column(String(320))
    escalation_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )


class RequestRow(Base):
    __tablename__ = "requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    direction: Mapped[str] = mapped_column(String(16))
    counterpart_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(100), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    recurrence: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    needed_by: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the asker's wish
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    promised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    original_promise: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # app.domain.outcomes.PromiseRecord, folded from the history at every write: the weekly
    # summary judges promises from these instead of reading every history
    promise_in_force: Mapped[datetime | None] = mapped_column(UTCDateTime)
    promise_moved: Mapped[bool] = mapped_column(Boolean, default=False)
    promise_breached: Mapped[datetime | None] = mapped_column(UTCDateTime)
    breach_noticed: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_requests_status_direction", "status", "direction"),
        Index("ix_requests_asked_at", "asked_at"),
        Index("ix_requests_promised_at", "promised_at"),
        Index("ix_requests_needed_by", "needed_by"),
        Index("ix_requests_completed_at", "completed_at"),
        Index("ix_requests_counterpart", "counterpart_id"),
    )


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (
        Index("ix_events_request", "request_id", "id"),
        Index("ix_events_kind_at", "kind", "at"),
    )


class SettingRow(Base):
    """Settings and small app state shared by the GUI and the CLI, one JSON value per key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
