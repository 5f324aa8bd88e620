"""Sending a prompt's draft from a window: password from the keyring or asked for, SMTP off the
GUI thread, the history written once it is sent, failures said plainly with the draft kept."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from app.domain.model import Direction, EventKind, Person, PromptKind
from app.drafts import draft
from app.mail import MailSettings
from app.domain.commands import NewRequest
from tests.test_mail import certificate, free_port, inbox, secure_inbox  # noqa: F401  (fixtures)
from tests.test_secrets import MemoryKeyring
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)
from ui.mail_sender import send_draft


@pytest.fixture
def request_to_sam(core):
    lee = core.save_person(Person("Lee Park", "lee@example.org"))
    core.save_person(Person("Sam Jones", "sam@example.org", escalation_contact_id=lee.id))
    return core.add(NewRequest(Direction.MADE, "Sam Jones", "repair invoice 4711"))


def note(core, request, kind=PromptKind.NUDGE):
    return draft(kind, core.get(request.id), core.people(), core.now(), core.settings.calendar())


def use_mail(core, **account):
    core.save_settings(core.settings.with_changes(mail=MailSettings(**account).to_dict()))


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def test_a_sent_escalation_is_recorded_once_it_is_sent(qtbot, controller, core, inbox, request_to_sam):
    use_mail(core, host="127.0.0.1", port=inbox.port, security="none", from_address="kim@example.org")

    job = send_draft(controller, request_to_sam.id, note(core, request_to_sam, PromptKind.ESCALATE))

    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        pass
    assert done.args == [True, ""]
    assert inbox.envelopes[-1].rcpt_tos == ["lee@example.org", "sam@example.org"]
    last = core.get(request_to_sam.id).history[-1]
    assert last.kind is EventKind.ESCALATED
    assert last.data["how"] == "sent" and last.data["to"] == "lee@example.org, sam@example.org"


def test_without_a_keyring_the_password_is_asked_for_with_the_reason(qtbot, controller, core, secure_inbox,
                                                                    request_to_sam, no_keyring):
    use_mail(core, host="127.0.0.1", port=secure_inbox.port, user="kim", from_address="kim@example.org")
    asked = []

    def ask(account, why):
        asked.append((account.user, why))
        return "s3cret ü"

    job = send_draft(controller, request_to_sam.id, note(core, request_to_sam), ask=ask)

    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        pass
    assert done.args[0] is True
    assert asked == [("kim", asked[0][1])] and asked[0][1].startswith("No system keyring is available")
    assert len(secure_inbox.envelopes) == 1


def test_the_keyring_password_is_used_without_asking(qtbot, controller, core, secure_inbox, request_to_sam):
    use_mail(core, host="127.0.0.1", port=secure_inbox.port, user="kim", from_address="kim@example.org")
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        keyring.set_password("Promptly", core.settings.mail_settings().keyring_account, "s3cret ü")
        job = send_draft(controller, request_to_sam.id, note(core, request_to_sam),
                         ask=lambda *a: pytest.fail("asked although the keyring has it"))
        with qtbot.waitSignal(job.finished, timeout=10000) as done:
            pass
    finally:
        keyring.set_keyring(before)
    assert done.args[0] is True


def test_cancelling_the_password_sends_and_records_nothing(controller, core, request_to_sam, no_keyring):
    use_mail(core, host="127.0.0.1", port=free_port(), user="kim", from_address="kim@example.org")
    before = len(core.get(request_to_sam.id).history)

    assert send_draft(controller, request_to_sam.id, note(core, request_to_sam), ask=lambda *a: None) is None
    assert len(core.get(request_to_sam.id).history) == before


def test_a_wrong_password_is_reported_and_nothing_recorded(qtbot, controller, core, secure_inbox, request_to_sam):
    use_mail(core, host="127.0.0.1", port=secure_inbox.port, user="kim", from_address="kim@example.org")
    before = len(core.get(request_to_sam.id).history)

    job = send_draft(controller, request_to_sam.id, note(core, request_to_sam), password="wrong")

    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        pass
    ok, text = done.args
    assert not ok and text.startswith("The mail server refused the user name or password.")
    assert len(core.get(request_to_sam.id).history) == before


def test_mail_not_set_up_is_reported_through_the_controller(controller, core, request_to_sam):
    assert send_draft(controller, request_to_sam.id, note(core, request_to_sam)) is None
    assert controller.errors == ["Mail is not set up. Enter the SMTP server and your address in "
                                 "Settings → Mail, then send again. Your draft is kept."]


def test_a_bug_while_sending_keeps_the_draft_and_points_to_the_log(qtbot, controller, core, request_to_sam,
                                                                   monkeypatch, log_folder):
    use_mail(core, host="127.0.0.1", port=free_port(), from_address="kim@example.org")
    before = len(core.get(request_to_sam.id).history)

    def broken(*_args, **_kwargs):
        raise AttributeError("'NoneType' object has no attribute 'ehlo'")

    monkeypatch.setattr("app.mail.send", broken)
    job = send_draft(controller, request_to_sam.id, note(core, request_to_sam))

    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        pass
    ok, text = done.args
    assert not ok
    assert text == ("The message was not sent.\n"
                    f"Something went wrong. The details are in {log_folder / 'promptly.log'}.")
    assert "AttributeError: 'NoneType' object has no attribute 'ehlo'" in (
        log_folder / "promptly.log").read_text(encoding="utf-8")
    assert len(core.get(request_to_sam.id).history) == before
