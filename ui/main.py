"""The `promptly` entry point: the tray app without arguments, the command line with them.

It lives in ui/ because it may start the GUI; the command line path imports no Qt."""

from __future__ import annotations

import os
import sys

GUI_COMMANDS = {"quick-add", "gui"}


def _without_database_option(argv: list[str]) -> tuple[list[str], str | None]:
    """`--db FILE` / `--db=FILE` taken off the front of the arguments."""
    rest, database = list(argv), None
    while rest:
        if rest[0] == "--db" and len(rest) > 1:
            database, rest = rest[1], rest[2:]
        elif rest[0].startswith("--db="):
            database, rest = rest[0].removeprefix("--db="), rest[1:]
        else:
            break
    return rest, database


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    rest, database = _without_database_option(argv)
    if not rest or rest[0] in GUI_COMMANDS or rest[0].startswith("-psn"):
        from ui.application import run  # Qt is imported only for the GUI

        if database is not None:  # the tray app finds its database where the CLI does
            os.environ["PROMPTLY_DB"] = database
        return run(rest)
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
