"""Finding 1: one extreme date must never silence Promptly. Every way in refuses a time outside
1970 to ten years ahead before writing; a row an older version stored is left out and reported
once, and every other request still works."""

from __future__ import annotations

import sqlite3

from tests.cli.conftest import assert_one_line_error

FAR = "9999-12-31 23:59:00.000000"
ANCIENT = "0001-01-01 00:00:00.000000"


def _nothing_saved(cli) -> None:
    assert cli.ok("list", "--all", "--json").json == []


def test_a_far_wish_is_refused_like_a_far_countdown(cli):
    for line in ("from @eve: far by 9999-12-31 23:59", "from @eve: far in 99999999 days",
                 "from @eve: far by dec 31 2099"):
        assert_one_line_error(cli("add", line), "ten years")
    _nothing_saved(cli)


def test_an_ancient_ask_is_refused_before_anything_is_written(cli):
    result = cli("add", "from @dana: invoice", "--asked-at", "0001-01-01T00:00:00Z",
                 TZ="America/New_York")
    assert_one_line_error(result, "before 1970")
    _nothing_saved(cli)
    assert cli.ok("list", TZ="America/New_York").code == 0


def test_a_far_promise_is_refused_and_the_request_is_unchanged(cli):
    cli.add("from @eve: repair invoice")
    assert_one_line_error(cli("promise", "1", "9999-12-31T23:59"), "ten years")
    assert_one_line_error(cli("ack", "1", "--eta", "9999-12-31T23:59"), "ten years")
    assert_one_line_error(cli("snooze", "1", "9999-12-31"), "ten years")
    shown = cli.ok("show", "1", "--json").json
    assert shown["status"] == "open" and shown["promised_at"] is None
    assert [e["kind"] for e in shown["history"]] == ["created"]


def test_a_csv_row_with_a_far_date_is_refused_by_its_line(cli, tmp_path):
    (tmp_path / "far.csv").write_text(
        "direction,counterpart,title,asked_at,needed_by\n"
        "received,Eve,fine,2026-11-23T08:00:00+01:00,2026-11-27T15:00:00+01:00\n"
        "received,Eve,far,2026-11-23T08:00:00+01:00,9999-12-31T23:59:00+01:00\n")
    assert_one_line_error(cli("import", "far.csv"), "line 3: needed_by", "ten years",
                          "Nothing was imported")
    _nothing_saved(cli)


def _stored_by_an_older_version(cli) -> None:
    """#1 wanted in 9999, #2 fine and due now, #3 asked in year 1, #4 snoozed until 9999."""
    cli.add("from @eve: far wish by fri")
    cli.ok("ack", "1")  # answered without a promise: the scheduler counts down to the wish
    cli.add("from @dana: repair invoice")  # its reply prompt falls due at 09:45
    cli.add("to @sam: review contract")
    cli.add("from @kim: badge form", now="2026-11-23T08:00:00+01:00")
    cli.ok("snooze", "4", "1h", now="2026-11-23T08:50:00+01:00")
    with sqlite3.connect(cli.db) as conn:
        conn.execute("UPDATE requests SET needed_by = ? WHERE id = 1", (FAR,))
        conn.execute("UPDATE requests SET asked_at = ? WHERE id = 3", (ANCIENT,))
        conn.execute("UPDATE events SET data = json_set(data, '$.until', '9999-12-31T23:59:00+00:00')"
                     " WHERE request_id = 4 AND kind = 'snoozed'")
    conn.close()


def _warned(result) -> list[int]:
    ids = []
    for line in result.err.splitlines():
        assert line.startswith("promptly: warning: request #"), line
        ids.append(int(line.split("#")[1].split()[0]))
    return ids


def test_a_bad_row_already_stored_is_left_out_and_reported_once(cli):
    _stored_by_an_older_version(cli)
    due = cli("due", "--json", now="2026-11-23T09:50:00+01:00")
    assert due.code == 0, due.err
    assert [(p["request_id"], p["kind"]) for p in due.json["prompts"]] == [(2, "respond")]
    assert sorted(_warned(due)) == [1, 3, 4]  # once each, with how to fix it
    assert "fix it with `promptly promise 1 WHEN` or `promptly cancel 1`" in due.err
    assert "needed_by 9999-12-31 23:59 UTC is more than ten years ahead" in due.err

    env = {"TZ": "America/New_York"}  # an offset that pushes year 1 out of datetime's range
    listed = cli("list", "--all", "--json", **env)
    # the list reads no history, so #4's snooze cannot trouble it
    assert listed.code == 0 and sorted(r["id"] for r in listed.json) == [2, 4]
    assert sorted(_warned(listed)) == [1, 3]
    for command in (["summary"], ["summary", "--json"], ["export", "--format", "ics"],
                    ["export", "--format", "csv"], ["export", "--format", "json"]):
        result = cli(*command, **env)
        assert result.code == 0, (command, result.err)
        assert "Traceback" not in result.err and "unexpected" not in result.err
    assert "repair invoice" in cli("export", "--format", "csv", **env).out
    assert_one_line_error(cli("show", "1", **env), "request #1 has a date Promptly cannot use")


def test_the_advised_commands_put_a_bad_row_right_and_keep_the_old_date(cli):
    _stored_by_an_older_version(cli)
    env = {"TZ": "America/New_York"}
    for command in (["promise", "1", "fri", "3pm"], ["cancel", "3"], ["promise", "4", "fri"]):
        result = cli(*command, **env)
        assert result.code == 0 and "error" not in result.err, (command, result.err)
    everything = cli.ok("list", "--all", "--json", **env).json
    assert sorted(r["id"] for r in everything) == [1, 2, 3, 4]
    one = cli.ok("show", "1", "--json", **env).json
    assert one["needed_by"] is None and one["status"] == "promised"
    [edit] = [e for e in one["history"] if e["kind"] == "edited"]
    assert edit["data"]["set_aside"] == {"needed_by": "9999-12-31T23:59:00+00:00"}
    three = cli.ok("show", "3", "--json", **env).json
    assert three["status"] == "cancelled" and three["asked_at"].startswith("2026-11-23T03:00")
    cli.ok("show", "3", **env)  # the history still names year 1, shown without failing
