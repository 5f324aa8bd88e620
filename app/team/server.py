# The team server: its PostgreSQL schema, row-level security, and the member's queries.
"""Everything here talks to PostgreSQL through psycopg 3, as the connecting role.

Identity is `current_user`, the login role: never a value the client sends. Tables live in the
schema `promptly_team`, owned by the NOLOGIN role `promptly_owner` with FORCE ROW LEVEL
SECURITY; members log in with their own role, a member of the NOLOGIN group `promptly_member`,
which holds only SELECT and INSERT grants (no UPDATE, no DELETE: history is append-only).

Pushes take one transaction-scoped advisory lock, so sequence numbers become visible in commit
order and "events after N" never skips one committed late. LISTEN/NOTIFY on `promptly_team`
carries no data: it only says "pull now".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from app.i18n import Text

log = logging.getLogger(__name__)

SCHEMA_VERSION = 6  # 2: notes, escalations seen while open, departments, turnaround times;
# 3: "reminded"; 4: a department's own published turnaround times; 5: the server picks the
# windows of the team's figures, and meta names the oldest client schema it serves; 6: one team
# time zone, figures of ended weeks only, frozen at their end, without the caller's requests
# The oldest client schema this server's schema still serves (meta.min_client), so that a
# newer server that only adds keeps its older clients: raise it only when they would break.
MIN_CLIENT = 6  # 5 replaced functions that 4 called; 6 department_totals(week, zone) of 5
SCHEMA = "promptly_team"
OWNER = "promptly_owner"
MEMBER = "promptly_member"
CHANNEL = "promptly_team"
PUSH_LOCK = 7_145_601  # pg_advisory_xact_lock key: pushes commit in sequence order
PULL_BATCH = 1000
CONNECT_TIMEOUT = 5  # seconds: an unreachable server fails a sync quickly

SHARED_KIND_NAMES = ("created", "acknowledged", "promised", "renegotiated", "done", "cancelled",
                     "reopened", "edited", "escalated", "note", "reminded")
# fewer members, and one could work out another's figures from the totals and their own
MIN_DEPARTMENT = 3
# measured turnaround: over the requests asked in these last whole weeks (the team's zone)
MEASURED_WEEKS = 8
# the team's working week for its figures, in the team's time zone (meta.zone)
WORK_START, WORK_END = "09:00", "17:00"
# working hours are counted over at most this many days from the ask: a bogus year 290000
# costs no more than a year's walk
MAX_SPAN_DAYS = 400


class TeamError(Exception):
    """A team operation failed for a reason the user can act on; the message says which."""


class Unreachable(TeamError):
    """The server did not answer: nothing was lost, the next sync sends it."""


class PasswordNeeded(TeamError):
    """No password, or a wrong one: the member must give it (again)."""


def _ddl() -> list[str]:
    kinds = ", ".join(f"'{k}'" for k in SHARED_KIND_NAMES)
    s = SCHEMA
    return [
        f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OWNER}') THEN
                CREATE ROLE {OWNER} NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{MEMBER}') THEN
                CREATE ROLE {MEMBER} NOLOGIN; END IF;
        END $$""",
        f"CREATE SCHEMA IF NOT EXISTS {s} AUTHORIZATION {OWNER}",
        f"REVOKE ALL ON SCHEMA {s} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {s} TO {MEMBER}",
        f"CREATE TABLE IF NOT EXISTS {s}.meta (version integer NOT NULL)",
        f"ALTER TABLE {s}.meta ADD COLUMN IF NOT EXISTS min_client integer",
        f"ALTER TABLE {s}.meta ADD COLUMN IF NOT EXISTS zone text",  # the team's time zone
        f"""CREATE TABLE IF NOT EXISTS {s}.members (
            login name PRIMARY KEY,
            name text NOT NULL CHECK (name <> ''),
            email text,
            supervisor name REFERENCES {s}.members(login),
            active boolean NOT NULL DEFAULT true)""",
        f"ALTER TABLE {s}.members ADD COLUMN IF NOT EXISTS department text",
        f"""CREATE TABLE IF NOT EXISTS {s}.requests (
            uid text PRIMARY KEY CHECK (length(uid) BETWEEN 8 AND 64),
            requester name NOT NULL REFERENCES {s}.members(login),
            asked name NOT NULL REFERENCES {s}.members(login),
            title text NOT NULL,
            tags text[] NOT NULL DEFAULT '{{}}',
            priority smallint NOT NULL DEFAULT 0,
            asked_at timestamptz NOT NULL,
            needed_by timestamptz,
            created_by name NOT NULL DEFAULT current_user,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            CHECK (requester <> asked))""",
        f"""CREATE TABLE IF NOT EXISTS {s}.escalations (
            request_uid text NOT NULL REFERENCES {s}.requests(uid),
            to_login name NOT NULL REFERENCES {s}.members(login),
            by_login name NOT NULL DEFAULT current_user,
            PRIMARY KEY (request_uid, to_login))""",
        f"""CREATE TABLE IF NOT EXISTS {s}.events (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            uid text NOT NULL UNIQUE CHECK (length(uid) BETWEEN 8 AND 64),
            request_uid text NOT NULL REFERENCES {s}.requests(uid),
            author name NOT NULL DEFAULT current_user,
            kind text NOT NULL CHECK (kind IN ({kinds})),
            at timestamptz NOT NULL,
            data jsonb NOT NULL DEFAULT '{{}}',
            recorded_at timestamptz NOT NULL DEFAULT now())""",
        # when the server got a request (older servers: with its first event, else now): a
        # week's figures count only what was recorded before the week ended, so they never change
        f"ALTER TABLE {s}.requests ADD COLUMN IF NOT EXISTS recorded_at timestamptz",
        f"""UPDATE {s}.requests r SET recorded_at = coalesce(
                (SELECT min(e.recorded_at) FROM {s}.events e WHERE e.request_uid = r.uid), now())
            WHERE recorded_at IS NULL""",
        f"ALTER TABLE {s}.requests ALTER COLUMN recorded_at SET DEFAULT now()",
        f"ALTER TABLE {s}.requests ALTER COLUMN recorded_at SET NOT NULL",
        f"ALTER TABLE {s}.events ADD COLUMN IF NOT EXISTS recorded_at timestamptz NOT NULL"
        " DEFAULT now()",
        # no event from the far future (a day's leeway for clocks); old rows are left as they are
        f"ALTER TABLE {s}.events DROP CONSTRAINT IF EXISTS events_at_recorded",
        f"""ALTER TABLE {s}.events ADD CONSTRAINT events_at_recorded
            CHECK (at <= recorded_at + interval '1 day') NOT VALID""",
        # a server made by an older version: the kinds it accepts grow (replaced, not added beside)
        f"ALTER TABLE {s}.events DROP CONSTRAINT IF EXISTS events_kind_check",
        f"ALTER TABLE {s}.events ADD CONSTRAINT events_kind_check CHECK (kind IN ({kinds}))",
        # a member's published usual turnaround, in working hours; tag '' is their default
        f"""CREATE TABLE IF NOT EXISTS {s}.turnarounds (
            login name NOT NULL DEFAULT current_user REFERENCES {s}.members(login),
            tag text NOT NULL DEFAULT '' CHECK (length(tag) <= 64),
            hours numeric NOT NULL CHECK (hours > 0 AND hours <= 2000),
            PRIMARY KEY (login, tag))""",
        # a department's, published by a supervisor of one of its members (policy below)
        f"""CREATE TABLE IF NOT EXISTS {s}.department_turnarounds (
            department text NOT NULL CHECK (department <> ''),
            tag text NOT NULL DEFAULT '' CHECK (length(tag) <= 64),
            hours numeric NOT NULL CHECK (hours > 0 AND hours <= 2000),
            PRIMARY KEY (department, tag))""",
        f"CREATE INDEX IF NOT EXISTS events_request_seq ON {s}.events (request_uid, seq)",
        f"CREATE INDEX IF NOT EXISTS requests_requester ON {s}.requests (requester)",
        f"CREATE INDEX IF NOT EXISTS requests_asked ON {s}.requests (asked)",
        f"CREATE INDEX IF NOT EXISTS escalations_to ON {s}.escalations (to_login)",
        *(f"ALTER TABLE {s}.{t} OWNER TO {OWNER}" for t in TABLES),
        *(f"ALTER TABLE {s}.{t} ENABLE ROW LEVEL SECURITY" for t in TABLES),
        *(f"ALTER TABLE {s}.{t} FORCE ROW LEVEL SECURITY" for t in TABLES),
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC",
        f"GRANT SELECT ON {s}.meta, {s}.members TO {MEMBER}",
        f"GRANT SELECT ON {s}.requests, {s}.escalations, {s}.events TO {MEMBER}",
        # column lists: a member never sets created_by, by_login's peers, seq or recorded_at
        f"""GRANT INSERT (uid, requester, asked, title, tags, priority, asked_at, needed_by)
            ON {s}.requests TO {MEMBER}""",
        f"GRANT INSERT (request_uid, to_login) ON {s}.escalations TO {MEMBER}",
        f"GRANT INSERT (uid, request_uid, kind, at, data) ON {s}.events TO {MEMBER}",
        f"GRANT SELECT, DELETE ON {s}.turnarounds TO {MEMBER}",
        f"GRANT INSERT (tag, hours), UPDATE (hours) ON {s}.turnarounds TO {MEMBER}",
        f"GRANT SELECT, DELETE ON {s}.department_turnarounds TO {MEMBER}",
        f"GRANT INSERT (department, tag, hours), UPDATE (hours) ON {s}.department_turnarounds"
        f" TO {MEMBER}",
        *_functions(),
        # policies are dropped and created again: running init twice leaves the same set
        *_policies(),
    ]


