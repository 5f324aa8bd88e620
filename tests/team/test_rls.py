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
        assert {r[0] for r in rows} == set(server.TABLES)
        assert all(r[1] and r[2] and r[3] == server.OWNER for r in rows)
        assert conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
                            (server.OWNER,)).fetchone() == (False,)
        # every SECURITY DEFINER function has a fixed search_path, and PUBLIC cannot run it
        definers = conn.execute(
            "SELECT p.proname, p.proconfig, has_function_privilege('public', p.oid, 'EXECUTE')"
            " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = 'promptly_team' AND p.prosecdef").fetchall()
        assert {d[0] for d in definers} == {"request_open", "measured_turnaround",
                                            "measured_department_turnaround",
                                            "department_totals"}
        assert all(d[1] == ["search_path=pg_catalog, pg_temp", "TimeZone=UTC"] and not d[2]
                   for d in definers)
        # and none of the functions depends on the session's time zone
        configs = conn.execute("SELECT p.proname, p.proconfig FROM pg_proc p"
                               " JOIN pg_namespace n ON n.oid = p.pronamespace"
                               " WHERE n.nspname = 'promptly_team'").fetchall()
        assert {name for name, config in configs if "TimeZone=UTC" not in config} == set()


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


def _escalate(team, sam, kim) -> None:
    with team.connect(*sam) as conn:
        server.push(conn, [], [server.ServerEvent(0, "c" * 32, UID, sam[0], "escalated", T0,
                                                  {"how": "promptly"})], [(UID, kim[0])])


def _visible(team, who) -> list:
    with team.connect(*who) as conn:
        return conn.execute("SELECT uid FROM promptly_team.requests").fetchall()


def test_the_supervisor_sees_the_escalated_request_only_while_open(three):
    team, kim, dana, sam = three
    _escalate(team, sam, kim)
    assert _visible(team, kim) == [(UID,)]
    with team.connect(*dana) as conn:
        server.push(conn, [], [server.ServerEvent(0, "d" * 32, UID, dana[0], "done", T0, {})])
    assert _visible(team, kim) == []
    with team.connect(*kim) as conn:
        assert conn.execute("SELECT * FROM promptly_team.events").fetchall() == []
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no notes once closed
            conn.execute("INSERT INTO promptly_team.events (uid, request_uid, kind, at)"
                         f" VALUES ('{'7' * 32}', '{UID}', 'note', now())")
    with team.connect(*sam) as conn:  # reopened: in sight again
        server.push(conn, [], [server.ServerEvent(0, "8" * 32, UID, sam[0], "reopened",
                                                  T0.replace(hour=10), {})])
    assert _visible(team, kim) == [(UID,)]


def test_a_supervisor_of_someone_else_sees_nothing(three):
    team, kim, dana, sam = three
    other_boss = team.add("lee", "Lee")
    team.add("ola", "Ola", supervisor=other_boss[0])
    with team.connect(*sam) as conn:  # Lee supervises Ola, not Dana: refused
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            server.push(conn, [], [server.ServerEvent(0, "c" * 32, UID, sam[0], "escalated", T0,
                                                      {})], [(UID, other_boss[0])])
    _escalate(team, sam, kim)
    assert _visible(team, other_boss) == []
    with team.connect(*other_boss) as conn:
        assert conn.execute("SELECT * FROM promptly_team.events").fetchall() == []
        assert conn.execute("SELECT * FROM promptly_team.escalations").fetchall() == []
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO promptly_team.events (uid, request_uid, kind, at)"
                         f" VALUES ('{'7' * 32}', '{UID}', 'note', now())")
        assert conn.execute("SELECT promptly_team.request_open(%s)", (UID,)).fetchone() == (True,)


def test_the_supervisor_adds_a_note_both_parties_see_and_nothing_else(three):
    team, kim, dana, sam = three
    _escalate(team, sam, kim)
    with team.connect(*kim) as conn:
        server.add_note(conn, server.ServerEvent(0, "7" * 32, UID, kim[0], "note", T0,
                                                 {"text": "Dana, please call Sam"}))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a note, not a done
            conn.execute("INSERT INTO promptly_team.events (uid, request_uid, kind, at)"
                         f" VALUES ('{'6' * 32}', '{UID}', 'cancelled', now())")
    for who in (dana, sam):
        with team.connect(*who) as conn:
            notes = [e for e in server.pull(conn, 0) if e.kind == "note"]
            assert [(e.author, e.data["text"]) for e in notes] == [(kim[0], "Dana, please call Sam")]


