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
    OPEN = "open"  # nobody answered yet
    ACKNOWLEDGED = "acknowledged"  # answered, no promise
    PROMISED = "promised"  # the asked party committed to a time
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_closed(self) -> bool:
        return self in (Status.DONE, Status.CANCELLED)


OPEN_STATUSES = (Status.OPEN, Status.ACKNOWLEDGED, Status.PROMISED)


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
    DISMISSED = "dismissed"
    NOTE = "note"  # a line both parties (and a supervisor it was escalated to) see
    REMINDED = "reminded"  # the asker reminded the asked one through the team server


class PromptKind(str, enum.Enum):
    RESPOND = "respond"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NUDGE = "nudge"
    ESCALATE = "escalate"
    CHECK_IN = "check_in"
    WANTED = "wanted"
    REMINDED = "reminded"  # the asker (a team member) reminded me


@dataclass(slots=True)
class Person:
    name: str
    email: str | None = None
    escalation_contact_id: int | None = None
    id: int | None = None


TEAM = "team"  # the key of a pulled event's origin (uid, author) in its data


@dataclass(slots=True)
class Event:
    """One entry of a request's append-only history. `data` holds the kind's details."""

    kind: EventKind
    at: datetime
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    @property
    def from_team(self) -> bool:
        """Pulled from a colleague through the team server: told from their side."""
        return TEAM in self.data


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
    needed_by: datetime | None = None  # the asker's wish: not a promise
    acknowledged_at: datetime | None = None
    promised_at: datetime | None = None  # the promise in force, once somebody promised
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
        """Derived, never stored: the promise in force has passed, or, with none, the wish."""
        if self.is_closed:
            return False
        due = self.promised_at or self.needed_by
        return due is not None and due <= now

    def status_word(self, now: datetime) -> str:
        """The status as PRODUCT.md words it, the same on every surface (translated by the GUI)."""
        if self.is_overdue(now):
            return "overdue"
        if self.status is Status.OPEN:
            return "needs reply" if self.direction is Direction.RECEIVED else "awaiting reply"
        return self.status.value

    def who(self) -> str:
        """`I owe Dana` / `Dana owes me`: how every surface names a request's two sides."""
        name = self.counterpart.name
        return f"I owe {name}" if self.direction is Direction.RECEIVED else f"{name} owes me"