TABLES = ("meta", "members", "requests", "escalations", "events", "turnarounds",
          "department_turnarounds")


def _functions() -> list[str]:
    """Narrow SECURITY DEFINER functions (fixed search_path and TimeZone, EXECUTE for members
    only): they run as the owner, who reads everything through the `owner_read` policies, and
    give back one boolean or aggregates, never rows of others' requests.

    The figures are the team's, never the caller's choice: weeks in the team's time zone
    (meta.zone), only weeks that have ended, counting only what the server recorded before a
    week's end (so an ended week's figures never change), and never a request the caller is
    party to (so requests one makes up neither meet the threshold nor single out another's)."""
    s = SCHEMA
    fixed = "SET search_path = pg_catalog, pg_temp SET TimeZone = 'UTC'"
    definer = f"SECURITY DEFINER {fixed}"

    def closing(cut: str = "") -> str:
        # the fold's rule for open/closed: the last of done, cancelled and reopened in the
        # order (at, author, uid) decides; with none the request is open
        return f"""(SELECT c.kind FROM {s}.events c WHERE c.request_uid = r.uid
                     AND c.kind IN ('done', 'cancelled', 'reopened') {cut.format(e='c')}
                   ORDER BY c.at DESC, c.author::text COLLATE "C" DESC, c.uid COLLATE "C" DESC
                   LIMIT 1)"""

    cut = "AND {e}.recorded_at < b.until"  # what the server had at the window's end
    settled = f"""(SELECT min(d.at) FROM {s}.events d WHERE d.request_uid = r.uid
                   AND d.kind = 'done' {cut.format(e='d')})"""
    answered = f"""(SELECT min(a.at) FROM {s}.events a WHERE a.request_uid = r.uid
                    AND a.kind IN ('acknowledged', 'promised', 'done') {cut.format(e='a')})"""
    promise = f"""(SELECT p.data->>'to' FROM {s}.events p WHERE p.request_uid = r.uid
                   AND p.kind IN ('promised', 'renegotiated') AND p.data ? 'to' {cut.format(e='p')}
                   ORDER BY p.at DESC, p.uid COLLATE "C" DESC LIMIT 1)::timestamptz"""
    in_window = ("r.asked_at >= b.since AND r.asked_at < b.until AND r.recorded_at < b.until"
                 f" AND {closing(cut)} = 'done'")
    # the last MEASURED_WEEKS whole weeks that have ended, in the team's zone
    measured = f"""(SELECT (monday - interval '{MEASURED_WEEKS} weeks') AT TIME ZONE z.zone AS since,
                           monday AT TIME ZONE z.zone AS until, z.zone
                    FROM (SELECT {s}.team_zone() AS zone) z,
                         LATERAL (SELECT date_trunc('week', now() AT TIME ZONE z.zone)
                                  AS monday) w) b"""
    hours = f"{s}.working_hours(r.asked_at, {settled}, b.zone)"
    statements = [
        # schema 4's took the caller's window, schema 5's the caller's zone: gone, so no member
        # can ask for a narrow or shifted one
        f"DROP FUNCTION IF EXISTS {s}.measured_turnaround(timestamptz)",
        f"DROP FUNCTION IF EXISTS {s}.measured_department_turnaround(timestamptz)",
        f"DROP FUNCTION IF EXISTS {s}.department_totals(timestamptz, timestamptz)",
        f"DROP FUNCTION IF EXISTS {s}.department_totals(date, text)",
        f"DROP FUNCTION IF EXISTS {s}.working_hours(timestamptz, timestamptz)",
        f"""CREATE OR REPLACE FUNCTION {s}.team_zone() RETURNS text LANGUAGE sql STABLE {fixed}
            AS $$ SELECT coalesce(max(zone), 'UTC') FROM {s}.meta $$""",
        # working hours between a and b, Mon-Fri WORK_START-WORK_END on the clocks of `zone`;
        # nothing before an answer (b NULL), and at most MAX_SPAN_DAYS walked
        f"""CREATE OR REPLACE FUNCTION {s}.working_hours(a timestamptz, b timestamptz, zone text)
            RETURNS double precision LANGUAGE sql STABLE {fixed}
            AS $$ SELECT coalesce(sum(extract(epoch FROM least(l.lb, d + time '{WORK_END}')
                                               - greatest(l.la, d + time '{WORK_START}'))), 0) / 3600
                  FROM (SELECT a AT TIME ZONE zone AS la,
                               least(b, a + interval '{MAX_SPAN_DAYS} days') AT TIME ZONE zone AS lb
                        WHERE isfinite(a) AND a < timestamptz '100000-01-01 UTC'
                          AND b IS NOT NULL) l,
                       generate_series(date_trunc('day', l.la), l.lb, interval '1 day') AS d
                  WHERE extract(isodow FROM d) < 6
                    AND least(l.lb, d + time '{WORK_END}') > greatest(l.la, d + time '{WORK_START}') $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.request_open(request text) RETURNS boolean
            LANGUAGE sql STABLE {definer} AS $$
            SELECT coalesce((SELECT coalesce({closing()}, 'open') NOT IN ('done', 'cancelled')
                             FROM {s}.requests r WHERE r.uid = request), false) $$""",
        # measured turnaround of settled requests, only where the member published one, over
        # the server's window; a member's own figure is all theirs, another's leaves out what
        # the caller asked of them
        f"""CREATE OR REPLACE FUNCTION {s}.measured_turnaround()
            RETURNS TABLE (login name, tag text, median_hours double precision, settled bigint)
            LANGUAGE sql STABLE {definer} AS $$
            SELECT t.login, t.tag, percentile_cont(0.5) WITHIN GROUP (ORDER BY {hours}),
                   count(r.uid)
            FROM {s}.turnarounds t, {measured}
            JOIN {s}.requests r ON true
            WHERE r.asked = t.login AND (t.tag = '' OR t.tag = ANY (r.tags))
              AND r.requester <> session_user AND {in_window}
            GROUP BY t.login, t.tag $$""",
        # the same for a department's published times, over the requests asked of its members
        # (none the caller is party to); only where MIN_DEPARTMENT of them settled some
        f"""CREATE OR REPLACE FUNCTION {s}.measured_department_turnaround()
            RETURNS TABLE (department text, tag text, median_hours double precision,
                           settled bigint)
            LANGUAGE sql STABLE {definer} AS $$
            SELECT t.department, t.tag, percentile_cont(0.5) WITHIN GROUP (ORDER BY {hours}),
                   count(r.uid)
            FROM {s}.department_turnarounds t, {measured}
            JOIN {s}.members m ON true
            JOIN {s}.requests r ON r.asked = m.login
            WHERE m.department = t.department AND (t.tag = '' OR t.tag = ANY (r.tags))
              AND session_user NOT IN (r.requester, r.asked) AND {in_window}
            GROUP BY t.department, t.tag
            HAVING count(DISTINCT r.asked) >= {MIN_DEPARTMENT} $$""",
        # the caller's department's totals for the ISO week starting on the Monday `week` in the
        # team's zone, once it has ended; only when MIN_DEPARTMENT of its members were asked in
        # it by others (their median only when as many settled), so never one member's figures
        f"""CREATE OR REPLACE FUNCTION {s}.department_totals(week date)
            RETURNS TABLE (department text, members bigint, requests bigint, answered bigint,
                           answered_on_time bigint, promised bigint, promises_kept bigint,
                           median_hours double precision, published_hours double precision)
            LANGUAGE sql STABLE {definer} AS $$
            WITH mine AS (SELECT department FROM {s}.members me  -- the caller: session_user here
                          WHERE login = session_user AND department IS NOT NULL
                            AND (SELECT count(*) FROM {s}.members o WHERE o.active
                                 AND o.department = me.department) >= {MIN_DEPARTMENT}),
                 team AS (SELECT m.login FROM {s}.members m JOIN mine USING (department)),
                 bounds AS (SELECT week::timestamp AT TIME ZONE z.zone AS since,
                                   (week + 7)::timestamp AT TIME ZONE z.zone AS until, z.zone
                            FROM (SELECT {s}.team_zone() AS zone) z
                            WHERE extract(isodow FROM week) = 1),
                 asked AS (SELECT r.uid, r.asked, r.asked_at, b.zone, {answered} AS answered_at,
                                  {settled} AS done_at, {promise} AS promised_at,
                                  {closing(cut)} AS last
                           FROM {s}.requests r, bounds b
                           WHERE b.until <= now() AND r.asked IN (SELECT login FROM team)
                             AND session_user NOT IN (r.requester, r.asked)
                             AND r.asked_at >= b.since AND r.asked_at < b.until
                             AND r.recorded_at < b.until)
            SELECT (SELECT department FROM mine), (SELECT count(*) FROM team), count(*),
                   count(answered_at),
                   count(*) FILTER (WHERE answered_at IS NOT NULL
                                    AND {s}.working_hours(asked_at, answered_at, zone) <= 1),
                   count(promised_at),
                   count(*) FILTER (WHERE last = 'done' AND done_at <= promised_at),
                   CASE WHEN count(DISTINCT asked) FILTER (WHERE last = 'done')
                             >= {MIN_DEPARTMENT}
                        THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY
                            CASE WHEN last = 'done' THEN {s}.working_hours(asked_at, done_at, zone)
                            END)
                   END,
                   coalesce((SELECT d.hours::double precision FROM {s}.department_turnarounds d
                             WHERE d.tag = '' AND d.department = (SELECT department FROM mine)),
                            (SELECT avg(t.hours)::double precision FROM {s}.turnarounds t
                             WHERE t.tag = '' AND t.login IN (SELECT login FROM team)))
            FROM asked WHERE EXISTS (SELECT 1 FROM mine)
            HAVING count(DISTINCT asked) >= {MIN_DEPARTMENT} $$""",
    ]
    for function in ("team_zone()", "working_hours(timestamptz, timestamptz, text)",
                     "request_open(text)", "measured_turnaround()",
                     "measured_department_turnaround()", "department_totals(date)"):
        statements += [f"ALTER FUNCTION {s}.{function} OWNER TO {OWNER}",
                       f"REVOKE ALL ON FUNCTION {s}.{function} FROM PUBLIC",
                       f"GRANT EXECUTE ON FUNCTION {s}.{function} TO {MEMBER}"]
    return statements


