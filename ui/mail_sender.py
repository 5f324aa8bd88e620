"""Send a drafted follow-up (or the settings' test message) by SMTP without freezing the window.

The password comes from the keyring; when there is none there, or no keyring works, the person
is asked for it, each time, and it is never written anywhere. SMTP runs on a worker thread; the
result comes back on the GUI thread, where a sent follow-up is recorded in the request's history.

For a draft dialog:

    job = send_draft(controller, request.id, dialog.current(), parent=dialog)
    if job: job.finished.connect(lambda ok, text: dialog.accept() if ok else show(text))
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from app import mail
from app.domain.model import PromptKind
from app.secrets import Secrets, SecretsUnavailable
from ui.background import Background
from ui.controller import Controller
from ui.errors import bug_message

log = logging.getLogger(__name__)

PasswordAsker = Callable[[mail.MailSettings, str], "str | None"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("MailSender", text)


def failure_text(exc: Exception) -> str:
    """What went wrong, in the user's language first, then the server's details."""
    if isinstance(exc, mail.AuthenticationFailed):
        lead = _tr("The mail server refused the user name or password.")
    elif isinstance(exc, mail.ServerUnreachable):
        lead = _tr("The mail server cannot be reached.")
    elif isinstance(exc, mail.RecipientRefused):
        lead = (_tr("Sent, but the mail server refused a recipient.") if exc.sent is not None
                else _tr("The mail server refused the recipient."))
    elif isinstance(exc, mail.MailSettingsError):
        lead = _tr("Mail is not set up correctly.")
    else:
        lead = _tr("The message was not sent.")
    return f"{lead}\n{exc}"


def ask_password(parent: QWidget | None) -> PasswordAsker:
    def ask(settings: mail.MailSettings, why: str) -> str | None:
        text = _tr("Password for {user} on {host}:").format(user=settings.user, host=settings.host)
        if why:
            text = f"{why}\n\n{text}"
        password, ok = QInputDialog.getText(parent, _tr("Mail password"), text, QLineEdit.EchoMode.Password)
        return password if ok and password else None
    return ask


def keyring_note(state_or_error) -> str:
    """The keyring's state in plain words (shown in settings and when asking for the password)."""
    from app.secrets import KeyringStatus

    status = state_or_error.state.status if isinstance(state_or_error, SecretsUnavailable) \
        else state_or_error.status
    if status is KeyringStatus.READY:
        return _tr("Passwords are kept in the system keyring.")
    if status is KeyringStatus.MISSING:
        return _tr("No system keyring is available, so the password cannot be saved. "
                   "Promptly asks for it each time it sends mail.")
    if status is KeyringStatus.LOCKED:
        return _tr("The system keyring is locked. Unlock it (log in to your desktop session), "
                   "or Promptly asks for the password each time it sends mail.")
    return _tr("The system keyring does not work here, so Promptly asks for the password each time.")


class MailJob(QObject):
    """One message on its way. `finished(ok, text)`: text is empty on success, else what to do."""

    finished = Signal(bool, str)

    def __init__(self, controller: Controller, request_id: int | None,
                 prompt_kind: PromptKind | None) -> None:
        super().__init__(controller)
        self.controller = controller
        self.request_id = request_id
        self.prompt_kind = prompt_kind
        self.error: Exception | None = None
        self.background = Background(self)

    def start(self, message: mail.Outgoing, settings: mail.MailSettings, password: str | None) -> None:
        at = self.controller.core.now()
        self.background.run(lambda: mail.send(message, settings, password, at=at), self._sent,
                            name="promptly-smtp")

    def _sent(self, sent, error) -> None:
        if error is not None and not isinstance(error, mail.MailError):
            # a bug: never lose the draft to it; the log has the traceback
            log.error("sending mail failed", exc_info=error)
            error = mail.MailError(bug_message())
        self._finish(sent, error)

    def _finish(self, sent, error) -> None:
        self.error = error
        if self.request_id is not None:
            # the history is written here, on the GUI thread, through the one controller
            kind = self.prompt_kind
            if sent is not None:
                self.controller.attempt(mail.record_sent, self.controller.core, self.request_id, kind, sent)
            elif isinstance(error, mail.RecipientRefused) and error.sent is not None:
                self.controller.attempt(mail.record_sent, self.controller.core, self.request_id, kind,
                                        error.sent, error.refused)
        self.finished.emit(error is None, "" if error is None else failure_text(error))


def send_message(controller: Controller, message: mail.Outgoing, *, parent: QWidget | None = None,
                 request_id: int | None = None, prompt_kind: PromptKind | None = None,
                 password: str | None = None, secrets: Secrets | None = None,
                 ask: PasswordAsker | None = None) -> MailJob | None:
    """Start sending; None when it cannot start (mail not set up, or no password given).

    The reason for None has then been shown through `controller.error`.
    """
    try:
        settings = controller.core.settings.mail_settings()
    except Exception as exc:
        controller.error.emit(str(exc))
        return None
    if not settings.configured:
        controller.error.emit(_tr("Mail is not set up. Enter the SMTP server and your address "
                                  "in Settings → Mail, then send again. Your draft is kept."))
        return None
    if settings.user and not password:
        why = ""
        try:
            password = (secrets or Secrets()).get(settings.keyring_account)
        except SecretsUnavailable as exc:
            why = keyring_note(exc)
        if not password:
            password = (ask or ask_password(parent))(settings, why)
        if not password:
            return None  # the person cancelled: nothing sent, the draft stays open
    job = MailJob(controller, request_id, prompt_kind)
    job.start(message, settings, password)
    return job


def send_draft(controller: Controller, request_id: int, draft, *, parent: QWidget | None = None,
               **options) -> MailJob | None:
    """Send a prompt's draft (app.drafts.Draft); recorded in history as how="sent" once sent."""
    return send_message(controller, draft, parent=parent, request_id=request_id,
                        prompt_kind=mail.follow_up_kind(draft.kind), **options)
