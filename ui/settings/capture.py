"""Mail capture: the IMAP mailbox whose flagged mail becomes requests. Password: keyring only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from app.capture.account import DEFAULT_PORTS, SECURITY, CaptureError, CaptureSettings
from app.secrets import Secrets, SecretsUnavailable
from app.settings import Settings, SettingsError
from ui.background import Background
from ui.controller import Controller
from ui.mail_sender import keyring_note
from ui.settings.page import SettingsPage, note, plain

_AUTOMATIC = ""  # folder combo value: found through special-use after each login


class CapturePage(SettingsPage):
    key = "capture"
    tested = Signal(bool)  # a connection test ended: did it log in?

    def __init__(self, controller: Controller, secrets: Secrets) -> None:
        super().__init__(controller, self.tr("Mail capture"), self.tr(
            "Mail you flag in any mail client becomes a request: received from the sender "
            "(Inbox), made to the first recipient (Sent). Your replies acknowledge them."))
        self.secrets = secrets
        self.background = Background(self)
        self._kept: dict[str, Any] = {}  # stored values the page does not show
        form = QFormLayout()
        self.box.addLayout(form)
        self.host = QLineEdit()
        self.host.setPlaceholderText("imap.example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        names = {"ssl": self.tr("SSL/TLS"), "starttls": self.tr("STARTTLS"),
                 "none": self.tr("None (this computer only)")}
        for value in SECURITY:
            self.security.addItem(names[value], value)
        self.security.activated.connect(
            lambda _: self.port.setValue(DEFAULT_PORTS[self.security.currentData()]))
        self.user = QLineEdit()
        self.user.setPlaceholderText("kim.baker@example.com")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("type to store a new password"))
        store = QPushButton(self.tr("Store in keyring"))
        store.clicked.connect(self.store_password)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(store)
        self.inbox, self.sent = QComboBox(), QComboBox()
        for combo in (self.inbox, self.sent):
            combo.addItem(self.tr("found automatically"), _AUTOMATIC)
        self.domains = QLineEdit()
        self.domains.setPlaceholderText("example.com, example.org")
        self.direct = QCheckBox(self.tr("Capture direct mail from colleagues, without a flag"))
        self.direct.setToolTip(self.tr("Mail to you (not only in Cc) from the company domains, "
                                       "not from a list, not an automatic reply."))
        form.addRow(self.tr("IMAP server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Security"), self.security)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), row)
        self.keyring_label = plain()
        form.addRow("", self.keyring_label)
        form.addRow(self.tr("Inbox folder"), self.inbox)
        form.addRow(self.tr("Sent folder"), self.sent)
        form.addRow(self.tr("Company domains"), self.domains)
        form.addRow("", self.direct)
        form.addRow("", self.field_error("mail_capture"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.note = plain()
        self.note.setObjectName("captureNote")
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.note, 1)
        self.box.addLayout(row)
        self.box.addWidget(plain(self.tr(
            "Works today with a password or an app password (Gmail, Microsoft 365: create an "
            "app password). Signing in with OAuth2 is not supported yet.")))
        self.finish()

    def load(self, settings: Settings) -> None:
        account = settings.capture_settings()
        self.host.setText(account.host)
        self.port.setValue(account.port)
        self.security.setCurrentIndex(self.security.findData(account.security))
        self.user.setText(account.user)
        for combo, name in ((self.inbox, account.inbox), (self.sent, account.sent)):
            self._choose(combo, name)
        self.domains.setText(", ".join(account.domains))
        self.direct.setChecked(account.capture_direct)
        self._kept = {k: v for k, v in account.to_dict().items() if k in ("address", "timeout", "enabled")}
        state = self.secrets.state()
        self.keyring_label.setText("" if state.usable else keyring_note(state))

    @staticmethod
    def _choose(combo: QComboBox, name: str) -> None:
        if name and combo.findData(name) < 0:
            combo.addItem(name, name)
        combo.setCurrentIndex(combo.findData(name))

    def account(self) -> CaptureSettings:
        """The account as typed; SettingsError with the reason."""
        domains = [d for d in self.domains.text().replace(";", ",").replace(" ", ",").split(",") if d]
        values = dict(self._kept, host=self.host.text(), port=self.port.value(),
                      security=self.security.currentData(), user=self.user.text(),
                      inbox=self.inbox.currentData(), sent=self.sent.currentData(),
                      domains=domains, capture_direct=self.direct.isChecked())
        return Settings(timezone="UTC", mail_capture=values).capture_settings()

    def collect(self) -> dict[str, Any]:
        account = self.account()
        return {"mail_capture": account.to_dict() if account.configured else {}}

    def store_password(self) -> bool:
        try:
            account = self.account()
        except SettingsError as exc:
            note(self.note, str(exc), ok=False)
            return False
        if not account.configured or not self.password.text():
            note(self.note, self.tr("Enter the server, the user name and the password first."), ok=False)
            return False
        try:
            self.secrets.set(account.keyring_account, self.password.text())
        except SecretsUnavailable as exc:
            note(self.note, keyring_note(exc), ok=False)
            return False
        self.password.clear()
        note(self.note, self.tr("The password is stored in the system keyring."), ok=True)
        return True

    def test_connection(self) -> bool:
        """Log in and list the folders, on a thread of its own (a slow server never freezes the
        dialog); fills the folder choices. False when it cannot start; `tested` says how it went."""
        from app.capture.account import PasswordNeeded, password
        from app.capture.imap import connect, password_login

        try:
            account = self.account()
            secret = self.password.text() or password(account, {}, self.secrets)
        except (SettingsError, PasswordNeeded) as exc:
            note(self.note, str(exc), ok=False)
            return False

        def probe() -> tuple[str, str | None, list[str]]:
            with connect(account, password_login(account.user, secret)) as mailbox:
                inbox, sent = mailbox.folders()
                return inbox, sent, mailbox.folder_names()

        if not self.background.run(probe, self._tested, name="promptly-imap-test"):
            return False
        self.test_button.setEnabled(False)
        note(self.note, self.tr("Connecting to {host}…").format(host=account.host), ok=True)
        return True

    def _tested(self, found, error) -> None:
        self.test_button.setEnabled(True)
        if error is not None:
            if not isinstance(error, CaptureError):
                raise error  # a bug: the excepthook logs it and says where
            note(self.note, str(error), ok=False)
            self.tested.emit(False)
            return
        inbox, sent, names = found
        for combo in (self.inbox, self.sent):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(self.tr("found automatically"), _AUTOMATIC)
            for name in names:
                combo.addItem(name, name)
            self._choose(combo, chosen)
        note(self.note, self.tr("Connected: Inbox is {inbox}, Sent is {sent}.").format(
            inbox=inbox, sent=sent or self.tr("not found; choose it")), ok=True)
        self.tested.emit(True)
