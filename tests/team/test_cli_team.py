"""Team mode end to end through the real `promptly` process: Sam asks Dana, Dana answers,
renegotiates and finishes, with an offline period on Dana's side; Kim supervises Dana.
Each has their own SQLite file; passwords come from libpq's PGPASSWORD, never a file."""

from __future__ import annotations

import json
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.cli.conftest import Result as Out, assert_one_line_error
from tests.cli.proc import isolated_env, private_runtime_dir, promptly_command

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]
NO_KEYRING = "keyring.backends.fail.Keyring"


@dataclass
class Member:
    """One person's machine: their own store, their own password."""

    tmp: Path
    login: str
    password: str
    offline: bool = False

    def __call__(self, *args: str, now: str, stdin: str | None = None, **env: str) -> Out:
        extra = {"PGPASSWORD": self.password, "PYTHON_KEYRING_BACKEND": NO_KEYRING}
        if self.offline:  # libpq connects to this address instead: nobody listens there
            extra["PGHOSTADDR"] = "127.0.0.2"
        extra.update(env)
        environment = isolated_env(private_runtime_dir(self.tmp / "run"), PROMPTLY_NOW=now,
                                   PROMPTLY_DB=str(self.tmp / "promptly.db"), **extra)
        done = subprocess.run(promptly_command() + list(args), env=environment, input=stdin,
                              capture_output=True, text=True, timeout=60, cwd=self.tmp)
        return Out(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str, now: str, **kwargs) -> Out:
        result = self(*args, now=now, **kwargs)
        assert result.code == 0, result.err
        return result

    def only(self, now: str) -> dict:
        found = self.ok("list", "--all", "--json", now=now).json
        assert len(found) == 1, found
        return found[0]


