"""Plain words for the windows: times, history events and why a prompt fired.

Everything here goes through Qt's translation machinery (context "Wording") and returns plain
text; the callers show it with Qt.PlainText.
"""

from __future__ import annotations

import re

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from app.clock import in_zone
from app.countdown import countdown as countdown_text
from app.countdown import since as since_text
from app.domain.model import Direction, Event, EventKind, Person, PromptKind, Request
from app.policy.ladder import Deadline
from app.scheduler import Digest, Prompt


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Wording", text, None, n)


class QtWords:
    """The shared countdown formatter's words, through Qt's translations (plurals by n)."""

    def unit(self, unit: str, n: int) -> str:
        return {
            "s": lambda: _tr("%n s", n),
            "min": lambda: _tr("%n min", n),
            "h": lambda: _tr("%n h", n),
            "d": lambda: _tr("%n d", n),
        }[unit]()

    def ahead(self, span: str) -> str:
        return _tr("in {span}").format(span=span)

    def overdue(self, span: str) -> str:
        return _tr("overdue {span}").format(span=span)

    def ago(self, span: str) -> str:
        return _tr("{span} ago").format(span=span)

    def due_now(self) -> str:
        return _tr("due now")


WORDS = QtWords()


def countdown(deadline: datetime, now: datetime) -> str:
    """`in 12 min` before the deadline, `overdue 5 min` from it on."""
    return countdown_text(deadline, now, WORDS)


def deadline_countdown(kind: str, at: datetime, now: datetime) -> str:
    """`in 40 min` to a promise, `reply in 10 min`, `wanted in 2 h`: the list and the tray."""
    text = countdown(at, now)
    if kind == "reply":
        return _tr("reply {countdown}").format(countdown=text)
    if kind == "wanted":
        return _tr("wanted {countdown}").format(countdown=text)
    return text


def since(moment: datetime, now: datetime) -> str:
    """`58 min ago`."""
    return since_text(moment, now, WORDS)


def moment_text(moment: datetime, zone: ZoneInfo, now: datetime | None = None) -> str:
    """`15:00` today, `Fri 15:00` within the coming week, else `Fri 27 Nov 15:00`."""
    local = in_zone(moment, zone)
    stamp = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    if now is not None:
        today = now.astimezone(zone).date()
        if local.date() == today:
            return QLocale().toString(stamp, "HH:mm")
        if timedelta(days=-6) <= local.date() - today <= timedelta(days=6):
            return QLocale().toString(stamp, "ddd HH:mm")
    return QLocale().toString(stamp, "ddd d MMM HH:mm")


def long_moment_text(moment: datetime, zone: ZoneInfo) -> str:
    return moment_text(moment, zone)


def direction_text(direction: Direction) -> str:
    return _tr("I owe") if direction is Direction.RECEIVED else _tr("owes me")


def who_text(request: Request) -> str:
    """`I owe Dana` / `Dana owes me`, as every surface says it."""
    name = request.counterpart.name
    return (_tr("I owe {name}") if request.direction is Direction.RECEIVED
            else _tr("{name} owes me")).format(name=name)


def status_text(request: Request, now: datetime) -> str:
    """The status words of PRODUCT.md (Request.status_word), translated."""
    return {
        "needs reply": lambda: _tr("needs reply"),
        "awaiting reply": lambda: _tr("awaiting reply"),
        "acknowledged": lambda: _tr("acknowledged"),
        "promised": lambda: _tr("promised"),
        "overdue": lambda: _tr("overdue"),
        "done": lambda: _tr("done"),
        "cancelled": lambda: _tr("cancelled"),
    }[request.status_word(now)]()


def promised_text(request: Request, zone: ZoneInfo, now: datetime) -> str:
    """`Dana promised Fri 15:00` for what I asked and they promised; else the status words."""
    if request.direction is Direction.MADE and request.promised_at is not None \
            and request.status_word(now) == "promised":
        return _tr("{name} promised {time}").format(
            name=request.counterpart.name, time=moment_text(request.promised_at, zone, now))
    return status_text(request, now)


def due_text(deadline: Deadline, zone: ZoneInfo, now: datetime) -> str:
    """`promised Fri 15:00`, `reply by 10:00`, `wanted by Fri 15:00`: what it counts down to."""
    when = moment_text(deadline.at, zone, now)
    text = {"promise": lambda: _tr("promised {time}"), "reply": lambda: _tr("reply by {time}"),
            "wanted": lambda: _tr("wanted by {time}")}[deadline.kind]().format(time=when)
    if deadline.wanted is not None:
        text += ", " + _tr("wanted by {time}").format(time=moment_text(deadline.wanted, zone, now))
    return text


def priority_text(level: int) -> str:
    return [_tr("normal"), _tr("high"), _tr("highest"), _tr("urgent")][int(level)]


def _time(value: str, zone: ZoneInfo, now: datetime) -> str:
    return moment_text(datetime.fromisoformat(value), zone, now)


