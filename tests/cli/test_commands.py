"""Every command of `promptly`, run as a real process on a real SQLite file."""

from __future__ import annotations

from tests.cli.conftest import assert_one_line_error

REQUEST_KEYS = {
    "id", "uid", "direction", "counterpart", "counterpart_email", "title", "details", "link",
    "channel", "tags", "priority", "recurrence", "status", "asked_at", "acknowledged_at",
    "respond_by", "promised_at", "original_promise", "completed_at", "cancelled_at", "overdue",
    "needed_by", "who", "status_text", "shared",
}


def test_add_saves_and_says_what_it_understood(cli):
    saved = cli.ok("add", "from @dana: repair invoice by fri 3pm #billing")
    first_line = saved.out.splitlines()[0]
    assert first_line.startswith("Saved: #1 I owe Dana: repair invoice")
    # Dana wants it by Friday; what I owe first is an answer within the hour
    assert "reply by today 10:00 (in 1 h) · wanted by Fri 15:00" in first_line
    assert "promised" not in first_line
    assert "#billing" in first_line

    again = cli.add("to @dana review contract eod !")
    assert set(again) == REQUEST_KEYS
    assert again["id"] == 2
    assert again["direction"] == "made" and again["counterpart"] == "Dana"
    assert again["who"] == "Dana owes me"
    assert again["priority"] == "high"
    assert again["asked_at"] == "2026-11-23T09:00:00+01:00"
    assert again["needed_by"] == "2026-11-23T17:00:00+01:00"
    assert again["promised_at"] is None
    assert again["respond_by"] == "2026-11-23T10:00:00+01:00"
    assert again["overdue"] is False and again["status"] == "open"
    assert again["status_text"] == "awaiting reply"

    given = cli.add("to @sam: quote eta fri 3pm")
    assert (given["status"], given["status_text"]) == ("promised", "promised")
    assert given["promised_at"] == given["original_promise"] == "2026-11-27T15:00:00+01:00"
    assert given["acknowledged_at"] == "2026-11-23T09:00:00+01:00"
    assert given["needed_by"] is None


def test_add_with_an_earlier_ask_time(cli):
    request = cli.add("from @kim: badge form", now="2026-11-23T11:00:00+01:00")
    assert request["asked_at"] == "2026-11-23T11:00:00+01:00"
    earlier = cli.ok("add", "--json", "from @kim: access form", "--asked-at", "9:10",
                     now="2026-11-23T11:00:00+01:00").json
    assert earlier["asked_at"] == "2026-11-23T09:10:00+01:00"
    assert earlier["respond_by"] == "2026-11-23T10:10:00+01:00"


def test_parse_shows_without_saving(cli):
    shown = cli.ok("parse", "--json", "to", "@lee:", "slides", "tomorrow", "10am", "#sales", "!!")
    assert shown.json == {
        "direction": "made", "counterpart": "Lee", "title": "slides",
        "needed_by": "2026-11-24T10:00:00+01:00", "promised_at": None, "tags": ["sales"],
        "priority": "highest", "recurrence": None, "hints": [],
    }
    human = cli.ok("parse", "from @dana: repair invoice by fri 3pm")
    assert "Dana (new)" in human.out and "Nothing saved" in human.out
    assert "wanted by   Fri 15:00" in human.out and "not yet: nobody promised" in human.out
    loose = cli.ok("parse", "from @dana: repair invoice by 7").out
    assert "note        'by 7' — 7 am or 7 pm? write 7pm or 19:00" in loose
    assert cli.ok("list", "--all", "--json").json == []


