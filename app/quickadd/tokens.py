"""Splitting a line into words that remember where they stand, so every piece has a span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.bounds import character_name, forbidden_character
from app.i18n import Text
from app.quickadd.errors import ParseError

MAX_LENGTH = 500

# A quote opens only at the start of a word; an unclosed quote runs to the end of the line, so
# that half-typed quotes keep their words literal while the user types.
# `@"Dana Smith"` is one word: a name of several words.
_TOKEN = re.compile(r'([<>]?@["“„«][^"“”»]*(?:["”“»]|\Z))|(["“„«])([^"“”»]*)(["”“»]|\Z)|\S+')
_TRAILING_PUNCTUATION = ",.;:?"


@dataclass(frozen=True, slots=True)
class Token:
    raw: str  # as typed (without the quote marks of a quoted phrase)
    start: int
    end: int
    quoted: bool = False

    @property
    def norm(self) -> str:
        """Lower case, without trailing punctuation: what the grammar compares."""
        return self.raw.rstrip(_TRAILING_PUNCTUATION).casefold()


def check_text(text: str) -> str:
    """The line, stripped, or a ParseError for text no one meant to save."""
    if not isinstance(text, str):
        raise ParseError(Text("the line must be text"), None)
    if len(text) > MAX_LENGTH:
        raise ParseError(
            Text("the line is {length} characters long; keep it under {limit} and put the rest in the "
                 "request's details", length=f"{len(text):,}", limit=MAX_LENGTH),
            text[MAX_LENGTH:MAX_LENGTH + 20], MAX_LENGTH, len(text))
    bad = forbidden_character(text)
    if bad is not None:
        index, char = bad
        raise ParseError(Text("the line contains {character}; type it on one line without tabs, line "
                              "breaks or direction controls", character=character_name(char)),
                         repr(char), index, index + 1)
    stripped = text.strip()
    if not stripped:
        raise ParseError(Text("the line is empty; type who, what and by when, e.g. "
                              "from @dana: repair invoice by fri 3pm"))
    return text


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        if match.group(1):
            tokens.append(Token(match.group(1), match.start(), match.end()))
        elif match.group(2):
            inner = match.group(3).strip()
            if inner:
                tokens.append(Token(inner, match.start(), match.end(), quoted=True))
        else:
            tokens.append(Token(match.group(0), match.start(), match.end()))
    return tokens
