"""The scheduler core, a pure function of (requests, policy, calendar, now).

It answers two questions: which prompts are due now, and when to wake up next. The GUI arms
one timer for that instant; the CLI's `due` prints the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from app.domain.model import EventKind, PromptKind, Request
from app.policy.calendar import WorkingCalendar
from app.policy.ladder import Ladder, calendar_for, rungs

# A prompt found this long after it fell due was missed (asleep, closed, paused).
MISSED_AFTER = timedelta(minutes=5)
DIGEST_LOOKBACK = timedelta(hours=24)


class Prompt(NamedTuple):
    kind: PromptKind
    request: Request
    key: str
    due_at: datetime
    missed: bool = False
    shown: bool = False  # notified before and still waiting to be acted on or dismissed


# When several prompts of one request are due together, only the first of these is shown.
IMPORTANCE = (PromptKind.ESCALATE, PromptKind.OVERDUE, PromptKind.CHECK_IN, PromptKind.DUE_SOON,
              PromptKind.REMINDED, PromptKind.RESPOND, PromptKind.WANTED, PromptKind.NUDGE)


@dataclass(frozen=True, slots=True)
class Digest:
    """A prompt about the day or week rather than one request."""

    kind: str  # "end_of_day" or "end_of_week"
    key: str
    due_at: datetime
    missed: bool = False


@dataclass(slots=True)
class Schedule:
    due: list[Prompt] = field(default_factory=list)
    # due now but outranked by another prompt of the same request: recorded, never shown
    superseded: list[Prompt] = field(default_factory=list)
    digests: list[Digest] = field(default_factory=list)
    next_wake: datetime | None = None

    @property
    def fresh(self) -> list[Prompt]:
        """Due and not notified yet."""
        return [p for p in self.due if not p.shown]

    @property
    def missed(self) -> list[Prompt]:
        return [p for p in self.due if p.missed]


def _fired_and_snoozed(request: Request) -> tuple[dict[str, int], dict[str, tuple[int, datetime]]]:
    fired: dict[str, int] = {}
    snoozed: dict[str, tuple[int, datetime]] = {}
    for index, event in enumerate(request.history):
        if event.kind is EventKind.PROMPTED:
            fired[event.data["prompt"]] = index
        elif event.kind is EventKind.SNOOZED:
            snoozed[event.data["prompt"]] = (index, datetime.fromisoformat(event.data["until"]))
    return fired, snoozed


def _settled_after(request: Request, key: str, kind: PromptKind, index: int) -> bool:
    """Was the prompt fired at history[index] dismissed, snoozed or followed up since?"""
    for event in request.history[index + 1:]:
        if event.kind in (EventKind.DISMISSED, EventKind.SNOOZED) and event.data.get("prompt") == key:
            return True
        if event.kind in (EventKind.FOLLOWED_UP, EventKind.ESCALATED, EventKind.REMINDED) \
                and event.data.get("prompt_kind") == kind.value:
            return True
    return False


def shown_prompts(request: Request, ladder: Ladder, calendar: WorkingCalendar) -> list[Prompt]:
    """Prompts that fired and still wait: their reason holds and nobody acted on them."""
    if request.is_closed or not request.history:
        return []
    fired, _ = _fired_and_snoozed(request)
    latest = max((i for i, e in enumerate(request.history)
                  if e.kind is EventKind.PROMPTED and not e.data.get("superseded")), default=None)
    for rung in rungs(request, ladder, calendar):
        index = fired.get(rung.key)
        # only the request's latest prompt waits: a newer one replaces what it said
        if index is not None and index == latest \
                and not _settled_after(request, rung.key, rung.kind, index):
            at = datetime.fromisoformat(request.history[index].data.get("due_at") or rung.at.isoformat())
            return [Prompt(rung.kind, request, rung.key, at, shown=True)]
    return []


def pending_prompts(request: Request, ladder: Ladder, calendar: WorkingCalendar) -> list[Prompt]:
    """Every prompt of this request that has not fired yet, with the instant it will fire."""
    if request.is_closed:
        return []
    fired, snoozed = _fired_and_snoozed(request) if request.history else ({}, {})
    cal = calendar_for(request, calendar)
    result = []
    for rung in rungs(request, ladder, calendar):
        at = rung.at
        snooze = snoozed.get(rung.key)
        fired_at = fired.get(rung.key)
        if fired_at is not None and (snooze is None or snooze[0] < fired_at):
            continue  # each prompt fires once; only a later snooze brings it back
        if snooze is not None and snooze[1] > at:
            at = snooze[1]
        at = cal.next_working_minute(at)
        if rung.kind is PromptKind.DUE_SOON and request.promised_at is not None \
                and at >= request.promised_at:
            continue  # pushed past the promise by working hours: the overdue prompt says it
        result.append(Prompt(rung.kind, request, rung.key, at))
    return result


def schedule(
    requests: Iterable[Request],
    ladder: Ladder,
    calendar: WorkingCalendar,
    now: datetime,
    *,
    paused_until: datetime | None = None,
    digests: Set[str] = frozenset(),
    digests_fired: Set[str] = frozenset(),
    owes_anything: bool = True,
) -> Schedule:
    """Prompts due at `now` (oldest first) and the next instant anything falls due.

    `digests` names the digest kinds switched on; `digests_fired` the keys already shown.
    While paused, nothing is due and the next wake is the end of the pause.
    """
    result = Schedule()
    paused = paused_until is not None and paused_until > now
    next_wake: datetime | None = None
    missed_before = now - MISSED_AFTER
    for request in requests:
        due: list[Prompt] = []
        for prompt in pending_prompts(request, ladder, calendar):
            if prompt.due_at <= now and not paused:
                if prompt.due_at < missed_before:
                    prompt = prompt._replace(missed=True)
                due.append(prompt)
                continue
            wake = max(prompt.due_at, paused_until) if paused else prompt.due_at
            if next_wake is None or wake < next_wake:
                next_wake = wake
        if due:
            due.sort(key=lambda p: (IMPORTANCE.index(p.kind), -p.due_at.timestamp()))
            result.due.append(due[0])
            result.superseded.extend(due[1:])
        elif not paused:
            result.due.extend(shown_prompts(request, ladder, calendar))
    if digests:
        if not owes_anything:
            digests = digests - {"end_of_day"}  # a digest with nothing in it is not shown
        if not paused:
            found, later = _digests(calendar, now, digests, digests_fired)
            result.digests.extend(found)
            if later is not None and (next_wake is None or later < next_wake):
                next_wake = later
        wake = calendar.end_of_working_day(now + timedelta(microseconds=1))
        if paused:
            wake = max(wake, paused_until)
        if next_wake is None or wake < next_wake:
            next_wake = wake
    result.due.sort(key=lambda p: p.due_at)
    result.next_wake = next_wake
    return result


def _digests(calendar: WorkingCalendar, now: datetime, kinds: Set[str],
             fired: Set[str]) -> tuple[list[Digest], datetime | None]:
    """The digests to show now, and when one that waits for working hours comes."""
    found = []
    ends = calendar.working_day_ends(now - DIGEST_LOOKBACK, now)
    if ends and calendar.local(ends[-1]).date() != calendar.local(now).date():
        # yesterday's digest, found before today's work starts: it waits for working hours
        start = calendar.next_working_minute(now)
        if start > now:
            return [], start
    for end in ends:
        local = calendar.local(end)
        missed = end < now - MISSED_AFTER
        key = f"end_of_day:{local.date().isoformat()}"
        # a newer end-of-day digest supersedes an older one that was never shown
        if "end_of_day" in kinds and end == ends[-1] and key not in fired:
            found.append(Digest("end_of_day", key, end, missed))
        if "end_of_week" in kinds and calendar.is_last_working_day_of_week(end):
            year, week, _ = local.isocalendar()
            key = f"end_of_week:{year}-W{week:02d}"
            if key not in fired:
                found.append(Digest("end_of_week", key, end, missed))
    return found, None
