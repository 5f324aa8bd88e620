"""The command table and the argparse parser built from it.

Adding a command is one function and one line in COMMANDS: the function takes
(ctx: app.cli.Context, args: argparse.Namespace) and returns the exit code; the line names it as
"module:function", so its module is imported only when the command runs (start-up stays fast).
`summary` is one: its function is app/cli/summary.py:summary, its line is below. A command's
function uses ctx.core, ctx.json, ctx.emit(data) and ctx.out(text); a CommandError or an error
of app.errors.USER_ERRORS becomes a one-line error (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NamedTuple, TextIO


def arg(*flags: str, **options: Any) -> tuple[tuple[str, ...], dict[str, Any]]:
    """One argument of a command, as given to ArgumentParser.add_argument."""
    return flags, options


class Command(NamedTuple):  # not a dataclass: `promptly` would import dataclasses and inspect
    name: str
    help: str
    handler: str  # "module:function", imported when the command runs
    args: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = ()
    description: str = ""
    creates: bool = False  # may create a database where there is none (else: an error says so)


def request_id(text: str) -> int:
    """`12` or `#12`."""
    try:
        value = int(text.removeprefix("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a request id like 12") from None
    if not 0 < value < 2**63:  # the database's integers end there
        raise argparse.ArgumentTypeError(f"{text!r} is not a request id like 12")
    return value


def location(text: str) -> str:
    """--db: a file or URL; empty is a mistake, not "the usual one"."""
    if not text.strip():
        raise argparse.ArgumentTypeError("it is empty; give a database file or URL, or leave "
                                         "--db out to use the usual one")
    return text


# the words `promptly team` takes (app.cli.team handles them)
ACTIONS = ("init", "add-member", "remove-member", "join", "status", "members", "escalated", "seen",
           "turnaround")
ID = arg("id", type=request_id, metavar="ID", help="request id, as `promptly list` shows it")
WHEN_HELP = "a date phrase (fri 3pm, tomorrow, in 2h, eod) or ISO 8601 (2026-12-01T14:00)"

COMMANDS: list[Command] = [
    Command("add", "save a request written in the quick-add language", "app.cli.commands:add", (
        arg("text", nargs="+", metavar="TEXT", help="e.g. from @dana: repair invoice by fri 3pm #billing"),
        arg("--asked-at", nargs="+", metavar="WHEN", help="when it was asked, if not now: " + WHEN_HELP),
    ), "Parse TEXT and save it; prints the new id and what was understood.", creates=True),
    Command("parse", "show what `add` would save, without saving", "app.cli.commands:parse", (
        arg("text", nargs="+", metavar="TEXT"),
    ), creates=True),  # like add, which it previews: a first try need not fail
    Command("list", "list requests with countdowns (default: open ones)", "app.cli.commands:list_", (
        arg("--made", dest="direction", action="store_const", const="made", exclusive="direction",
            help="only requests I made (a co-worker owes me)"),
        arg("--received", dest="direction", action="store_const", const="received", exclusive="direction",
            help="only requests I received (I owe a co-worker)"),
        arg("--open", dest="which", action="store_const", const="open", exclusive="which",
            help="not done or cancelled (default)"),
        arg("--overdue", dest="which", action="store_const", const="overdue", exclusive="which",
            help="open, and the promise (or, with none, the time wanted) has passed"),
        arg("--done", dest="which", action="store_const", const="done", exclusive="which", help="done"),
        arg("--all", dest="which", action="store_const", const="all", exclusive="which",
            help="everything, cancelled too (open ones first, most urgent first)"),
    )),
    Command("show", "one request with its full history", "app.cli.commands:show", (ID,)),
    Command("ack", "record the answer: acknowledged, optionally with an ETA", "app.cli.commands:ack", (
        ID, arg("--eta", nargs="+", metavar="WHEN", exclusive="promise",
                help="the promised time: " + WHEN_HELP),
        arg("--accept", action="store_true", exclusive="promise",
            help="promise the time the asker wants it by"),
    ), "Record the answer to a request: done-or-ETA within the hour. With --eta or --accept it "
       "is a promise; the first one given is the original promise, later ones renegotiate it."),
    Command("promise", "set or renegotiate the promised time", "app.cli.commands:promise", (
        ID, arg("when", nargs="+", metavar="WHEN", help=WHEN_HELP),
        arg("--reason", nargs="+", metavar="TEXT", help="why the promise moves"),
    )),
    Command("done", "mark a request done", "app.cli.commands:done", (ID,)),
    Command("cancel", "cancel a request", "app.cli.commands:cancel", (
        ID, arg("--reason", nargs="+", metavar="TEXT"),
    )),
    Command("reopen", "reopen a done or cancelled request", "app.cli.commands:reopen", (ID,)),
    Command("snooze", "move a request's current prompt", "app.cli.commands:snooze", (
        ID, arg("duration", nargs="+", metavar="FOR", help="15m, 1h, tomorrow, morning, or a date phrase"),
    ), "Snooze the prompt that fired last (or else the next one) until FOR from now."),
    Command("due", "show the prompts due now, as the tray app would pop them up", "app.cli.commands:due", (),
            "Show the prompts and digests due now: exactly what the tray app would pop up. "
            "This only looks: nothing is recorded as shown, so the tray app still prompts."),
    Command("export", "write all requests as csv, ics or json", "app.cli.commands:export", (
        arg("--format", choices=("csv", "ics", "json"), required=True,
            help="csv: one row per request; json: everything, with history; "
                 "ics: one calendar event per open promise or wanted time"),
        arg("-o", "--output", metavar="FILE", help="write to FILE instead of the standard output"),
    )),
    Command("summary", "the weekly summary: responses, promises kept, who waits", "app.cli.summary:summary", (
        arg("--week", metavar="YYYY-Www", help="an ISO week like 2026-W47 (default: this week, up to now)"),
    )),
    Command("mail", "mail capture: set up the mailbox, run one pass, or show its state",
            "app.cli.mail:mail", (
        arg("action", choices=("setup", "sync", "status"),
            help="setup: store the account (never the password); sync: one capture pass; status"),
        arg("--imap", metavar="HOST[:PORT]", help="setup: the IMAP server"),
        arg("--user", metavar="USER", help="setup: the mailbox's user name"),
        arg("--security", choices=("ssl", "starttls", "none"),
            help="setup: ssl (default, port 993), starttls (143), none (this machine only)"),
        arg("--domain", action="extend", nargs="+", metavar="DOMAIN",
            help="setup: the company's mail domains, e.g. example.com"),
        arg("--capture-direct", action="store_true",
            help="setup: also capture direct mail to me from colleagues, without a flag"),
        arg("--address", metavar="EMAIL", help="setup: my address, if the user name is not it"),
    ), "Flagged mail becomes a request: received from the sender (Inbox), made to the first "
       "recipient (Sent). Replies acknowledge them. The password comes from the system keyring "
       "or PROMPTLY_MAIL_PASSWORD; it is never stored in the settings.", creates=True),
    Command("import", "import a csv or json file written by `export`", "app.cli.commands:import_", (
        arg("file", metavar="FILE"),
    ), "Import requests from a csv or json export. Requests already here (same uid) are skipped, "
       "so importing twice changes nothing. A bad row stops the import: nothing is imported.",
            creates=True),
    Command("escalate", "escalate in Promptly: the asked member's supervisor sees it",
            "app.cli.team:escalate", (
        ID, arg("--note", nargs="+", metavar="TEXT", help="a line for the supervisor"),
    ), "Team mode: the request is shown to the asked member's supervisor (from the team "
       "directory) in their Promptly until it is closed. `promptly sync` sends it."),
    Command("note", "add a note both sides of a team request see", "app.cli.team:note", (
        arg("key", metavar="ID", help="request id, or the uid of a request escalated to me"),
        arg("text", nargs="+", metavar="TEXT"),
    ), "A note in the request's history; in team mode `promptly sync` sends it to the other "
       "side. A supervisor notes a request escalated to them by its uid "
       "(`promptly team escalated`)."),
    Command("team", "team mode: init, add-member, remove-member, join, status, members, "
            "escalated, seen, turnaround", "app.cli.team:team", (
        arg("action", choices=ACTIONS, metavar="ACTION",
            help="init URL [--zone ZONE] | add-member URL LOGIN | remove-member URL LOGIN | join URL | status | "
                 "members | escalated | seen UID | "
                 "turnaround [--department D] [--set TAG=HOURS …]"),
        arg("url", nargs="?", metavar="URL", help="postgresql://USER@HOST:PORT/DATABASE"),
        arg("login", nargs="?", metavar="LOGIN", help="the member's login (add-member, remove-member)"),
        arg("--name", metavar="NAME", help="the member's display name (add-member)"),
        arg("--email", metavar="E", help="the member's e-mail (add-member)"),
        arg("--supervisor", metavar="LOGIN", help="whom escalations reach (add-member)"),
        arg("--department", metavar="D", help="the member's department, for team totals "
            "(add-member); turnaround: publish this department's times (its members' "
            "supervisors may)"),
        arg("--set", dest="turnaround", action="extend", nargs="+", metavar="TAG=HOURS",
            help="turnaround: publish my usual turnaround in working hours; TAG 'default' for "
                 "all others, HOURS 0 or '-' to withdraw it"),
        arg("--password-stdin", action="store_true",
            help="read the password from the standard input (add-member; join: into the keyring)"),
        arg("--zone", metavar="ZONE", help="init: the team's time zone, where its weeks and "
            "working hours are counted (default: the one it has, else this computer's)"),
    ), "Set up and use a team server (PostgreSQL). Passwords come from the system keyring or "
       "libpq's PGPASSWORD, PGPASSFILE or service file, never from the URL.", creates=True),
    Command("sync", "send this store's shared changes to the team and fetch the others'",
            "app.cli.team:sync_"),
]


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def build_parser(stdout: TextIO, stderr: TextIO) -> argparse.ArgumentParser:
    """The parser, writing help and usage errors to the given streams instead of exiting.

    Built once per command table and reused (the app serves many commands; argparse looks up
    its gettext catalogue on the disk for each of its ~45 strings); only the streams change.
    """
    key = tuple(map(id, COMMANDS))
    if _built.get("key") != key:
        _built.update(key=key, parser=_build(_streams))
    _streams[:] = [stdout, stderr]
    return _built["parser"]


_streams: list[TextIO] = [sys.stdout, sys.stderr]
_built: dict[str, Any] = {}


def _build(streams: list[TextIO]) -> argparse.ArgumentParser:
    class Parser(argparse.ArgumentParser):
        def _print_message(self, message: str, file=None) -> None:
            stdout, stderr = streams
            if message:  # argparse names sys.stdout or sys.stderr; write to ours instead
                (stderr if file is sys.stderr or file is stderr else stdout).write(message)

        def exit(self, status: int = 0, message: str | None = None):
            if message:
                streams[1].write(message)
            raise _Exit(status)

        def error(self, message: str):
            self.print_usage(streams[1])
            streams[1].write(f"{self.prog}: error: {message}\n")
            raise _Exit(2)

    parser = Parser(prog="promptly", description="Keep the promises you make to co-workers, "
                    "and the ones they make to you. Without a command, the tray app starts "
                    "(on --db or $PROMPTLY_DB when given).",
                    epilog="The tray app's own commands: `promptly gui` starts the tray app (as "
                    "`promptly` alone does); `promptly quick-add` opens the quick-add dialog of "
                    "the running tray app, starting it if needed: bind it to a key in your "
                    "desktop's shortcut settings.")
    parser.add_argument("--db", metavar="PATH_OR_URL", type=location,
                        help="database file or SQLAlchemy URL (default: $PROMPTLY_DB, then the file "
                             "in your data directory)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help,
                                  description=command.description or command.help[:1].upper()
                                  + command.help[1:] + ".")
        # after the command too: `promptly list --json`; SUPPRESS keeps a global --json
        sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                         help="machine-readable output")
        groups: dict[str, argparse._MutuallyExclusiveGroup] = {}
        for flags, options in command.args:
            options = dict(options)
            group = options.pop("exclusive", None)  # options sharing a name: at most one of them
            if group is not None and group not in groups:
                groups[group] = sub.add_mutually_exclusive_group()
            (sub if group is None else groups[group]).add_argument(*flags, **options)
        sub.set_defaults(handler=command.handler, creates=command.creates)
    return parser