def _policies() -> list[str]:
    s = SCHEMA
    active = f"EXISTS (SELECT 1 FROM {s}.members m WHERE m.login = current_user AND m.active)"
    party = "current_user IN (r.requester, r.asked)"
    supervises = (f"EXISTS (SELECT 1 FROM {s}.members m WHERE m.active AND m.supervisor = "
                  f"current_user AND m.department = department_turnarounds.department)")
    statements = []
    for table, name in (("meta", "meta_read"), ("members", "members_read"),
                        ("requests", "requests_read"), ("requests", "requests_add"),
                        ("escalations", "escalations_read"), ("escalations", "escalations_add"),
                        ("events", "events_read"), ("events", "events_add"),
                        ("turnarounds", "turnarounds_read"), ("turnarounds", "turnarounds_write"),
                        ("department_turnarounds", "department_turnarounds_read"),
                        ("department_turnarounds", "department_turnarounds_write"),
                        *((t, "owner_read") for t in TABLES)):
        statements.append(f"DROP POLICY IF EXISTS {name} ON {s}.{table}")
    statements += [
        f"CREATE POLICY meta_read ON {s}.meta FOR SELECT TO {MEMBER} USING (true)",
        f"CREATE POLICY members_read ON {s}.members FOR SELECT TO {MEMBER} USING (true)",
        f"""CREATE POLICY requests_read ON {s}.requests FOR SELECT TO {MEMBER} USING (
            current_user IN (requester, asked)
            OR (EXISTS (SELECT 1 FROM {s}.escalations e
                        WHERE e.request_uid = uid AND e.to_login = current_user)
                AND {s}.request_open(uid)))""",
        f"""CREATE POLICY requests_add ON {s}.requests FOR INSERT TO {MEMBER} WITH CHECK (
            {active} AND current_user IN (requester, asked) AND created_by = current_user
            AND EXISTS (SELECT 1 FROM {s}.members m WHERE m.active AND m.login =
                        CASE WHEN requester = current_user THEN asked ELSE requester END))""",
        f"""CREATE POLICY escalations_read ON {s}.escalations FOR SELECT TO {MEMBER} USING (
            to_login = current_user OR by_login = current_user)""",
        # only the requester escalates, and only to the asked member's supervisor
        f"""CREATE POLICY escalations_add ON {s}.escalations FOR INSERT TO {MEMBER} WITH CHECK (
            {active} AND by_login = current_user AND EXISTS (
                SELECT 1 FROM {s}.requests r JOIN {s}.members m ON m.login = r.asked
                WHERE r.uid = request_uid AND r.requester = current_user
                  AND m.supervisor = to_login))""",
        f"""CREATE POLICY events_read ON {s}.events FOR SELECT TO {MEMBER} USING (
            EXISTS (SELECT 1 FROM {s}.requests r WHERE r.uid = request_uid))""",
        # parties add any shared event; the supervisor it was escalated to adds notes while open
        f"""CREATE POLICY events_add ON {s}.events FOR INSERT TO {MEMBER} WITH CHECK (
            {active} AND author = current_user AND (
                EXISTS (SELECT 1 FROM {s}.requests r WHERE r.uid = request_uid AND {party})
                OR (kind = 'note' AND EXISTS (
                        SELECT 1 FROM {s}.escalations e
                        WHERE e.request_uid = events.request_uid AND e.to_login = current_user)
                    AND {s}.request_open(request_uid))))""",
        f"CREATE POLICY turnarounds_read ON {s}.turnarounds FOR SELECT TO {MEMBER} USING (true)",
        f"""CREATE POLICY turnarounds_write ON {s}.turnarounds FOR ALL TO {MEMBER}
            USING (login = current_user) WITH CHECK (login = current_user AND {active})""",
        f"""CREATE POLICY department_turnarounds_read ON {s}.department_turnarounds
            FOR SELECT TO {MEMBER} USING (true)""",
        # a department's times: published, changed and withdrawn by whoever supervises one of
        # its active members (the directory, which members cannot change, says who that is)
        f"""CREATE POLICY department_turnarounds_write ON {s}.department_turnarounds
            FOR ALL TO {MEMBER} USING ({supervises}) WITH CHECK ({active} AND {supervises})""",
        # the NOLOGIN owner runs the SECURITY DEFINER functions: FORCE RLS applies to it too
        *(f"CREATE POLICY owner_read ON {s}.{t} FOR SELECT TO {OWNER} USING (true)"
          for t in TABLES),
    ]
    return statements


