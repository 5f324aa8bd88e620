"""The lifecycle of a request. Each operation validates first, then changes the request and
appends to its history, so a refused operation leaves nothing behind."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from app.domain import bounds
from app.domain.model import (
    Direction,
    DomainError,
    Event,
    EventKind,
    Person,
    Priority,
    PromptKind,
    Request,
    Status,
)
from app.i18n import Text

# Clocks of different machines disagree a little; an ask this far "in the future" is still now.
CLOCK_SKEW = timedelta(minutes=2)


_fmt = bounds.fmt


def _append(request: Request, event_kind: EventKind, at: datetime, **data) -> Event:
    event = Event(kind=event_kind, at=at, data={k: v for k, v in data.items() if v is not None})
    request.history.append(event)
    return event


def _require_open(request: Request, action: str) -> None:
    if request.is_closed:
        raise DomainError(
            f"cannot {action} request #{request.id or '?'}: it is {request.status.value}; "
            "reopen it first"
        )


def _require_after_ask(request: Request, moment: datetime, what: str) -> None:
    if moment < request.asked_at:
        raise DomainError(
            f"{what} ({_fmt(moment)}) is before the request was asked ({_fmt(request.asked_at)})"
        )


def create(
    *,
    direction: Direction,
    counterpart: Person,
    title: str,
    now: datetime,
    asked_at: datetime | None = None,
    needed_by: datetime | None = None,
    promised_at: datetime | None = None,
    tags: list[str] | None = None,
    priority: Priority = Priority.NORMAL,
    details: str = "",
    link: str = "",
    channel: str = "",
    recurrence: str | None = None,
    uid: str | None = None,
) -> Request:
    """A new request. `needed_by` is the asker's wish; `promised_at` a promise already given
    ("Dana promised it for Friday"), which is an answer too."""
    title = title.strip()
    if not title:
        raise DomainError(Text("a request needs a title: say what was asked"))
    if not counterpart.name.strip():
        raise DomainError(Text("a request needs a counterpart: say who asked or who was asked"))
    bounds.check_text("title", title)
    bounds.check_person(counterpart)
    for name, value in (("details", details), ("link", link), ("channel", channel),
                        ("recurrence", recurrence)):
        bounds.check_text(name, value)
    bounds.check_tags(tags or [])
    asked_at = asked_at or now
    if asked_at > now + CLOCK_SKEW:
        raise DomainError(Text("the ask time {time} is in the future", time=_fmt(asked_at)))
    bounds.check_instant("asked_at", asked_at, now)
    bounds.check_instant("needed_by", needed_by, now)
    bounds.check_instant("promised_at", promised_at, now)
    if needed_by is not None:
        _check_wish_time(asked_at, needed_by)
    if promised_at is not None and promised_at <= asked_at:
        raise DomainError(Text("a promise must be after the ask: {when} is not after {asked}",
                               when=_fmt(promised_at), asked=_fmt(asked_at)))
    request = Request(
        direction=direction,
        counterpart=counterpart,
        title=title,
        asked_at=asked_at,
        needed_by=needed_by,
        tags=sorted(set(tags or [])),
        priority=priority,
        details=details,
        link=link,
        channel=channel,
        recurrence=recurrence,
        uid=uid or uuid.uuid4().hex,
    )
    _append(request, EventKind.CREATED, now, asked_at=asked_at.isoformat(),
            needed_by=needed_by.isoformat() if needed_by else None)
    if promised_at is not None:
        acknowledge(request, at=max(now, asked_at), eta=promised_at)
    return request


def _check_wish_time(asked_at: datetime, needed_by: datetime) -> None:
    if needed_by <= asked_at:
        raise DomainError(Text("the time it is needed by ({when}) must be after the ask ({asked})",
                               when=_fmt(needed_by), asked=_fmt(asked_at)))


def acknowledge(request: Request, *, at: datetime, eta: datetime | None = None,
                accept: bool = False) -> None:
    """The asked party answered (for `received`, me; for `made`, them): with an ETA, by
    accepting the asker's time (`accept`: the promise is the needed-by), or with neither.
    A promise given with the first answer is the original promise, never a renegotiation."""
    _require_open(request, "acknowledge")
    _require_after_ask(request, at, "the answer")
    if accept:
        if eta is not None:
            raise DomainError(Text("give an ETA or accept their time, not both"))
        if request.needed_by is None:
            raise DomainError(Text("request #{id} has no time it is needed by to accept; give an "
                                   "ETA instead", id=request.id or "?"))
        eta = request.needed_by
    if eta is not None:
        bounds.check_instant("the ETA", eta, at)
        _check_promise_time(request, eta)
        promise(request, eta, at=at)
        return
    if request.acknowledged_at is not None:
        raise DomainError(Text("request #{id} is already acknowledged", id=request.id or "?"))
    _mark_answered(request, at)


def _mark_answered(request: Request, at: datetime) -> None:
    if request.acknowledged_at is None:
        request.acknowledged_at = at
        if request.status is Status.OPEN:
            request.status = Status.ACKNOWLEDGED
        _append(request, EventKind.ACKNOWLEDGED, at)


def _check_promise_time(request: Request, when: datetime) -> None:
    if when <= request.asked_at:
        raise DomainError(Text("a promise must be after the ask: {when} is not after {asked}",
                               when=_fmt(when), asked=_fmt(request.asked_at)))


def promise(request: Request, when: datetime, *, at: datetime, reason: str | None = None) -> None:
    """Set the first promise, or renegotiate the one in force (old → new, with a reason).
    Promising is an answer: an unanswered request is acknowledged by it."""
    _require_open(request, "change the promise of")
    bounds.check_instant("the promise", when, at)
    bounds.check_text("reason", reason)
    _check_promise_time(request, when)
    old = request.promised_at
    if when == old:
        raise DomainError(Text("the request is already promised for {when}", when=_fmt(when)))
    _mark_answered(request, at)
    request.status = Status.PROMISED
    request.promised_at = when
    if old is None:
        request.original_promise = when
        _append(request, EventKind.PROMISED, at, to=when.isoformat(), reason=reason)
        return
    _append(
        request,
        EventKind.RENEGOTIATED,
        at,
        **{"from": old.isoformat()},
        to=when.isoformat(),
        reason=reason or None,
        breached=at > old,
    )


def complete(request: Request, *, at: datetime) -> None:
    if request.status is Status.DONE:
        raise DomainError(Text("request #{id} is already done", id=request.id or "?"))
    _require_open(request, "complete")
    _require_after_ask(request, at, "completion")
    if request.acknowledged_at is None:  # "done" is an answer too
        request.acknowledged_at = at
    request.completed_at = at
    request.status = Status.DONE
    _append(request, EventKind.DONE, at)


def cancel(request: Request, *, at: datetime, reason: str | None = None) -> None:
    if request.status is Status.CANCELLED:
        raise DomainError(Text("request #{id} is already cancelled", id=request.id or "?"))
    _require_open(request, "cancel")
    bounds.check_text("reason", reason)
    request.cancelled_at = at
    request.status = Status.CANCELLED
    _append(request, EventKind.CANCELLED, at, reason=reason)


def reopen(request: Request, *, at: datetime) -> None:
    if not request.is_closed:
        raise DomainError(Text("request #{id} is not closed, so it cannot be reopened", id=request.id or "?"))
    request.completed_at = None
    request.cancelled_at = None
    request.status = (Status.PROMISED if request.promised_at else
                      Status.ACKNOWLEDGED if request.acknowledged_at else Status.OPEN)
    _append(request, EventKind.REOPENED, at)


def snooze(request: Request, *, at: datetime, until: datetime, prompt: str) -> None:
    """Move one prompt (by its key) to `until`; it fires again then, once."""
    _require_open(request, "snooze")
    bounds.check_instant("snooze until", until, at)
    if until <= at:
        raise DomainError(Text("snooze until {until} is not in the future", until=_fmt(until)))
    _append(request, EventKind.SNOOZED, at, prompt=prompt, until=until.isoformat())


def record_prompt(request: Request, *, at: datetime, prompt: str, kind: PromptKind,
                  due_at: datetime, missed: bool = False, superseded: bool = False) -> None:
    """`superseded`: due with a more important one of the same request, so never shown."""
    _append(request, EventKind.PROMPTED, at, prompt=prompt, kind=kind.value,
            due_at=due_at.isoformat(), missed=missed or None, superseded=superseded or None)


def dismiss(request: Request, *, at: datetime, prompt: str) -> None:
    """The prompt (by its key) was seen and set aside: it stops waiting in the prompt window."""
    _append(request, EventKind.DISMISSED, at, prompt=prompt)


def record_follow_up(request: Request, *, at: datetime, prompt_kind: PromptKind,
                     how: str, to: str | None = None, note: str | None = None) -> None:
    """A message was drafted or sent. Escalations get their own kind in the history."""
    kind = EventKind.ESCALATED if prompt_kind is PromptKind.ESCALATE else EventKind.FOLLOWED_UP
    bounds.check_text("the note", note, field="note")
    _append(request, kind, at, prompt_kind=prompt_kind.value, how=how, to=to, note=note or None)


def note(request: Request, *, at: datetime, text: str) -> None:
    """A note on the request's history; in a team, both parties see it."""
    text = text.strip()
    if not text:
        raise DomainError("the note is empty; write what you want to say")
    bounds.check_text("the note", text, field="note")
    _append(request, EventKind.NOTE, at, text=text)


