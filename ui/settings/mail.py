"""Mail: the SMTP account follow-ups are sent with. The password lives only in the keyring."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QSpinBox

from app.mail import DEFAULT_PORTS, SECURITY, MailSettings, Message
from app.secrets import Secrets, SecretsUnavailable
from app.settings import Settings, SettingsError
from ui.controller import Controller
from ui.mail_sender import keyring_note, send_message
from ui.colours import ERROR, text_style
from ui.settings.page import SettingsPage, note, plain


class MailPage(SettingsPage):
    key = "mail"

    def __init__(self, controller: Controller, secrets: Secrets, save: Callable[[], bool]) -> None:
        """`save`: saves the whole dialog, as the test message needs a valid, saved account."""
        super().__init__(controller, self.tr("Mail"),
                         self.tr("Promptly can send a follow-up straight from a prompt. "
                                 "The password is kept only in the system keyring."))
        self.secrets = secrets
        self.save = save
        self.job = None
        self._timeout: int | None = None  # not shown: kept as stored
        form = QFormLayout()
        self.box.addLayout(form)
        self.host = QLineEdit()
        self.host.setPlaceholderText("smtp.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        names = {"starttls": self.tr("STARTTLS"), "ssl": self.tr("SSL/TLS"), "none": self.tr("None (unencrypted)")}
        for value in SECURITY:
            self.security.addItem(names[value], value)
        self.security.activated.connect(lambda _: self.port.setValue(DEFAULT_PORTS[self.security.currentData()]))
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("empty if the server needs no login"))
        self.from_address = QLineEdit()
        self.from_address.setPlaceholderText("kim@example.org")
        self.from_name = QLineEdit()
        form.addRow(self.tr("SMTP server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Security"), self.security)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("From address"), self.from_address)
        form.addRow(self.tr("From name"), self.from_name)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("type to store a new password"))
        store = QPushButton(self.tr("Store in keyring"))
        store.clicked.connect(self.store_password)
        forget = QPushButton(self.tr("Forget"))
        forget.clicked.connect(self.forget_password)
        self.password_buttons = (store, forget)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(store)
        row.addWidget(forget)
        form.addRow(self.tr("Password"), row)
        self.keyring_label = plain()
        self.keyring_label.setObjectName("keyringState")
        form.addRow("", self.keyring_label)
        self.test_button = QPushButton(self.tr("Send a test message"))
        self.test_button.clicked.connect(self.send_test_message)
        self.note = plain()
        self.note.setObjectName("mailNote")
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.note, 1)
        self.box.addLayout(row)
        self.finish()

    def load(self, settings: Settings) -> None:
        account = settings.mail_settings()
        self.host.setText(account.host)
        self.port.setValue(account.port)
        self.security.setCurrentIndex(self.security.findData(account.security))
        self.user.setText(account.user)
        self.from_address.setText(account.from_address)
        self.from_name.setText(account.from_name)
        self._timeout = account.timeout
        self.refresh_keyring_state()

    def account(self) -> MailSettings:
        """The account as typed; raises SettingsError with the reason."""
        values = dict(host=self.host.text(), port=self.port.value(), security=self.security.currentData(),
                      user=self.user.text(), from_address=self.from_address.text(),
                      from_name=self.from_name.text())
        if self._timeout is not None:
            values["timeout"] = self._timeout
        return Settings(timezone="UTC", mail=values).mail_settings()

    def collect(self) -> dict[str, Any]:
        account = self.account()
        return {"mail": account.to_dict() if account.configured or account.user else {}}

    # -- the password -----------------------------------------------------------------------

    def refresh_keyring_state(self) -> bool:
        state = self.secrets.state()
        self.keyring_label.setText(keyring_note(state))
        self.keyring_label.setStyleSheet("" if state.usable else text_style(self.keyring_label, ERROR))
        for button in self.password_buttons:
            button.setEnabled(state.usable)
        self.password.setPlaceholderText(
            self.tr("type to store a new password") if state.usable
            else self.tr("used for the test message only, never saved"))
        return state.usable

    def store_password(self) -> bool:
        password = self.password.text()
        try:
            account = self.account()
        except SettingsError as exc:
            note(self.note, str(exc), ok=False)
            return False
        if not account.user or not password:
            note(self.note, self.tr("Enter the user name and the password first."), ok=False)
            return False
        try:
            self.secrets.set(account.keyring_account, password)
        except SecretsUnavailable as exc:
            note(self.keyring_label, keyring_note(exc), ok=False)
            note(self.note, self.tr("The password was not stored."), ok=False)
            return False
        self.password.clear()
        note(self.note, self.tr("The password is stored in the system keyring."), ok=True)
        return True

    def forget_password(self) -> None:
        try:
            self.secrets.delete(self.account().keyring_account)
        except SettingsError as exc:
            note(self.note, str(exc), ok=False)
        except SecretsUnavailable as exc:
            note(self.note, keyring_note(exc), ok=False)
        else:
            note(self.note, self.tr("The stored password is removed."), ok=True)

    # -- the test message -------------------------------------------------------------------

    def send_test_message(self):
        """Save the settings (the account must be valid), then mail the from-address itself."""
        if not self.save():
            return None
        account = self.core.settings.mail_settings()
        if not account.configured:
            note(self.note, self.tr("Enter the SMTP server and the from address first."), ok=False)
            return None
        message = Message(to=account.from_address, to_name=account.from_name,
                          subject=self.tr("Promptly test message"),
                          body=self.tr("This message shows that Promptly can send follow-ups "
                                       "through {host}.").format(host=account.host) + "\n")
        errors: list[str] = []
        self.controller.error.connect(errors.append)
        try:
            job = send_message(self.controller, message, parent=self,
                               password=self.password.text() or None, secrets=self.secrets)
        finally:
            self.controller.error.disconnect(errors.append)
        if job is None:
            note(self.note, errors[-1] if errors else self.tr("Nothing was sent."), ok=False)
            return None
        self.test_button.setEnabled(False)
        note(self.note, self.tr("Sending…"), ok=True)
        job.finished.connect(self._test_finished)
        self.job = job
        return job

    def _test_finished(self, ok: bool, text: str) -> None:
        self.test_button.setEnabled(True)
        if ok:
            note(self.note, self.tr("Test message sent to {address}.")
                 .format(address=self.core.settings.mail_settings().from_address), ok=True)
        else:
            note(self.note, text, ok=False)
