"""The `promptly` entry decision: options without a command start the tray app on that database,
as `--help` says; `gui` and `quick-add` are in the help."""

from __future__ import annotations

import io
import os

import pytest

import ui.application
from app.cli.parser import build_parser
from ui import main as entry


@pytest.fixture
def started(monkeypatch):
    calls = []
    monkeypatch.delenv("PROMPTLY_DB", raising=False)
    monkeypatch.setattr(ui.application, "run",
                        lambda argv: calls.append((argv, os.environ.get("PROMPTLY_DB"))) or 0)
    return calls


@pytest.mark.parametrize("argv, expected", [
    (["--db", "other.db"], ([], "other.db")),
    (["--db=other.db"], ([], "other.db")),
    (["--db", "other.db", "quick-add"], (["quick-add"], "other.db")),
    ([], ([], None)),
])
def test_options_without_a_command_start_the_tray_app_on_that_database(started, argv, expected):
    assert entry.main(argv) == 0
    assert started == [expected]


def test_the_environment_alone_starts_the_tray_app_on_that_database(started, monkeypatch):
    monkeypatch.setenv("PROMPTLY_DB", "team.db")
    entry.main([])
    assert started == [([], "team.db")]


def test_a_command_after_the_option_still_runs_on_the_command_line(started, tmp_path, capsys):
    assert entry.main(["--db", str(tmp_path / "x.db"), "add", "from @dana: repair invoice"]) == 0
    assert entry.main(["--db", str(tmp_path / "x.db"), "list", "--json"]) == 0
    assert started == []


def test_help_names_the_tray_apps_commands():
    help_text = " ".join(build_parser(io.StringIO(), io.StringIO()).format_help().split())
    assert "`promptly gui` starts the tray app" in help_text
    assert "`promptly quick-add` opens the quick-add dialog" in help_text
