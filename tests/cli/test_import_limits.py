"""Finding 4: import is held to the rules quick add keeps. A file too large, text no field may
hold, times out of order, JSON nested without end or followed by garbage, a CSV quote never
closed: each is one clear error naming its line, and nothing is imported."""

from __future__ import annotations

import json
import os
import time

import pytest

from app.exchange import MAX_IMPORT_BYTES
from tests.cli.conftest import assert_one_line_error

ASKED = "2026-11-23T08:00:00+01:00"


def _row(**fields) -> dict:
    row = {"direction": "received", "counterpart": "Eve", "title": "repair invoice",
           "asked_at": ASKED}
    row.update(fields)
    return row


def _refused(cli, tmp_path, content: str, *fragments: str, name: str = "in.json") -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert_one_line_error(cli("import", name), *fragments)
    assert cli.ok("list", "--all", "--json").json == []


@pytest.mark.slow
def test_a_huge_title_is_refused_at_once_by_its_length(cli, tmp_path):
    rows = [_row(), _row(title="x" * 50_000_000)]
    (tmp_path / "in.json").write_text("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n")
    started = time.monotonic()
    assert_one_line_error(cli("import", "in.json"), "line 3: title is 50,000,000 characters long; "
                          "keep it to 500", "Nothing was imported")
    assert time.monotonic() - started < 30
    assert cli.ok("list", "--all", "--json").json == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(cli, tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as out:
        out.truncate(MAX_IMPORT_BYTES + 1)  # sparse: costs no disk
    assert_one_line_error(cli("import", "big.json"), "Promptly imports files up to 64 MB",
                          "split it")


@pytest.mark.parametrize("field, value, words", [
    ("title", "repair\x00invoice", "title contains a control character (U+0000)"),
    ("title", "repair\r\ninvoice", "title contains a line break"),
    ("counterpart", "Eve\u202eevE", "counterpart contains a text direction control (U+202E)"),
    ("tags", ["billing\n"], "tag 'billing\\n' contains a line break"),
    ("counterpart_email", "eve@example.org\x1b", "email contains a control character"),
])
def test_text_no_field_may_hold_is_refused_by_its_line(cli, tmp_path, field, value, words):
    rows = [_row(), _row(**{field: value})]
    _refused(cli, tmp_path, "[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n",
             "line 3: " + words, "Nothing was imported")


@pytest.mark.parametrize("field", ["acknowledged_at", "promised_at"])
def test_times_before_the_ask_are_refused(cli, tmp_path, field):
    row = _row(status="promised", promised_at="2026-11-24T09:00:00+01:00",
               acknowledged_at="2026-11-23T08:30:00+01:00", history=[])
    row[field] = "2026-11-23T07:00:00+01:00"
    _refused(cli, tmp_path, json.dumps([row]), f"line 1: {field}", "is before asked_at")


def test_json_nested_without_end_is_one_clear_error(cli, tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    _refused(cli, tmp_path, f'{{"requests": [{json.dumps(_row())}, {deep}]}}',
             "line 1: nested more than 8 levels deep")
    assert "Recursion" not in cli("import", "in.json").err


def test_garbage_after_the_export_is_refused(cli, tmp_path):
    _refused(cli, tmp_path, json.dumps({"requests": [_row()]}) + '\n{"requests": []}\n',
             "line 2: there is more after the end of the export")
    _refused(cli, tmp_path, json.dumps([_row()]) + " trailing words", "more after the end")


def test_an_unterminated_csv_quote_says_so(cli, tmp_path):
    _refused(cli, tmp_path, "direction,counterpart,title,asked_at\n"
                            f"received,Eve,fine,{ASKED}\n"
                            f'received,Eve,"never closed,{ASKED}\n'
                            f"received,Eve,last,{ASKED}\n",
             "line 3: a quoted field opens here and is never closed", name="in.csv")


def test_a_pipe_is_refused_instead_of_waited_on(cli, tmp_path):
    os.mkfifo(tmp_path / "in.fifo")
    started = time.monotonic()
    assert_one_line_error(cli("import", "in.fifo"), "is not a regular file", "save what it holds")
    assert time.monotonic() - started < 20


def test_an_id_beyond_any_integer_is_a_usage_error(cli):
    cli.add("from @eve: repair invoice")
    result = cli("done", "99999999999999999999999")
    assert result.code == 2 and "is not a request id like 12" in result.err
    assert "Overflow" not in result.err and "Traceback" not in result.err


def test_a_history_the_code_cannot_read_back_is_refused(cli, tmp_path):
    def restored(*history) -> dict:
        return _row(status="open", history=[{"kind": "created", "at": ASKED, "data": {}},
                                            *history])

    for entry, words in (
            ({"kind": "snoozed", "at": ASKED, "data": {"until": ASKED}}, "(snoozed) names no prompt"),
            ({"kind": "promised", "at": ASKED, "data": {"to": "friday"}}, "has to 'friday', not a time"),
            ({"kind": "edited", "at": ASKED, "data": {"changes": 3}}, "does not list its changes"),
            ({"kind": "cancelled", "at": ASKED, "data": {"reason": "x\u202ey"}},
             "has reason with a text direction control"),
            ({"kind": "done", "at": "0001-01-01T00:00:00+00:00", "data": {}}, "before 1970")):
        _refused(cli, tmp_path, json.dumps([restored(entry)]), "line 1: a history entry", words)
