"""German and French deadline phrases in mail, said in the English words the quick-add grammar
reads: `bis Freitag 15 Uhr` is read as `by friday 15:00`, `d'ici demain midi` as `by tomorrow noon`.

Only words that name a deadline or a time are replaced; a line that names none stays without one.
"""

from __future__ import annotations

import re

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")

_MONTH_NAMES = {
    "januar": 1, "janvier": 1, "februar": 2, "février": 2, "märz": 3, "mars": 3, "avril": 4,
    "mai": 5, "juni": 6, "juin": 6, "juli": 7, "juillet": 7, "août": 8, "septembre": 9,
    "oktober": 10, "octobre": 10, "dezember": 12, "décembre": 12, "novembre": 11,
    **{name: n for n, name in enumerate(_MONTHS, 1)},
}

_WORDS: dict[str, str] = {
    # German
    "montag": "monday", "dienstag": "tuesday", "mittwoch": "wednesday", "donnerstag": "thursday",
    "freitag": "friday", "samstag": "saturday", "sonntag": "sunday",
    "übermorgen": "day after tomorrow", "heute": "today", "mittag": "noon",
    "feierabend": "eod", "dienstschluss": "eod",
    # French
    "lundi": "monday", "mardi": "tuesday", "mercredi": "wednesday", "jeudi": "thursday",
    "vendredi": "friday", "samedi": "saturday", "dimanche": "sunday",
    "après-demain": "day after tomorrow", "demain": "tomorrow", "aujourd'hui": "today",
    "midi": "noon",
}

# (pattern, English), applied in order; case-insensitive unless the pattern says otherwise
_PHRASES: list[tuple[str, str]] = [
    # German
    (r"spätestens bis|spätestens|bis spätestens|bis zum|bis zur|bis", "by"),
    (r"(?-i:morgen) früh|(?-i:morgen) vormittag", "tomorrow morning"),
    (r"(?-i:morgen)", "tomorrow"),  # lower case only: "Guten Morgen" is a greeting
    (r"ende (?:der|dieser) woche|wochenende", "end of week"),
    (r"nächste woche|kommende woche", "next week"),
    (r"heute abend", "eod"),  # not "Abend" alone: "Schönen Abend" is a greeting
    # French
    (r"au plus tard(?: le| pour)?|d'ici(?: à| au| le)?|jusqu'à|jusqu'au|pour(?= le \d| the \d| lundi| mardi"
     r"| mercredi| jeudi| vendredi| samedi| dimanche| demain| ce soir)", "by"),
    (r"avant(?: le)?", "before"),
    (r"à(?= \d)", "at"),
    (r"demain matin", "tomorrow morning"),
    (r"ce soir|(?:la )?fin de (?:la )?journée", "eod"),
    (r"(?:la )?fin de (?:la )?semaine", "end of week"),
    (r"la semaine prochaine", "next week"),
]
_PHRASE = [(re.compile(rf"(?<![\w'-])(?:{pattern})(?![\w'-])", re.IGNORECASE), english)
           for pattern, english in _PHRASES]
_WORD = re.compile(r"(?<![\w'-])(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True))
                   + r")(?![\w'-])", re.IGNORECASE)
# 15 Uhr, 15.30 Uhr, 15:30 Uhr, 15h, 15h30
_HOUR = re.compile(r"(?<![\w.:])(\d{1,2})(?:[.:](\d{2}))? ?uhr(?!\w)|(?<![\w.:])(\d{1,2})h(\d{2})?(?!\w)",
                   re.IGNORECASE)
# 5.12. or 5.12.2026: day first, as German and French write it
_DATE = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\w])")
# 5. Dezember, 5 décembre, le 5 décembre
_NAMED_DATE = re.compile(r"(?<![\w.])(\d{1,2})(?:\.|er)? (" + "|".join(_MONTH_NAMES) + r")(?![\w])",
                         re.IGNORECASE)
# le 5 / am 5. (a day of the month)
_DAY_OF_MONTH = re.compile(r"(?<![\w])(?:le|am|zum|au) (\d{1,2})(?:\.|er)?(?![\w.])(?! (?:"
                           + "|".join(_MONTHS) + "))", re.IGNORECASE)


def in_english(text: str) -> str:
    """The line with German and French deadline phrases said in English; English stays as is."""
    text = _HOUR.sub(_hour, text)
    text = _NAMED_DATE.sub(
        lambda m: f"{int(m.group(1))} {_MONTHS[_MONTH_NAMES[m.group(2).lower()] - 1]}", text)
    text = _DATE.sub(_date, text)
    text = _DAY_OF_MONTH.sub(lambda m: f"the {_ordinal(int(m.group(1)))}", text)
    for pattern, english in _PHRASE:
        text = pattern.sub(english, text)
    return _WORD.sub(lambda m: _WORDS[m.group(1).lower()], text)


def _hour(match: re.Match) -> str:
    hour = match.group(1) or match.group(3)
    minutes = match.group(2) or match.group(4) or "00"
    return f"{int(hour)}:{minutes}"


def _date(match: re.Match) -> str:
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return match.group(0)
    return f"{day} {_MONTHS[month - 1]}" + (f" {year}" if year else "")


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