# -- connecting ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    """A team server URL without its password: what is safe to store and show."""

    host: str
    port: int
    database: str
    user: str

    @classmethod
    def parse(cls, url: str, *, allow_password: bool = False) -> Address:
        parts = urlsplit(url)
        if parts.scheme not in ("postgresql", "postgres", "postgresql+psycopg"):
            raise TeamError(f"{url!r} is not a team server URL like postgresql://dana@host:5432/promptly")
        if parts.password and not allow_password:
            raise TeamError("put no password in the URL: Promptly takes it from the system keyring "
                            "or from PGPASSWORD, PGPASSFILE or a service file")
        database = parts.path.lstrip("/")
        if not parts.hostname or not parts.username or not database:
            raise TeamError(f"{_safe(url)} needs a user, a host and a database, like "
                            "postgresql://dana@host:5432/promptly")
        return cls(parts.hostname, parts.port or 5432, unquote(database), unquote(parts.username))

    def __str__(self) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}/{self.database}"


def _safe(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(":" + parts.password + "@", ":***@")
    return url


def connect(url: str, *, password: str | None = None, autocommit: bool = False,
            allow_password: bool = False):
    """A connection as the URL's user; without `password`, libpq finds one (PGPASSWORD,
    PGPASSFILE, a service file). Connection failures become TeamError with one clear line."""
    import psycopg

    address = Address.parse(url, allow_password=allow_password)
    options: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT, "autocommit": autocommit,
                               "application_name": "promptly"}
    if password is not None:
        options["password"] = password
    conninfo = url.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        return psycopg.connect(conninfo, **options)
    except psycopg.OperationalError as exc:
        raise _connect_error(address, str(exc)) from None


