"""What Promptly can keep: the window of instants and the rules for text, written once.

Every way in (quick add, command-line options, edits, import, and the sources to come) passes
through these checks before anything is written; `unusable` finds the rows an older version or a
hand edit left outside them, so that one such row is set aside instead of stopping everything.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from app.domain.model import DomainError, Event, EventKind, Person, Request

UTC = timezone.utc
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
# Ten years ahead is far enough for any promise, and keeps every calendar sum inside datetime.
AHEAD = timedelta(days=366 * 10)

# Longest text per field, in characters.
LIMITS = {
    "title": 500, "counterpart": 200, "email": 320, "details": 20_000, "link": 2_000,
    "channel": 100, "tag": 100, "recurrence": 200, "reason": 1_000, "uid": 64,
    "note": 2_000,
}
MAX_TAGS = 50
MAX_EVENTS = 10_000  # history entries of one request
MAX_EVENT_DATA = 64 * 1024  # characters of one history entry's details, as JSON
MULTILINE = frozenset({"details"})

# C0 and C1 controls, lone surrogates, line and paragraph separators, and the bidi controls that
# make text read differently than it is stored (embeddings, overrides, isolates).
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_FORBIDDEN_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                                  "\u2066-\u2069\ud800-\udfff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

# History entries whose details hold instants the code reads back.
_EVENT_TIMES = {
    EventKind.CREATED: ("asked_at", "needed_by"),
    EventKind.PROMISED: ("to",),
    EventKind.RENEGOTIATED: ("from", "to"),
    EventKind.SNOOZED: ("until",),
}
_REQUIRED_TIMES = {EventKind.PROMISED: ("to",), EventKind.RENEGOTIATED: ("from", "to"),
                   EventKind.SNOOZED: ("until",)}
_CHECKED_KINDS = frozenset(_EVENT_TIMES) | {EventKind.PROMPTED, EventKind.EDITED}
REQUEST_TIMES = ("asked_at", "needed_by", "acknowledged_at", "promised_at", "original_promise",
                 "completed_at", "cancelled_at")
_request_times = operator.attrgetter(*REQUEST_TIMES)


def fmt(moment: datetime) -> str:
    """`2026-11-23 09:00 UTC`; four-digit years for the years before 1000 too."""
    return moment.astimezone(UTC).isoformat(" ", "minutes")[:16] + " UTC"


def latest(now: datetime) -> datetime:
    try:
        return now + AHEAD
    except OverflowError:  # "now" itself at the end of time (a replayed or injected one)
        return datetime.max.replace(tzinfo=UTC)


# -- instants ----------------------------------------------------------------------------


def instant_problem(moment: datetime, now: datetime) -> str | None:
    """Why Promptly cannot keep `moment`, said after its name; None when it can."""
    if moment.tzinfo is None:
        return "has no time zone"
    if moment < EARLIEST:
        return "is before 1970"
    if moment > latest(now):
        return f"is more than ten years ahead (after {fmt(latest(now))})"
    return None


def check_instant(name: str, moment: datetime | None, now: datetime) -> None:
    if moment is None:
        return
    problem = instant_problem(moment, now)
    if problem is not None:
        raise DomainError(f"{name} {_show(moment)} {problem}; give a time from 1970 to ten "
                          "years ahead")


def _show(moment: datetime) -> str:
    return fmt(moment) if moment.tzinfo is not None else moment.isoformat()


# -- text --------------------------------------------------------------------------------


def forbidden_character(text: str, multiline: bool = False) -> tuple[int, str] | None:
    """The first character no field may hold (where it is, and what it is), or None."""
    found = (_FORBIDDEN_MULTILINE if multiline else _FORBIDDEN).search(text)
    return (found.start(), found.group()) if found else None


def character_name(char: str) -> str:
    if _BIDI.match(char):
        return f"a text direction control (U+{ord(char):04X}), which makes text read differently"
    if char in "\r\n\u2028\u2029":
        return f"a line break (control character U+{ord(char):04X})"
    return f"a control character (U+{ord(char):04X})"


def check_text(name: str, value: str | None, *, field: str | None = None) -> None:
    """`field` picks the rule (LIMITS, MULTILINE) when the name shown differs from it."""
    if value is None:
        return
    field = field or name
    if not isinstance(value, str):
        raise DomainError(f"{name} must be text")
    limit = LIMITS[field]
    if len(value) > limit:
        raise DomainError(f"{name} is {len(value):,} characters long; keep it to {limit:,}")
    bad = forbidden_character(value, multiline=field in MULTILINE)
    if bad is not None:
        raise DomainError(f"{name} contains {character_name(bad[1])} at character {bad[0] + 1}; "
                          "remove it")


def keepable(value: str, field: str) -> str:
    """Text from outside (a mail's subject or sender) made to pass `check_text`: line breaks and
    tabs become spaces, other forbidden characters go, and it is cut to the field's limit."""
    multiline = field in MULTILINE
    value = re.sub("\r\n?" if multiline else "[\t\r\n\u2028\u2029]+", "\n" if multiline else " ", value)
    value = (_FORBIDDEN_MULTILINE if multiline else _FORBIDDEN).sub("", value)
    limit = LIMITS[field]
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def check_tags(tags: Iterable[str]) -> None:
    tags = list(tags)
    if len(tags) > MAX_TAGS:
        raise DomainError(f"a request has {len(tags)} tags; keep it to {MAX_TAGS}")
    for tag in tags:
        check_text(f"tag {tag[:20]!r}", tag, field="tag")
        if not tag or tag != "".join(tag.split()):
            raise DomainError(f"tag {tag!r} must be one word, without spaces")


def check_person(person: Person) -> None:
    check_text("counterpart", person.name)
    check_text("email", person.email)


def check_fields(request: Request) -> None:
    """Every text of a request, as a new request or an import must have it."""
    check_text("title", request.title)
    check_person(request.counterpart)
    for name in ("details", "link", "channel", "recurrence"):
        check_text(name, getattr(request, name))
    check_text("uid", request.uid)
    check_tags(request.tags)


# -- whole requests ----------------------------------------------------------------------


def check_request(request: Request, now: datetime) -> None:
    """All a request holds, as import must find it before writing: texts, instants within the
    window and in order, and a history whose times can be read."""
    check_fields(request)
    for name in REQUEST_TIMES:
        check_instant(name, getattr(request, name), now)
    asked = request.asked_at
    for name, strictly in (("needed_by", True), ("promised_at", True), ("original_promise", True),
                           ("acknowledged_at", False), ("completed_at", False)):
        moment = getattr(request, name)
        if moment is not None and (moment <= asked if strictly else moment < asked):
            raise DomainError(f"{name} ({fmt(moment)}) is before asked_at ({fmt(asked)})")
    if len(request.history) > MAX_EVENTS:
        raise DomainError(f"its history has {len(request.history):,} entries; at most "
                          f"{MAX_EVENTS:,} can be imported")
    for event in request.history:
        check_instant(f"a history entry ({event.kind.value}) at", event.at, now)
        if len(json.dumps(event.data, ensure_ascii=False)) > MAX_EVENT_DATA:
            raise DomainError(f"a history entry ({event.kind.value}) holds more than "
                              f"{MAX_EVENT_DATA:,} characters")
        problem = _event_problem(event, now)
        if problem is not None:
            raise DomainError(problem)
        for key, value in event.data.items():
            bad = forbidden_character(value, multiline=True) if isinstance(value, str) else None
            if bad is not None:
                raise DomainError(f"a history entry ({event.kind.value}) has {key} with "
                                  f"{character_name(bad[1])}")


def _event_problem(event: Event, now: datetime | None) -> str | None:
    """What in a history entry the code cannot read back: a time (or, with `now`, one outside
    the window), a prompt key, the edits; None when all can."""
    if event.kind in (EventKind.PROMPTED, EventKind.SNOOZED) and not isinstance(
            event.data.get("prompt"), str):
        return f"a history entry ({event.kind.value}) names no prompt"
    if event.kind is EventKind.EDITED and not isinstance(event.data.get("changes", {}), dict):
        return "a history entry (edited) does not list its changes"
    for key in _EVENT_TIMES.get(event.kind, ()):
        value = event.data.get(key)
        if value is None and key in _REQUIRED_TIMES.get(event.kind, ()):
            return f"a history entry ({event.kind.value}) has no {key!r} time"
        if value is None:
            continue
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            return f"a history entry ({event.kind.value}) has {key} {str(value)[:40]!r}, not a time"
        problem = instant_problem(moment, now) if now is not None else None
        if problem is not None:
            return f"a history entry ({event.kind.value}) has {key} {fmt(moment)}, which {problem}"
    return None


def unusable(request: Request, now: datetime) -> tuple[str, str] | None:
    """For a stored request: (what, why) when it holds a time the scheduler, the list or an
    export cannot compute with, else None. Only what those read counts: its times, the snooze
    in force for each prompt, and the history times the code parses."""
    last = latest(now)  # the scheduler asks this of every open request: kept cheap
    for name, moment in zip(REQUEST_TIMES, _request_times(request)):
        if moment is not None and not EARLIEST <= moment <= last:
            return name, f"{name} {fmt(moment)} {instant_problem(moment, now)}"
    snoozed = False
    for event in request.history:
        if event.kind in _CHECKED_KINDS:
            snoozed = snoozed or event.kind is EventKind.SNOOZED
            problem = _event_problem(event, None)
            if problem is not None:
                return "history", problem
    if not snoozed:
        return None
    for key, until in live_snoozes(request).items():
        if isinstance(until, datetime) and not EARLIEST <= until <= last:
            return f"snooze:{key}", f"a snooze until {fmt(until)} {instant_problem(until, now)}"
    return None


def live_snoozes(request: Request) -> dict[str, datetime | str]:
    """The last snooze of each prompt key: the one the scheduler obeys (unreadable ones as text)."""
    found: dict[str, datetime | str] = {}
    for event in request.history:
        if event.kind is EventKind.SNOOZED and isinstance(event.data.get("prompt"), str):
            value = event.data.get("until")
            try:
                found[event.data["prompt"]] = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                found[event.data["prompt"]] = str(value)
    return found
