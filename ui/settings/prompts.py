"""The prompt ladder: when each prompt fires, in working or plain minutes."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import QFormLayout, QSpinBox

from app.policy.ladder import Ladder
from app.settings import Settings, SettingsError
from ui.controller import Controller
from ui.settings.page import SettingsPage

MAX_MINUTES = 60 * 24 * 30


class PromptsPage(SettingsPage):
    key = "prompts"

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller, self.tr("Prompts"),
                         self.tr("When each prompt of the ladder fires. Working minutes count only "
                                 "working hours; minutes are plain clock time."))
        form = QFormLayout()
        self.box.addLayout(form)
        working, clock = self.tr(" working min"), self.tr(" min")
        labels = {
            "response_window": (self.tr("Answer a request I received within"), working),
            "respond_lead": (self.tr("Remind me to answer, before that, by"), clock),
            "due_soon_lead": (self.tr("Warn me before a promise I gave is due by"), clock),
            "nudge_after": (self.tr("Nudge someone who has not answered after"), working),
            "escalate_after": (self.tr("Escalate when they still have not answered after"), working),
            "escalate_after_promise": (self.tr("Escalate when their promise is late by"), working),
        }
        self.spins: dict[str, QSpinBox] = {}
        for f in fields(Ladder):
            label, suffix = labels[f.name]
            spin = QSpinBox()
            spin.setObjectName(f"ladder_{f.name}")
            spin.setRange(0, MAX_MINUTES)
            spin.setSuffix(suffix)
            spin.setAccelerated(True)
            form.addRow(label, spin)
            self.spins[f.name] = spin
        self.finish()

    def load(self, settings: Settings) -> None:
        for name, spin in self.spins.items():
            spin.setValue(getattr(settings.ladder, name))

    def collect(self) -> dict[str, Any]:
        try:
            return {"ladder": Ladder(**{name: spin.value() for name, spin in self.spins.items()})}
        except ValueError as exc:  # the ladder's own rule, e.g. escalation before the nudge
            raise SettingsError(str(exc), "ladder") from None
