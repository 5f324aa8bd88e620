"""One quick-add line: who, which direction, what, by when, tags, priority, repeat.

Every recognised part becomes a Piece with its span in the text, so the dialog can show it as a
chip; `literal` names pieces (by span start or id) the user dropped, whose words then stay title.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.commands import NewRequest
from app.domain.model import Direction, Priority
from app.i18n import Text
from app.policy.calendar import WorkingCalendar
from app.quickadd.dates import Context, Found, Words, find_recurrence, find_when
from app.quickadd.errors import ParseError
from app.quickadd.tokens import Token, check_text, tokenize

_MENTION = re.compile(r"^([<>])?@([^\W_][\w.'’-]*)")
_QUOTED_MENTION = re.compile(r'^([<>])?@["“„«]([^"“”»]*)')  # @"Dana Smith"
_PUNCTUATION = ",.;:?"
_LONGEST_NAME = 4  # words of a known name matched after @: @Dana Smith
_TAG = re.compile(r"^#([^\W_][\w/-]*)$")
_PRIORITY = re.compile(r"^!+$")
_RECEIVED_WORDS = frozenset({"from", "<"})
_MADE_WORDS = frozenset({"to", "ask", "for", ">"})
_ASKED_FOLLOWERS = ("for", "to", "about")
# Words that only join the person to the title: "ask @kim for the form", "from @dana: repair".
_CONNECTORS = frozenset({"for", "to", "about", "re", ":", "-", "–", "—"})

EXAMPLE = "from @dana: repair invoice by fri 3pm"


@dataclass(frozen=True, slots=True)
class Piece:
    kind: str  # "who", "direction", "wanted", "promise", "tag", "priority" or "recurrence"
    text: str
    start: int
    end: int
    value: Any

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.start}"


@dataclass(frozen=True, slots=True)
class Hint:
    """Words read one way of several, or left in the title: what to write to be understood."""
    message: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ParseResult:
    direction: Direction
    direction_explicit: bool
    counterpart: str
    counterpart_known: bool
    title: str
    needed_by: datetime | None  # the asker's wish: "by fri 3pm"
    promised_at: datetime | None  # a promise already given: "eta fri 3pm"
    tags: list[str]
    priority: Priority
    recurrence: str | None
    pieces: list[Piece]
    hints: list[Hint] = field(default_factory=list)
    zone: ZoneInfo = field(repr=False, default=ZoneInfo("UTC"))

    def to_new_request(self, asked_at: datetime | None = None) -> NewRequest:
        return NewRequest(
            direction=self.direction, counterpart=self.counterpart, title=self.title,
            needed_by=self.needed_by, promised_at=self.promised_at, asked_at=asked_at,
            tags=tuple(self.tags),
            priority=self.priority, recurrence=self.recurrence,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "direction": self.direction.value,
            "counterpart": self.counterpart,
            "title": self.title,
            "needed_by": self._local(self.needed_by),
            "promised_at": self._local(self.promised_at),
            "tags": list(self.tags),
            "priority": self.priority.label,
            "recurrence": self.recurrence,
            "hints": [str(h.message) for h in self.hints],
        }

    def _local(self, moment: datetime | None) -> str | None:
        return moment.astimezone(self.zone).isoformat() if moment else None


def parse(
    text: str,
    now: datetime,
    calendar: WorkingCalendar,
    default_direction: Direction = Direction.RECEIVED,
    known_people: Iterable[str] = (),
    literal: Collection[int | str] = frozenset(),
) -> ParseResult:
    """Read one quick-add line; ParseError (naming the word) when it cannot be saved as is."""
    check_text(text)
    tokens = tokenize(text)
    ctx = Context(now, calendar)
    people = {name.casefold(): name for name in known_people}
    blocked: set[int] = set()
    plain_arrows: set[int] = set()  # "<@dana" whose arrow the user dropped: the name still counts
    # Dropping a piece can reveal another (a shorter date phrase); repeat until nothing new drops.
    while True:
        draft = _Draft(text, tokens, blocked, plain_arrows, ctx, people)
        dropped = [p for p in draft.pieces if p.start in literal or p.id in literal]
        if not dropped:
            break
        for piece in dropped:
            if piece.kind == "direction" and piece.text in ("<", ">"):
                plain_arrows.add(next(i for i, t in enumerate(tokens) if t.start == piece.start))
            else:
                blocked |= {i for i, t in enumerate(tokens) if t.start < piece.end and piece.start < t.end}
    return draft.result(text, default_direction)


class _Draft:
    def __init__(self, text: str, tokens: list[Token], blocked: set[int], plain_arrows: set[int],
                 ctx: Context, people: dict[str, str]) -> None:
        self.text = text
        self.plain_arrows = plain_arrows
        self.loose_words: dict[int, str] = {}  # title words left over from a claimed token
        self.tokens = tokens
        self.ctx = ctx
        self.words = Words(tokens, [not t.quoted and i not in blocked for i, t in enumerate(tokens)])
        self.pieces: list[Piece] = []
        self.claimed: set[int] = set()  # token indexes that belong to a piece
        self.direction: Direction | None = None
        self.counterpart: str | None = None
        self.known = False
        self.who_end = -1  # index of the last token of the who/direction group
        self.hints: list[tuple[Hint, int]] = []  # with the token they are about
        self.needed_by: datetime | None = None
        self.promised_at: datetime | None = None
        self.recurrence: str | None = None
        self.tags: list[str] = []
        self.priority = Priority.NORMAL
        self._who(people)
        self._rest()

    def _claim(self, kind: str, first: int, end: int, value: Any, start: int | None = None,
               stop: int | None = None) -> None:
        """Tokens [first, end) become a piece; `start`/`stop` narrow its span within a token."""
        start = self.tokens[first].start if start is None else start
        stop = self.tokens[end - 1].end if stop is None else stop
        self.pieces.append(Piece(kind, self.text[start:stop], start, stop, value))
        self.claimed.update(range(first, end))
        for i in range(first, end):
            self.words.usable[i] = False

    # -- who and which direction -------------------------------------------------------

    def _who(self, people: dict[str, str]) -> None:
        words, tokens = self.words, self.tokens
        mentions = []  # (index, arrow, name, quoted)
        for i, token in enumerate(tokens):
            if words(i) is None:
                continue
            if m := _QUOTED_MENTION.match(token.raw):
                name, quoted = " ".join(m.group(2).split()), True
            elif m := _MENTION.match(token.raw):
                name, quoted = m.group(2).rstrip(".'’-"), False
            else:
                continue
            if name:
                mentions.append((i, m.group(1), name, quoted))
        if not mentions:
            return
        directed = [m for m in mentions if (m[1] and m[0] not in self.plain_arrows) or words(m[0] - 1) in _RECEIVED_WORDS | _MADE_WORDS]
        index, arrow, name, quoted = (directed or mentions)[0]
        token = tokens[index]
        offset = token.start + (1 if arrow else 0)
        stop = token.end if quoted else offset + 1 + len(name)
        last = index
        if not quoted and (longer := self._known_name(index, name, people)):
            last, name, stop = longer
        if arrow and index in self.plain_arrows:
            self.loose_words[index] = arrow
            arrow = None
        self.known = name.casefold() in people
        self.counterpart = people.get(name.casefold()) or _capitalized(name)
        self.who_end = last
        if not (quoted or self.known):
            self._hint_several_words(index, name)
        if arrow:
            direction = Direction.RECEIVED if arrow == "<" else Direction.MADE
            self._claim("direction", index, index, direction, token.start, token.start + 1)
            self.direction = direction
        elif words(index - 1) in _RECEIVED_WORDS | _MADE_WORDS:
            direction = Direction.RECEIVED if words(index - 1) in _RECEIVED_WORDS else Direction.MADE
            self._claim("direction", index - 1, index, direction)
            self.direction = direction
        self._claim("who", index, last + 1, self.counterpart, offset, stop)
        index = last
        if self.direction is None and words(index + 1) == "asked":
            end = index + 2
            if words(end) == "me":
                end += 1
            if words(end) in _ASKED_FOLLOWERS:
                end += 1
            self._claim("direction", index + 1, end, Direction.RECEIVED)
            self.direction = Direction.RECEIVED
            self.who_end = end - 1

    def _known_name(self, index: int, first: str, people: dict[str, str]) -> tuple[int, str, int] | None:
        """`@Dana Smith` when Dana Smith is known: the last token, the name and where it stops."""
        if self.tokens[index].raw.rstrip(_PUNCTUATION) != self.tokens[index].raw:
            return None  # "@dana: invoice": the name ends at the colon
        for extra in range(_LONGEST_NAME - 1, 0, -1):
            following = self.tokens[index + 1:index + 1 + extra]
            if len(following) < extra or any(self.words(index + j) is None for j in range(1, extra + 1)) \
                    or any(t.raw.rstrip(_PUNCTUATION) != t.raw for t in following[:-1]):
                continue
            name = " ".join([first, *(t.raw for t in following[:-1]), following[-1].raw.rstrip(_PUNCTUATION)])
            if name.casefold() in people:
                return index + extra, name, following[-1].start + len(following[-1].raw.rstrip(_PUNCTUATION))
        return None

    def _hint_several_words(self, index: int, name: str) -> None:
        """`@Dana Smith` with no Dana Smith known: Smith stays in the title, and the hint says how
        to write a name of several words."""
        after = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        if after is None or self.words(index + 1) is None or self.tokens[index].raw.endswith(tuple(_PUNCTUATION)):
            return
        word = after.raw.rstrip(_PUNCTUATION)
        if word[:1].isupper() and word.isalpha():
            full = f"{name} {word}"
            start, end = self.tokens[index].start, after.start + len(word)
            self.hints.append((Hint(Text("'@{words}': a name of several words goes in quotes: @\"{words}\"",
                                         words=full), self.text[start:end], start, end), index + 1))

    # -- tags, priority, repeat, when --------------------------------------------------

    def _rest(self) -> None:
        words, tokens, ctx = self.words, self.tokens, self.ctx
        candidates: list[Found] = []
        i = 0
        while i < len(tokens):
            word = words(i)
            if word is None:
                i += 1
                continue
            raw = tokens[i].raw
            if _PRIORITY.match(raw):
                level = Priority(min(len(raw), Priority.URGENT))
                self.priority = max(self.priority, level)
                self._claim("priority", i, i + 1, level)
                i += 1
                continue
            if (m := _TAG.match(raw.rstrip(",.;:?"))) and any(c.isalpha() for c in m.group(1)):
                tag = m.group(1).casefold()
                if tag not in self.tags:
                    self.tags.append(tag)
                self._claim("tag", i, i + 1, tag, tokens[i].start, tokens[i].start + 1 + len(m.group(1)))
                i += 1
                continue
            if self.recurrence is None and (repeat := find_recurrence(words, i, ctx)):
                self.recurrence = repeat.rule
                self._claim("recurrence", i, repeat.end, repeat.rule)
                self.needed_by = repeat.first
                i = repeat.end
                continue
            found = find_when(words, i, ctx)
            if found is not None:
                candidates.append(found)
                i = found.end
                continue
            i += 1
        promises = [c for c in candidates if c.promised]
        if promises:
            chosen = promises[-1]
            self.promised_at = chosen.at
            self._claim("promise", chosen.start, chosen.end, chosen.at)
        wishes = [c for c in candidates if not c.promised]
        if wishes:
            # The phrase the user marked with "by"/"on"/"at" wins; else the last, as in "… tomorrow".
            marked = [c for c in wishes if c.prepositioned]
            chosen = (marked or wishes)[-1]
            self.needed_by = chosen.at
            self._claim("wanted", chosen.start, chosen.end, chosen.at)

    # -- the result --------------------------------------------------------------------

    def _hints(self) -> list[Hint]:
        """The date notes that still hold (a reading in a piece, or words left in the title)."""
        hints = [hint for hint, index in self.hints if index not in self.claimed]
        for note in self.words.notes.values():
            span = range(note.start, note.end)
            if all(i in self.claimed for i in span) if note.read else not any(i in self.claimed for i in span):
                start, end = self.tokens[note.start].start, self.tokens[note.end - 1].end
                hints.append(Hint(note.message, self.text[start:end], start, end))
        return sorted(hints, key=lambda h: h.start)

    def title_words(self) -> list[str]:
        kept = [i for i in range(len(self.tokens)) if i not in self.claimed]
        while kept and kept[0] == self.who_end + 1 and not self.tokens[kept[0]].quoted \
                and (self.tokens[kept[0]].norm in _CONNECTORS or self.tokens[kept[0]].raw in _CONNECTORS):
            self.who_end = kept.pop(0)
        indexes = sorted({*kept, *self.loose_words})
        return [self.loose_words.get(i) or self.tokens[i].raw for i in indexes]

    def result(self, text: str, default_direction: Direction) -> ParseResult:
        if self.counterpart is None:
            lone = next((t for t in self.tokens if t.raw == "@"), None)
            raise ParseError(Text("say who with @ and a name, e.g. {example}", example=EXAMPLE),
                             lone.raw if lone else None,
                             lone.start if lone else None, lone.end if lone else None)
        title = " ".join(self.title_words()).strip()
        if not title.strip(":-–—,.;!? "):
            raise ParseError(Text("say what is asked, not only who and when, e.g. {example}",
                                  example=EXAMPLE))
        self.pieces.sort(key=lambda p: (p.start, p.end))
        return ParseResult(
            direction=self.direction or default_direction,
            direction_explicit=self.direction is not None,
            counterpart=self.counterpart,
            counterpart_known=self.known,
            title=title,
            needed_by=self.needed_by,
            promised_at=self.promised_at,
            tags=self.tags,
            priority=self.priority,
            recurrence=self.recurrence,
            pieces=self.pieces,
            hints=self._hints(),
            zone=self.ctx.tz,
        )


_WORD_START = re.compile(r"(^|[-'’. ])(\w)")


def _capitalized(name: str) -> str:
    """A new person's name as typed, with a capital where the user typed all lower case."""
    if name != name.lower():
        return name
    return _WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), name)
