"""The rules of one message, as pure functions over `email.message.EmailMessage`: no server."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser

from app.capture.phrases import in_english
from app.clock import as_utc
from app.policy.calendar import WorkingCalendar
from app.quickadd.dates import Context, Words, find_when
from app.quickadd.errors import ParseError
from app.quickadd.tokens import tokenize

# Reply and forward prefixes of common mail clients, English, German, French and a few more.
_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|wg|tr|sv|vs|antw|rif|r)\s*(?:\[\d+\])?\s*:\s*)+",
                     re.IGNORECASE)
_BLANKS = re.compile(r"\s+")
# Where the quoted message of a reply starts: nothing below it is the sender's own words.
_QUOTE_START = re.compile(
    r"^(?:>|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine)"
    r"|on .+wrote:?$|am .+schrieb.*:?$|le .+a écrit\s*:?$|from:\s|von:\s|de\s*:\s)",
    re.IGNORECASE)
_SIGNATURE = "-- "
FIRST_LINES = 8  # lines of the body's own words where a deadline is looked for
# A deadline counts only after one of these words, or when the phrase itself says "soon".
# "on" is left out: "as discussed on Monday" names a past day, not a deadline.
_LEADS = frozenset({"by", "before", "until", "till", "due", "no", "latest", "eta"})
_STANDALONE = frozenset({"today", "tonight", "tomorrow", "tmrw", "eod", "cob", "eow", "end"})
_AUTO_PRECEDENCE = frozenset({"auto_reply", "auto-reply"})
_LIST_PRECEDENCE = frozenset({"bulk", "list", "junk"})


def parse(data: bytes) -> EmailMessage:
    """A message from its bytes (possibly cut after the first part of its body)."""
    return BytesParser(policy=policy.default).parsebytes(data)


def header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):  # a malformed header is no header
        return ""
    return _BLANKS.sub(" ", str(value or "")).strip()


def clean_subject(subject: str) -> str:
    """`AW: Re: WG: repair invoice` → `repair invoice`."""
    subject = _BLANKS.sub(" ", subject or "").strip()
    return _PREFIX.sub("", subject).strip()


def message_id(message: EmailMessage) -> str:
    """The Message-ID (`<…>`), or one made of From, Date and Subject when a client left it out."""
    found = _ids(header(message, "Message-ID"))
    if found:
        return found[0]
    seed = "\n".join(header(message, h) for h in ("From", "Date", "Subject"))
    return "<" + hashlib.sha256(seed.encode()).hexdigest()[:32] + "@promptly.invalid>"


def _ids(text: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", text or "")


def referenced_ids(message: EmailMessage) -> list[str]:
    """Messages this one answers: In-Reply-To first, then References from the newest."""
    ids = _ids(header(message, "In-Reply-To")) + list(reversed(_ids(header(message, "References"))))
    return list(dict.fromkeys(ids))


def request_uid(message_id_: str) -> str:
    """The uid of the request captured from a message: the same for the same Message-ID, so a
    message is never captured twice, wherever it moves."""
    return "mail-" + hashlib.sha256(message_id_.strip().encode()).hexdigest()[:40]


@dataclass(frozen=True)
class Address:
    name: str
    email: str


def addresses(message: EmailMessage, name: str) -> list[Address]:
    try:
        values = message.get_all(name) or []
        pairs = getaddresses([str(v) for v in values])
    except (ValueError, IndexError, TypeError):
        return []
    return [Address(_BLANKS.sub(" ", n).strip(), e.strip().lower())
            for n, e in pairs if "@" in e]


def person_name(address: Address) -> str:
    """The display name, else a name made from the address: `dana.holm@…` → `Dana Holm`."""
    name = address.name.strip().strip('"').strip()
    if "," in name and not name.endswith(","):  # "Holm, Dana"
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}"
    if name and "@" not in name:
        return name
    local = address.email.split("@")[0]
    words = [w for w in re.split(r"[._\-+]+", local) if w]
    return " ".join(w.capitalize() for w in words) or address.email


def sent_at(message: EmailMessage) -> datetime | None:
    text = header(message, "Date")
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return as_utc(moment)


def is_automatic(message: EmailMessage) -> bool:
    """Out-of-office replies and other machine answers (RFC 3834 and common variants)."""
    auto = header(message, "Auto-Submitted").lower()
    if auto and auto.split(";")[0].strip() != "no":
        return True
    if header(message, "X-Autoreply") or header(message, "X-Autorespond"):
        return True
    return header(message, "Precedence").lower() in _AUTO_PRECEDENCE


def is_bounce(message: EmailMessage) -> bool:
    """A delivery status notification (RFC 3464)."""
    if message.get_content_type() != "multipart/report":
        return False
    return message.get_param("report-type", "", header="content-type").lower() == "delivery-status"


def is_list(message: EmailMessage) -> bool:
    if header(message, "List-Id") or header(message, "List-Unsubscribe"):
        return True
    return header(message, "Precedence").lower() in _LIST_PRECEDENCE


def ignored_reason(message: EmailMessage) -> str | None:
    """Why a message never creates nor acknowledges anything, or None."""
    if is_bounce(message):
        return "bounce"
    if is_automatic(message):
        return "automatic reply"
    return None


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("br", "p", "div", "tr", "li", "blockquote"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def body_text(message: EmailMessage) -> str:
    """The plain text of the body: the text/plain part, else the HTML part's text."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except (KeyError, TypeError, ValueError):
        part = None
    if part is None:
        return ""
    try:
        text = part.get_content()
    except (LookupError, ValueError, AssertionError, TypeError):
        payload = part.get_payload(decode=True) or b""
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)
    if part.get_content_type() == "text/html":
        parser = _Text()
        parser.feed(text)
        text = "".join(parser.parts)
    return text


