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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urlsplit

SCHEMA_VERSION = 2  # 2: the kind "reminded"
SCHEMA = "promptly_team"
OWNER = "promptly_owner"
MEMBER = "promptly_member"
CHANNEL = "promptly_team"
PUSH_LOCK = 7_145_601  # pg_advisory_xact_lock key: pushes commit in sequence order
PULL_BATCH = 1000
CONNECT_TIMEOUT = 5  # seconds: an unreachable server fails a sync quickly

SHARED_KIND_NAMES = ("created", "acknowledged", "promised", "renegotiated", "done", "cancelled",
                     "reopened", "edited", "escalated", "reminded")


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
        f"""CREATE TABLE IF NOT EXISTS {s}.members (
            login name PRIMARY KEY,
            name text NOT NULL CHECK (name <> ''),
            email text,
            supervisor name REFERENCES {s}.members(login),
            active boolean NOT NULL DEFAULT true)""",
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
        # a server made by an older version: the kinds it accepts grow
        f"ALTER TABLE {s}.events DROP CONSTRAINT IF EXISTS events_kind_check",
        f"ALTER TABLE {s}.events ADD CONSTRAINT events_kind_check CHECK (kind IN ({kinds}))",
        f"CREATE INDEX IF NOT EXISTS events_request_seq ON {s}.events (request_uid, seq)",
        f"CREATE INDEX IF NOT EXISTS requests_requester ON {s}.requests (requester)",
        f"CREATE INDEX IF NOT EXISTS requests_asked ON {s}.requests (asked)",
        f"CREATE INDEX IF NOT EXISTS escalations_to ON {s}.escalations (to_login)",
        *(f"ALTER TABLE {s}.{t} OWNER TO {OWNER}"
          for t in ("meta", "members", "requests", "escalations", "events")),
        *(f"ALTER TABLE {s}.{t} ENABLE ROW LEVEL SECURITY" for t in
          ("meta", "members", "requests", "escalations", "events")),
        *(f"ALTER TABLE {s}.{t} FORCE ROW LEVEL SECURITY" for t in
          ("meta", "members", "requests", "escalations", "events")),
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC",
        f"GRANT SELECT ON {s}.meta, {s}.members TO {MEMBER}",
        f"GRANT SELECT ON {s}.requests, {s}.escalations, {s}.events TO {MEMBER}",
        # column lists: a member never sets created_by, by_login's peers, seq or recorded_at
        f"""GRANT INSERT (uid, requester, asked, title, tags, priority, asked_at, needed_by)
            ON {s}.requests TO {MEMBER}""",
        f"GRANT INSERT (request_uid, to_login) ON {s}.escalations TO {MEMBER}",
        f"GRANT INSERT (uid, request_uid, kind, at, data) ON {s}.events TO {MEMBER}",
        # policies are dropped and created again: running init twice leaves the same set
        *_policies(),
    ]


def _policies() -> list[str]:
    s = SCHEMA
    active = f"EXISTS (SELECT 1 FROM {s}.members m WHERE m.login = current_user AND m.active)"
    party = "current_user IN (r.requester, r.asked)"
    statements = []
    for table, name in (("meta", "meta_read"), ("members", "members_read"),
                        ("requests", "requests_read"), ("requests", "requests_add"),
                        ("escalations", "escalations_read"), ("escalations", "escalations_add"),
                        ("events", "events_read"), ("events", "events_add")):
        statements.append(f"DROP POLICY IF EXISTS {name} ON {s}.{table}")
    statements += [
        f"CREATE POLICY meta_read ON {s}.meta FOR SELECT TO {MEMBER} USING (true)",
        f"CREATE POLICY members_read ON {s}.members FOR SELECT TO {MEMBER} USING (true)",
        f"""CREATE POLICY requests_read ON {s}.requests FOR SELECT TO {MEMBER} USING (
            current_user IN (requester, asked)
            OR EXISTS (SELECT 1 FROM {s}.escalations e
                       WHERE e.request_uid = uid AND e.to_login = current_user))""",
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
        f"""CREATE POLICY events_add ON {s}.events FOR INSERT TO {MEMBER} WITH CHECK (
            {active} AND author = current_user AND EXISTS (
                SELECT 1 FROM {s}.requests r WHERE r.uid = request_uid AND {party}))""",
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
    """Refuse a server whose schema is missing or newer than this client knows."""
    row = conn.execute(
        f"SELECT to_regclass('{SCHEMA}.meta') IS NOT NULL").fetchone()
    if not row[0]:
        raise TeamError("this server has no Promptly team yet: an administrator runs "
                        "`promptly team init URL`")
    found = conn.execute(f"SELECT max(version) FROM {SCHEMA}.meta").fetchone()[0]
    if found is None:
        raise TeamError("you are not a member of this team (ask the administrator to add you)")
    if found > SCHEMA_VERSION:
        raise TeamError(f"the team server's schema (version {found}) is newer than this Promptly "
                        f"(version {SCHEMA_VERSION}); update Promptly")


# -- administration -----------------------------------------------------------------------


def init(url: str) -> bool:
    """Create or upgrade the team schema in one transaction; True if it changed anything."""
    with connect(url, allow_password=True) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK + 1,))
        before = conn.execute(f"SELECT to_regclass('{SCHEMA}.meta') IS NOT NULL").fetchone()[0]
        if before:
            found = conn.execute(f"SELECT max(version) FROM {SCHEMA}.meta").fetchone()[0] or 0
            if found > SCHEMA_VERSION:
                raise TeamError(f"the team server's schema (version {found}) is newer than this "
                                f"Promptly (version {SCHEMA_VERSION}); update Promptly")
            if found == SCHEMA_VERSION:
                return False
        database = conn.execute("SELECT current_database()").fetchone()[0]
        for statement in _ddl():
            conn.execute(statement)
        conn.execute(f'REVOKE CONNECT ON DATABASE "{database}" FROM PUBLIC')
        conn.execute(f'GRANT CONNECT ON DATABASE "{database}" TO {MEMBER}')
        conn.execute(f"DELETE FROM {SCHEMA}.meta")
        conn.execute(f"INSERT INTO {SCHEMA}.meta VALUES (%s)", (SCHEMA_VERSION,))
    return True


def _ident(conn, name: str) -> str:
    from psycopg import sql

    return sql.Identifier(name).as_string(conn)


def add_member(url: str, login: str, *, name: str, password: str, email: str | None = None,
               supervisor: str | None = None) -> None:
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
        conn.execute(f"INSERT INTO {SCHEMA}.members (login, name, email, supervisor) "
                     "VALUES (%s, %s, %s, %s)", (login, name.strip(), email, supervisor))


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

    def to_json(self) -> dict[str, Any]:
        return {"login": self.login, "name": self.name, "email": self.email,
                "supervisor": self.supervisor, "active": self.active}


def members(conn) -> list[Member]:
    rows = conn.execute(f"SELECT login, name, email, supervisor, active FROM {SCHEMA}.members "
                        "ORDER BY login").fetchall()
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
