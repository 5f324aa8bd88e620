"""Courteous messages for a prompt: a reply with an ETA, a nudge, an escalation, a check-in, a
renegotiation. Qt-free, so the CLI can draft the same text the prompt window does.

Templates are `resources/templates/<kind>.txt`: a `Subject:` line, then the body, with
`$placeholders` (string.Template). `Settings.templates` overrides them by kind.

A draft never says somebody promised when nobody did: `$promise_note` and `$promised_clause` are
empty or speak of the time wanted instead. Times read as people write them: "this morning",
"yesterday at 16:00", "on Tuesday", "Friday 15:00".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from string import Template
from urllib.parse import quote

from app.domain.model import Direction, Person, PromptKind, Request
from app.paths import resources_dir
from app.policy.calendar import WorkingCalendar

# Drafts beyond the prompt kinds: telling the counterpart a promise moves.
RENEGOTIATE = "renegotiate"
KINDS = tuple(k.value for k in PromptKind) + (RENEGOTIATE,)
# What the user fills in when the draft cannot know it yet.
UNKNOWN_TIME = "[time]"
UNKNOWN_CONTACT = "[supervisor]"

_SUBJECT = re.compile(r"\ASubject:[ \t]*(.*)\n?", re.IGNORECASE)


class DraftError(ValueError):
    """A template is missing or unusable; the message says which and how to fix it."""


@dataclass(frozen=True)
class Draft:
    kind: str
    to: str  # e-mail address, "" when unknown
    to_name: str
    cc: str = ""
    cc_name: str = ""
    subject: str = ""
    body: str = ""

    def mailto(self) -> str:
        """A `mailto:` URL with every part percent-encoded (RFC 6068): Unicode and & survive."""
        params = []
        if self.cc:
            params.append("cc=" + quote(self.cc, safe="@"))
        params.append("subject=" + quote(self.subject, safe=""))
        params.append("body=" + quote(self.body.replace("\r\n", "\n").replace("\n", "\r\n"), safe=""))
        return f"mailto:{quote(self.to, safe='@')}?" + "&".join(params)


def moment_text(moment: datetime, calendar: WorkingCalendar) -> str:
    """A time as people write it in a message: `Fri 27 Nov 15:00`, in the user's time zone."""
    return calendar.local(moment).strftime("%a %d %b %H:%M")


def when_text(moment: datetime, now: datetime, calendar: WorkingCalendar) -> str:
    """A time relative to now, as in a message: past ("this morning", "yesterday at 16:00",
    "on Tuesday", "on 12 November") or ahead ("15:00 today", "10:00 tomorrow", "Friday 15:00",
    "Friday 4 December 15:00")."""
    local, today = calendar.local(moment), calendar.local(now).date()
    days = (local.date() - today).days
    clock = local.strftime("%H:%M")
    if moment <= now:
        if days == 0:
            return ("this morning" if local.hour < 12 else
                    "this afternoon" if local.hour < 18 else "this evening")
        if days == -1:
            return f"yesterday at {clock}"
        if days >= -6:
            return local.strftime("on %A")
        return f"on {local.day} {local:%B}" + (f" {local.year}" if local.year != today.year else "")
    if days == 0:
        return f"{clock} today"
    if days == 1:
        return f"{clock} tomorrow"
    if days <= 6:
        return f"{local:%A} {clock}"
    return f"{local:%A} {local.day} {local:%B} {clock}"


def suggested_kind(request: Request, now: datetime) -> str:
    """The draft that fits a request's state when no prompt says which."""
    if request.direction is Direction.RECEIVED:
        if request.promised_at is None:
            return PromptKind.RESPOND.value
        return PromptKind.OVERDUE.value if request.is_overdue(now) else RENEGOTIATE
    if request.acknowledged_at is None:
        return PromptKind.NUDGE.value
    return PromptKind.CHECK_IN.value


