"""A team on the session's throw-away PostgreSQL server: a fresh database per test, with
members whose login roles are unique in the cluster (roles are cluster-wide)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from urllib.parse import quote

import pytest

from app.team import server as team_server
from tests.servers.postgres import ADMIN

pytestmark = pytest.mark.postgresql
_numbers = count(1)


@dataclass
class Team:
    pg: object
    database: str

    def admin_url(self) -> str:
        return (f"postgresql://{ADMIN}:{quote(self.pg.password)}@127.0.0.1:{self.pg.port}/"
                f"{self.database}")

    def url(self, login: str, port: int | None = None) -> str:
        return f"postgresql://{login}@127.0.0.1:{port or self.pg.port}/{self.database}"

    def add(self, base: str, name: str, supervisor: str | None = None,
            department: str | None = None) -> tuple[str, str]:
        """A new member: (login, password)."""
        login = f"{base}{next(_numbers)}"
        password = f"pw-{login}-secret"
        team_server.add_member(self.admin_url(), login, name=name, password=password,
                               email=f"{base}@example.org", supervisor=supervisor,
                               department=department)
        return login, password

    def password_file(self, members, folder, monkeypatch) -> None:
        """Passwords for these (login, password) members from a libpq password file
        (PGPASSFILE), as scripts give them: never from a keyring or PGPASSWORD."""
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
        monkeypatch.delenv("PGPASSWORD", raising=False)
        passfile = folder / "pgpass"
        passfile.write_text("".join(f"127.0.0.1:{self.pg.port}:{self.database}:{login}:{password}\n"
                                    for login, password in members))
        passfile.chmod(0o600)
        monkeypatch.setenv("PGPASSFILE", str(passfile))

    def waits_for_lock(self, login: str) -> bool:
        """Whether a session of `login` is waiting for a lock (another holds it)."""
        import psycopg

        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE usename = %s"
                                " AND wait_event_type = 'Lock'", (login,)).fetchone()[0] > 0

    def recorded_when_they_happened(self) -> None:
        """As if every request and event reached the server when it happened (tests push past
        weeks now; a week's figures count only what was recorded before its end)."""
        import psycopg

        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            conn.execute("UPDATE promptly_team.requests SET recorded_at = asked_at")
            conn.execute("UPDATE promptly_team.events SET recorded_at = at")

    def connect(self, login: str, password: str):
        import psycopg

        return psycopg.connect(f"postgresql://{login}@127.0.0.1:{self.pg.port}/{self.database}",
                               password=password, autocommit=True)


@pytest.fixture
def team(postgres_server):
    name = postgres_server.create_database()
    t = Team(postgres_server, name)
    team_server.init(t.admin_url(), zone="UTC")
    yield t
    postgres_server.drop_database(name)