def test_list_counts_down_and_filters(cli):
    cli.add("from @dana: repair invoice eta in 1h20m")  # #1 received, promised 10:20
    cli.add("to @sam: review contract eta in 30 min !")  # #2 made, Sam promised 09:30
    cli.add("from @kim: badge form")  # #3 received, no promise: waits for my answer
    cli.ok("done", "3")
    cli.add("from @lee: slides by 9:50")  # #4 received: Lee wants it by 09:50, I haven't answered

    later = "2026-11-23T09:55:00+01:00"
    listed = cli.ok("list", now=later).out
    lines = listed.splitlines()
    assert lines[0].split() == ["ID", "WHO", "TITLE", "STATUS", "PRIORITY", "DUE", "COUNTDOWN"]
    assert lines[1].startswith("#2") and "overdue 25 min" in lines[1]  # most urgent first
    assert "Sam owes me" in lines[1] and "high" in lines[1] and "promised today 09:30" in lines[1]
    assert lines[2].startswith("#4") and "needs reply" not in lines[2] and "overdue" in lines[2]
    assert "reply by today 10:00, wanted by today 09:50" in lines[2] and "in 5 min" in lines[2]
    assert lines[3].startswith("#1") and "in 25 min" in lines[3] and "I owe Dana" in lines[3]
    assert "#3" not in listed
    assert "3 requests, 2 overdue" in listed

    assert [r["id"] for r in cli.ok("list", "--overdue", "--json", now=later).json] == [2, 4]
    assert [r["id"] for r in cli.ok("list", "--made", "--json", now=later).json] == [2]
    assert [r["id"] for r in cli.ok("list", "--received", "--json", now=later).json] == [4, 1]
    assert [r["id"] for r in cli.ok("list", "--done", "--json", now=later).json] == [3]
    everything = cli.ok("list", "--all", "--json", now=later).json
    assert [r["id"] for r in everything] == [2, 4, 1, 3]  # by urgency, like `list`; closed last
    assert all(set(r) == REQUEST_KEYS for r in everything)
    assert [r["overdue"] for r in everything] == [True, True, False, False]

    seconds = cli.ok("list", now="2026-11-23T10:19:15+01:00").out
    assert "in 45 s" in seconds
    assert "No overdue requests." in cli.ok("list", "--overdue", now="2026-11-23T09:10:00+01:00").out


def test_show_has_the_full_history(cli):
    cli.add("from @dana: repair invoice by fri 3pm")
    cli.ok("ack", "1", now="2026-11-23T09:20:00+01:00")
    cli.ok("promise", "1", "thu", "3pm", "--reason", "waiting", "for", "Kim", now="2026-11-23T09:30:00+01:00")
    shown = cli.ok("show", "1", now="2026-11-23T09:40:00+01:00")
    assert shown.out.startswith("#1 I owe Dana: repair invoice\n")
    history = shown.out.split("history\n", 1)[1]
    assert "created, asked today 09:00, wanted by Fri 15:00" in history
    assert "acknowledged" in history
    # the first time I gave is the promise, not a renegotiation of Dana's wish
    assert "promised for Thu 15:00 (waiting for Kim)" in history
    assert "renegotiated" not in history
    assert "  wanted by     Fri 15:00" in shown.out

    cli.ok("promise", "1", "fri", "noon", now="2026-11-23T09:50:00+01:00")
    data = cli.ok("show", "1", "--json").json
    assert set(data) == REQUEST_KEYS | {"history"}
    assert [e["kind"] for e in data["history"]] == ["created", "acknowledged", "promised", "renegotiated"]
    assert data["history"][2]["data"]["reason"] == "waiting for Kim"
    assert data["history"][1]["at"] == "2026-11-23T09:20:00+01:00"
    assert data["needed_by"] == "2026-11-27T15:00:00+01:00"
    assert data["original_promise"] == "2026-11-26T15:00:00+01:00"
    assert data["promised_at"] == "2026-11-27T12:00:00+01:00"


def test_the_lifecycle_commands(cli):
    cli.add("from @dana: repair invoice")
    acked = cli.ok("ack", "#1", "--eta", "tomorrow 10am", "--json").json
    assert acked["status"] == "promised"
    assert acked["acknowledged_at"] == "2026-11-23T09:00:00+01:00"
    assert acked["promised_at"] == "2026-11-24T10:00:00+01:00"

    done = cli.ok("done", "1", now="2026-11-23T15:00:00+01:00")
    assert done.out.startswith("Done: #1 I owe Dana: repair invoice")
    assert cli.ok("show", "1", "--json").json["completed_at"] == "2026-11-23T15:00:00+01:00"

    assert cli.ok("reopen", "1", "--json").json["status"] == "promised"
    cancelled = cli.ok("cancel", "1", "--reason", "no", "longer", "needed", "--json").json
    assert cancelled["status"] == "cancelled" and cancelled["cancelled_at"]
    history = cli.ok("show", "1", "--json").json["history"]
    assert [e["kind"] for e in history][-3:] == ["done", "reopened", "cancelled"]
    assert history[-1]["data"] == {"reason": "no longer needed"}

    refused = cli("done", "1")
    assert_one_line_error(refused, "cancelled", "reopen it first")


