"""`promptly summary [--week 2026-W47] [--json]`: the personal weekly summary (app.summary)."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.cli import Context
from app.cli.render import plain
from app.summary import Promises, Summary, Wishes, weekly_summary


def summary(ctx: Context, args: argparse.Namespace) -> int:
    result = weekly_summary(ctx.core, args.week)
    if ctx.json:
        ctx.emit(result.as_json())
    else:
        ctx.out(render(result, ctx.zone))
    return 0


def render(s: Summary, zone: ZoneInfo) -> str:
    lines = [
        f"Week {s.week}: {_day(s.start)} – {_day(s.end)} {s.end.year}"
        + ("" if s.as_of.astimezone(zone).date() > s.end else
           f" (so far, as of {s.as_of.astimezone(zone):%a %H:%M})"),
        "",
        f"Received {s.received} · made {s.made}",
        f"Responses: {s.responded_on_time} on time, {s.responded_late} late"
        f" ({_percent(s.on_time_rate)} on time) · median {_minutes(s.median_response_minutes)}"
        " of working time to answer",
        _promises("My promises", s.mine),
        _promises("Their promises", s.theirs),
        _wishes("Delivered when wanted", s.delivered_when_wanted, "I was asked for"),
        _wishes("Delivered to me when wanted", s.theirs_delivered_when_wanted, "I asked for"),
        f"Open at the end of the week: {s.open_received} received, {s.open_made} made",
    ]
    for title, rows in (("Waiting on me", s.waiting_on_me), ("I wait on", s.i_wait_on)):
        lines += ["", f"{title}:"]
        lines += [f"  {plain(w.person, 24):<24} {w.count:>3}  since {_moment(w.oldest_asked_at, zone)}"
                  for w in rows] or ["  nobody"]
    lines += ["", "By day:        received  made  done"]
    lines += [f"  {_day(d.date):<12} {d.received:>8} {d.made:>5} {d.done:>5}" for d in s.by_day]
    lines += ["", "Trend:         kept  on time"]
    lines += [f"  {t.week:<12} {_percent(t.kept_rate):>4}  {_percent(t.on_time_rate):>7}" for t in s.trend]
    if s.team:
        lines += ["", team_line(s.team)]
    lines += ["", "Calibration (my promises over 8 weeks, median lateness):"]
    lines += [f"  {plain(c.person, 24):<24} {c.promises:>3} promises  {_minutes(c.median_lateness_minutes)}"
              for c in s.calibration] or ["  nobody with 3 settled promises yet"]
    return "\n".join(lines)


def team_line(t: dict) -> str:
    """The department's totals as of the last sync: never one member's figures."""
    def hours(value) -> str:
        return "–" if value is None else f"{value:g} h"

    return (f"Team {plain(t['department'])} ({t['members']} members, as of the last sync): "
            f"{t['requests']} requests, {t['answered_on_time']} answered on time, promises kept "
            f"{t['promises_kept']} of {t['promised']} · median turnaround "
            f"{hours(t['median_hours'])} (published {hours(t['published_hours'])})")


def _promises(title: str, p: Promises) -> str:
    text = (f"{title}: kept {p.kept}, renegotiated {p.renegotiated}, broken {p.broken}"
            f" · {_percent(p.kept_rate)} held")
    if p.median_lateness_minutes is not None:
        text += f" · broken ones a median {_minutes(p.median_lateness_minutes)} late"
    return text


def _wishes(title: str, w: Wishes, what: str) -> str:
    if not w.settled:
        return f"{title}: nothing {what} had a time that came this week"
    return f"{title}: {w.delivered} of {w.settled} ({_percent(w.rate)}) {what} by the time wanted"


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f} %"


def _minutes(value: float | None) -> str:
    """`25 min`, `3 h 10 min`, `2 d 4 h`: whole units, the largest two."""
    if value is None:
        return "–"
    total = round(value)
    days, rest = divmod(total, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def _day(day: date) -> str:
    return day.strftime("%a %d %b")


def _moment(value: datetime, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%a %d %b %H:%M")
