"""Finding 6: errors that name the real problem. A folder Promptly may not write in is a
permission problem, never a damaged database to move away; an empty --db is a usage error; a
read on a path with no database says so instead of creating one; a missing file whose log is
still beside it is refused and the log left whole."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

import pytest

from tests.cli.conftest import NOW, Result, assert_one_line_error
from tests.cli.proc import isolated_env, promptly_command


def as_a_plain_user(cli, *args: str, db) -> Result:
    """The command without root's power to write anywhere (the tests may run as root)."""
    prefix = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root, and setpriv is missing to drop root's file powers")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]
    env = isolated_env(cli.runtime, PROMPTLY_NOW=NOW, PROMPTLY_DB=str(db))
    done = subprocess.run(prefix + promptly_command() + list(args), env=env, cwd=cli.tmp_path,
                          capture_output=True, text=True, timeout=60)
    return Result(done.returncode, done.stdout, done.stderr)


def test_a_read_only_folder_is_a_permission_problem_not_a_damaged_database(cli, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "promptly.db"
    cli.add("from @dana: repair invoice", db=db)
    folder.chmod(0o555)
    try:
        for command in (["list"], ["add", "from @eve: more"]):
            result = as_a_plain_user(cli, *command, db=db)
            assert_one_line_error(result, "permission denied", str(folder), "chmod u+rwx")
            assert "damaged" not in result.err and "move this one away" not in result.err
    finally:
        folder.chmod(0o755)
    assert [r["title"] for r in cli.ok("list", "--json", db=db).json] == ["repair invoice"]


def test_an_empty_db_option_is_a_usage_error(cli):
    result = cli("--db", "", "list")
    assert result.code == 2 and "argument --db: it is empty" in result.err


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["due"], ["summary"],
                                     ["export", "--format", "json"], ["done", "1"]])
def test_a_mistyped_path_is_named_and_not_created(cli, tmp_path, command):
    typo = tmp_path / "promptyl.db"
    assert_one_line_error(cli("--db", str(typo), *command), f"there is no Promptly database at {typo}")
    assert not typo.exists()


def test_adding_creates_the_database(cli, tmp_path):
    new = tmp_path / "new.db"
    cli.ok("--db", str(new), "add", "from @dana: repair invoice")
    assert new.exists()


def test_a_missing_file_with_its_log_beside_it_is_refused_and_the_log_kept(cli):
    cli.add("from @dana: repair invoice")
    holder = sqlite3.connect(cli.db)  # a program still has it open: its log stays
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("INSERT INTO settings VALUES ('state.note', '1')")
    holder.commit()
    wal = cli.db.with_name(cli.db.name + "-wal")
    try:
        cli.db.unlink()
        size = wal.stat().st_size
        assert size > 0
        for command in (["list"], ["add", "from @eve: more"]):
            assert_one_line_error(cli(*command), "is missing, but its promptly.db-wal",
                                  "would discard the changes in that log")
        assert not cli.db.exists() and wal.stat().st_size == size
    finally:
        holder.close()
