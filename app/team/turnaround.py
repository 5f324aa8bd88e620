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
    tag: str  # '' for their default
    hours: float
    needed_by: datetime


def hint(st: dict | None, calendar: WorkingCalendar, *, direction: Direction, counterpart: str,
         tags: Sequence[str], asked_at: datetime) -> TurnaroundHint | None:
    """The asked member's published turnaround for the first of `tags` they publish one for,
    else their default; None when I am not asking a team member or they published none."""
    if not st or direction is not Direction.MADE or not counterpart.strip():
        return None
    from app.team.sync import _member_for

    member = _member_for(st["members"], counterpart, st["member"])
    if member is None:
        return None
    published = {t["tag"] or "": t["hours"] for t in st.get("turnarounds", [])
                 if t["login"] == member["login"]}
    tag = next((t for t in tags if t.lower() in published), "")
    hours = published.get(tag.lower())
    if hours is None:
        return None
    return TurnaroundHint(member["name"], tag.lower(), hours,
                          calendar.add_working_minutes(asked_at, hours * 60))


def mine(st: dict | None) -> dict[str, float]:
    """My own published turnaround times, tag ('' = default) -> working hours."""
    if not st:
        return {}
    return {t["tag"] or "": t["hours"] for t in st.get("turnarounds", [])
            if t["login"] == st["member"]}


def changes(before: dict[str, float], after: dict[str, float]) -> dict[str, float | None]:
    """What to send to make `before` into `after`: new or changed hours, None to withdraw."""
    found: dict[str, float | None] = {tag: None for tag in before if tag not in after}
    found.update({tag: hours for tag, hours in after.items() if before.get(tag) != hours})
    return found


def publish(url: str, hours_by_tag: dict[str, float | None]) -> list[dict]:
    """Network only, so it may run off the GUI thread: publish, and return the team's table
    for `Promptly.remember_turnarounds`."""
    from app.team import server, sync

    with sync._connect(url) as conn:
        server.publish_turnaround(conn, hours_by_tag)
        return [t.to_json() for t in server.turnarounds(conn)]
