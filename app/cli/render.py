"""Human-readable output of the command line: plain text, columns, local times."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.clock import in_zone
from app.countdown import countdown
from app.domain.model import Event, EventKind, Request
from app.policy.ladder import Deadline

# C0/C1 control characters (newlines, ESC of terminal escape sequences): user text is plain text
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
TITLE_WIDTH = 40


def plain(text: str, width: int | None = None) -> str:
    text = " ".join(_CONTROL.sub(" ", text).split())
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def moment(value: datetime, zone: ZoneInfo, now: datetime) -> str:
    """`today 15:00`, `Fri 15:00` within a week either side, else `Fri 27 Nov 15:00`."""
    local = in_zone(value, zone)
    today = now.astimezone(zone).date()
    if local.date() == today:
        return local.strftime("today %H:%M")
    if abs(local.date() - today) <= timedelta(days=6):
        return local.strftime("%a %H:%M")
    if local.year == today.year:
        return local.strftime("%a %d %b %H:%M")
    return local.strftime("%a %d %b %Y %H:%M")


def who(request: Request) -> str:
    """`I owe Dana` / `Dana owes me`."""
    return plain(request.who())


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip()
             for row in [header, *rows]]
    return "\n".join(lines)


def event_text(event: Event, zone: ZoneInfo, now: datetime) -> str:
    data = event.data

    def when(key: str) -> str:
        return moment(datetime.fromisoformat(data[key]), zone, now) if data.get(key) else "?"

    reason = f" ({plain(data['reason'])})" if data.get("reason") else ""
    kind = event.kind
    if kind is EventKind.CREATED:
        return ("created" + (f", asked {when('asked_at')}" if data.get("asked_at") else "")
                + (f", wanted by {when('needed_by')}" if data.get("needed_by") else ""))
    if kind is EventKind.PROMISED:
        return f"promised for {when('to')}{reason}"
    if kind is EventKind.RENEGOTIATED:
        late = ", after it had passed" if data.get("breached") else ""
        return f"renegotiated {when('from')} → {when('to')}{late}{reason}"
    if kind is EventKind.PROMPTED:
        missed = ", missed while away" if data.get("missed") else ""
        return f"prompted: {data.get('kind', '?')}{missed}"
    if kind is EventKind.SNOOZED:
        return f"snoozed {data.get('prompt', '').split('@')[0]} until {when('until')}"
    if kind in (EventKind.FOLLOWED_UP, EventKind.ESCALATED):
        to = f" to {plain(str(data['to']))}" if data.get("to") else ""
        note = f": {plain(str(data['note']))}" if data.get("note") else ""
        return f"{kind.value.replace('_', ' ')} ({data.get('how', '?')}){to}{note}"
    if kind is EventKind.NOTE:
        by = f" from {plain(str(data['team']['name']))}" if data.get("team", {}).get("name") else ""
        return f"note{by}: {plain(str(data.get('text', '')))}"
    if kind is EventKind.EDITED:
        return "edited " + ", ".join(sorted(data.get("changes", {})))
    return kind.value + reason


def due_text(deadline: Deadline, zone: ZoneInfo, now: datetime) -> str:
    """`promised Fri 15:00`, `reply by today 10:00`, `wanted by Fri 15:00`."""
    label = {"promise": "promised", "reply": "reply by", "wanted": "wanted by"}[deadline.kind]
    text = f"{label} {moment(deadline.at, zone, now)}"
    if deadline.wanted is not None:
        text += f", wanted by {moment(deadline.wanted, zone, now)}"
    return text


def summary_line(request: Request, zone: ZoneInfo, now: datetime, deadline: Deadline | None) -> str:
    """`#12 I owe Dana: repair invoice · promised Fri 15:00 (in 2 h) · #billing · high`; while
    nobody answered: `… · reply by 10:00 (in 1 h) · wanted by Fri 15:00 · …`."""
    parts = [f"#{request.id} {who(request)}: {plain(request.title)}"]
    if deadline is not None:
        parts.append(f"{due_text(deadline, zone, now)} ({countdown(deadline.at, now)})")
        if request.needed_by and deadline.kind == "reply" and deadline.wanted is None:
            parts.append(f"wanted by {moment(request.needed_by, zone, now)}")
    else:
        parts.append(request.status_word(now))
    if request.tags:
        parts.append(" ".join("#" + plain(t) for t in request.tags))
    if request.priority:
        parts.append(request.priority.label)
    return " · ".join(parts)