def _connect_error(address: Address, reason: str) -> TeamError:
    lowered = reason.lower()
    if "password authentication failed" in lowered:
        return PasswordNeeded(f"wrong password for {address.user} on {address.server}")
    if "no password supplied" in lowered or "fe_sendauth" in lowered:
        return PasswordNeeded(f"no password for {address.user} on {address.server}: store it with "
                         "`promptly team join URL --password-stdin`, or set PGPASSWORD or PGPASSFILE")
    if "not permitted to log in" in lowered:
        return TeamError(f"{address.user} has been removed from the team on {address.server}")
    if "too many clients" in lowered or "connection slots" in lowered:
        return Unreachable(f"the team server {address.server} has no free connection now; "
                           "nothing is lost, the next `promptly sync` sends it")
    if "does not exist" in lowered:
        return TeamError(f"{address.server}: {reason.strip().splitlines()[-1]}")
    return Unreachable(f"cannot reach the team server {address.server}; nothing is lost, "
                       "the next `promptly sync` sends it")


def check_version(conn) -> None:
    """Refuse a server whose schema is missing, older than this client (not upgraded yet), or
    so much newer that it no longer serves this client (its meta's min_client)."""
    row = conn.execute(
        f"SELECT to_regclass('{SCHEMA}.meta') IS NOT NULL").fetchone()
    if not row[0]:
        raise TeamError(Text("this server has no Promptly team yet: an administrator runs "
                             "`promptly team init URL`"))
    # as JSON: a server older than schema 5 has no min_client column
    meta = conn.execute(f"SELECT to_jsonb(m) FROM {SCHEMA}.meta m"
                        " ORDER BY version DESC LIMIT 1").fetchone()
    if meta is None:
        raise TeamError(Text("you are not a member of this team (ask the administrator to add you)"))
    found = meta[0]["version"]
    if SCHEMA_VERSION < (meta[0].get("min_client") or found):
        raise _newer(found)
    if found < SCHEMA_VERSION:
        raise TeamError(Text("the team server's schema (version {found}) is older than this "
                             "Promptly (version {version}): an administrator runs "
                             "`promptly team init URL`", found=found, version=SCHEMA_VERSION))


