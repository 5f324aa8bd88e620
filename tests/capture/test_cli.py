"""`promptly mail setup|sync|status` as real processes, against the real Dovecot."""

from __future__ import annotations

import json

from tests.cli.conftest import Promptly, assert_one_line_error
from tests.servers.imap import PASSWORD


def setup_args(mailbox, *extra):
    return ("mail", "setup", "--imap", f"{mailbox.server.host}:{mailbox.server.port}",
            "--user", mailbox.user, "--security", "none", "--address", "kim.baker@example.com",
            *extra)


def test_setup_sync_and_status(tmp_path, mailbox):
    cli = Promptly(tmp_path)
    stored = cli.ok(*setup_args(mailbox, "--domain", "example.com", "--capture-direct"))
    assert "not stored here" in stored.out
    settings = json.loads(cli.ok("mail", "status", "--json").out)
    assert settings["user"] == mailbox.user and settings["domains"] == ["example.com"]
    assert settings["capture_direct"] is True and settings["last_pass"] is None
    assert PASSWORD not in (tmp_path / "promptly.db").read_bytes().decode("latin-1")

    mailbox.put("01-dana-invoice", flagged=True)
    mailbox.put("07-sent-sam-quote", "Sent", flagged=True)
    mailbox.put("09-ooo-auto-submitted", flagged=True)
    mailbox.put("19-kim-answers-dana-eta", "Sent")
    first = cli.ok("mail", "sync", "--json", PROMPTLY_MAIL_PASSWORD=PASSWORD).json
    assert first == {"captured": [1, 2], "acknowledged": [1], "skipped": 1}
    again = cli.ok("mail", "sync", "--json", PROMPTLY_MAIL_PASSWORD=PASSWORD).json
    assert again == {"captured": [], "acknowledged": [], "skipped": 1}

    shown = cli.ok("show", "--json", "1").json
    assert shown["channel"] == "mail" and shown["link"] == "<01-dana-invoice@mail.example.com>"
    assert shown["counterpart"] == "Dana Holm" and shown["status"] == "promised"
    assert shown["needed_by"] == "2026-11-20T15:00:00+01:00"
    assert shown["promised_at"] == "2026-11-19T14:00:00+01:00"

    mailbox.put("21-sam-answers-quote")
    human = cli.ok("mail", "sync", PROMPTLY_MAIL_PASSWORD=PASSWORD).out
    assert human.startswith("Acknowledged 1:\n  #2 Sam Lee owes me: Quote for the van")
    status = cli.ok("mail", "status").out
    assert f"Mailbox: {mailbox.user} on 127.0.0.1:{mailbox.server.port} (none)" in status
    assert "0 captured, 1 acknowledged" in status


def test_a_wrong_or_missing_password_is_one_clear_line(tmp_path, mailbox):
    cli = Promptly(tmp_path)
    cli.ok(*setup_args(mailbox))
    refused = cli("mail", "sync", PROMPTLY_MAIL_PASSWORD="wrong-one")
    assert_one_line_error(refused, "refused the user name", mailbox.user, "app password")
    assert "wrong-one" not in refused.err
    assert "failed: the mail server" in cli.ok("mail", "status").out

    missing = cli("mail", "sync")  # no keyring in the test session, no variable
    assert_one_line_error(missing, "PROMPTLY_MAIL_PASSWORD")


def test_setup_refuses_what_cannot_work(tmp_path):
    cli = Promptly(tmp_path)
    assert_one_line_error(cli("mail", "sync"), "not set up", "promptly mail setup")
    clear = cli("mail", "setup", "--imap", "imap.example.com", "--user", "kim", "--security", "none")
    assert_one_line_error(clear, "clear text", "ssl or starttls")
    assert_one_line_error(cli("mail", "setup", "--imap", "imap.example.com:99999", "--user", "kim"),
                          "not a port")
    assert_one_line_error(cli("mail", "setup", "--imap", "imap.example.com", "--user", "kim",
                              "--capture-direct"), "--domain")
    assert_one_line_error(cli("mail", "status", "--user", "kim"), "--user go with")
    assert cli.ok("mail", "status", "--json").json["configured"] is False
