"""German and French deadline phrases in mail prose, read as the English grammar reads them."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from app.capture.message import find_deadline
from app.capture.phrases import in_english
from app.settings import Settings

CALENDAR = Settings(timezone="Europe/Berlin").calendar()
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # 10:00 in Berlin


@pytest.mark.parametrize("line, wanted", [
    ("Kannst du mir das bis Freitag 15 Uhr schicken?", "2026-11-27T15:00"),
    ("bitte bis morgen früh", "2026-11-24T09:00"),
    ("spätestens Mittwoch", "2026-11-25T17:00"),
    ("bis zum 5. Dezember", "2026-12-05T17:00"),
    ("bis 5.12.", "2026-12-05T17:00"),
    ("bis Ende der Woche", "2026-11-27T17:00"),
    ("bis heute Abend", "2026-11-23T17:00"),
    ("bis übermorgen", "2026-11-25T17:00"),
    ("bis 15.30 Uhr", "2026-11-23T15:30"),
    ("Bis Montag 9 Uhr wäre gut.", "2026-11-30T09:00"),
    ("pouvez-vous me répondre d'ici vendredi 15h ?", "2026-11-27T15:00"),
    ("avant demain midi", "2026-11-24T12:00"),
    ("au plus tard le 5 décembre", "2026-12-05T17:00"),
    ("d'ici la fin de la semaine", "2026-11-27T17:00"),
    ("avant ce soir", "2026-11-23T17:00"),
    ("pour le 5", "2026-12-05T17:00"),
])
def test_a_german_or_french_deadline_is_found(line, wanted):
    found = find_deadline([line], MONDAY, CALENDAR)
    assert found == datetime.fromisoformat(wanted).replace(tzinfo=CALENDAR.tz), in_english(line)


@pytest.mark.parametrize("line", [
    "Guten Morgen Kim,", "Schönen Abend noch", "Bonne journée,", "Je pars pour Paris",
    "Il faut du temps pour tout", "Viele Grüße aus dem Büro",
])
def test_greetings_and_prose_name_no_deadline(line):
    assert find_deadline([line], MONDAY, CALENDAR) is None


def test_english_stays_as_written():
    line = "Hello, could you send it by Friday 3pm? Thanks, and have a good evening"
    assert in_english(line) == line