def _newer(found: int) -> TeamError:
    return TeamError(Text("the team server's schema (version {found}) is newer than this "
                          "Promptly (version {version}) can use; update Promptly",
                          found=found, version=SCHEMA_VERSION))


def check_zone(zone: str) -> str:
    """`zone` if it names a time zone (Europe/Berlin); TeamError otherwise."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise TeamError(Text("unknown time zone {zone}; use a name like Europe/Berlin",
                             zone=repr(zone))) from None
    return zone


# -- administration -----------------------------------------------------------------------


def init(url: str, zone: str | None = None) -> bool:
    """Create or upgrade the team schema in one transaction, with the team's time zone (by
    default the one it has, else this machine's); True if it changed anything."""
    from app.settings import local_timezone_name

    if zone is not None:
        check_zone(zone)
    with connect(url, allow_password=True) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK + 1,))
        before = conn.execute(f"SELECT to_regclass('{SCHEMA}.meta') IS NOT NULL").fetchone()[0]
        meta = {}
        if before:
            meta = conn.execute(f"SELECT to_jsonb(m) FROM {SCHEMA}.meta m"
                                " ORDER BY version DESC LIMIT 1").fetchone()
            meta = meta[0] if meta else {}
        zone = zone or meta.get("zone") or local_timezone_name()
        # the server must know it too: its figures are counted there
        if not conn.execute("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = %s)",
                            (zone,)).fetchone()[0]:
            raise TeamError(Text("the team server does not know the time zone {zone}; use a "
                                 "name like Europe/Berlin", zone=repr(zone)))
        found = meta.get("version", 0)
        if found > SCHEMA_VERSION:
            raise _newer(found)
        if found == SCHEMA_VERSION:
            if zone == meta.get("zone"):
                return False
            conn.execute(f"UPDATE {SCHEMA}.meta SET zone = %s", (zone,))
            return True
        database = conn.execute("SELECT current_database()").fetchone()[0]
        for statement in _ddl():
            conn.execute(statement)
        conn.execute(f'REVOKE CONNECT ON DATABASE "{database}" FROM PUBLIC')
        conn.execute(f'GRANT CONNECT ON DATABASE "{database}" TO {MEMBER}')
        conn.execute(f"DELETE FROM {SCHEMA}.meta")
        conn.execute(f"INSERT INTO {SCHEMA}.meta (version, min_client, zone) VALUES (%s, %s, %s)",
                     (SCHEMA_VERSION, MIN_CLIENT, zone))
    return True


def team_zone(conn) -> str:
    """The team's time zone: its weeks and working hours are counted there."""
    return conn.execute(f"SELECT {SCHEMA}.team_zone()").fetchone()[0]


def _ident(conn, name: str) -> str:
    from psycopg import sql

    return sql.Identifier(name).as_string(conn)


def add_member(url: str, login: str, *, name: str, password: str, email: str | None = None,
               supervisor: str | None = None, department: str | None = None) -> None:
    if not login or not login.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise TeamError(f"{login!r} is not a login like dana or dana.k")
    if not name.strip():
        raise TeamError("a member needs a display name: --name 'Dana K.'")
    if len(password) < 8:
        raise TeamError("the password must be at least 8 characters")
    with connect(url, allow_password=True) as conn:
        check_version(conn)
        if supervisor and not conn.execute(
                f"SELECT 1 FROM {SCHEMA}.members WHERE login = %s AND active", (supervisor,)).fetchone():
            raise TeamError(f"there is no active member {supervisor} to be the supervisor")
        if conn.execute(f"SELECT 1 FROM {SCHEMA}.members WHERE login = %s", (login,)).fetchone():
            raise TeamError(f"{login} is a member already")
        role = _ident(conn, login)
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
        if exists:
            raise TeamError(f"a database role {login} exists already; choose another login")
        from psycopg import sql

        # hashed here (SCRAM, as libpq does for \password): the server and its log never see it
        verifier = conn.pgconn.encrypt_password(password.encode(), login.encode(),
                                                b"scram-sha-256").decode()
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
            sql.Identifier(login), sql.Literal(verifier), sql.Identifier(MEMBER)))
        conn.execute(f"ALTER ROLE {role} SET search_path = {SCHEMA}")
        conn.execute(f"INSERT INTO {SCHEMA}.members (login, name, email, supervisor, department) "
                     "VALUES (%s, %s, %s, %s, %s)",
                     (login, name.strip(), email, supervisor, (department or "").strip() or None))


