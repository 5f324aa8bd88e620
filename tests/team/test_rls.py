"""Row-level security, proved with plain SQL as a third member: Kim can neither read nor alter
a request between Dana and Sam, nor forge an event in their names."""

from __future__ import annotations

from datetime import datetime, timezone

import psycopg
import pytest

from app.team import server

pytestmark = pytest.mark.postgresql
UTC = timezone.utc
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
UID = "a" * 32


@pytest.fixture
def three(team):
    boss = team.add("kim", "Kim")  # Kim supervises Dana
    dana = team.add("dana", "Dana", supervisor=boss[0])
    sam = team.add("sam", "Sam")
    with team.connect(*sam) as conn:
        server.push(conn, [server.SharedRequest(UID, sam[0], dana[0], "invoice", ["billing"], 0,
                                                T0, None)],
                    [server.ServerEvent(0, "e" * 32, UID, sam[0], "created", T0, {})])
    return team, boss, dana, sam


def test_parties_see_the_request_and_a_third_member_does_not(three):
    team, kim, dana, sam = three
    for who in (dana, sam):
        with team.connect(*who) as conn:
            assert conn.execute("SELECT uid FROM promptly_team.requests").fetchall() == [(UID,)]
            assert len(conn.execute("SELECT * FROM promptly_team.events").fetchall()) == 1
    with team.connect(*kim) as conn:
        assert conn.execute("SELECT * FROM promptly_team.requests").fetchall() == []
        assert conn.execute("SELECT * FROM promptly_team.events").fetchall() == []


def test_a_third_member_cannot_alter_or_delete(three):
    team, kim, dana, sam = three
    with team.connect(*kim) as conn:
        for statement in (
                f"UPDATE promptly_team.requests SET asked = '{kim[0]}' WHERE uid = '{UID}'",
                f"DELETE FROM promptly_team.events WHERE request_uid = '{UID}'",
                "UPDATE promptly_team.members SET supervisor = NULL",
                "TRUNCATE promptly_team.events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with team.connect(*sam) as conn:  # not even a party may rewrite history or the parties
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"UPDATE promptly_team.requests SET asked = '{sam[0]}'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE promptly_team.events SET kind = 'done'")


def test_no_one_forges_an_event_in_someone_elses_name(three):
    team, kim, dana, sam = three
    with team.connect(*kim) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no grant on author
            conn.execute("INSERT INTO promptly_team.events (uid, request_uid, author, kind, at)"
                         f" VALUES ('{'f' * 32}', '{UID}', '{dana[0]}', 'done', now())")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # WITH CHECK: not a party
            conn.execute("INSERT INTO promptly_team.events (uid, request_uid, kind, at)"
                         f" VALUES ('{'f' * 32}', '{UID}', 'done', now())")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a request in others' names
            conn.execute("INSERT INTO promptly_team.requests (uid, requester, asked, title, asked_at)"
                         f" VALUES ('{'b' * 32}', '{sam[0]}', '{dana[0]}', 'x', now())")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor set its own visibility
            conn.execute("INSERT INTO promptly_team.escalations (request_uid, to_login)"
                         f" VALUES ('{UID}', '{kim[0]}')")
    with team.connect(*dana) as conn:  # a party writes as itself only
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO promptly_team.events (uid, request_uid, author, kind, at)"
                         f" VALUES ('{'f' * 32}', '{UID}', '{sam[0]}', 'cancelled', now())")
        conn.execute("INSERT INTO promptly_team.events (uid, request_uid, kind, at)"
                     f" VALUES ('{'f' * 32}', '{UID}', 'done', now())")
        author = conn.execute("SELECT author FROM promptly_team.events WHERE uid = %s",
                              ("f" * 32,)).fetchone()[0]
        assert author == dana[0]


