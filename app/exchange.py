"""Requests in and out of Promptly: the JSON shape of a request, and export/import as csv, json
and ics.

- json: everything, history included; importing it restores requests as they were.
- csv: one row per request, the stored fields; importing it replays a plausible history.
- ics: one calendar event per open promise, for any calendar application (export only).

Import is idempotent by request uid, checks every row before writing, and writes in one
transaction: a bad row is reported with its line number and nothing is imported.
csv, icalendar and the domain's lifecycle are imported only by the functions that need them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from app.clock import in_zone
from app.domain import bounds
from app.domain.model import Direction, Event, EventKind, Person, Priority, Request, Status

if TYPE_CHECKING:
    from app.service import Promptly

UTC = timezone.utc
FORMAT_NAME = "promptly-export"
# 2: needed_by apart from promised_at. Version 1 files stored a wish as a promise; importing
# one separates them by app.domain.wishes' rule, as the schema migration does.
FORMAT_VERSION = 2
CSV_FIELDS = (
    "uid", "direction", "counterpart", "counterpart_email", "title", "details", "link", "channel",
    "tags", "priority", "recurrence", "status", "asked_at", "needed_by", "acknowledged_at",
    "promised_at", "original_promise", "completed_at", "cancelled_at",
)
TIME_FIELDS = ("asked_at", "needed_by", "acknowledged_at", "promised_at", "original_promise",
               "completed_at", "cancelled_at")
MAX_ERRORS_SHOWN = 5
MAX_IMPORT_BYTES = 64 * 1024 * 1024  # about three times an export of 20,000 requests
MAX_DEPTH = 8  # nesting of a request in json: request, history, entry, details, a list in them
ICS_EVENT_LENGTH = timedelta(minutes=15)
# uids for rows that have none: the same row always gets the same uid, so re-imports skip it
_UID_NAMESPACE = "6f1c1d52-6a43-4a55-9a4e-4d9f2f6e0b71"


class ExchangeError(ValueError):
    """A file cannot be imported as it is; the message names the lines at fault."""


def iso(moment: datetime | None, zone: ZoneInfo) -> str | None:
    return in_zone(moment, zone).isoformat() if moment is not None else None


def request_json(request: Request, *, now: datetime, zone: ZoneInfo, respond_by: datetime | None,
                 history: bool = False) -> dict[str, Any]:
    """A request for scripts and exports; times in ISO 8601 with the offset of `zone`."""
    data: dict[str, Any] = {
        "id": request.id,
        "uid": request.uid,
        "direction": request.direction.value,
        "who": request.who(),
        "counterpart": request.counterpart.name,
        "counterpart_email": request.counterpart.email,
        "title": request.title,
        "details": request.details,
        "link": request.link,
        "channel": request.channel,
        "tags": list(request.tags),
        "priority": request.priority.label,
        "recurrence": request.recurrence,
        "status": request.status.value,
        "status_text": request.status_word(now),
        "asked_at": iso(request.asked_at, zone),
        "needed_by": iso(request.needed_by, zone),
        "acknowledged_at": iso(request.acknowledged_at, zone),
        "respond_by": iso(respond_by, zone),
        "promised_at": iso(request.promised_at, zone),
        "original_promise": iso(request.original_promise, zone),
        "completed_at": iso(request.completed_at, zone),
        "cancelled_at": iso(request.cancelled_at, zone),
        "overdue": request.is_overdue(now),
    }
    if history:
        data["history"] = [event_json(e, zone) for e in request.history]
    return data


def event_json(event: Event, zone: ZoneInfo) -> dict[str, Any]:
    return {"kind": event.kind.value, "at": iso(event.at, zone), "data": dict(event.data)}


# -- export ------------------------------------------------------------------------------


def export(core: Promptly, fmt: str, out: TextIO) -> int:
    """Write every request in `fmt` ("csv", "json" or "ics") to `out`; how many were written."""
    writers: dict[str, Callable[[Promptly, TextIO], int]] = {
        "csv": _export_csv, "json": _export_json, "ics": _export_ics}
    return writers[fmt](core, out)


def export_file(core: Promptly, fmt: str, target: Path) -> int:
    """Export to the file `target`, written beside it and renamed: a failed export never leaves
    half a file. How many were written."""
    import os
    import tempfile

    if target.is_dir():
        raise ExchangeError(f"{target} is a folder; give a file name")
    try:
        handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise ExchangeError(f"cannot write in {target.parent}: {exc.strerror or exc}; "
                            "choose another folder") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = export(core, fmt, out)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return count


def _export_json(core: Promptly, out: TextIO) -> int:
    now, zone = core.now(), core.settings.zone
    requests = core.requests()
    out.write("{\n")
    out.write(f'"format": "{FORMAT_NAME}",\n"version": {FORMAT_VERSION},\n')
    out.write(f'"exported_at": {json.dumps(iso(now, zone))},\n"requests": [\n')
    # one request per line: a person can read and diff it, and import names lines in errors
    for index, request in enumerate(requests):
        data = request_json(request, now=now, zone=zone, respond_by=core.respond_by(request),
                            history=True)
        out.write(json.dumps(data, ensure_ascii=False) + (",\n" if index < len(requests) - 1 else "\n"))
    out.write("]\n}\n")
    return len(requests)


def _export_csv(core: Promptly, out: TextIO) -> int:
    import csv

    from app.spreadsheet import safe_cell

    zone = core.settings.zone
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    requests = core.requests(with_history=False)
    for r in requests:
        values = {
            "uid": r.uid, "direction": r.direction.value, "counterpart": r.counterpart.name,
            "counterpart_email": r.counterpart.email or "", "title": r.title, "details": r.details,
            "link": r.link, "channel": r.channel, "tags": " ".join(r.tags),
            "priority": r.priority.label, "recurrence": r.recurrence or "", "status": r.status.value,
        }
        values.update({name: iso(getattr(r, name), zone) or "" for name in TIME_FIELDS})
        writer.writerow([safe_cell(values[name]) for name in CSV_FIELDS])
    return len(requests)


def _export_ics(core: Promptly, out: TextIO) -> int:
    from icalendar import Calendar, Event as CalendarEvent

    now = core.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Promptly//Promptly//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Promptly promises")
    count = 0
    for r in core.open_requests():
        due = r.promised_at or r.needed_by
        if due is None:
            continue
        event = CalendarEvent()
        event.add("uid", f"{r.uid}@promptly")
        event.add("dtstamp", now)
        event.add("dtstart", due)
        event.add("dtend", due + ICS_EVENT_LENGTH)
        # a wish is not a promise: the title says which this is
        what = "promised" if r.promised_at else "wanted by then"
        event.add("summary", f"{r.who()}: {r.title} ({what})")
        lines = [r.details, r.link, f"Promptly request #{r.id}"]
        event.add("description", "\n".join(line for line in lines if line))
        if r.tags:
            event.add("categories", list(r.tags))
        if r.link:
            event.add("url", r.link)
        calendar.add_component(event)
        count += 1
    out.write(calendar.to_ical().decode("utf-8"))
    return count


# -- import ------------------------------------------------------------------------------


@dataclass
class ImportReport:
    imported: list[Request] = field(default_factory=list)
    skipped: list[tuple[int, Request]] = field(default_factory=list)  # (line, request) already here
    # lines whose text begins with the ' a CSV export puts before formula-like text: kept as is
    guarded: list[int] = field(default_factory=list)


def read_import(path: Path) -> str:
    """The text of a file to import, read once and within MAX_IMPORT_BYTES. Only a regular file:
    a pipe or a device could keep the reader (perhaps the tray app serving the command) waiting
    for ever."""
    import os
    import stat

    try:
        handle = open(path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NONBLOCK))
    except IsADirectoryError:
        raise ExchangeError(f"{path} is a folder; give the csv or json file to import") from None
    with handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ExchangeError(f"{path} is not a regular file (a pipe, socket or device); save "
                                "what it holds to a file and import that")
        if info.st_size > MAX_IMPORT_BYTES:
            raise ExchangeError(f"{path} is {_size(info.st_size)}; Promptly imports files up to "
                                f"{_size(MAX_IMPORT_BYTES)}: split it and import each part")
        data = handle.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:  # it grew while we looked
        raise ExchangeError(f"{path} is larger than {_size(MAX_IMPORT_BYTES)}; split it and "
                            "import each part")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeError(f"{path} is not a text file; import reads csv or json written by "
                            "`promptly export`") from None


def import_file(core: Promptly, source: Path) -> ImportReport:
    """Import a csv or json file written by `export`: all of it, or nothing and an error."""
    text = read_import(source)
    if not text.strip():
        raise ExchangeError(f"{source} is empty; nothing was imported")
    return import_text(core, text, str(source))


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):,.0f} MB"


def import_text(core: Promptly, text: str, name: str) -> ImportReport:
    """Import a csv or json export (told apart by content); all or nothing."""
    stripped = text.lstrip("\ufeff \t\r\n")
    header: dict[str, Any] = {}
    rows = _json_rows(stripped, header) if stripped[:1] in ("{", "[") else _csv_rows(stripped, header)
    zone, now = core.settings.zone, core.now()
    parsed: list[tuple[int, Request]] = []
    errors: list[str] = []
    for line, row in rows:
        try:
            request = _request_from(row, zone, now, legacy=_legacy(header))
            bounds.check_request(request, now)  # the rules every new request keeps
            parsed.append((line, request))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            errors.append(f"line {line}: {_reason(exc)}")
    if errors:
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
        more = f"; and {len(errors) - MAX_ERRORS_SHOWN} more" if len(errors) > MAX_ERRORS_SHOWN else ""
        raise ExchangeError(f"{name}: {shown}{more}. Nothing was imported; fix the file and import it again")
    from app.spreadsheet import is_guarded

    report = ImportReport()
    known = core.known_uids(r.uid for _, r in parsed)
    for line, request in parsed:
        if any(is_guarded(text) for text in (request.title, request.counterpart.name,
                                             request.details, request.link, request.channel)):
            report.guarded.append(line)
        if request.uid in known:
            report.skipped.append((line, request))
        else:
            known.add(request.uid)  # a uid twice in one file: the first one wins
            report.imported.append(request)
    core.add_many(report.imported)
    return report


def _legacy(header: dict[str, Any]) -> bool:
    """Written before wishes were kept apart from promises (see FORMAT_VERSION)."""
    if "columns" in header:
        return "needed_by" not in header["columns"]
    version = header.get("version")
    return isinstance(version, int) and version < 2


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"{exc.args[0]} is missing"
    return " ".join(str(exc).split())


def _csv_rows(text: str, found: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows with their line numbers; `found` receives the header's "columns"."""
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = reader.fieldnames or []
    found["columns"] = list(header)
    missing = [name for name in ("direction", "counterpart", "title", "asked_at") if name not in header]
    if missing:
        raise ExchangeError(f"line 1: this is not a Promptly csv export: it has no column "
                            f"{', '.join(missing)}. Nothing was imported")
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            what = ("a quoted field opens here and is never closed" if "end of data" in str(exc)
                    else str(exc))
            raise ExchangeError(f"line {start}: {what}. Nothing was imported") from None
        if None in row:
            yield start, {"_error": "it has more fields than the header"}
            continue
        if not any((value or "").strip() for value in row.values()):
            continue  # a blank line
        values = {k: v for k, v in row.items() if v not in (None, "")}
        if "tags" in values:
            values["tags"] = values["tags"].replace(",", " ").split()
        yield start, values