def remind(request: Request, *, at: datetime, prompt_kind: PromptKind) -> None:
    """A reminder sent through the team server: the asked member sees it as a prompt."""
    _require_open(request, "remind them of")
    if request.direction is not Direction.MADE:
        raise DomainError(Text("only what you asked for can be reminded of"))
    _append(request, EventKind.REMINDED, at, prompt_kind=prompt_kind.value)


EDITABLE = ("title", "details", "link", "channel", "tags", "priority", "recurrence", "needed_by",
            "counterpart", "direction")


def edit(request: Request, *, at: datetime, **changes) -> None:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise DomainError(f"cannot edit {', '.join(sorted(unknown))}")
    if "title" in changes:
        changes["title"] = changes["title"].strip()
        if not changes["title"]:
            raise DomainError(Text("a request needs a title: say what was asked"))
    for name in ("title", "details", "link", "channel", "recurrence"):
        if name in changes:
            bounds.check_text(name, changes[name])
    if "counterpart" in changes:
        person = changes["counterpart"]
        if not isinstance(person, Person) or not person.name.strip():
            raise DomainError(Text("a request needs a counterpart: say who asked or who was asked"))
        bounds.check_person(person)
        if person.name == request.counterpart.name:
            del changes["counterpart"]
    if "direction" in changes and not isinstance(changes["direction"], Direction):
        raise DomainError(Text("the direction is 'received' or 'made'"))
    if "tags" in changes:
        bounds.check_tags(changes["tags"])
        changes["tags"] = sorted(set(changes["tags"]))
    if changes.get("needed_by") is not None:
        _require_open(request, "change when it is needed for")
        bounds.check_instant("needed_by", changes["needed_by"], at)
        _check_wish_time(request.asked_at, changes["needed_by"])
    diff = {k: v for k, v in changes.items() if getattr(request, k) != v}
    if not diff:
        return
    # who and which way it was before: the history's first line keeps saying who asked whom
    was = {k: _change_json(k, getattr(request, k)) for k in diff if k in ("counterpart", "direction")}
    for name, value in diff.items():
        setattr(request, name, value)
    _append(request, EventKind.EDITED, at, changes={k: _change_json(k, v) for k, v in diff.items()},
            was=was or None)


