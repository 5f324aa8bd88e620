"""Capture passes against a real Dovecot: flagged mail, answers, automatic mail, idempotence."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.capture.account import AuthenticationFailed, CaptureError
from app.capture.imap import password_login
from app.capture.message import request_uid
from app.capture.sync import sync
from app.domain.model import Direction, Status


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def mid(name: str) -> str:
    return f"<{name}@mail.example.com>"


def test_flagged_inbox_and_sent_mail_become_requests(mailbox, run_pass, berlin_core):
    mailbox.put("01-dana-invoice", flagged=True)
    mailbox.put("04-jo-badge-de", flagged=True)
    mailbox.put("07-sent-sam-quote", "Sent", flagged=True)
    mailbox.put("16-direct-dana-parking")  # not flagged, and direct capture is off
    mailbox.put("33-sent-eta-promise-word", "Sent")  # not flagged

    outcome = run_pass()

    assert [r.title for r in outcome.captured] == [
        "Repair invoice", "Ausweisformular für die neue Kollegin", "Quote for the van"]
    invoice, badge, quote = (berlin_core.get(r.id) for r in outcome.captured)
    assert invoice.direction is Direction.RECEIVED and invoice.status is Status.OPEN
    assert (invoice.counterpart.name, invoice.counterpart.email) == ("Dana Holm", "dana.holm@example.com")
    assert invoice.asked_at == at("2026-11-16T10:12:00+01:00")
    assert invoice.needed_by == at("2026-11-20T15:00:00+01:00")
    assert invoice.promised_at is None  # a wish is not a promise
    assert (invoice.channel, invoice.link) == ("mail", mid("01-dana-invoice"))
    assert invoice.uid == request_uid(mid("01-dana-invoice"))
    assert badge.needed_by is None
    assert quote.direction is Direction.MADE
    assert (quote.counterpart.name, quote.counterpart.email) == ("Sam Lee", "sam.lee@example.com")
    assert quote.needed_by == at("2026-11-23T09:00:00+01:00")
    assert outcome.acknowledged == [] and outcome.skipped == 0


def test_a_known_person_is_matched_by_address(mailbox, run_pass, berlin_core):
    from app.domain.model import Person

    berlin_core.store.save_person(Person("Dana", "Dana.Holm@example.com"))
    mailbox.put("01-dana-invoice", flagged=True)
    (request,) = run_pass().captured
    assert request.counterpart.name == "Dana"
    assert len(berlin_core.store.people()) == 1


def test_nothing_is_captured_twice(mailbox, run_pass, berlin_core, imap_server):
    mailbox.put("01-dana-invoice", flagged=True)
    mailbox.put("07-sent-sam-quote", "Sent", flagged=True)
    first = run_pass()
    assert len(first.captured) == 2

    assert run_pass().to_json() == {"captured": [], "acknowledged": [], "skipped": 0}

    mailbox.flag("01-dana-invoice", on=False)  # unflagging deletes nothing
    assert run_pass().captured == []
    assert berlin_core.store.count() == 2
    mailbox.flag("01-dana-invoice", on=True)  # and flagging again captures nothing new
    assert run_pass().captured == []

    with imap_server.client(mailbox.user) as client:  # moved away and back: a new UID
        client.create_folder("Archive")
        client.select_folder("INBOX")
        client.move(client.search(["FLAGGED"]), "Archive")
        client.select_folder("Archive")
        client.move(client.search(["ALL"]), "INBOX")
    assert run_pass().captured == []
    assert berlin_core.store.count() == 2


def test_my_reply_acknowledges_with_the_time_it_names(mailbox, run_pass, berlin_core):
    mailbox.put("01-dana-invoice", flagged=True)
    mailbox.put("02-sam-contract", flagged=True)
    outcome = run_pass()
    invoice, contract = outcome.captured

    mailbox.put("19-kim-answers-dana-eta", "Sent")
    mailbox.put("20-kim-answers-sam", "Sent")
    answered = run_pass()

    assert [r.id for r in answered.acknowledged] == [invoice.id, contract.id]
    invoice, contract = berlin_core.get(invoice.id), berlin_core.get(contract.id)
    assert invoice.acknowledged_at == at("2026-11-16T10:40:00+01:00")
    assert invoice.status is Status.PROMISED
    assert invoice.promised_at == invoice.original_promise == at("2026-11-19T14:00:00+01:00")
    assert contract.status is Status.ACKNOWLEDGED and contract.promised_at is None
    assert contract.acknowledged_at == at("2026-11-17T11:20:00+01:00")
    assert run_pass().acknowledged == []  # an answer counts once


def test_a_reply_sent_before_the_flag_counts_at_once(mailbox, run_pass, berlin_core):
    mailbox.put("01-dana-invoice")
    mailbox.put("19-kim-answers-dana-eta", "Sent")
    assert run_pass().captured == []  # not flagged yet; the reply is read and passed over

    mailbox.flag("01-dana-invoice")
    outcome = run_pass()
    (request,) = outcome.captured
    assert [r.id for r in outcome.acknowledged] == [request.id]
    assert berlin_core.get(request.id).promised_at == at("2026-11-19T14:00:00+01:00")


def test_their_reply_acknowledges_a_made_request_and_automatic_ones_do_not(
        mailbox, run_pass, berlin_core):
    mailbox.put("07-sent-sam-quote", "Sent", flagged=True)
    mailbox.put("08-sent-lee-slides", "Sent", flagged=True)
    quote, slides = run_pass().captured

    mailbox.put("22-sam-ooo-on-quote")  # out of office: not an answer
    mailbox.put("12-bounce")  # a bounce naming the quote: not an answer either
    mailbox.put("24-dana-on-lee-thread")  # Dana is not the one asked
    outcome = run_pass()
    assert outcome.acknowledged == [] and outcome.skipped == 3
    assert berlin_core.get(quote.id).status is Status.OPEN
    assert berlin_core.get(slides.id).status is Status.OPEN

    mailbox.put("21-sam-answers-quote")
    mailbox.put("23-lee-answers-slides")
    outcome = run_pass()
    assert sorted(r.id for r in outcome.acknowledged) == [quote.id, slides.id]
    quote, slides = berlin_core.get(quote.id), berlin_core.get(slides.id)
    assert quote.status is Status.PROMISED
    assert quote.promised_at == at("2026-11-20T12:00:00+01:00")  # their ETA
    assert quote.acknowledged_at == at("2026-11-19T16:00:00+01:00")
    assert slides.status is Status.ACKNOWLEDGED and slides.promised_at is None


def test_automatic_replies_and_bounces_never_become_requests(mailbox, run_pass, berlin_core):
    for name in ("09-ooo-auto-submitted", "10-x-autoreply-de", "11-precedence-auto-reply-fr",
                 "12-bounce"):
        mailbox.put(name, flagged=True)
    mailbox.put("32-auto-submitted-no", flagged=True)  # "Auto-Submitted: no" is a person
    outcome = run_pass()
    assert [r.title for r in outcome.captured] == ["Room booking for Thursday"]
    assert outcome.skipped == 4
    assert run_pass().skipped == 4  # looked at again, never captured


UNFLAGGED = ("13-list-canteen", "14-newsletter", "15-bulk-announcement", "16-direct-dana-parking",
             "17-cc-only", "18-external-vendor", "09-ooo-auto-submitted")


def test_unflagged_mail_is_not_captured_by_default(mailbox, run_pass):
    for name in UNFLAGGED:
        mailbox.put(name)
    assert run_pass(domains=["example.com"]).captured == []


def test_direct_mail_from_colleagues_when_asked_for(mailbox, run_pass, berlin_core):
    for name in UNFLAGGED:
        mailbox.put(name)
    # only mail to me (not in Cc), from the company, not from a list, not automatic
    outcome = run_pass(capture_direct=True, domains=["example.com"])
    assert [r.title for r in outcome.captured] == ["Parking permit renewal"]
    assert berlin_core.get(outcome.captured[0].id).needed_by == at("2026-11-19T17:00:00+01:00")
    assert run_pass(capture_direct=True, domains=["example.com"]).captured == []


def test_a_new_uidvalidity_falls_back_to_message_ids(mailbox, run_pass, berlin_core, imap_server):
    mailbox.put("01-dana-invoice", flagged=True)
    mailbox.put("07-sent-sam-quote", "Sent", flagged=True)
    mailbox.put("19-kim-answers-dana-eta", "Sent")
    first = run_pass()
    assert len(first.captured) == 2 and len(first.acknowledged) == 1
    with imap_server.client(mailbox.user) as client:
        before = client.select_folder("INBOX")[b"UIDVALIDITY"]

    imap_server.reset_uids(mailbox.user)
    with imap_server.client(mailbox.user) as client:
        assert client.select_folder("INBOX")[b"UIDVALIDITY"] != before

    again = run_pass()
    assert again.captured == [] and again.acknowledged == []
    assert berlin_core.store.count() == 2

    mailbox.put("21-sam-answers-quote")  # after the renumbering, answers still count
    assert len(run_pass().acknowledged) == 1


def test_a_server_that_goes_away_mid_pass_leaves_nothing_half_captured(
        mailbox, berlin_core, imap_server):
    names = ("01-dana-invoice", "02-sam-contract", "03-ari-numbers", "04-jo-badge-de")
    for name in names:
        mailbox.put(name, flagged=True)
    settings = mailbox.settings()
    login = password_login(settings.user, mailbox.password)

    def pull_the_plug(request):
        imap_server.stop()

    try:
        with pytest.raises(CaptureError, match="went away during the pass.*1 change"):
            sync(berlin_core, settings, login, on_written=pull_the_plug)
    finally:
        imap_server.start()
    saved = berlin_core.store.requests()
    assert len(saved) == 1
    assert saved[0].title and saved[0].counterpart.email and saved[0].history

    rest = sync(berlin_core, settings, login)
    assert len(rest.captured) == 3
    assert sorted(r.title for r in berlin_core.store.requests()) == sorted(
        ["Repair invoice", "Contract review before eod", "Q3 numbers for the board deck",
         "Ausweisformular für die neue Kollegin"])


def test_a_wrong_password_says_so(mailbox, berlin_core):
    settings = mailbox.settings()
    with pytest.raises(AuthenticationFailed) as refused:
        sync(berlin_core, settings, password_login(settings.user, "not-the-password"))
    message = str(refused.value)
    assert mailbox.user in message and "password" in message and "app password" in message
    assert "not-the-password" not in message
    assert berlin_core.store.count() == 0


def test_an_unreachable_server_says_so(mailbox, berlin_core):
    from tests.servers.imap import free_port

    settings = mailbox.settings(port=free_port())
    with pytest.raises(CaptureError, match="cannot reach the mail server"):
        sync(berlin_core, settings, password_login(settings.user, mailbox.password))


def test_text_no_field_may_hold_is_made_keepable_instead_of_losing_the_mail(
        mailbox, run_pass, berlin_core):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = '"Eve \u202eevE" <eve@example.com>'
    message["To"] = "kim.baker@example.com"
    message["Subject"] = "Invoice \u202efdp.exe " + "and more words " * 40
    message["Date"] = "Mon, 16 Nov 2026 10:12:00 +0100"
    message["Message-ID"] = "<hostile-subject@mail.example.com>"
    message.set_content("Please pay\x07 this\r\nby Friday 3pm.\n\x00\n")
    mailbox.server.append(mailbox.user, "INBOX", bytes(message), flags=[b"\\Flagged"],
                          when=datetime.fromisoformat("2026-11-16T10:12:00+01:00"))

    outcome = run_pass()

    (captured,) = outcome.captured
    request = berlin_core.get(captured.id)
    assert request.title.startswith("Invoice fdp.exe and more words")
    assert len(request.title) <= 200
    assert request.counterpart.name == "Eve evE"
    assert "\x07" not in request.details and "\x00" not in request.details
    assert request.needed_by == at("2026-11-20T15:00:00+01:00")