def _edited(field: str, value, was: dict, zone: ZoneInfo, now: datetime) -> str:
    """One edited field; who, the direction and the wish with their new value."""
    if field == "counterpart":
        if was.get("counterpart") and isinstance(was["counterpart"], str):
            return _tr("person {old} → {new}").format(old=was["counterpart"], new=value)
        return _tr("person → {name}").format(name=value)
    if field == "direction":
        return _tr("direction → I owe them") if value == Direction.RECEIVED.value \
            else _tr("direction → they owe me")
    if field == "needed_by":
        return _tr("wanted by → {time}").format(time=_time(value, zone, now)) if value else _tr("no time wanted")
    return field


def _as_created(request: Request) -> tuple[str, Direction]:
    """Who was asked, and which way, when the request was created: the first edit of each
    remembers what it was. Where that first edit does not (a colleague's, or one from an older
    Promptly), the present value is all there is."""
    first: dict[str, Any] = {}
    for event in request.history:
        if event.kind is EventKind.EDITED:
            changes, was = event.data.get("changes"), _was(event)
            for name in ("counterpart", "direction"):
                if isinstance(changes, dict) and name in changes:
                    first.setdefault(name, was.get(name))
    name, direction = first.get("counterpart"), first.get("direction")
    return (name if isinstance(name, str) and name else request.counterpart.name,
            Direction(direction) if direction in (Direction.MADE.value, Direction.RECEIVED.value)
            else request.direction)


def _was(event: Event) -> dict:
    """An edit's old person and direction, as this machine recorded them."""
    was = event.data.get("was")
    return was if isinstance(was, dict) and not event.from_team else {}


def event_text(event: Event, request: Request, zone: ZoneInfo) -> str:
    """One history entry in plain words, e.g. `Renegotiated Fri 15:00 → Mon 12:00: supplier late`."""
    data = event.data
    kind = event.kind
    now = event.at  # times read relative to the entry they are in: "Promised for Fri 15:00"
    name = request.counterpart.name
    reason = data.get("reason")
    if kind is EventKind.CREATED:
        name, direction = _as_created(request)
        asked = datetime.fromisoformat(data["asked_at"]) if "asked_at" in data else request.asked_at
        if abs(asked - event.at) < timedelta(minutes=1):
            text = (_tr("{name} asked me") if direction is Direction.RECEIVED
                    else _tr("I asked {name}")).format(name=name)
        else:
            text = (_tr("{name} asked me at {time}") if direction is Direction.RECEIVED
                    else _tr("I asked {name} at {time}")).format(name=name, time=moment_text(asked, zone, now))
        if data.get("needed_by"):
            text += ", " + _tr("wanted by {time}").format(time=_time(data["needed_by"], zone, now))
        return text
    if kind is EventKind.ACKNOWLEDGED:
        return _tr("I answered") if request.direction is Direction.RECEIVED \
            else _tr("{name} answered").format(name=name)
    if kind is EventKind.PROMISED:
        text = _tr("Promised for {time}").format(time=_time(data["to"], zone, now))
    elif kind is EventKind.RENEGOTIATED:
        text = _tr("Renegotiated {old} → {new}").format(
            old=_time(data["from"], zone, now), new=_time(data["to"], zone, now))
        if data.get("breached"):
            text += " " + _tr("(after the promise had passed)")
    elif kind is EventKind.PROMPTED:
        text = _tr("Prompted: {what}").format(what=prompt_kind_text(PromptKind(data["kind"])))
        if data.get("missed"):
            text += " " + _tr("(while I was away)")
    elif kind is EventKind.SNOOZED:
        text = _tr("Snoozed until {time}").format(time=_time(data["until"], zone, now))
    elif kind in (EventKind.FOLLOWED_UP, EventKind.ESCALATED):
        how = {"copied": _tr("copied"), "promptly": _tr("in Promptly")}.get(
            data.get("how"), _tr("opened in mail"))
        verb = _tr("Escalated") if kind is EventKind.ESCALATED else _tr("Drafted a message")
        text = _tr("{verb} ({how})").format(verb=verb, how=how)
        if data.get("to"):
            text += " " + _tr("to {name}").format(name=data["to"])
    elif kind is EventKind.DONE:
        text = _tr("Done")
    elif kind is EventKind.REOPENED:
        text = _tr("Reopened")
    elif kind is EventKind.CANCELLED:
        text = _tr("Cancelled")
    elif kind is EventKind.EDITED:
        text = _tr("Edited {fields}").format(fields=", ".join(
            _edited(field, value, _was(event), zone, now)
            for field, value in sorted(data.get("changes", {}).items())))
    elif kind is EventKind.DISMISSED:
        text = _tr("Prompt dismissed")
    elif kind is EventKind.NOTE:
        author = data.get("team", {}).get("name")
        text = (_tr("Note from {name}").format(name=author) if author else _tr("Note")) \
            + ": " + str(data.get("text", ""))
    else:  # a kind from a newer version: still say something
        text = kind.value
    return f"{text}: {reason}" if reason else text


