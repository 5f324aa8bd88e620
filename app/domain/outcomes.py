"""How a promise ended, computed from history (PRODUCT.md "Outcomes")."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from collections.abc import Iterable
from datetime import datetime

from app.domain.model import Event, EventKind, Request


class Outcome(str, enum.Enum):
    KEPT = "kept"  # done by the promise, never moved after a breach
    RENEGOTIATED = "renegotiated"  # moved before it was breached, and the new one was kept
    BROKEN = "broken"  # done late, or the promise passed without completion or renegotiation


@dataclass(frozen=True, slots=True)
class Settlement:
    outcome: Outcome
    settled_at: datetime  # completion for kept/renegotiated; the first breach for broken
    lateness_minutes: float = 0.0  # wall minutes past the promise in force (broken only)


@dataclass(frozen=True, slots=True)
class PromiseRecord:
    """What a request's history says of its promise. `now` plays no part, so the store keeps it
    with the request and the weekly summary reads it instead of every history."""

    in_force: datetime | None = None  # the promise in force after the last promise or move
    moved: bool = False  # renegotiated at least once
    breached: datetime | None = None  # the first promise that passed unkept...
    noticed: datetime | None = None  # ...and when the record showed it (a late move or end)


def promise_record(history: Iterable[Event]) -> PromiseRecord:
    in_force: datetime | None = None
    moved = False
    breach: tuple[datetime, datetime] | None = None
    for event in history:
        if event.kind is EventKind.PROMISED:
            in_force = datetime.fromisoformat(event.data["to"])
        elif event.kind is EventKind.RENEGOTIATED:
            old = datetime.fromisoformat(event.data["from"])
            if event.at > old and breach is None:
                breach = (old, event.at)
            in_force = datetime.fromisoformat(event.data["to"])
            moved = True
        elif event.kind in (EventKind.DONE, EventKind.CANCELLED) and in_force is not None:
            if breach is None and event.at > in_force:
                breach = (in_force, event.at)
    return PromiseRecord(in_force, moved, *(breach or (None, None)))


def settle(request: Request, now: datetime, record: PromiseRecord | None = None) -> Settlement | None:
    """The outcome of the request's promise, or None while it is still open to every outcome
    (or never had a promise, or was cancelled before any breach). `record`: the request's
    promise record when the caller has it, else it is read from the history."""
    if request.original_promise is None:
        return None
    if record is None:
        record = promise_record(request.history)
    if record.in_force is None:
        return None
    breached, noticed = record.breached, record.noticed
    if breached is None and request.completed_at is None and request.cancelled_at is None \
            and now > record.in_force:
        breached, noticed = record.in_force, now
    if breached is not None:
        return Settlement(Outcome.BROKEN, breached, (noticed - breached).total_seconds() / 60.0)
    if request.completed_at is not None:
        return Settlement(Outcome.RENEGOTIATED if record.moved else Outcome.KEPT, request.completed_at)
    return None


def responded_on_time(request: Request, respond_by: datetime) -> bool | None:
    """True/False once decidable: answered by respond-by, or respond-by passed without one."""
    if request.acknowledged_at is not None:
        return request.acknowledged_at <= respond_by
    return None
