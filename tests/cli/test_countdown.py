"""The one countdown formatter shared by the command line, the tray and the windows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.countdown import countdown, refresh_after, since, span

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("left, text", [
    (timedelta(hours=1, minutes=20), "in 1 h 20 min"),
    (timedelta(hours=1, minutes=20, seconds=59), "in 1 h 20 min"),
    (timedelta(hours=2), "in 2 h"),
    (timedelta(seconds=45), "in 45 s"),
    (timedelta(seconds=60), "in 1 min"),
    (timedelta(seconds=59.9), "in 59 s"),
    (timedelta(days=3, hours=4, minutes=59), "in 3 d 4 h"),
    (timedelta(days=1), "in 1 d"),
    (timedelta(hours=23, minutes=59), "in 23 h 59 min"),
    (-timedelta(minutes=25), "overdue 25 min"),
    (-timedelta(minutes=25, seconds=59), "overdue 25 min"),
    (timedelta(0), "due now"),
    (timedelta(milliseconds=400), "due now"),
    (-timedelta(milliseconds=999), "due now"),
    (-timedelta(seconds=1), "overdue 1 s"),
    (-timedelta(days=2, hours=1), "overdue 2 d 1 h"),
])
def test_countdown_text(left, text):
    assert countdown(NOW + left, NOW) == text


def test_since_and_span():
    assert since(NOW - timedelta(minutes=58), NOW) == "58 min ago"
    assert span(-3600 * 5) == "5 h"


class Bracketed:
    """Another language's words: the GUI passes Qt-translated ones."""

    def unit(self, unit, n):
        return f"{n}{unit}"

    def ahead(self, text):
        return f"<{text}>"

    def overdue(self, text):
        return f"!{text}!"

    def ago(self, text):
        return f"-{text}"

    def due_now(self):
        return "now!"


def test_words_can_be_replaced():
    assert countdown(NOW + timedelta(hours=1, minutes=5), NOW, Bracketed()) == "<1h 5min>"
    assert countdown(NOW - timedelta(seconds=3), NOW, Bracketed()) == "!3s!"


@pytest.mark.parametrize("left", [
    timedelta(seconds=30.5), timedelta(minutes=1, seconds=10), timedelta(minutes=1),
    timedelta(hours=3, minutes=10, seconds=7), timedelta(days=1, seconds=30), timedelta(days=2, minutes=7),
    -timedelta(seconds=10.25), -timedelta(minutes=59, seconds=59), -timedelta(hours=23, minutes=59, seconds=30),
])
def test_refresh_after_is_exactly_when_the_text_changes(left):
    deadline = NOW + left
    wait = refresh_after(deadline, NOW)
    assert wait > timedelta(0)
    text = countdown(deadline, NOW)
    assert countdown(deadline, NOW + wait - timedelta(milliseconds=2)) == text
    assert countdown(deadline, NOW + wait + timedelta(milliseconds=1)) != text