def prompt_kind_text(kind: PromptKind) -> str:
    return {
        PromptKind.RESPOND: _tr("reply"),
        PromptKind.DUE_SOON: _tr("due soon"),
        PromptKind.OVERDUE: _tr("overdue"),
        PromptKind.NUDGE: _tr("nudge"),
        PromptKind.ESCALATE: _tr("escalate"),
        PromptKind.CHECK_IN: _tr("check in"),
        PromptKind.WANTED: _tr("wanted soon"),
        PromptKind.REMINDED: _tr("reminder"),
    }[kind]


def prompt_reason(prompt: Prompt, now: datetime, zone: ZoneInfo,
                  contact: Person | None = None) -> str:
    """Why this prompt is here and what to do, e.g. `Dana asked 58 min ago — reply with done or an ETA`."""
    request = prompt.request
    name = request.counterpart.name
    promised = moment_text(request.promised_at, zone, now) if request.promised_at else ""
    wanted = moment_text(request.needed_by, zone, now) if request.needed_by else ""
    kind = prompt.kind
    if kind is PromptKind.RESPOND:
        if wanted:
            return _tr("{name} asked {ago} and wants it by {time} — reply with done, an ETA, "
                       "or accept their time").format(name=name, ago=since(request.asked_at, now),
                                                      time=wanted)
        return _tr("{name} asked {ago} — reply with done or an ETA").format(
            name=name, ago=since(request.asked_at, now))
    if kind is PromptKind.REMINDED:
        return _tr("{name} reminds you: {title}, asked {ago}").format(
            name=name, title=request.title, ago=since(request.asked_at, now))
    if kind is PromptKind.WANTED:
        return _tr("{name} wants this by {time}, {left}, and you have not promised a time — "
                   "promise one or deliver").format(name=name, time=wanted,
                                                     left=countdown(request.needed_by, now))
    if kind is PromptKind.DUE_SOON:
        return _tr("You promised this to {name} for {time}, {left} — deliver or renegotiate now").format(
            name=name, time=promised, left=countdown(request.promised_at, now))
    if kind is PromptKind.OVERDUE:
        return _tr("Your promise to {name} for {time} has passed — deliver now or tell them a new time").format(
            name=name, time=promised)
    if kind is PromptKind.NUDGE:
        return _tr("You asked {name} {ago} and heard nothing — send a courteous reminder").format(
            name=name, ago=since(request.asked_at, now))
    if kind is PromptKind.ESCALATE:
        who = contact.name if contact else _tr("their supervisor")
        if prompt.key.startswith("escalate@promise"):
            return _tr("{name} promised this for {time} and it is still not done — involve {who}").format(
                name=name, time=promised, who=who)
        return _tr("Still no answer from {name}, asked {ago} — involve {who}").format(
            name=name, ago=since(request.asked_at, now), who=who)
    if request.promised_at is None:  # nobody promised: the time I wanted it by has come
        return _tr("You wanted this from {name} by {time} and nobody promised a time — check in").format(
            name=name, time=wanted)
    return _tr("{name} promised this for {time} — check in").format(name=name, time=promised)


def digest_title(digest: Digest) -> str:
    if digest.kind == "end_of_week":
        return _tr("End of the week")
    return _tr("End of the day: what I still owe")


def owed_line(request: Request, now: datetime, zone: ZoneInfo) -> str:
    """One line of the end-of-day digest: who waits for what, since when."""
    text = _tr("{name} waits for “{title}” since {time} ({ago})").format(
        name=request.counterpart.name, title=request.title,
        time=moment_text(request.asked_at, zone, now), ago=since(request.asked_at, now))
    if request.promised_at:
        text += " — " + _tr("promised for {time}").format(time=moment_text(request.promised_at, zone, now))
    elif request.needed_by:
        text += " — " + _tr("wanted by {time}").format(time=moment_text(request.needed_by, zone, now))
    return text


def saved_line(request: Request, deadline: Deadline | None, now: datetime, zone: ZoneInfo) -> str:
    """The confirmation after a quick add: `Saved: I owe Dana · needs reply · reply by 11:00`."""
    parts = [who_text(request), status_text(request, now)]
    if deadline is not None:
        parts.append(due_text(deadline, zone, now))
    return _tr("Saved: {what}").format(what=" · ".join(parts))


LONGEST_UNBROKEN = 24  # characters; a pasted URL is longer than any word


def breakable(text: str) -> str:
    """`text` with zero-width spaces inside very long words, so that a wrapping label can
    break a pasted URL instead of growing as wide as it."""
    return re.sub(r"\S{%d,}" % (LONGEST_UNBROKEN + 1),
                  lambda m: "\u200b".join(m.group(0)[i:i + LONGEST_UNBROKEN]
                                           for i in range(0, len(m.group(0)), LONGEST_UNBROKEN)),
                  text)