def _change_json(name: str, value):
    if name == "priority":
        return int(value)
    if isinstance(value, Person):
        return value.name
    if isinstance(value, Direction):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def set_aside(request: Request, *, at: datetime) -> bool:
    """Put right the times an older Promptly or a hand edit stored outside bounds (see
    bounds.unusable), so the request can be worked on again: a wish or a promise Promptly cannot
    use is dropped, an ask moves to when it was recorded, an answer or an ending to `at`, and a
    snooze ends at `at`. The old values stay in the history. True when something changed."""
    created = next((e.at for e in request.history if e.kind is EventKind.CREATED), None)
    if created is None or bounds.instant_problem(created, at) is not None or created > at:
        created = at
    changes: dict[str, str | None] = {}
    old: dict[str, str] = {}
    for name in bounds.REQUEST_TIMES:
        value = getattr(request, name)
        if value is None or bounds.instant_problem(value, at) is None:
            continue
        new = (created if name == "asked_at" else
               None if name in ("needed_by", "promised_at", "original_promise") else at)
        setattr(request, name, new)
        changes[name] = new.isoformat() if new is not None else None
        old[name] = value.isoformat()
    if request.status is Status.PROMISED and request.promised_at is None:
        request.status = Status.ACKNOWLEDGED if request.acknowledged_at else Status.OPEN
    if changes:
        _append(request, EventKind.EDITED, at, changes=changes, set_aside=old)
    stale = [key for key, until in bounds.live_snoozes(request).items()
             if isinstance(until, datetime) and bounds.instant_problem(until, at) is not None]
    for key in stale:
        _append(request, EventKind.SNOOZED, at, prompt=key, until=at.isoformat())
    return bool(changes or stale)