def _json_rows(text: str, found: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each request of an export with the line it starts on (json gives no positions itself);
    `found` receives the export's other keys that come before "requests" (its "version")."""
    decoder = json.JSONDecoder()
    counted = [0, 1]  # position and line reached so far: counting from the start each time is O(n²)

    def line_of(pos: int) -> int:
        if pos < counted[0]:
            return text.count("\n", 0, pos) + 1
        counted[1] += text.count("\n", counted[0], pos)
        counted[0] = pos
        return counted[1]

    def skip(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    def fail(pos: int, what: str) -> ExchangeError:
        return ExchangeError(f"line {line_of(pos)}: {what}. Nothing was imported")

    def value_at(pos: int) -> tuple[Any, int]:
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ExchangeError(f"line {exc.lineno}: not valid JSON ({exc.msg}). "
                                "Nothing was imported") from None
        except RecursionError:
            value, end = None, -1
        if end < 0 or _too_deep(value):
            raise fail(pos, f"nested more than {MAX_DEPTH} levels deep; a Promptly export "
                            "never is")
        return value, end

    def end_of_document(pos: int, in_object: bool) -> None:
        """After the requests: the export's other keys, its closing brace, then nothing."""
        pos = skip(pos)
        while in_object and text[pos:pos + 1] == ",":
            pos = skip(pos + 1)
            key, pos = value_at(pos)
            pos = skip(pos)
            if not isinstance(key, str) or text[pos:pos + 1] != ":":
                raise fail(pos, "not valid JSON (expected a key and ':')")
            _, pos = value_at(skip(pos + 1))
            pos = skip(pos)
        if in_object:
            if text[pos:pos + 1] != "}":
                raise fail(pos, "not valid JSON (expected ',' or '}')")
            pos = skip(pos + 1)
        if pos < len(text):
            raise fail(pos, "there is more after the end of the export; the file may be two "
                            "files joined or damaged")

    pos = skip(0)
    in_object = text[pos] == "{"
    if in_object:  # an export: find its "requests" array
        pos = skip(pos + 1)
        while True:
            if text[pos:pos + 1] == "}":
                raise fail(pos, 'this is not a Promptly json export: it has no "requests"')
            key, pos = value_at(pos)
            pos = skip(pos)
            if text[pos:pos + 1] != ":":
                raise fail(pos, "not valid JSON (expected ':')")
            pos = skip(pos + 1)
            if key == "requests":
                break
            found[key], pos = value_at(pos)
            pos = skip(pos)
            if text[pos:pos + 1] == ",":
                pos = skip(pos + 1)
    if text[pos:pos + 1] != "[":
        raise fail(pos, "expected a list of requests")
    pos = skip(pos + 1)
    if text[pos:pos + 1] == "]":
        end_of_document(pos + 1, in_object)
        return
    while True:
        start = pos
        item, pos = value_at(pos)
        yield line_of(start), item if isinstance(item, dict) else {"_error": "it is not an object"}
        pos = skip(pos)
        if text[pos:pos + 1] == ",":
            pos = skip(pos + 1)
        elif text[pos:pos + 1] == "]":
            end_of_document(pos + 1, in_object)
            return
        else:
            raise fail(pos, "not valid JSON (expected ',' or ']')")


def _too_deep(value: Any) -> bool:
    """Nested deeper than MAX_DEPTH (walked without recursion, so any depth is safe to ask)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


def _when(row: dict[str, Any], name: str, zone: ZoneInfo) -> datetime | None:
    value = row.get(name)
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{name} {str(value)[:40]!r} is not an ISO 8601 time like "
                         "2026-11-23T09:00:00+01:00") from None
    try:
        return (moment.replace(tzinfo=zone) if moment.tzinfo is None else moment).astimezone(UTC)
    except OverflowError:  # the very ends of datetime's range
        raise ValueError(f"{name} {str(value)[:40]!r} is out of range; give a time from 1970 to "
                         "ten years ahead") from None


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    return value


def _derived_uid(text: str):
    import uuid

    return uuid.uuid5(uuid.UUID(_UID_NAMESPACE), text)


def _request_from(row: dict[str, Any], zone: ZoneInfo, now: datetime, legacy: bool = False
                  ) -> Request:
    if "_error" in row:
        raise ValueError(row["_error"])
    try:
        direction = Direction(row["direction"])
    except ValueError:
        raise ValueError(f"direction {row['direction']!r} must be made or received") from None
    name = _text(row, "counterpart").strip()
    title = _text(row, "title").strip()
    if not name:
        raise ValueError("counterpart is empty: say who asked or who was asked")
    if not title:
        raise ValueError("title is empty: say what was asked")
    asked_at = _when(row, "asked_at", zone)
    if asked_at is None:
        raise ValueError("asked_at is missing")
    tags = row.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError("tags must be a list of words")
    priority = row.get("priority", "normal")
    priority = Priority(priority) if isinstance(priority, int) else Priority.from_label(str(priority))
    status = Status(row["status"]) if row.get("status") else None
    uid = _text(row, "uid").strip() or _derived_uid( "\x1f".join([direction.value, name, title, asked_at.isoformat()])).hex
    fields = dict(
        direction=direction, counterpart=Person(name, _text(row, "counterpart_email") or None),
        title=title, asked_at=asked_at, tags=sorted(set(tags)), priority=priority,
        details=_text(row, "details"), link=_text(row, "link"), channel=_text(row, "channel"),
        recurrence=_text(row, "recurrence") or None, uid=uid,
    )
    times = {name: _when(row, name, zone) for name in TIME_FIELDS}
    for name, moment in times.items():  # before the history is replayed at these times
        bounds.check_instant(name, moment, now)
    if "history" in row:
        request = _restore(fields, status, times, row["history"], zone)
        if legacy:
            from app.domain.wishes import separate_wish

            separate_wish(request)
        return request
    return _replay(fields, status, times, now, legacy)


def _restore(fields: dict[str, Any], status: Status | None, times: dict[str, datetime | None],
             history: Any, zone: ZoneInfo) -> Request:
    """A json export: the request exactly as it was, history and all."""
    if status is None:
        raise ValueError("status is missing")
    if not isinstance(history, list):
        raise ValueError("history must be a list of events")
    events = []
    for item in history:
        if not isinstance(item, dict) or not isinstance(item.get("data", {}), dict):
            raise ValueError("each history event needs a kind, a time and data")
        at = _when(item, "at", zone)
        if at is None:
            raise ValueError("a history event has no time")
        events.append(Event(EventKind(item["kind"]), at, dict(item.get("data") or {})))
    if status is Status.DONE and times["completed_at"] is None:
        raise ValueError("status is done but completed_at is empty")
    if status is Status.CANCELLED and times["cancelled_at"] is None:
        raise ValueError("status is cancelled but cancelled_at is empty")
    if times["promised_at"] is not None and times["original_promise"] is None:
        times["original_promise"] = times["promised_at"]
    del times["asked_at"]
    return Request(status=status, history=events, **fields, **times)


def _replay(fields: dict[str, Any], status: Status | None, times: dict[str, datetime | None],
            now: datetime, legacy: bool) -> Request:
    """A csv row: rebuild the request through the lifecycle, so its history and rules hold.
    In a `legacy` file a promise nobody answered with was the asker's wish."""
    from app.domain import lifecycle

    asked = fields.pop("asked_at")
    if asked > now + lifecycle.CLOCK_SKEW:
        raise ValueError(f"asked_at {asked.isoformat()} is in the future")
    needed, acknowledged, promised, original = (
        times["needed_by"], times["acknowledged_at"], times["promised_at"],
        times["original_promise"] or times["promised_at"])
    if legacy and original is not None and acknowledged is None:
        needed, promised, original = needed or original, None, None
    request = lifecycle.create(now=asked, asked_at=asked, needed_by=needed, **fields)
    if acknowledged is not None:
        lifecycle.acknowledge(request, at=acknowledged)
    answered = acknowledged or asked
    if original is not None:
        lifecycle.promise(request, original, at=answered)
    if promised is not None and promised != original:
        lifecycle.promise(request, promised, at=answered, reason="imported")
    status = status or request.status
    if status is Status.DONE:
        if times["completed_at"] is None:
            raise ValueError("status is done but completed_at is empty")
        lifecycle.complete(request, at=times["completed_at"])
    elif status is Status.CANCELLED:
        if times["cancelled_at"] is None:
            raise ValueError("status is cancelled but cancelled_at is empty")
        lifecycle.cancel(request, at=times["cancelled_at"])
    elif status is Status.ACKNOWLEDGED and acknowledged is None:
        raise ValueError("status is acknowledged but acknowledged_at is empty")
    elif status is Status.PROMISED and promised is None:
        raise ValueError("status is promised but promised_at is empty")
    return request
