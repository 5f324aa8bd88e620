"""The `promptly` entry point: the tray app without arguments, the command line with them.

It lives in ui/ because it may start the GUI; the command line path imports no Qt."""

from __future__ import annotations

import sys

GUI_COMMANDS = {"quick-add", "gui"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in GUI_COMMANDS or argv[0].startswith("-psn"):
        from ui.application import run  # Qt is imported only for the GUI

        return run(argv)
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