def test_a_member_publishes_only_their_own_turnaround_and_all_read_them(three):
    team, kim, dana, sam = three
    with team.connect(*dana) as conn:
        server.publish_turnaround(conn, {"": 8, "billing": 48})
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not in Sam's name
            conn.execute("INSERT INTO promptly_team.turnarounds (login, tag, hours)"
                         f" VALUES ('{sam[0]}', 'it', 4)")
    with team.connect(*sam) as conn:
        server.publish_turnaround(conn, {"it": 4})
        assert conn.execute("UPDATE promptly_team.turnarounds SET hours = 1").rowcount == 1
        assert conn.execute("DELETE FROM promptly_team.turnarounds").rowcount == 1  # own only
    with team.connect(*kim) as conn:
        found = {(t.login, t.tag, t.hours) for t in server.turnarounds(conn, measured=True)}
        assert found == {(dana[0], "", 8), (dana[0], "billing", 48)}


def test_a_member_no_longer_active_is_told_plainly_why_their_times_are_refused(three):
    team, kim, dana, sam = three
    with team.connect(*dana) as conn:
        with psycopg.connect(team.admin_url(), autocommit=True) as admin:  # made inactive
            admin.execute("UPDATE promptly_team.members SET active = false WHERE login = %s",
                          (dana[0],))
        with pytest.raises(server.TeamError) as refused:
            server.publish_turnaround(conn, {"": 8})
    assert str(refused.value) == ("the team server refused your turnaround times: only an "
                                  "active member of the team publishes their own")


# what schema 6 added, taken away again to stand for an older server
SCHEMA_6 = ("DROP FUNCTION promptly_team.department_totals(date)",
            "DROP FUNCTION promptly_team.team_zone()",
            "DROP FUNCTION promptly_team.working_hours(timestamptz, timestamptz, text)",
            "ALTER TABLE promptly_team.events DROP CONSTRAINT events_at_recorded",
            "ALTER TABLE promptly_team.requests DROP COLUMN recorded_at",
            "ALTER TABLE promptly_team.meta DROP COLUMN zone")


def test_init_upgrades_a_version_1_schema(team):
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:  # back to what 1 had
        for statement in (
                "DROP TABLE promptly_team.department_turnarounds",
                "DROP FUNCTION promptly_team.measured_department_turnaround()",
                "DROP TABLE promptly_team.turnarounds",
                "ALTER TABLE promptly_team.members DROP COLUMN department",
                "DROP POLICY requests_read ON promptly_team.requests",
                "DROP POLICY events_add ON promptly_team.events",
                "DROP FUNCTION promptly_team.measured_turnaround()",
                *SCHEMA_6,
                "DROP FUNCTION promptly_team.request_open(text)",
                "ALTER TABLE promptly_team.events DROP CONSTRAINT events_kind_check",
                "ALTER TABLE promptly_team.events ADD CONSTRAINT events_kind_check"
                " CHECK (kind <> 'note')",
                "ALTER TABLE promptly_team.meta DROP COLUMN min_client",
                "UPDATE promptly_team.meta SET version = 1"):
            conn.execute(statement)
    with server.connect(team.admin_url(), allow_password=True) as conn:  # clients wait for it
        with pytest.raises(server.TeamError, match="older than this Promptly.*team init"):
            server.check_version(conn)
    assert server.init(team.admin_url()) is True
    kim = team.add("kim", "Kim", department="IT")
    with team.connect(*kim) as conn:
        server.publish_turnaround(conn, {"": 4})
        assert [t.hours for t in server.turnarounds(conn)] == [4]
    assert server.init(team.admin_url()) is False
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


@pytest.fixture
def departments(team):
    kim = team.add("kim", "Kim")  # supervises Dana, so publishes Billing's times
    dana = team.add("dana", "Dana", supervisor=kim[0], department="Billing")
    sam = team.add("sam", "Sam", department="Billing")  # in Billing, supervises nobody
    lee = team.add("lee", "Lee")  # supervises Ola, in IT
    team.add("ola", "Ola", supervisor=lee[0], department="IT")
    return team, kim, dana, sam, lee


