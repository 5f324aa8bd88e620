"""Plain domain objects. They carry no session and no Qt: every surface works on these."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class DomainError(ValueError):
    """A rule of the product was broken; the message says what to do instead."""


class Direction(str, enum.Enum):
    MADE = "made"  # I asked; a co-worker owes me
    RECEIVED = "received"  # I was asked; I owe a co-worker


class Status(str, enum.Enum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_closed(self) -> bool:
        return self in (Status.DONE, Status.CANCELLED)


class Priority(enum.IntEnum):
    NORMAL = 0
    HIGH = 1  # "!"
    HIGHEST = 2  # "!!"
    URGENT = 3  # "!!!": prompts ignore working hours

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> Priority:
        try:
            return cls[label.upper()]
        except KeyError:
            raise DomainError(
                f"unknown priority {label!r}; use one of {', '.join(p.label for p in cls)}"
            ) from None


class EventKind(str, enum.Enum):
    CREATED = "created"
    ACKNOWLEDGED = "acknowledged"
    PROMISED = "promised"
    RENEGOTIATED = "renegotiated"
    PROMPTED = "prompted"
    SNOOZED = "snoozed"
    FOLLOWED_UP = "followed_up"
    ESCALATED = "escalated"
    DONE = "done"
    REOPENED = "reopened"
    CANCELLED = "cancelled"
    EDITED = "edited"


class PromptKind(str, enum.Enum):
    RESPOND = "respond"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NUDGE = "nudge"
    ESCALATE = "escalate"
    CHECK_IN = "check_in"


@dataclass(slots=True)
class Person:
    name: str
    email: str | None = None
    escalation_contact_id: int | None = None
    id: int | None = None


@dataclass(slots=True)
class Event:
    """One entry of a request's append-only history. `data` holds the kind's details."""

    kind: EventKind
    at: datetime
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass(slots=True)
class Request:
    direction: Direction
    counterpart: Person
    title: str
    asked_at: datetime
    status: Status = Status.OPEN
    details: str = ""
    link: str = ""
    channel: str = ""
    tags: list[str] = field(default_factory=list)
    priority: Priority = Priority.NORMAL
    recurrence: str | None = None
    acknowledged_at: datetime | None = None
    promised_at: datetime | None = None
    original_promise: datetime | None = None
    completed_at: datetime | None = None
    cancelled_at: datetime | None = None
    history: list[Event] = field(default_factory=list)
    uid: str = ""
    id: int | None = None

    @property
    def urgent(self) -> bool:
        return self.priority >= Priority.URGENT

    @property
    def is_closed(self) -> bool:
        return self.status.is_closed

    def is_overdue(self, now: datetime) -> bool:
        """Derived, never stored: a live promise whose time has passed."""
        return not self.is_closed and self.promised_at is not None and self.promised_at <= now
