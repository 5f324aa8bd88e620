"""Time is injected: the core asks a clock, never the system, for "now"."""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from typing import Protocol

UTC = timezone.utc


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware in UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stays at one instant: PROMPTLY_NOW, scripts and tests."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def as_utc(moment: datetime) -> datetime:
    """An aware datetime in UTC; naive values are refused because their meaning is a guess."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone")
    return moment.astimezone(UTC)


def in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """`moment` in `zone`, for display. At the very ends of datetime's range (a time an older
    Promptly stored, kept in a history) the zone's offset would overflow: it stays in UTC."""
    try:
        return moment.astimezone(zone)
    except OverflowError:
        return moment.astimezone(UTC)
