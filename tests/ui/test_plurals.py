"""Counts read as words in every language: "1 prompt", "3 prompts", never "prompt(s)", in an
English run, a run in a language Promptly has no translation for, and a German run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from app import i18n as core_i18n
from app.domain.commands import NewRequest
from app.domain.model import Direction
from ui import i18n
from ui.prompt_window import PromptWindow
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.fixture
def installed(qapp, tmp_path, monkeypatch):
    """Install the app's translations for a locale, as built from the committed .ts files."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in TRANSLATIONS.glob("*.ts"):
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(tmp_path / f"{ts.stem}.qm")],
                       check=True)
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    translators = []

    def install(language: QLocale.Language) -> None:
        translators.extend(i18n.install(qapp, QLocale(language)))

    yield install
    for translator in translators:
        qapp.removeTranslator(translator)
    core_i18n.install(str)


def away_intro(qtbot, controller, core, clock, count):
    for n in range(count):
        core.add(NewRequest(Direction.RECEIVED, "Dana", f"request {n}"))
    clock.advance(hours=5)  # asleep: they come as one "while you were away" entry
    prompts = core.schedule().due
    window = PromptWindow(controller)
    qtbot.addWidget(window)
    window.show_prompts(prompts, [])
    return window.page.findChildren(type(window.caption))[0].text()


@pytest.mark.parametrize("language", [QLocale.Language.English, QLocale.Language.French,
                                      QLocale.Language.C])
@pytest.mark.parametrize("count, words", [(1, "1 prompt came due"), (3, "3 prompts came due")])
def test_english_counts_have_their_plural(qtbot, controller, core, clock, installed, language,
                                          count, words):
    installed(language)
    intro = away_intro(qtbot, controller, core, clock, count)
    assert intro == f"{words} while you were away."


@pytest.mark.parametrize("count, words", [(1, "1 Erinnerung"), (3, "3 Erinnerungen")])
def test_german_counts_have_their_plural(qtbot, controller, core, clock, installed, count, words):
    installed(QLocale.Language.German)
    intro = away_intro(qtbot, controller, core, clock, count)
    assert intro.startswith(words) and "(" not in intro


def join_preview_text(qtbot, controller, core, personal: int, done: int = 0) -> str:
    """The Team page's join preview for one open request with Dana, `done` done ones with her,
    and `personal` with Lee."""
    from app.secrets import Secrets
    from app.team.sync import JoinPreview
    from ui.settings.team import TeamPage

    shared = [core.add(NewRequest(Direction.MADE, "Dana", "Credit note"))]
    shared += [core.done(core.add(NewRequest(Direction.MADE, "Dana", f"invoice {n}")).id)
               for n in range(done)]
    others = [core.add(NewRequest(Direction.RECEIVED, "Lee", f"quote {n}")) for n in range(personal)]
    page = TeamPage(controller, Secrets())
    qtbot.addWidget(page)
    return page.preview_text(JoinPreview(shared, others))


def test_the_join_preview_counts_in_english_words(qtbot, controller, core, installed):
    installed(QLocale.Language.English)
    assert join_preview_text(qtbot, controller, core, 4).splitlines() == [
        "Joining shares 1 request with team members:", "  • Dana owes me · Credit note",
        "4 requests stay personal, with people outside the team:", "  • I owe Lee · quote 0",
        "  • I owe Lee · quote 1", "  • I owe Lee · quote 2", "  • and 1 more"]


@pytest.mark.parametrize("done, heading", [
    (1, "Joining shares 2 requests with team members (1 done or cancelled):"),
    (3, "Joining shares 4 requests with team members (3 done or cancelled):")])
def test_the_join_preview_counts_done_requests_too(qtbot, controller, core, installed, done,
                                                   heading):
    installed(QLocale.Language.English)
    lines = join_preview_text(qtbot, controller, core, 1, done).splitlines()
    assert lines[:3] == [heading, "  • Dana owes me · Credit note",
                         "  • Dana owes me · invoice 0 · done"]  # open ones first
    assert lines[-2] == "1 request stays personal, with people outside the team:"


def test_the_join_preview_counts_in_german_words(qtbot, controller, core, installed):
    installed(QLocale.Language.German)
    lines = join_preview_text(qtbot, controller, core, 1).splitlines()
    assert lines[0] == "Beim Beitritt wird 1 Anfrage mit Teammitgliedern geteilt:"
    assert lines[2] == "1 Anfrage bleibt persönlich, mit Personen außerhalb des Teams:"
    lines = join_preview_text(qtbot, controller, core, 2, 1).splitlines()
    assert lines[0] == ("Beim Beitritt werden 2 Anfragen mit Teammitgliedern geteilt "
                        "(1 erledigt oder abgebrochen):")
    assert lines[2] == "  • Dana schuldet mir · invoice 0 · erledigt"