def test_only_a_supervisor_of_its_members_publishes_a_departments_turnaround(departments):
    team, kim, dana, sam, lee = departments
    with team.connect(*kim) as conn:
        server.publish_turnaround(conn, {"": 16, "billing": 48}, department="Billing")
    with team.connect(*lee) as conn:
        server.publish_turnaround(conn, {"": 4}, department="IT")
    # a member of Billing, the member Kim supervises, a supervisor in another department
    for who in (sam, dana, lee):
        with team.connect(*who) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):  # WITH CHECK
                conn.execute("INSERT INTO promptly_team.department_turnarounds"
                             " (department, tag, hours) VALUES ('Billing', 'it', 1)")
            assert conn.execute("UPDATE promptly_team.department_turnarounds SET hours = 1"
                                " WHERE department = 'Billing'").rowcount == 0
            assert conn.execute("DELETE FROM promptly_team.department_turnarounds"
                                " WHERE department = 'Billing'").rowcount == 0
            for change in ({"billing": 1}, {"billing": None}):
                with pytest.raises(server.TeamError, match="only a supervisor of a member of"):
                    server.publish_turnaround(conn, change, department="Billing")
    with team.connect(*lee) as conn:  # nor carry IT's times over to Billing
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no grant on the column
            conn.execute("UPDATE promptly_team.department_turnarounds SET department = 'Billing'")
    with team.connect(*kim) as conn:  # Kim changes Billing's times, and only those
        assert conn.execute("UPDATE promptly_team.department_turnarounds SET hours = 8"
                            " WHERE tag = ''").rowcount == 1
    with team.connect(*sam) as conn:  # everyone in the team reads them
        found = {(t.department, t.tag, t.hours) for t in server.turnarounds(conn) if t.department}
    assert found == {("Billing", "", 8), ("Billing", "billing", 48), ("IT", "", 4)}
    server.remove_member(team.admin_url(), dana[0])  # Kim supervises no one in Billing now
    with team.connect(*kim) as conn:
        with pytest.raises(server.TeamError):
            server.publish_turnaround(conn, {"billing": 24}, department="Billing")


def test_init_upgrades_a_version_3_server_to_take_department_times(departments):
    team, kim, *_ = departments
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:  # as version 3 left it
        for statement in (
                "DROP TABLE promptly_team.department_turnarounds",
                "DROP FUNCTION promptly_team.measured_department_turnaround()",
                "ALTER TABLE promptly_team.meta DROP COLUMN min_client",
                "UPDATE promptly_team.meta SET version = 3"):
            conn.execute(statement)
    with team.connect(*kim) as conn:  # clients wait for the upgrade
        with pytest.raises(server.TeamError, match="older than this Promptly.*team init"):
            server.check_version(conn)
    assert server.init(team.admin_url()) is True
    with team.connect(*kim) as conn:
        server.publish_turnaround(conn, {"billing": 48}, department="Billing")
        assert [(t.department, t.hours) for t in server.turnarounds(conn)] == [("Billing", 48)]
    assert server.init(team.admin_url()) is False


def test_init_upgrades_a_version_4_server_to_measure_over_its_own_window(departments):
    team, kim, *_ = departments
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:  # as version 4 left it
        for statement in (
                "DROP FUNCTION promptly_team.measured_turnaround()",
                "DROP FUNCTION promptly_team.measured_department_turnaround()",
                *SCHEMA_6,
                *(f"CREATE FUNCTION promptly_team.{name} RETURNS integer LANGUAGE sql AS 'SELECT 1'"
                  for name in ("measured_turnaround(since timestamptz)",
                               "measured_department_turnaround(since timestamptz)",
                               "department_totals(since timestamptz, until timestamptz)")),
                "ALTER TABLE promptly_team.meta DROP COLUMN min_client",
                "UPDATE promptly_team.meta SET version = 4"):
            conn.execute(statement)
    with team.connect(*kim) as conn:
        with pytest.raises(server.TeamError, match="older than this Promptly.*team init"):
            server.check_version(conn)
    assert server.init(team.admin_url()) is True
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:  # the caller's windows: gone
        found = conn.execute("SELECT p.oid::regprocedure::text FROM pg_proc p"
                             " JOIN pg_namespace n ON n.oid = p.pronamespace"
                             " WHERE n.nspname = 'promptly_team' AND p.prosecdef").fetchall()
    assert sorted(f for f, in found) == [
        "promptly_team.department_totals(date)",
        "promptly_team.measured_department_turnaround()", "promptly_team.measured_turnaround()",
        "promptly_team.request_open(text)"]
    with team.connect(*kim) as conn:
        server.check_version(conn)
        assert server.turnarounds(conn, measured=True) == []
    assert server.init(team.admin_url()) is False


