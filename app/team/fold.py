# The fold: a shared request's state from its shared events, the same on every machine.
"""A shared request's state is a pure function of the set of its shared events.

The rule (every machine applies it; arrival order never matters):

1. Order the events by (at, author, uid). `uid` is unique, so the order is total.
2. Start from the request as created: OPEN, nothing answered, nothing promised.
3. Apply each event in that order:
   - acknowledged: answered at `at` if not answered yet; OPEN becomes ACKNOWLEDGED.
   - promised / renegotiated: ignored while closed; else the promise in force becomes `to`
     (the first ever is also the original promise), answered if not yet, status PROMISED.
   - done / cancelled: ignored while closed, so of two closings made at once (Dana marks it
     done while Sam cancels offline) the earlier in the order wins everywhere.
   - reopened: ignored unless closed; else back to PROMISED, ACKNOWLEDGED or OPEN.
   - edited: the shared fields it names (title, tags, priority, needed_by) take its values.
   - escalated: no change of state (escalated in Promptly, it grants the asked member's
     supervisor sight of the request while it is open).
   - note: no change of state; a line for the history both parties see.
   - reminded: no change of state (the asked member gets a prompt).
An event that does not apply is kept in the history; it just changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.model import EventKind, Priority, Status

# What leaves the machine; prompts, snoozes, drafts and follow-ups stay personal.
SHARED_KINDS = frozenset({
    EventKind.CREATED, EventKind.ACKNOWLEDGED, EventKind.PROMISED, EventKind.RENEGOTIATED,
    EventKind.DONE, EventKind.CANCELLED, EventKind.REOPENED, EventKind.EDITED,
    EventKind.ESCALATED, EventKind.NOTE, EventKind.REMINDED,
})
SHARED_FIELDS = ("title", "tags", "priority", "needed_by")


@dataclass(frozen=True)
class SharedEvent:
    uid: str
    author: str
    kind: EventKind
    at: datetime
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def order(self) -> tuple[datetime, str, str]:
        return (self.at, self.author, self.uid)


@dataclass
class FoldState:
    title: str
    tags: list[str]
    priority: Priority
    needed_by: datetime | None
    status: Status = Status.OPEN
    acknowledged_at: datetime | None = None
    promised_at: datetime | None = None
    original_promise: datetime | None = None
    completed_at: datetime | None = None
    cancelled_at: datetime | None = None


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def fold(base: FoldState, events: Iterable[SharedEvent]) -> FoldState:
    """`base`: the request as created (title, tags, priority, needed_by); a new state."""
    s = FoldState(base.title, list(base.tags), base.priority, base.needed_by)
    unique = {e.uid: e for e in events}.values()  # pulled twice is once
    for e in sorted(unique, key=lambda e: e.order):
        closed = s.status.is_closed
        kind = e.kind
        if kind is EventKind.ACKNOWLEDGED:
            if s.acknowledged_at is None:
                s.acknowledged_at = e.at
                if s.status is Status.OPEN:
                    s.status = Status.ACKNOWLEDGED
        elif kind in (EventKind.PROMISED, EventKind.RENEGOTIATED):
            to = _time(e.data.get("to"))
            if closed or to is None:
                continue
            s.promised_at = to
            s.original_promise = s.original_promise or to
            s.acknowledged_at = s.acknowledged_at or e.at
            s.status = Status.PROMISED
        elif kind is EventKind.DONE:
            if not closed:
                s.status, s.completed_at = Status.DONE, e.at
                s.acknowledged_at = s.acknowledged_at or e.at
        elif kind is EventKind.CANCELLED:
            if not closed:
                s.status, s.cancelled_at = Status.CANCELLED, e.at
        elif kind is EventKind.REOPENED:
            if closed:
                s.completed_at = s.cancelled_at = None
                s.status = (Status.PROMISED if s.promised_at else
                            Status.ACKNOWLEDGED if s.acknowledged_at else Status.OPEN)
        elif kind is EventKind.EDITED:
            changes = e.data.get("changes", {})
            if "title" in changes:
                s.title = changes["title"]
            if "tags" in changes:
                s.tags = sorted(set(changes["tags"]))
            if "priority" in changes:
                s.priority = Priority(int(changes["priority"]))
            if "needed_by" in changes:
                s.needed_by = _time(changes["needed_by"])
    return s