def remove_member(url: str, login: str) -> None:
    """The member can no longer log in; their history stays."""
    with connect(url, allow_password=True) as conn:
        check_version(conn)
        if not conn.execute(f"UPDATE {SCHEMA}.members SET active = false WHERE login = %s "
                            "RETURNING 1", (login,)).fetchone():
            raise TeamError(f"{login} is not a member")
        conn.execute(f"ALTER ROLE {_ident(conn, login)} NOLOGIN")
        # end the sessions already open: a removed member is out now, not at their next login
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                     (login,))


# -- a member's queries -------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    login: str
    name: str
    email: str | None
    supervisor: str | None
    active: bool = True
    department: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"login": self.login, "name": self.name, "email": self.email,
                "supervisor": self.supervisor, "active": self.active,
                "department": self.department}


def members(conn) -> list[Member]:
    rows = conn.execute(f"SELECT login, name, email, supervisor, active, department "
                        f"FROM {SCHEMA}.members ORDER BY login").fetchall()
    return [Member(*row) for row in rows]


@dataclass(frozen=True)
class SharedRequest:
    uid: str
    requester: str
    asked: str
    title: str
    tags: list[str]
    priority: int
    asked_at: datetime
    needed_by: datetime | None


@dataclass(frozen=True)
class ServerEvent:
    seq: int
    uid: str
    request_uid: str
    author: str
    kind: str
    at: datetime
    data: dict[str, Any]


def push(conn, requests: Sequence[SharedRequest], events: Sequence[ServerEvent],
         escalations: Iterable[tuple[str, str]] = ()) -> None:
    """Send requests and events by uid in one transaction: sending twice adds nothing."""
    if not (requests or events):
        return  # no lock, no cue: others are not woken for nothing
    # one round trip (pipeline mode): the push lock is held for the server's work only
    with conn.pipeline(), conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK,))
        with conn.cursor() as cur:
            if requests:
                cur.executemany(
                    f"INSERT INTO {SCHEMA}.requests (uid, requester, asked, title, tags, priority,"
                    " asked_at, needed_by) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (uid) DO NOTHING",
                    [(r.uid, r.requester, r.asked, r.title, r.tags, r.priority, r.asked_at,
                      r.needed_by) for r in requests])
            if events:
                cur.executemany(
                    f"INSERT INTO {SCHEMA}.events (uid, request_uid, kind, at, data)"
                    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (uid) DO NOTHING",
                    [(e.uid, e.request_uid, e.kind, e.at, json.dumps(e.data)) for e in events])
            for request_uid, to_login in escalations:  # escalated events come with them
                cur.execute(f"INSERT INTO {SCHEMA}.escalations (request_uid, to_login)"
                            " VALUES (%s, %s) ON CONFLICT DO NOTHING", (request_uid, to_login))
            cur.execute(f"NOTIFY {CHANNEL}")


def pull(conn, after: int, limit: int = PULL_BATCH) -> list[ServerEvent]:
    """Events after sequence `after` that RLS lets this member see, oldest first."""
    rows = conn.execute(
        f"SELECT seq, uid, request_uid, author, kind, at, data FROM {SCHEMA}.events"
        " WHERE seq > %s ORDER BY seq LIMIT %s", (after, limit)).fetchall()
    return [ServerEvent(*row) for row in rows]


def shared_requests(conn, uids: Iterable[str]) -> dict[str, SharedRequest]:
    rows = conn.execute(
        f"SELECT uid, requester, asked, title, tags, priority, asked_at, needed_by"
        f" FROM {SCHEMA}.requests WHERE uid = ANY(%s)", (list(uids),)).fetchall()
    return {row[0]: SharedRequest(*row) for row in rows}


def listen(conn) -> None:
    """Ask for cues on an autocommit connection (not behind a transaction pooler)."""
    conn.execute(f"LISTEN {CHANNEL}")


def wait_for_cue(conn, timeout: float) -> bool:
    """True if some member pushed within `timeout` seconds: time to pull."""
    for _ in conn.notifies(timeout=timeout, stop_after=1):
        return True
    return False


# -- escalations, turnaround times, team totals ---------------------------------------------


def escalated_to_me(conn) -> list[tuple[SharedRequest, list[ServerEvent]]]:
    """The open requests escalated to this member, with their events (RLS shows no others)."""
    rows = conn.execute(
        f"SELECT r.uid, r.requester, r.asked, r.title, r.tags, r.priority, r.asked_at, r.needed_by"
        f" FROM {SCHEMA}.requests r JOIN {SCHEMA}.escalations e ON e.request_uid = r.uid"
        " WHERE e.to_login = current_user ORDER BY r.asked_at").fetchall()
    requests = [SharedRequest(*row) for row in rows]
    events = conn.execute(
        f"SELECT seq, uid, request_uid, author, kind, at, data FROM {SCHEMA}.events"
        " WHERE request_uid = ANY(%s) ORDER BY seq", ([r.uid for r in requests],)).fetchall()
    by_request: dict[str, list[ServerEvent]] = {r.uid: [] for r in requests}
    for row in events:
        by_request[row[2]].append(ServerEvent(*row))
    return [(r, by_request[r.uid]) for r in requests]