def test_a_newer_server_serves_the_clients_its_meta_names(three):
    team, kim, *_ = three
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:
        assert conn.execute("SELECT version, min_client FROM promptly_team.meta").fetchall() == [
            (server.SCHEMA_VERSION, server.MIN_CLIENT)]
        # a later schema that only adds: this client still works with it
        conn.execute("UPDATE promptly_team.meta SET version = version + 1")
    with team.connect(*kim) as conn:
        server.check_version(conn)
        assert [m.login for m in server.members(conn)] == sorted(m[0] for m in three[1:])
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:  # one that needs a newer
        conn.execute("UPDATE promptly_team.meta SET min_client = version")
    with team.connect(*kim) as conn:
        with pytest.raises(server.TeamError, match=r"newer than this Promptly.*update Promptly"):
            server.check_version(conn)
    with pytest.raises(server.TeamError, match="newer"):  # nor does an older init touch it
        server.init(team.admin_url())


def test_a_client_older_than_the_servers_minimum_is_refused(three, monkeypatch):
    team, kim, *_ = three
    older = server.MIN_CLIENT - 1
    monkeypatch.setattr(server, "SCHEMA_VERSION", older)  # a Promptly from before the minimum
    with team.connect(*kim) as conn:
        with pytest.raises(server.TeamError) as refused:
            server.check_version(conn)
    from app.i18n import Text

    assert isinstance(refused.value.args[0], Text)  # shown translated in a window
    assert str(refused.value) == (f"the team server's schema (version {server.MIN_CLIENT}) is "
                                  f"newer than this Promptly (version {older}) can use; "
                                  "update Promptly")


def test_init_upgrades_a_version_5_server_to_the_teams_zone_and_frozen_weeks(departments):
    team, kim, *_ = departments
    sam = team.add("sam", "Sam")
    asked = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    with team.connect(*sam) as conn:
        server.push(conn, [server.SharedRequest("a" * 32, sam[0], kim[0], "x", [], 0, asked,
                                                None)], [])
        server.push(conn, [server.SharedRequest("b" * 32, sam[0], kim[0], "y", [], 0, asked,
                                                None)],
                    [server.ServerEvent(0, "c" * 32, "b" * 32, sam[0], "created", asked, {})])
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:  # as version 5 left it
        conn.execute("UPDATE promptly_team.events SET recorded_at = at")
        for statement in (*SCHEMA_6,
                          "CREATE FUNCTION promptly_team.department_totals(week date, zone text)"
                          " RETURNS integer LANGUAGE sql AS 'SELECT 1'",
                          # an event far in the future, from before the check: kept as it is
                          "INSERT INTO promptly_team.events (uid, request_uid, author, kind, at)"
                          f" VALUES ('{'d' * 32}', '{'b' * 32}', '{sam[0]}', 'note',"
                          " '9999-01-01')",
                          "UPDATE promptly_team.meta SET version = 5, min_client = 5"):
            conn.execute(statement)
    with team.connect(*kim) as conn:
        with pytest.raises(server.TeamError, match="older than this Promptly.*team init"):
            server.check_version(conn)
    assert server.init(team.admin_url(), zone="Europe/Berlin") is True
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:
        assert conn.execute("SELECT version, min_client, zone FROM promptly_team.meta"
                            ).fetchall() == [(6, 6, "Europe/Berlin")]
        # a request's recording time: its first event's, else the upgrade's
        recorded = dict(conn.execute("SELECT uid, recorded_at FROM promptly_team.requests"))
        assert recorded["b" * 32] == asked and recorded["a" * 32] > asked
        assert conn.execute("SELECT count(*) FROM pg_proc WHERE proname = 'department_totals'"
                            ).fetchone() == (1,)  # the caller's zone: gone
    with team.connect(*kim) as conn:
        server.check_version(conn)
        assert server.team_zone(conn) == "Europe/Berlin"
    assert server.init(team.admin_url()) is False
    assert server.init(team.admin_url(), zone="Europe/Berlin") is False
