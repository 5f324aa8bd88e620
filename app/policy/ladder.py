"""The prompt ladder of PRODUCT.md: which prompt fires when. Every number is configurable."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import NamedTuple

from app.domain.model import Direction, EventKind, PromptKind, Request, Status
from app.policy.calendar import AlwaysOpen, WorkingCalendar


@dataclass(frozen=True, slots=True)
class Ladder:
    response_window: int = 60  # working minutes to answer a request I received
    respond_lead: int = 15  # wall minutes before respond-by
    due_soon_lead: int = 15  # wall minutes before a promise I gave, or a time I was asked for
    nudge_after: int = 60  # working minutes of silence before I nudge
    escalate_after: int = 120  # working minutes of silence before I escalate
    escalate_after_promise: int = 60  # working minutes past their promise before I escalate

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 60 * 24 * 30:
                raise ValueError(f"{f.name.replace('_', ' ')} must be a whole number of minutes "
                                 f"from 0 to 43200, not {value!r}")
        if self.escalate_after <= self.nudge_after:
            raise ValueError("escalation must come after the nudge: "
                             "make 'escalate after' longer than 'nudge after'")


class Rung(NamedTuple):
    """One prompt a request may raise: its kind, a stable key, and when it falls due."""

    kind: PromptKind
    key: str
    at: datetime


def calendar_for(request: Request, calendar: WorkingCalendar) -> WorkingCalendar:
    return _always_open(calendar) if request.urgent else calendar


_ALWAYS: dict[object, AlwaysOpen] = {}


def _always_open(calendar: WorkingCalendar) -> AlwaysOpen:
    cal = _ALWAYS.get(calendar.tz)
    if cal is None:
        cal = _ALWAYS[calendar.tz] = AlwaysOpen(calendar.tz)
    return cal


def respond_by(request: Request, ladder: Ladder, calendar: WorkingCalendar) -> datetime:
    """When the asked party should have answered: asked_at + the response window, in working time."""
    return calendar_for(request, calendar).add_working_minutes(request.asked_at, ladder.response_window)


class Deadline(NamedTuple):
    """What a request counts down to (PRODUCT.md "The clocks"), the one rule every surface uses.

    `kind`: "promise" (the promise in force), "reply" (nobody answered yet: the respond-by) or
    "wanted" (the asker's needed-by). `wanted`: the needed-by shown beside a reply deadline when
    it comes first."""

    kind: str
    at: datetime
    wanted: datetime | None = None


def deadline(request: Request, ladder: Ladder, calendar: WorkingCalendar) -> Deadline | None:
    """The promise if there is one; else, while nobody answered, the respond-by (and the
    needed-by beside it when earlier); else the needed-by; closed requests count down to nothing."""
    if request.is_closed:
        return None
    if request.promised_at is not None:
        return Deadline("promise", request.promised_at)
    wanted = request.needed_by
    if request.status is Status.OPEN:
        reply = respond_by(request, ladder, calendar)
        return Deadline("reply", reply, wanted if wanted is not None and wanted < reply else None)
    if wanted is not None:
        return Deadline("wanted", wanted)
    return None


_ANSWERS = (EventKind.ACKNOWLEDGED, EventKind.PROMISED, EventKind.RENEGOTIATED)


def rungs(request: Request, ladder: Ladder, calendar: WorkingCalendar) -> Iterator[Rung]:
    """The prompts this request can raise now, at their unshifted times."""
    if request.is_closed:
        return
    cal = calendar_for(request, calendar)
    asked = request.asked_at
    promised = request.promised_at
    asked_key = asked.isoformat()
    wanted = request.needed_by
    lead = timedelta(minutes=ladder.due_soon_lead)
    if request.direction is Direction.RECEIVED:
        reminded = max((e.at for e in request.history if e.kind is EventKind.REMINDED), default=None)
        answered = reminded is not None and any(
            e.at >= reminded and e.kind in _ANSWERS for e in request.history)
        if reminded is not None and not answered:  # the asker's latest reminder (team server)
            yield Rung(PromptKind.REMINDED, f"reminded@{reminded.isoformat()}", reminded)
        if request.status is Status.OPEN:
            due = respond_by(request, ladder, calendar) - timedelta(minutes=ladder.respond_lead)
            yield Rung(PromptKind.RESPOND, f"respond@{asked_key}", max(due, asked))
        if promised is not None:
            key = promised.isoformat()
            yield Rung(PromptKind.DUE_SOON, f"due_soon@{key}", promised - lead)
            yield Rung(PromptKind.OVERDUE, f"overdue@{key}", promised)
        elif wanted is not None and request.status is Status.ACKNOWLEDGED:
            yield Rung(PromptKind.WANTED, f"wanted@{wanted.isoformat()}", max(wanted - lead, asked))
    else:
        if request.status is Status.OPEN:
            yield Rung(PromptKind.NUDGE, f"nudge@{asked_key}",
                       cal.add_working_minutes(asked, ladder.nudge_after))
            yield Rung(PromptKind.ESCALATE, f"escalate@{asked_key}",
                       cal.add_working_minutes(asked, ladder.escalate_after))
        if promised is not None:
            key = promised.isoformat()
            yield Rung(PromptKind.CHECK_IN, f"check_in@{key}", promised)
            yield Rung(PromptKind.ESCALATE, f"escalate@promise:{key}",
                       cal.add_working_minutes(promised, ladder.escalate_after_promise))
        elif wanted is not None:
            # nobody promised: check in when the time I wanted it by comes
            yield Rung(PromptKind.CHECK_IN, f"check_in@wanted:{wanted.isoformat()}", wanted)
