"""Countdown text, the one formatter every surface uses: `in 1 h 20 min`, `overdue 25 min`,
`in 45 s` in the last minute, `in 3 d 4 h` when far.

Elapsed parts are floored, so the text changes exactly at unit boundaries and never claims more
time than is left. The words are English by default; the GUI passes its own `Words` whose
methods go through Qt's translation machinery (plurals by `n`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


class Words(Protocol):
    def unit(self, unit: str, n: int) -> str:
        """`n` of `unit` ("s", "min", "h" or "d"), e.g. `20 min`."""

    def ahead(self, span: str) -> str:
        """Time left before a deadline, e.g. `in 20 min`."""

    def overdue(self, span: str) -> str:
        """Time past a deadline, e.g. `overdue 20 min`."""

    def ago(self, span: str) -> str:
        """Time since a past moment, e.g. `20 min ago`."""

    def due_now(self) -> str:
        """The deadline is this very second: `due now`."""


class EnglishWords:
    def unit(self, unit: str, n: int) -> str:
        return f"{n} {unit}"

    def ahead(self, span: str) -> str:
        return f"in {span}"

    def overdue(self, span: str) -> str:
        return f"overdue {span}"

    def ago(self, span: str) -> str:
        return f"{span} ago"

    def due_now(self) -> str:
        return "due now"


ENGLISH = EnglishWords()


def parts(seconds: float) -> list[tuple[str, int]]:
    """The (unit, count) pairs shown for a length of time: at most two, largest first."""
    seconds = int(abs(seconds))
    if seconds < MINUTE:
        return [("s", seconds)]
    if seconds < HOUR:
        return [("min", seconds // MINUTE)]
    if seconds < DAY:
        hours, rest = divmod(seconds, HOUR)
        return [("h", hours)] + ([("min", rest // MINUTE)] if rest >= MINUTE else [])
    days, rest = divmod(seconds, DAY)
    return [("d", days)] + ([("h", rest // HOUR)] if rest >= HOUR else [])


def span(seconds: float, words: Words = ENGLISH) -> str:
    return " ".join(words.unit(unit, n) for unit, n in parts(seconds))


def countdown(deadline: datetime, now: datetime, words: Words = ENGLISH) -> str:
    """`in …` before the deadline; `due now` in its very second; `overdue …` after it."""
    left = (deadline - now).total_seconds()
    if left >= 1:
        return words.ahead(span(left, words))
    if left > -1:
        return words.due_now()
    return words.overdue(span(left, words))


def since(moment: datetime, now: datetime, words: Words = ENGLISH) -> str:
    return words.ago(span((now - moment).total_seconds(), words))


def refresh_after(deadline: datetime, now: datetime) -> timedelta:
    """How long the countdown text stays the same: a visible view re-arms one timer for this."""
    delta = abs((deadline - now).total_seconds())
    unit = 1 if delta < MINUTE else MINUTE if delta < DAY else HOUR
    if deadline > now:  # counting down: changes as the time left drops below a whole unit
        wait = delta % unit
    else:  # counting up: changes as the time past reaches the next whole unit
        wait = unit - delta % unit
    return timedelta(seconds=max(wait, 0.001))
