"""What ships: desktop entry, AppStream metadata, icons, translations, the PyInstaller spec, and
(when built) the one-folder app itself starting with its tray icon in a real desktop session."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
TRANSLATIONS = RESOURCES / "translations"
BUILT_APP = ROOT / "dist" / "promptly" / "promptly"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"needs {name} (make desktop-deps)")
    return path


def test_the_desktop_entry_validates():
    result = subprocess.run([tool("desktop-file-validate"), str(RESOURCES / "promptly.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_the_appstream_metadata_validates():
    [metainfo] = RESOURCES.glob("*.metainfo.xml")
    result = subprocess.run([tool("appstreamcli"), "validate", "--no-net", str(metainfo)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(metainfo).getroot()
    assert root.findtext("launchable") == "promptly.desktop"
    assert metainfo.name == f"{root.findtext('id')}.metainfo.xml"


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_each_icon_size_is_a_square_png_of_that_size(qapp, size):
    from PySide6.QtGui import QImage

    image = QImage(str(RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "promptly.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(size // 2, size // 2).alpha() == 255  # not an empty canvas


def test_the_svg_icon_renders(qapp):
    from PySide6.QtSvg import QSvgRenderer

    assert QSvgRenderer(str(RESOURCES / "icons" / "promptly.svg")).isValid()


def _spec_bundle_plist() -> dict:
    tree = ast.parse((ROOT / "packaging" / "promptly.spec").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "BUNDLE":
            for keyword in node.keywords:
                if keyword.arg == "info_plist":
                    return ast.literal_eval(keyword.value)
    raise AssertionError("promptly.spec has no BUNDLE(info_plist=...)")


def test_the_macos_bundle_is_tray_only_without_a_dock_icon():
    plist = _spec_bundle_plist()
    assert plist["LSUIElement"] is True
    assert plist["CFBundleName"] == "Promptly"


# -- translations ----------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n|&(?=\w)")


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete", "unfinished"):
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            yield context.findtext("name"), message.findtext("source"), forms


@pytest.mark.parametrize("language", ["de", "en"])
def test_translations_keep_every_placeholder(language):
    checked = 0
    for context, source, forms in _messages(TRANSLATIONS / f"promptly_{language}.ts"):
        wanted = sorted(p for p in PLACEHOLDER.findall(source) if p != "&")
        for form in forms:
            assert sorted(p for p in PLACEHOLDER.findall(form) if p != "&") == wanted, (context, source, form)
            if re.search(r"&\w", source):  # a menu accelerator stays an accelerator
                assert re.search(r"&\w", form), (context, source, form)
        checked += 1
    assert checked > 10


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """The .qm files built from the committed .ts files, as `make translations` does."""
    folder = tmp_path_factory.mktemp("qm")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for language in ("de", "en"):
        subprocess.run([str(lrelease), "-silent", str(TRANSLATIONS / f"promptly_{language}.ts"),
                        "-qm", str(folder / f"promptly_{language}.qm")], check=True)
    return folder


def test_a_german_locale_gets_german_words_and_plurals(qapp, compiled, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QLocale

    from ui import i18n

    monkeypatch.setattr(i18n, "translations_dir", lambda: compiled)
    translators = i18n.install(qapp, QLocale(QLocale.Language.German, QLocale.Country.Austria))
    try:
        assert translators
        assert QCoreApplication.translate("HoursPage", "Working hours") == "Arbeitszeiten"
        assert QCoreApplication.translate("Wording", "%n d", None, 1) == "1 Tag"
        assert QCoreApplication.translate("Wording", "%n d", None, 3) == "3 Tage"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_english_gets_proper_plurals_and_unknown_languages_stay_english(qapp, compiled, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QLocale

    from ui import i18n

    monkeypatch.setattr(i18n, "translations_dir", lambda: compiled)
    english = i18n.install(qapp, QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        text = QCoreApplication.translate("HoursPage", "%n new day(s) added from the calendar.", None, 1)
        assert text == "1 new day added from the calendar."
    finally:
        for translator in english:
            qapp.removeTranslator(translator)
    finnish = i18n.install(qapp, QLocale(QLocale.Language.Finnish))
    try:
        assert QCoreApplication.translate("HoursPage", "Working hours") == "Working hours"
    finally:
        for translator in finnish:
            qapp.removeTranslator(translator)


# -- the built app -------------------------------------------------------------------------------

from tests.desktop.conftest import desktop, wait_for  # noqa: E402,F401  (the session fixture)


BUILD_WANTED = os.environ.get("PROMPTLY_TEST_PACKAGE") == "1"


@pytest.mark.slow
@pytest.mark.desktop
@pytest.mark.skipif(not BUILT_APP.exists() and not BUILD_WANTED,
                    reason="no build in dist/promptly: run `make package` (minutes) or set PROMPTLY_TEST_PACKAGE=1")
def test_the_one_folder_build_starts_and_shows_its_tray_icon(desktop, tmp_path):  # noqa: F811
    if BUILD_WANTED:
        subprocess.run(["make", "package"], cwd=ROOT, check=True, timeout=1800)
    report, log = tmp_path / "report.json", tmp_path / "app.log"
    env = {"PROMPTLY_DB": str(tmp_path / "promptly.db"), "PROMPTLY_STARTUP_REPORT": str(report),
           "PYTHONPATH": ""}  # the build must carry everything itself
    with log.open("w") as out:
        process = desktop.spawn(str(BUILT_APP), env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=tmp_path)
    try:
        wait_for(lambda: report.exists() or process.poll() is not None, timeout=60,
                 what="the built app's start-up report")
        assert process.poll() is None, log.read_text()
        started = json.loads(report.read_text())
        assert started["tray_available"] is True and started["tray_visible"] is True
        wait_for(lambda: " 0 children" not in desktop.tray_tree() and "child" in desktop.tray_tree(),
                 what="the built app's icon inside trayer")
        assert (tmp_path / "promptly.db").exists()  # the database layer and migrations came along
    finally:
        process.terminate()
        process.wait(timeout=15)