def test_an_escalation_shows_the_request_to_the_supervisor_only(three):
    team, kim, dana, sam = three
    with team.connect(*dana) as conn:  # the asked one cannot escalate to themselves' boss
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO promptly_team.escalations (request_uid, to_login)"
                         f" VALUES ('{UID}', '{kim[0]}')")
    with team.connect(*sam) as conn:
        server.push(conn, [], [server.ServerEvent(0, "c" * 32, UID, sam[0], "escalated", T0,
                                                  {"to": "Kim"})], [(UID, kim[0])])
    with team.connect(*kim) as conn:
        assert conn.execute("SELECT uid FROM promptly_team.requests").fetchall() == [(UID,)]
        assert [e.kind for e in server.pull(conn, 0)] == ["created", "escalated"]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # sees, may not act
            conn.execute("INSERT INTO promptly_team.events (uid, request_uid, kind, at)"
                         f" VALUES ('{'d' * 32}', '{UID}', 'done', now())")


def test_the_owner_cannot_log_in_and_tables_force_rls(team):
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, r.rolname"
            " FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'promptly_team' AND c.relkind = 'r'").fetchall()
        assert {r[0] for r in rows} == {"meta", "members", "requests", "escalations", "events"}
        assert all(r[1] and r[2] and r[3] == server.OWNER for r in rows)
        assert conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
                            (server.OWNER,)).fetchone() == (False,)
        assert conn.execute("SELECT count(*) FROM pg_proc p JOIN pg_namespace n"
                            " ON n.oid = p.pronamespace WHERE n.nspname = 'promptly_team'"
                            " AND p.prosecdef").fetchone() == (0,)


def test_init_twice_changes_nothing(team):
    assert server.init(team.admin_url()) is False


def test_a_removed_member_cannot_connect(three):
    team, kim, dana, sam = three
    server.remove_member(team.admin_url(), kim[0])
    with pytest.raises(server.TeamError, match="removed"):
        server.connect(team.url(kim[0]), password=kim[1])
    with pytest.raises(server.TeamError, match="wrong password"):
        server.connect(team.url(dana[0]), password="not-it-at-all")


def test_a_cue_arrives_and_the_poll_alone_finds_the_event(three):
    team, kim, dana, sam = three
    with team.connect(*dana) as listener, team.connect(*dana) as poller:
        server.listen(listener)
        start = server.pull(poller, 0)[-1].seq
        with team.connect(*sam) as conn:
            server.push(conn, [], [server.ServerEvent(0, "9" * 32, UID, sam[0], "cancelled",
                                                      T0, {})])
        assert server.wait_for_cue(listener, timeout=5)
        assert [e.kind for e in server.pull(poller, start)] == ["cancelled"]
        plan = "\n".join(r[0] for r in poller.execute(
            "EXPLAIN SELECT seq FROM promptly_team.events WHERE seq > 1 ORDER BY seq LIMIT 1000"))
        assert "events_pkey" in plan


def test_the_server_keeps_only_a_scram_verifier(three):
    team, kim, dana, sam = three
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                              (dana[0],)).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and dana[1] not in stored


def test_init_upgrades_a_version_1_server_to_take_reminders(three):
    team, _, dana, sam = three
    old_kinds = ", ".join(f"'{k}'" for k in server.SHARED_KIND_NAMES if k != "reminded")
    with psycopg.connect(team.admin_url(), autocommit=True) as admin:  # as version 1 left it
        admin.execute("UPDATE promptly_team.meta SET version = 1")
        admin.execute("ALTER TABLE promptly_team.events DROP CONSTRAINT events_kind_check")
        admin.execute("ALTER TABLE promptly_team.events ADD CONSTRAINT events_kind_check"
                      f" CHECK (kind IN ({old_kinds}))")
    reminder = server.ServerEvent(0, "r" * 32, UID, sam[0], "reminded", T0, {})
    with team.connect(*sam) as conn, pytest.raises(psycopg.errors.CheckViolation):
        server.push(conn, [], [reminder])
    assert server.init(team.admin_url()) is True
    with team.connect(*sam) as conn:
        server.push(conn, [], [reminder])
    with team.connect(*dana) as conn:
        assert [e.kind for e in server.pull(conn, 0)] == ["created", "reminded"]
