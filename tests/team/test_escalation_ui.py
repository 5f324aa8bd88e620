"""An escalation in Promptly, through the windows, on the throw-away PostgreSQL server: Sam's
escalate prompt offers "Escalate in Promptly"; after a sync, Dana's supervisor Kim is prompted
with who asked whom for what, has it under "Escalated to me" in the tray, and adds a note that
reaches Sam."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.commands import NewRequest
from app.domain.model import Direction, EventKind, PromptKind
from app.service import Promptly
from app.settings import Settings
from app.storage.database import open_database
from app.storage.store import Store
from app.team import sync
from tests.ui.windows_support import settings_dir  # noqa: F401  (fixture)
from ui.controller import Controller

pytestmark = pytest.mark.postgresql


@pytest.fixture
def people(team, tmp_path, clock, monkeypatch, qapp):
    kim = team.add("kim", "Kim")
    dana = team.add("dana", "Dana", supervisor=kim[0], department="Billing")
    sam = team.add("sam", "Sam", department="Billing")
    lee = team.add("lee", "Lee")  # supervises nobody here
    team.password_file((kim, dana, sam, lee), tmp_path, monkeypatch)
    cores = {}
    for name, (login, _) in (("kim", kim), ("sam", sam), ("lee", lee)):
        store = Store(open_database(str(tmp_path / f"{name}.db")))
        store.save_settings(Settings(timezone="UTC"))
        core = Promptly(store, clock)
        sync.join(core, team.url(login))
        cores[name] = core
    yield cores
    for core in cores.values():
        core.close()


def test_an_escalation_produces_a_prompt_for_the_supervisor(qtbot, people, clock):
    from ui.escalation_window import EscalationPrompter, EscalationWindow
    from ui.prompt_window import PromptWindow
    from ui.tray import Tray, TrayData

    sam, kim, lee = people["sam"], people["kim"], people["lee"]
    asked = sam.add(NewRequest(Direction.MADE, "Dana", "repair invoice"))
    sync.sync(sam)

    # Sam's escalate prompt fires; "Escalate in Promptly" is offered and taken
    clock.advance(hours=2)
    schedule = sam.schedule()
    sam.fire(schedule.due, schedule.digests)
    window = PromptWindow(Controller(sam))
    qtbot.addWidget(window)
    window.show_prompts([p for p in schedule.due if p.kind is PromptKind.ESCALATE], [])
    row = window.prompt_row
    assert not row.escalate_button.isHidden() and "Kim" in row.escalate_button.toolTip()
    row.escalate_button.click()
    escalated = [e for e in sam.get(asked.id).history if e.kind is EventKind.ESCALATED]
    assert escalated[-1].data == {"prompt_kind": "escalate", "how": "promptly", "to": "Kim"}
    sync.sync(sam)

    # Kim's sync brings it: a prompt, and a section in the tray menu
    controller = Controller(kim)
    prompter = EscalationPrompter(controller)
    announced = []
    prompter.announce.connect(lambda title, text: announced.append(text))
    sync.sync(kim)
    with qtbot.waitSignal(prompter.present_requested, timeout=1000):
        controller.changed.emit()  # what the sync driver does after a sync
    assert announced == ["Sam asked Dana: repair invoice"]
    assert kim.requests() == []  # not Kim's request: not in Kim's list or figures

    board = EscalationWindow(controller)
    qtbot.addWidget(board)
    board.present()
    [shown] = board.rows
    assert shown.title_label.text() == "Sam asked Dana: repair invoice"
    assert any("Sam escalated it" in label.text() for label in shown.story_labels)

    tray = Tray()
    data = TrayData(kim)
    data.reload()
    tray.attach(data)
    tray.rebuild_menu()
    texts = [a.text() for a in tray.actions()]
    assert "Escalated to me" in texts
    assert "Sam asked Dana · repair invoice · new" in texts
    tray.icon.hide()

    # a note, and seen: no second prompt for it
    shown.note_edit.setText("Dana, please call Sam")
    shown.note_button.click()
    board.rows[0].seen_button.click()
    assert not prompter.check()
    sync.sync(kim)
    sync.sync(sam)
    notes = [e for e in sam.get(asked.id).history if e.kind is EventKind.NOTE]
    assert [(n.data["text"], n.data["team"]["name"]) for n in notes] == [
        ("Dana, please call Sam", "Kim")]

    # a supervisor of someone else sees nothing
    sync.sync(lee)
    assert lee.escalated_to_me() == [] and lee.requests() == []