def _admin(team, tmp_path, *args: str, stdin: str | None = None) -> Out:
    environment = isolated_env(private_runtime_dir(tmp_path / "admin-run"),
                               PYTHON_KEYRING_BACKEND=NO_KEYRING,
                               PROMPTLY_DB=str(tmp_path / "admin.db"))
    done = subprocess.run(promptly_command() + list(args), env=environment, input=stdin,
                          capture_output=True, text=True, timeout=60)
    return Out(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def people(team, tmp_path):
    admin = team.admin_url()
    first = _admin(team, tmp_path, "team", "init", admin)
    assert first.code == 0 and "up to date" in first.out, first.err  # the fixture ran init
    # the team's zone: a name that is none is refused and changes nothing
    assert_one_line_error(_admin(team, tmp_path, "team", "init", admin, "--zone", "Mars/Olympus"),
                          "unknown time zone 'Mars/Olympus'", "Europe/Berlin")
    again = _admin(team, tmp_path, "team", "init", admin, "--zone", "UTC")
    assert again.code == 0 and "up to date" in again.out, again.err
    logins, tag = {}, uuid.uuid4().hex[:6]  # roles are cluster-wide: unique per test
    for base, name, boss, department in (("kim", "Kim", None, None),
                                         ("dana", "Dana", "kim", "Billing"),
                                         ("sam", "Sam", None, "Billing")):
        login = f"{base}_{tag}"
        logins[base] = login
        args = ["team", "add-member", admin, login, "--name", name, "--email",
                f"{base}@example.org", "--password-stdin"]
        if boss:
            args += ["--supervisor", logins[boss]]
        if department:
            args += ["--department", department]
        done = _admin(team, tmp_path, *args, stdin=f"pw-{login}-secret\n")
        assert done.code == 0, done.err
    members = {}
    for base, login in logins.items():
        folder = tmp_path / base
        folder.mkdir()
        members[base] = Member(folder, login, f"pw-{login}-secret")
    return members


MON = "2026-11-23T09:00:00+01:00"
MON_LATER = "2026-11-23T09:20:00+01:00"
MON_NOON = "2026-11-23T12:00:00+01:00"
TUE = "2026-11-24T10:00:00+01:00"
TUE_LATER = "2026-11-24T10:05:00+01:00"
TUE_EVE = "2026-11-24T18:00:00+01:00"


def test_a_request_between_two_members_end_to_end(team, people):
    sam, dana, kim = people["sam"], people["dana"], people["kim"]
    for who in (sam, dana, kim):
        who.ok("team", "join", team.url(who.login), now=MON)

    mine = sam.ok("add", "--json", "ask @Dana for the invoice by tue 3pm #billing", now=MON).json
    local = sam.ok("add", "--json", "ask @Pat for the keys", now=MON).json  # not in the team
    status = sam.ok("team", "status", "--json", now=MON).json
    assert status["member"] == sam.login and status["pending_push"] == 1  # its "created"; Pat's stays local
    assert status["last_sync"] is None and "password" not in json.dumps(status)
    assert "sent" in sam.ok("sync", now=MON).out
    assert sam.ok("team", "status", "--json", now=MON).json["pending_push"] == 0

    dana.ok("sync", now=MON)
    got = dana.only(MON)
    assert got["uid"] == mine["uid"] and got["shared"] is True
    assert got["direction"] == "received" and got["counterpart"] == "Sam"
    assert got["title"] == "the invoice" and got["tags"] == ["billing"]
    assert got["needed_by"] == mine["needed_by"]
    mine_now = {r["uid"]: r for r in sam.ok("list", "--all", "--json", now=MON).json}
    assert mine_now[mine["uid"]]["shared"] is True
    assert mine_now[local["uid"]]["shared"] is False

    # the ETA goes back
    dana.ok("ack", str(got["id"]), "--eta", "tue", "11am", now=MON_LATER)
    dana.ok("sync", now=MON_LATER)
    sam.ok("sync", now=MON_LATER)
    seen = sam.ok("show", "--json", str(mine["id"]), now=MON_LATER).json
    assert seen["status"] == "promised" and seen["promised_at"].startswith("2026-11-24T11:00")

    # a renegotiation
    dana.ok("promise", str(got["id"]), "tue", "4pm", "--reason", "waiting", "for", "figures",
            now=MON_NOON)
    dana.ok("sync", now=MON_NOON)
    sam.ok("sync", now=MON_NOON)
    seen = sam.ok("show", "--json", str(mine["id"]), now=MON_NOON).json
    assert seen["promised_at"].startswith("2026-11-24T16:00")
    assert seen["original_promise"].startswith("2026-11-24T11:00")
    assert any(e["kind"] == "renegotiated" for e in seen["history"])

    # offline: Dana finishes it, Sam cancels it meanwhile, a little later
    dana.offline = True
    dana.ok("done", str(got["id"]), now=TUE)
    failed = dana("sync", now=TUE)
    assert_one_line_error(failed, "cannot reach the team server", "nothing is lost")
    assert dana.ok("team", "status", "--json", now=TUE).json["pending_push"] == 1
    sam.ok("cancel", str(mine["id"]), now=TUE_LATER)
    sam.ok("sync", now=TUE_LATER)
    dana.offline = False
    dana.ok("sync", now=TUE_EVE)
    sam.ok("sync", now=TUE_EVE)
    theirs, ours = dana.only(TUE_EVE), sam.ok("show", "--json", str(mine["id"]), now=TUE_EVE).json
    assert theirs["status"] == ours["status"] == "done"  # the earlier closing wins everywhere
    assert theirs["completed_at"] == ours["completed_at"]

    # personal events stay home: Dana's server history has no prompts or snoozes
    with team.connect(dana.login, dana.password) as conn:
        kinds = [r[0] for r in conn.execute("SELECT kind FROM promptly_team.events ORDER BY seq")]
    assert set(kinds) <= {"created", "acknowledged", "promised", "renegotiated", "done",
                          "cancelled"} and kinds.count("created") == 1

    # Kim, a third member, gets nothing of it
    kim.ok("sync", now=TUE_EVE)
    assert kim.ok("list", "--all", "--json", now=TUE_EVE).json == []
    listed = kim.ok("team", "members", now=TUE_EVE).out
    assert "Dana" in listed and "Sam" in listed and "pw-" not in listed


def test_clear_errors_for_a_wrong_password_a_removed_member_and_a_newer_server(team, people, tmp_path):
    sam, kim = people["sam"], people["kim"]
    for who in (sam, kim):
        who.ok("team", "join", team.url(who.login), now=MON)
    assert_one_line_error(sam("sync", now=MON, PGPASSWORD="not-the-password"), "wrong password")
    assert_one_line_error(sam("team", "join", team.url(sam.login).replace("@", ":pw@"), now=MON),
                          "no password in the URL")
    assert _admin(team, tmp_path, "team", "remove-member", team.admin_url(), kim.login).code == 0
    assert_one_line_error(kim("sync", now=MON), "removed from the team")
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:  # newer, still serving us
        conn.execute("UPDATE promptly_team.meta SET version = 99")
    assert sam.ok("sync", now=MON).out.startswith("Synced")
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:  # newer, no longer
        conn.execute("UPDATE promptly_team.meta SET min_client = 99")
    assert_one_line_error(sam("sync", now=MON), "newer than this Promptly", "update Promptly")
    assert_one_line_error(_admin(team, tmp_path, "team", "init", team.admin_url()), "newer")


def test_password_stdin_commands_run_here_while_the_app_runs(team, people, monkeypatch, tmp_path):
    from app import ipc
    from tests.cli.test_ipc import FakeApp

    dana = people["dana"]
    dana.ok("add", "ask @Pat for the keys", now=MON)  # the store the running app has open
    runtime = private_runtime_dir(dana.tmp / "run")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    app = FakeApp(ipc.socket_path(), dana.tmp / "promptly.db")
    try:
        assert dana.ok("list", now=MON).out  # served by the app
        served = len(app.requests)
        login = f"ola_{uuid.uuid4().hex[:6]}"
        added = dana.ok("team", "add-member", team.admin_url(), login, "--name", "Ola",
                        "--department", "Billing", "--password-stdin", now=MON,
                        stdin=f"pw-{login}-secret\n")
        assert "Added" in added.out
        joined = dana("team", "join", team.url(dana.login), "--password-stdin", now=MON,
                      stdin="whatever-it-is\n")  # no keyring here: said plainly, from here
        assert joined.code == 1 and "keyring" in joined.err.lower(), joined.err
        assert "standard input" not in joined.err
        assert len(app.requests) == served  # neither went through the socket
    finally:
        app.stop()
        ipc.socket_path().unlink(missing_ok=True)
    with psycopg.connect(team.admin_url()) as conn:
        assert conn.execute("SELECT department FROM promptly_team.members WHERE login = %s",
                            (login,)).fetchone() == ("Billing",)


def _instant(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text)


def test_an_escalation_reaches_the_supervisor_until_it_is_closed(team, people):
    sam, dana, kim = people["sam"], people["dana"], people["kim"]
    for who in (sam, dana, kim):
        who.ok("team", "join", team.url(who.login), now=MON)
    mine = sam.ok("add", "--json", "ask @Dana for the invoice #billing", now=MON).json
    sam.ok("sync", now=MON)
    dana.ok("sync", now=MON)
    kim.ok("sync", now=MON)
    assert kim.ok("team", "escalated", "--json", now=MON).json == []  # not escalated yet

    refused = dana("escalate", "1", now=MON_NOON)  # only the one who asked escalates
    assert refused.code == 1 and "only the one who asked" in refused.err
    escalated = sam.ok("escalate", str(mine["id"]), "--note", "needed", "for", "the", "audit",
                       now=MON_NOON)
    assert "Escalated to Kim" in escalated.out
    sam.ok("sync", now=MON_NOON)
    kim.ok("sync", now=MON_NOON)
    [seen] = kim.ok("team", "escalated", "--json", now=MON_NOON).json
    assert (seen["requester"], seen["asked"], seen["title"]) == ("Sam", "Dana", "the invoice")
    assert _instant(seen["asked_at"]) == _instant(mine["asked_at"]) and seen["seen"] is False
    assert [(h["who"], h["kind"], h.get("text")) for h in seen["since"]] == [
        ("Sam", "escalated", "needed for the audit")]
    # not Kim's request: not in Kim's list nor Kim's figures
    assert kim.ok("list", "--all", "--json", now=MON_NOON).json == []
    assert "Dana" not in kim.ok("summary", "--json", now=MON_NOON).out

    kim.ok("note", seen["uid"][:8], "Dana,", "please", "call", "Sam", now=TUE)
    kim.ok("team", "seen", seen["uid"], now=TUE)
    kim.ok("sync", now=TUE)
    [again] = kim.ok("team", "escalated", "--json", now=TUE).json
    assert again["seen"] is True and again["since"][-1]["kind"] == "note"
    for who in (dana, sam):
        who.ok("sync", now=TUE)
        history = who.ok("show", "--json", str(who.only(TUE)["id"]), now=TUE).json["history"]
        notes = [e for e in history if e["kind"] == "note"]
        assert [n["data"]["text"] for n in notes] == ["Dana, please call Sam"], history
    assert "note from Kim: Dana, please call Sam" in dana.ok("show", "1", now=TUE).out
    dana.ok("note", "1", "calling", "now", now=TUE)  # a party's own note, by local id
    dana.ok("sync", now=TUE)
    sam.ok("sync", now=TUE)
    assert "note from Dana: calling now" in sam.ok("show", str(mine["id"]), now=TUE).out

    dana.ok("done", "1", now=TUE_LATER)
    dana.ok("sync", now=TUE_LATER)
    kim.ok("sync", now=TUE_LATER)
    assert kim.ok("team", "escalated", "--json", now=TUE_LATER).json == []
    late = kim("note", seen["uid"], "too", "late", now=TUE_EVE)
    assert late.code == 1 and "no request escalated to you" in late.err


def test_published_turnaround_is_shown_used_and_measured(team, people):
    sam, dana, kim = people["sam"], people["dana"], people["kim"]
    for who in (sam, dana):
        who.ok("team", "join", team.url(who.login), now=MON)
    bad = dana("team", "turnaround", "--set", "billing=soon", now=MON)
    assert bad.code == 1 and "not a number" in bad.err
    dana.ok("team", "turnaround", "--set", "default=8", "billing=48", "it=1", now=MON)
    dana.ok("team", "turnaround", "--set", "it=-", now=MON)  # withdrawn
    sam.ok("sync", now=MON)
    parsed = sam.ok("parse", "ask @Dana for the invoice #billing", now=MON).out
    assert "Dana usually needs 48 working hours for #billing" in parsed
    # no time named: their published turnaround is the needed-by (Mon 09:00 + 48 working hours)
    asked = sam.ok("add", "--json", "ask @Dana for the invoice #billing", now=MON).json
    assert asked["needed_by"] is not None and _instant(asked["needed_by"]) > _instant(MON)
    named = sam.ok("add", "--json", "ask @Dana for the keys by tue 3pm", now=MON).json
    assert _instant(named["needed_by"]) == _instant("2026-11-24T15:00:00+01:00")
    quick = sam.ok("add", "--json", "ask @Dana for a quick check",
                   now="2026-11-23T10:00:00+01:00").json
    sam.ok("sync", now=MON_NOON)
    dana.ok("sync", now=MON_NOON)
    mine = {r["title"]: r["id"] for r in dana.ok("list", "--json", now=MON_NOON).json}
    dana.ok("done", str(mine["a quick check"]), now="2026-11-23T13:00:00+01:00")
    dana.ok("sync", now=TUE)
    team.recorded_when_they_happened()  # the server measures what it had by a week's end
    # Dana's own figure counts every request asked of her; Sam's view leaves out his own
    assert {t["tag"]: t["settled"] for t in
            sam.ok("team", "turnaround", "--json", now=TUE).json} == {None: 0, "billing": 0}
    table = {(t["login"], t["tag"]): t for t in
             dana.ok("team", "turnaround", "--json", now=TUE).json}
    assert set(table) == {(dana.login, None), (dana.login, "billing")}
    assert table[(dana.login, None)]["hours"] == 8
    assert table[(dana.login, None)]["measured_median_hours"] == 3.0  # 10:00 → 13:00
    assert table[(dana.login, None)]["settled"] == 1
    assert table[(dana.login, "billing")]["settled"] == 0  # the invoice is not done yet
    shown = dana.ok("team", "turnaround", now=TUE).out
    assert "Dana" in shown and "48 h" in shown and "3 h" in shown
    assert quick["needed_by"] is not None


def test_a_supervisor_publishes_the_departments_turnaround(team, people):
    sam, dana, kim = people["sam"], people["dana"], people["kim"]
    for who in (sam, kim):
        who.ok("team", "join", team.url(who.login), now=MON)
    # Sam is in Billing but supervises nobody there: the server refuses
    assert_one_line_error(sam("team", "turnaround", "--department", "billing", "--set",
                              "default=16", now=MON), "only a supervisor of a member of Billing")
    assert_one_line_error(kim("team", "turnaround", "--department", "Sales", "--set",
                              "default=16", now=MON), "no department 'Sales'", "Billing")
    assert_one_line_error(kim("team", "turnaround", "--department", "Billing", now=MON),
                          "--department goes with --set")
    kim.ok("team", "turnaround", "--department", "billing", "--set", "default=16", "it=4",
           now=MON)  # Kim supervises Dana, who is in Billing
    sam.ok("team", "turnaround", "--set", "default=2", now=MON)  # Sam's own, beside it
    sam.ok("sync", now=MON)
    parsed = sam.ok("parse", "ask @Dana for a new laptop #it", now=MON).out
    assert "Dana usually needs 4 working hours for #it (published by Billing)" in parsed
    table = {(t["login"], t["department"], t["tag"]): (t["name"], t["hours"]) for t in
             sam.ok("team", "turnaround", "--json", now=MON).json}
    assert table == {(sam.login, None, None): ("Sam", 2), (None, "Billing", None): ("Billing", 16),
                     (None, "Billing", "it"): ("Billing", 4)}
    shown = sam.ok("team", "turnaround", now=MON).out.splitlines()
    assert shown[0].split() == ["member", "tag", "published", "measured", "(8", "weeks)", "settled"]
    assert shown[3].split()[:4] == ["department", "tag", "published", "measured"]
    assert shown[4].split() == ["Billing", "default", "16", "h", "—", "0"]