def kinds_for(direction: Direction) -> tuple[str, ...]:
    """The drafts that make sense for a direction, the usual one first."""
    if direction is Direction.RECEIVED:
        return (PromptKind.RESPOND.value, RENEGOTIATE, PromptKind.DUE_SOON.value,
                PromptKind.OVERDUE.value, PromptKind.WANTED.value)
    return (PromptKind.NUDGE.value, PromptKind.CHECK_IN.value, PromptKind.ESCALATE.value)


@cache
def default_template(kind: str) -> str:
    path = resources_dir() / "templates" / f"{kind}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DraftError(f"no message template for {kind!r}: {path} is missing; "
                         "reinstall Promptly or add the template in Settings") from None


def _people_by_id(people: Mapping[int, Person] | Iterable[Person]) -> Mapping[int, Person]:
    if isinstance(people, Mapping):
        return people
    return {p.id: p for p in people if p.id is not None}


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def draft(
    prompt_kind: PromptKind | str,
    request: Request,
    people: Mapping[int, Person] | Iterable[Person],
    now: datetime,
    calendar: WorkingCalendar,
    overrides: Mapping[str, str] | None = None,
    *,
    new_time: datetime | None = None,
    respond_by: datetime | None = None,
    signature: str = "",
) -> Draft:
    """Fill the template of this kind for this request. `new_time`: the time I propose;
    `respond_by`: when my answer was due (a later one apologises); `signature`: my name.

    An escalation goes to the counterpart's escalation contact with the counterpart in copy;
    every other draft goes to the counterpart. Unknown `$names` in a user's template stay as
    typed rather than failing, so a typo in Settings never loses a draft.
    """
    kind = prompt_kind.value if isinstance(prompt_kind, PromptKind) else str(prompt_kind)
    if kind not in KINDS:
        raise DraftError(f"unknown message kind {kind!r}; use one of {', '.join(KINDS)}")
    text = (overrides or {}).get(kind) or default_template(kind)
    person = request.counterpart
    contact = None
    if kind == PromptKind.ESCALATE.value and person.escalation_contact_id is not None:
        contact = _people_by_id(people).get(person.escalation_contact_id)

    def when(moment: datetime | None) -> str:
        return when_text(moment, now, calendar) if moment else UNKNOWN_TIME

    promised, wanted = request.promised_at, request.needed_by
    # what I answer with: the time given, else the promise in force, else the time they want
    eta = new_time or promised or wanted
    late = (request.direction is Direction.RECEIVED and request.acknowledged_at is None
            and respond_by is not None and now > respond_by)
    if promised:
        promise_note = f" (promised for {when(promised)})"
        promised_clause = f", which you kindly promised for {when(promised)}"
    elif wanted:
        promise_note = f" (needed by {when(wanted)})"
        promised_clause = f", which I needed by {when(wanted)}"
    else:
        promise_note = promised_clause = ""
    values = {
        "title": request.title,
        "name": person.name,
        "first_name": _first_name(person.name),
        "asked_on": moment_text(request.asked_at, calendar),
        "asked_when": when(request.asked_at),
        "promised_for": when(promised),
        "wanted_for": when(wanted),
        "eta": when(eta),
        "new_time": when(new_time),
        "now": moment_text(now, calendar),
        "details": request.details,
        "link": request.link,
        "escalation_name": contact.name if contact else UNKNOWN_CONTACT,
        "escalation_first_name": _first_name(contact.name) if contact else UNKNOWN_CONTACT,
        "promise_note": promise_note,
        "promised_clause": promised_clause,
        "apology": "Sorry for the late answer. " if late else "",
        "signature": f"Best regards\n{signature}" if signature else "Best regards",
    }
    filled = Template(text).safe_substitute(values)
    subject = ""
    match = _SUBJECT.match(filled)
    if match:
        subject = " ".join(match.group(1).split())
        filled = filled[match.end():]
    body = filled.strip("\n") + "\n"
    if kind == PromptKind.ESCALATE.value:
        return Draft(kind, (contact.email or "") if contact else "", contact.name if contact else "",
                     person.email or "", person.name, subject, body)
    return Draft(kind, person.email or "", person.name, subject=subject, body=body)