def first_lines(message: EmailMessage, count: int = FIRST_LINES) -> list[str]:
    """The sender's own first lines: above any quoted message and the signature."""
    lines: list[str] = []
    for raw in body_text(message).splitlines():
        if raw == _SIGNATURE or raw.rstrip() == "--":
            break
        line = raw.strip()
        if _QUOTE_START.match(line):
            break
        if line:
            lines.append(line[:300])
        if len(lines) == count:
            break
    return lines


def find_deadline(texts: list[str], at: datetime, calendar: WorkingCalendar) -> datetime | None:
    """The first deadline named in these texts, read relative to `at` (the message's date):
    `by Friday 3pm`, `before eod`, `tomorrow morning`, `by the 5th`, `no later than Monday`;
    German and French ones too (`bis Freitag 15 Uhr`, `d'ici demain midi`: app.capture.phrases)."""
    ctx = Context(at, calendar, future=True)
    for text in texts:
        words = Words(tokenize(in_english(text)))
        for k in range(len(words)):
            found = _deadline_at(words, k, ctx)
            if found is not None:
                return found
    return None


def _deadline_at(words: Words, k: int, ctx: Context) -> datetime | None:
    word = words(k)
    if word is None:
        return None
    if word not in _LEADS and word not in _STANDALONE:
        return None
    start = k
    if word == "no" and words(k + 1) == "later" and words(k + 2) == "than":
        start = k + 3
    elif word == "latest" and words(k + 1) in ("by", "on"):
        start = k + 1
    elif word in ("no", "latest"):
        return None
    try:
        found = find_when(words, start, ctx)
    except ParseError:
        return None
    if found is None:
        return None
    return found.at


def clamp_ask(moment: datetime | None, now: datetime) -> datetime:
    """When a message was sent, as an ask time: a date in the future (a sender's wrong clock)
    or none at all means now."""
    if moment is None or moment > now:
        return now
    return moment


def sender(message: EmailMessage) -> Address | None:
    found = addresses(message, "From")
    if found:
        return found[0]
    name, email = parseaddr(header(message, "From"))
    return Address(name, email.lower()) if "@" in email else None


@dataclass(frozen=True)
class Mail:
    """What capture reads from one message."""

    key: str  # the Message-ID, or one made up for a message without
    title: str
    sender: Address | None
    to: list[Address]
    cc: list[Address]
    date: datetime | None
    references: list[str]
    ignored: str | None  # "bounce", "automatic reply", or None
    listed: bool  # from a mailing list or a bulk sender
    texts: list[str]  # the subject and the sender's first lines: where deadlines are named

    @property
    def uid(self) -> str:
        return request_uid(self.key)

    def deadline(self, calendar: WorkingCalendar, now: datetime) -> datetime | None:
        """A deadline named in the subject or first lines, relative to the message's date."""
        return find_deadline(self.texts, clamp_ask(self.date, now), calendar)

    def eta(self, calendar: WorkingCalendar, now: datetime) -> datetime | None:
        """The time an answer names in its own lines; its subject repeats the ask's."""
        return find_deadline(self.texts[1:], clamp_ask(self.date, now), calendar)


def read(message: EmailMessage) -> Mail:
    subject = header(message, "Subject")
    return Mail(
        key=message_id(message), title=clean_subject(subject), sender=sender(message),
        to=addresses(message, "To"), cc=addresses(message, "Cc"), date=sent_at(message),
        references=referenced_ids(message), ignored=ignored_reason(message),
        listed=is_list(message), texts=[subject, *first_lines(message)],
    )


def message_url(message_id_: str, platform: str) -> str | None:
    """A URL that opens a message by its Message-ID in the mail client, where there is a way:
    Apple Mail's `message:` on macOS, RFC 2392 `mid:` elsewhere (Thunderbird registers it)."""
    from urllib.parse import quote

    key = message_id_.strip()
    if not key or key.endswith("@promptly.invalid>"):
        return None
    if platform == "darwin":
        return "message:" + quote(key if key.startswith("<") else f"<{key}>", safe="@.")
    return "mid:" + quote(key.strip("<>"), safe="@.!$&'()*+,;=:-_~")
