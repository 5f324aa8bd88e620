"""The first start: what to type, where Promptly lives, how prompts work. Shown once.

"Once" is kept in QSettings beside the windows' geometry (it is about this desktop, not about the
data); a database that already holds requests is not a first start either.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import global_shortcut
from ui.controller import Controller
from ui.dialogs import close_keys, plain_label

SHOWN_KEY = "welcome/shown"


def first_run(controller: Controller) -> bool:
    if QSettings("Promptly", "Promptly").value(SHOWN_KEY, False, type=bool):
        return False
    return not controller.core.open_requests()


class WelcomeWindow(QWidget):
    quick_add_requested = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.setWindowTitle(self.tr("Welcome to Promptly"))
        layout = QVBoxLayout(self)
        heading = plain_label(self.tr("Welcome to Promptly"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.points: list[QLabel] = []
        for text in self._texts():
            label = plain_label(text)
            label.setWordWrap(True)
            self.points.append(label)
            layout.addWidget(label)
        buttons = QDialogButtonBox()
        self.add_button = QPushButton(self.tr("&Add my first request"))
        self.add_button.setDefault(True)
        self.close_button = QPushButton(self.tr("&Close"))
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.add_button.clicked.connect(self._add)
        self.close_button.clicked.connect(self.close)
        layout.addWidget(buttons)
        close_keys(self)
        self.setMinimumWidth(420)
        self.setMaximumWidth(560)

    def _texts(self) -> list[str]:
        settings = self.controller.core.settings
        key = settings.global_shortcut
        if key and global_shortcut.status() == global_shortcut.GRABBED:
            reach = self.tr("Promptly lives in the system tray, near the clock: its menu has Quick add, "
                            "Requests and Settings. {key} opens quick add from any program.").format(key=key)
        else:
            reach = self.tr("Promptly lives in the system tray, near the clock: its menu has Quick add, "
                            "Requests and Settings. Where there is no tray, the Requests window "
                            "stands in for it.")
        return [
            self.tr("Note each request in one line, as you would say it:\n"
                    "  from @dana: repair invoice by fri 3pm   (Dana asked me)\n"
                    "  to @sam: review the contract by tomorrow 11am   (I asked Sam)"),
            reach,
            self.tr("When it is time to answer, to remind or to involve a supervisor, a prompt "
                    "appears with the actions that settle it. It stays until you act on it or "
                    "dismiss it, even across a restart."),
        ]

    def present(self) -> None:
        QSettings("Promptly", "Promptly").setValue(SHOWN_KEY, True)
        self.adjustSize()
        self.show()
        self.raise_()
        self.activateWindow()
        self.add_button.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _add(self) -> None:
        self.close()
        self.quick_add_requested.emit()
