"""Sending follow-ups through a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import socket
import ssl
import subprocess
from email import message_from_bytes, policy

import pytest

from app.domain.model import Direction, EventKind, Person, PromptKind
from app.drafts import Draft, draft
from app.mail import (
    AuthenticationFailed,
    MailError,
    MailSettings,
    Message,
    PasswordNeeded,
    RecipientRefused,
    ServerUnreachable,
    send,
    send_follow_up,
)
from app.domain.commands import NewRequest
from app.settings import Settings, SettingsError

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

REFUSED = "nobody@example.org"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it receives and refuses one address."""

    def __init__(self) -> None:
        self.envelopes = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def message(self, index: int = -1):
        return message_from_bytes(self.envelopes[index].content, policy=policy.default)


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, trusted through SSL_CERT_FILE in the tests."""
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def _start(handler, **kwargs):
    controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = _start(handler)
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def secure_inbox(certificate, monkeypatch):
    """STARTTLS required, login as kim / s3cret."""
    cert, key = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"kim" \
            and auth_data.password == "s3cret ü".encode()
        return AuthResult(success=ok, handled=False)  # handled=False: answer 535

    handler = Inbox()
    controller = _start(handler, tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_require_tls=True)
    handler.port = controller.port
    yield handler
    controller.stop()


def plain(port: int) -> MailSettings:
    return MailSettings(host="127.0.0.1", port=port, security="none", from_address="kim@example.org",
                        from_name="Kim Ödegaard", timeout=5)


NOTE = Message(to="dana@example.org", to_name="Dana Weiß", cc="sam@example.org", cc_name="Sam",
               subject="Rechnung für März — kurze Erinnerung", body="Hallo Dana,\nkönntest du…? ✓\n")


def test_a_message_arrives_with_its_headers_and_unicode_body(inbox):
    send(NOTE, plain(inbox.port), None)

    envelope = inbox.envelopes[-1]
    assert envelope.mail_from == "kim@example.org"
    assert sorted(envelope.rcpt_tos) == ["dana@example.org", "sam@example.org"]
    received = inbox.message()
    assert received["Subject"] == "Rechnung für März — kurze Erinnerung"
    assert received["From"].addresses[0].display_name == "Kim Ödegaard"
    assert received["To"].addresses[0].addr_spec == "dana@example.org"
    assert received["To"].addresses[0].display_name == "Dana Weiß"
    assert received["Cc"].addresses[0].addr_spec == "sam@example.org"
    assert received["Message-ID"].endswith("@example.org>")
    assert received.get_content().replace("\r\n", "\n") == "Hallo Dana,\nkönntest du…? ✓\n"


def test_starttls_and_login_deliver(secure_inbox):
    account = MailSettings(host="127.0.0.1", port=secure_inbox.port, security="starttls", user="kim",
                           from_address="kim@example.org", timeout=5)

    send(NOTE, account, "s3cret ü")

    assert secure_inbox.message()["Subject"] == NOTE.subject


def test_a_wrong_password_is_reported_as_such(secure_inbox):
    account = MailSettings(host="127.0.0.1", port=secure_inbox.port, security="starttls", user="kim",
                           from_address="kim@example.org", timeout=5)

    with pytest.raises(AuthenticationFailed, match="refused the user name or password of kim"):
        send(NOTE, account, "wrong")
    assert secure_inbox.envelopes == []


def test_a_missing_password_is_asked_for_before_connecting():
    account = MailSettings(host="127.0.0.1", port=free_port(), user="kim", from_address="kim@example.org")
    with pytest.raises(PasswordNeeded):
        send(NOTE, account, None)


def test_starttls_against_a_plain_server_says_to_choose_another_security(inbox):
    account = MailSettings(host="127.0.0.1", port=inbox.port, security="starttls",
                           from_address="kim@example.org", timeout=5)
    with pytest.raises(MailError, match="does not offer STARTTLS"):
        send(NOTE, account, None)


def test_an_unreachable_server_is_named():
    with pytest.raises(ServerUnreachable, match=r"127\.0\.0\.1:\d+.*check the host, the port"):
        send(NOTE, plain(free_port()), None)


def test_every_recipient_refused_is_reported(inbox):
    lonely = Message(to=REFUSED, subject="Hi", body="x\n")
    with pytest.raises(RecipientRefused, match="nobody@example.org .550") as caught:
        send(lonely, plain(inbox.port), None)
    assert caught.value.sent is None
    assert inbox.envelopes == []


# -- a prompt's draft, sent and recorded ------------------------------------------------------


@pytest.fixture
def escalation(core):
    """A request I made of Sam, whose supervisor is Lee."""
    lee = core.save_person(Person("Lee Park", "lee@example.org"))
    core.save_person(Person("Sam Jones", "sam@example.org", escalation_contact_id=lee.id))
    request = core.add(NewRequest(Direction.MADE, "Sam Jones", "repair invoice 4711"))
    return request


def _draft(core, request, kind):
    return draft(kind, request, core.people(), core.now(), core.settings.calendar(),
                 core.settings.templates)


def _with_mail(core, port):
    core.save_settings(core.settings.with_changes(mail=plain(port).to_dict()))


def test_an_escalation_goes_to_the_contact_with_the_counterpart_in_copy_and_is_recorded(core, inbox, escalation):
    _with_mail(core, inbox.port)
    request = core.get(escalation.id)

    send_follow_up(core, request.id, _draft(core, request, PromptKind.ESCALATE), None)

    received = inbox.message()
    assert received["To"].addresses[0].addr_spec == "lee@example.org"
    assert received["Cc"].addresses[0].addr_spec == "sam@example.org"
    assert "repair invoice 4711" in received.get_content()
    last = core.get(request.id).history[-1]
    assert last.kind is EventKind.ESCALATED
    assert last.data == {"prompt_kind": "escalate", "how": "sent", "to": "lee@example.org, sam@example.org"}


def test_a_nudge_goes_to_the_counterpart(core, inbox, escalation):
    _with_mail(core, inbox.port)

    send_follow_up(core, escalation.id, _draft(core, core.get(escalation.id), PromptKind.NUDGE), None)

    assert inbox.envelopes[-1].rcpt_tos == ["sam@example.org"]
    assert core.get(escalation.id).history[-1].kind is EventKind.FOLLOWED_UP


def test_a_failed_send_records_nothing_and_keeps_the_draft(core, escalation):
    _with_mail(core, free_port())
    before = len(core.get(escalation.id).history)
    note = _draft(core, core.get(escalation.id), PromptKind.NUDGE)

    with pytest.raises(ServerUnreachable):
        send_follow_up(core, escalation.id, note, None)

    assert len(core.get(escalation.id).history) == before
    assert note.body  # the caller still holds it


def test_a_counterpart_without_an_address_is_told_where_to_add_one(core, inbox):
    _with_mail(core, inbox.port)
    request = core.add(NewRequest(Direction.MADE, "Kim Novak", "sign the form"))
    with pytest.raises(MailError, match="Kim Novak has no e-mail address; add one under Settings"):
        send_follow_up(core, request.id, _draft(core, request, PromptKind.NUDGE), None)


def test_a_partly_refused_copy_still_counts_as_sent(core, inbox):
    _with_mail(core, inbox.port)
    request = core.add(NewRequest(Direction.MADE, "Dana", "sign the form"))
    note = Draft("nudge", "dana@example.org", "Dana", REFUSED, "Nobody", "Reminder", "Hi\n")

    with pytest.raises(RecipientRefused) as caught:
        send_follow_up(core, request.id, note, None)

    assert caught.value.sent is not None
    assert inbox.envelopes[-1].rcpt_tos == ["dana@example.org"]
    assert core.get(request.id).history[-1].data["to"] == "dana@example.org"


# -- the mail settings ----------------------------------------------------------------------------


@pytest.mark.parametrize("mail, reason", [
    ({"host": "smtp.example.org", "from_address": "kim@example.org", "password": "x"}, "never stored"),
    ({"host": "smtp.example.org", "from_address": "kim@example.org", "port": 70000}, "not a port"),
    ({"host": "smtp.example.org", "from_address": "kim@example.org", "port": "abc"}, "whole number"),
    ({"host": "smtp.example.org", "from_address": "kim"}, "not an e-mail address"),
    ({"host": "smtp.example.org", "from_address": "kim@example.org", "security": "tls"}, "security"),
    ({"host": "smtp.example.org"}, "from-address"),
    ({"from_address": "kim@example.org"}, "SMTP server"),
    ({"host": "https://smtp.example.org", "from_address": "kim@example.org"}, "server name"),
])
def test_unusable_mail_settings_are_refused_with_a_reason(mail, reason):
    with pytest.raises(SettingsError, match=reason):
        Settings(timezone="UTC", mail=mail)


def test_mail_settings_round_trip_through_the_store(core):
    account = MailSettings(host="smtp.example.org", port=465, security="ssl", user="kim",
                           from_address="kim@example.org")
    core.save_settings(core.settings.with_changes(mail=account.to_dict()))
    core.reload()
    assert core.settings.mail_settings() == account
    assert "password" not in core.settings.to_json()["mail"]