def add_note(conn, event: ServerEvent) -> None:
    """A note on a request, by a party or by the supervisor it was escalated to."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK,))
        conn.execute(f"INSERT INTO {SCHEMA}.events (uid, request_uid, kind, at, data)"
                     " VALUES (%s, %s, 'note', %s, %s) ON CONFLICT (uid) DO NOTHING",
                     (event.uid, event.request_uid, event.at, json.dumps(event.data)))
        conn.execute(f"NOTIFY {CHANNEL}")


@dataclass(frozen=True)
class Turnaround:
    """A published usual turnaround (tag '' is the default) and what was measured: a member's
    (`login`), or with `department` a department's (`login` None)."""

    login: str | None
    tag: str
    hours: float
    median_hours: float | None = None
    settled: int = 0
    department: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"login": self.login, "department": self.department, "tag": self.tag or None,
                "hours": self.hours,
                "measured_median_hours": (round(self.median_hours, 1)
                                          if self.median_hours is not None else None),
                "settled": self.settled}


def publish_turnaround(conn, hours_by_tag: dict[str, float | None],
                       department: str | None = None) -> None:
    """Set (or with None remove) this member's published turnaround per tag ('' = default), or
    with `department` that department's: the server lets only a supervisor of one of its
    members (TeamError otherwise)."""
    import psycopg

    if department:
        owner: tuple = (department,)
        delete = f"DELETE FROM {SCHEMA}.department_turnarounds WHERE department = %s AND tag = %s"
        upsert = (f"INSERT INTO {SCHEMA}.department_turnarounds (department, tag, hours)"
                  " VALUES (%s, %s, %s) ON CONFLICT (department, tag)"
                  " DO UPDATE SET hours = excluded.hours")
    else:
        owner = ()
        delete = f"DELETE FROM {SCHEMA}.turnarounds WHERE login = current_user AND tag = %s"
        upsert = (f"INSERT INTO {SCHEMA}.turnarounds (tag, hours) VALUES (%s, %s)"
                  " ON CONFLICT (login, tag) DO UPDATE SET hours = excluded.hours")
    refused = TeamError(
        Text("only a supervisor of a member of {department} may publish its turnaround times",
             department=department) if department else
        Text("the team server refused your turnaround times: only an active member of the team "
             "publishes their own"))
    try:
        with conn.transaction():
            for tag, hours in hours_by_tag.items():
                if hours is not None:
                    conn.execute(upsert, (*owner, tag, hours))
                    continue
                gone = conn.execute(delete, (*owner, tag)).rowcount
                if department and not gone and conn.execute(
                        f"SELECT 1 FROM {SCHEMA}.department_turnarounds"
                        " WHERE department = %s AND tag = %s", (department, tag)).fetchone():
                    raise refused  # RLS kept the row: say so rather than nothing
    except psycopg.errors.InsufficientPrivilege:
        raise refused from None


def _published(conn, table: str, key: str, measured: str | None) -> list[tuple]:
    if measured is None:
        return conn.execute(f"SELECT {key}, tag, hours::double precision FROM {SCHEMA}.{table}"
                            f" ORDER BY {key}, tag").fetchall()
    return conn.execute(
        f"SELECT t.{key}, t.tag, t.hours::double precision, m.median_hours, coalesce(m.settled, 0)"
        f" FROM {SCHEMA}.{table} t LEFT JOIN {SCHEMA}.{measured}() m"
        f"   ON m.{key} = t.{key} AND m.tag = t.tag ORDER BY t.{key}, t.tag").fetchall()


def turnarounds(conn, measured: bool = False) -> list[Turnaround]:
    """Every published turnaround of the team, the members' then the departments'; with
    `measured`, beside each the median over the requests asked in the last MEASURED_WEEKS and
    settled (done), as the server counts them (a department's only where MIN_DEPARTMENT of its
    members settled some)."""
    members = _published(conn, "turnarounds", "login",
                         "measured_turnaround" if measured else None)
    departments = _published(conn, "department_turnarounds", "department",
                             "measured_department_turnaround" if measured else None)
    return ([Turnaround(*row) for row in members]
            + [Turnaround(None, *rest, department=name) for name, *rest in departments])


def department_totals(conn, week: date) -> dict[str, Any] | None:
    """The caller's department's totals for requests asked in the ISO week that starts on the
    Monday `week` in the team's time zone, as the server recorded them by the week's end and
    without the caller's own requests; None before the week has ended, without a department, in
    one smaller than MIN_DEPARTMENT, or when fewer of its members than that were asked."""
    row = conn.execute(f"SELECT * FROM {SCHEMA}.department_totals(%s)", (week,)).fetchone()
    if row is None or row[0] is None:
        return None
    keys = ("department", "members", "requests", "answered", "answered_on_time", "promised",
            "promises_kept", "median_hours", "published_hours")
    totals = dict(zip(keys, row, strict=True))
    for key in ("median_hours", "published_hours"):
        if totals[key] is not None:
            totals[key] = round(totals[key], 1)
    return totals