def test_ack_accept_promises_the_time_they_want(cli):
    cli.add("from @ari: sign-off by next monday 9am !!!")
    accepted = cli.ok("ack", "1", "--accept", now="2026-11-23T09:20:00+01:00")
    assert accepted.out.startswith("Promised: #1 I owe Ari: sign-off · promised Mon 30 Nov 09:00")
    data = cli.ok("show", "1", "--json").json
    assert data["promised_at"] == data["needed_by"] == data["original_promise"]
    assert [e["kind"] for e in data["history"]] == ["created", "acknowledged", "promised"]
    cli.add("from @kim: badge form")
    refused = cli("ack", "2", "--accept")
    assert_one_line_error(refused, "no time it is needed by", "give an ETA")
    assert cli.ok("show", "2", "--json").json["status"] == "open"
    both = cli("ack", "2", "--accept", "--eta", "fri")
    assert both.code == 2 and "not allowed with" in both.err


def test_due_shows_prompts_without_recording_them(cli):
    cli.add("from @dana: repair invoice")  # the respond prompt falls due at 09:45
    assert "Nothing is due now." in cli.ok("due").out

    at = "2026-11-23T09:50:00+01:00"
    for _ in range(2):  # looking twice shows the same: nothing was recorded as fired
        due = cli.ok("due", "--json", now=at).json
        assert [(p["kind"], p["request_id"]) for p in due["prompts"]] == [("respond", 1)]
        assert due["prompts"][0]["due_at"] == "2026-11-23T09:45:00+01:00"
    assert "prompted" not in [e["kind"] for e in cli.ok("show", "1", "--json").json["history"]]
    human = cli.ok("due", now=at).out
    assert "respond" in human and "I owe Dana" in human and "still prompt" in human
    assert "nothing is recorded as shown" in " ".join(cli.ok("due", "--help").out.split())


def test_due_lists_prompts_the_tray_app_showed_and_still_waiting(cli):
    from datetime import datetime

    from app.service import Promptly as Core
    from tests.conftest import FakeClock

    cli.add("from @dana: repair invoice")
    core = Core.open(str(cli.db), FakeClock(datetime.fromisoformat("2026-11-23T10:50:00+01:00")))
    core.fire(core.schedule().due)  # the tray app showed it; nobody acted on it
    core.close()
    later = "2026-11-23T12:00:00+01:00"
    due = cli.ok("due", "--json", now=later).json
    assert [(p["kind"], p["shown"]) for p in due["prompts"]] == [("respond", True)]
    assert "Nothing is due now." not in cli.ok("due", now=later).out


def test_snooze_moves_the_prompt(cli):
    cli.add("from @dana: repair invoice")
    at = "2026-11-23T09:50:00+01:00"
    snoozed = cli.ok("snooze", "1", "15m", "--json", now=at).json
    assert snoozed["snoozed_until"] == "2026-11-23T10:05:00+01:00"
    assert cli.ok("due", "--json", now=at).json["prompts"] == []
    assert [p["kind"] for p in cli.ok("due", "--json", now="2026-11-23T10:06:00+01:00").json["prompts"]] == ["respond"]


def test_user_errors_are_one_line_with_exit_1(cli):
    cli.add("from @dana: repair invoice")
    assert_one_line_error(cli("show", "42"), "no request #42")
    assert_one_line_error(cli("promise", "1", "blursday"), "blursday", "not a date")
    assert_one_line_error(cli("ack", "1", "--eta", "2026-13-45"))
    assert_one_line_error(cli("add", "from @dana:"), "say what is asked")
    assert_one_line_error(cli("list", now="yesterday"), "PROMPTLY_NOW")
    assert_one_line_error(cli("import", "missing.csv"), "missing.csv")
    assert_one_line_error(cli("list", db="postgresql://kim@127.0.0.1:1/promptly"), "cannot open")
    assert_one_line_error(cli("list", db="nosuchdb://x/y"), "cannot open")


def test_usage_errors_exit_2(cli):
    for args in (["frobnicate"], ["show"], ["show", "abc"], ["list", "--sideways"],
                 ["list", "--made", "--received"], ["list", "--done", "--overdue"],
                 ["export", "--format", "pdf"], ["export"]):
        result = cli(*args)
        assert result.code == 2, args
        assert "usage:" in result.err and "Traceback" not in result.err
    assert not cli.db.exists()  # a usage error opens nothing

    helped = cli("--help")
    assert helped.code == 0 and "COMMAND" in helped.out and "snooze" in helped.out
