"""What must never happen: a traceback, a foreign file changed, a lock that hangs, Qt or heavy
libraries loaded by the command line."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys

import pytest

from tests.cli.conftest import NOW, assert_one_line_error
from tests.cli.proc import isolated_env


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_text_file_is_refused_and_left_alone(cli, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Dana: call back about the invoice\n")
    before = _digest(notes)
    for command in (["list"], ["add", "from @dana: repair invoice"], ["import", str(notes)]):
        assert_one_line_error(cli(*command, db=notes), "not a Promptly database")
    assert _digest(notes) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "run"]


def test_another_apps_sqlite_database_is_refused_and_left_alone(cli, tmp_path):
    other = tmp_path / "contacts.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Kim')")
    conn.close()
    before = _digest(other)
    assert_one_line_error(cli("done", "1", db=other), "not a Promptly database", "--db")
    assert _digest(other) == before
    assert not (tmp_path / "contacts.sqlite-wal").exists()


def test_a_folder_is_refused(cli, tmp_path):
    assert_one_line_error(cli("list", db=tmp_path), "is a folder")


@pytest.mark.slow
def test_a_locked_database_is_one_line_not_a_hang(cli):
    cli.add("from @dana: repair invoice")
    holder = sqlite3.connect(cli.db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock (WAL: readers go on)
        assert cli.ok("list", "--json").json[0]["id"] == 1
        assert_one_line_error(cli("done", "1"), "locked", "try again")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert cli.ok("show", "1", "--json").json["status"] == "open"  # nothing half-written
    assert cli.ok("done", "1").code == 0


_PROBE = """
import sys
from app.cli import main
for argv in {commands!r}:
    code = main(argv)
    assert code == 0, (argv, code)
loaded = sorted(name for name in {watched!r} if name in sys.modules)
print("LOADED", " ".join(loaded))
"""


def _loaded_after(cli, commands: list[list[str]], watched: list[str]) -> list[str]:
    env = isolated_env(cli.runtime, PROMPTLY_NOW=NOW, PROMPTLY_DB=str(cli.db))
    done = subprocess.run([sys.executable, "-c", _PROBE.format(commands=commands, watched=watched)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    marker = [line for line in done.stdout.splitlines() if line.startswith("LOADED")][0]
    return marker.split()[1:]


def test_list_stays_off_the_heavy_imports(cli):
    cli.add("from @dana: repair invoice by fri 3pm")  # the database exists and is at head
    heavy = ["PySide6", "alembic", "parsedatetime", "icalendar", "app.quickadd"]
    assert _loaded_after(cli, [["list", "--overdue"], ["list", "--json"], ["show", "1"]], heavy) == []


def test_no_command_imports_qt(cli, tmp_path):
    (tmp_path / "in.csv").write_text("direction,counterpart,title,asked_at\nmade,Sam,contract,"
                                     "2026-11-23T08:00:00+01:00\n")
    commands = [["add", "from @dana: repair invoice by fri 3pm"], ["parse", "to @kim: forms eod"],
                ["ack", "1"], ["promise", "1", "thu 4pm"], ["snooze", "1", "1h"], ["due"],
                ["export", "--format", "ics", "-o", str(tmp_path / "x.ics")],
                ["export", "--format", "json", "-o", str(tmp_path / "x.json")],
                ["import", str(tmp_path / "in.csv")], ["done", "1"], ["reopen", "1"], ["cancel", "1"]]
    assert _loaded_after(cli, commands, ["PySide6", "shiboken6"]) == []
