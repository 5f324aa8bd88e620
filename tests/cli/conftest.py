"""The real `promptly` process on a real SQLite file, at a fixed instant in Europe/Berlin."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.proc import isolated_env, private_runtime_dir, run_promptly

NOW = "2026-11-23T09:00:00+01:00"  # a Monday morning, in working hours


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


class Promptly:
    """`cli("list", "--all")` runs the command; `now=` moves the injected clock."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.db = tmp_path / "promptly.db"
        self.runtime = private_runtime_dir(tmp_path / "run")

    def __call__(self, *args: str, now: str = NOW, db: Path | str | None = None,
                 cwd: Path | None = None, **env: str) -> Result:
        environment = isolated_env(self.runtime, PROMPTLY_NOW=now, PROMPTLY_DB=str(db or self.db), **env)
        done = run_promptly(list(args), environment, cwd=cwd or self.tmp_path)
        return Result(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str, **kwargs) -> Result:
        result = self(*args, **kwargs)
        assert result.code == 0, result.err
        assert result.err == ""
        return result

    def add(self, text: str, **kwargs) -> dict:
        return self.ok("add", "--json", text, **kwargs).json


@pytest.fixture
def cli(tmp_path) -> Promptly:
    return Promptly(tmp_path)


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.code == 1, (result.out, result.err)
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("promptly: error: ")
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
