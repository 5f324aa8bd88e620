# Published turnaround times: what a team member says they usually need, used when asking them.
"""The published table is kept locally (the team state's `turnarounds`, refreshed by each sync)
so quick add shows it offline and without a round trip to the server."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.domain.model import Direction
from app.policy.calendar import WorkingCalendar


@dataclass(frozen=True)
class TurnaroundHint:
    """`Dana usually answers #billing in 48 working hours`: and when that would be."""

    member: str  # the display name
    tag: str  # '' for the default
    hours: float
    needed_by: datetime
    department: str | None = None  # the figure is this department's, not the member's own


def hint(st: dict | None, calendar: WorkingCalendar, *, direction: Direction, counterpart: str,
         tags: Sequence[str], asked_at: datetime) -> TurnaroundHint | None:
    """The asked member's published turnaround: for the first of `tags` that they or their
    department publish one for, else the default; at each, the member's own before their
    department's. None when I am not asking a team member or nothing is published."""
    if not st or direction is not Direction.MADE or not counterpart.strip():
        return None
    from app.team.sync import _member_for

    member = _member_for(st["members"], counterpart, st["member"])
    if member is None:
        return None
    department = member.get("department")
    sources = [(published(st, login=member["login"]), None)]
    if department:
        sources.append((published(st, department=department), department))
    for tag in [*(t.lower() for t in tags), ""]:
        for table, source in sources:
            if tag in table:
                return TurnaroundHint(member["name"], tag, table[tag],
                                      calendar.add_working_minutes(asked_at, table[tag] * 60),
                                      source)
    return None


def published(st: dict | None, *, login: str | None = None,
              department: str | None = None) -> dict[str, float]:
    """A member's or a department's published times as of the last sync: tag ('' = default)
    -> working hours."""
    if not st:
        return {}
    return {t["tag"] or "": t["hours"] for t in st.get("turnarounds", [])
            if (t["login"], t.get("department")) == (login, department)}


def mine(st: dict | None) -> dict[str, float]:
    """My own published turnaround times, tag ('' = default) -> working hours."""
    return published(st, login=st["member"]) if st else {}


def may_publish_for(members: Sequence[dict], me: str, department: str) -> bool:
    """The server's rule, mirrored to offer the editing: a supervisor of an active member of
    the department publishes its times (the server refuses anyone else)."""
    return any(m["active"] and m.get("supervisor") == me and m.get("department") == department
               for m in members)


def departments(st: dict | None) -> list[tuple[str, bool]]:
    """The departments whose times I see on my page, with whether I may publish them: those
    I supervise members of, and my own."""
    if not st:
        return []
    me, members = st["member"], st["members"]
    names = {m.get("department") for m in members
             if m["login"] == me or (m["active"] and m.get("supervisor") == me)}
    return [(name, may_publish_for(members, me, name)) for name in sorted(n for n in names if n)]


def changes(before: dict[str, float], after: dict[str, float]) -> dict[str, float | None]:
    """What to send to make `before` into `after`: new or changed hours, None to withdraw."""
    found: dict[str, float | None] = {tag: None for tag in before if tag not in after}
    found.update({tag: hours for tag, hours in after.items() if before.get(tag) != hours})
    return found


def publish(url: str, hours_by_tag: dict[str, float | None],
            department: str | None = None) -> list[dict]:
    """Network only, so it may run off the GUI thread: publish mine (or `department`'s), and
    return the team's table for `Promptly.remember_turnarounds`."""
    from app.team import server, sync

    with sync._connect(url) as conn:
        server.publish_turnaround(conn, hours_by_tag, department)
        return [t.to_json() for t in server.turnarounds(conn)]
