"""How a promise ended, computed from history (PRODUCT.md "Outcomes")."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from app.domain.model import EventKind, Request


class Outcome(str, enum.Enum):
    KEPT = "kept"  # done by the promise, never moved after a breach
    RENEGOTIATED = "renegotiated"  # moved before it was breached, and the new one was kept
    BROKEN = "broken"  # done late, or the promise passed without completion or renegotiation


@dataclass(frozen=True, slots=True)
class Settlement:
    outcome: Outcome
    settled_at: datetime  # completion for kept/renegotiated; the first breach for broken
    lateness_minutes: float = 0.0  # wall minutes past the promise in force (broken only)


def settle(request: Request, now: datetime) -> Settlement | None:
    """The outcome of the request's promise, or None while it is still open to every outcome
    (or never had a promise, or was cancelled before any breach)."""
    if request.original_promise is None:
        return None
    in_force: datetime | None = None
    moved = False
    breach: tuple[datetime, datetime] | None = None  # (promise that passed, when it was noticed)
    for event in request.history:
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
    if in_force is None:
        return None
    end = request.completed_at or request.cancelled_at
    if breach is None and end is None and now > in_force:
        breach = (in_force, now)
    if breach is not None:
        promise, noticed = breach
        return Settlement(Outcome.BROKEN, promise, (noticed - promise).total_seconds() / 60.0)
    if request.completed_at is not None:
        return Settlement(Outcome.RENEGOTIATED if moved else Outcome.KEPT, request.completed_at)
    return None


def responded_on_time(request: Request, respond_by: datetime) -> bool | None:
    """True/False once decidable: answered by respond-by, or respond-by passed without one."""
    if request.acknowledged_at is not None:
        return request.acknowledged_at <= respond_by
    return None
