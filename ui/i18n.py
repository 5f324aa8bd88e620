"""Install Promptly's translation (and Qt's own, for standard buttons) for the system locale.

The .qm files are built from resources/translations/*.ts by `make translations`. A missing
translation is not an error: the strings stay in English. The core's messages (app.i18n.Text)
are translated through the same files, in the context "Core".
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import i18n as core_i18n
from app.paths import resources_dir

log = logging.getLogger(__name__)


def translations_dir():
    return resources_dir() / "translations"


def install(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load the translators for `locale` (default: the system's) into `app`; returns them.

    The translators are parented to the app, so they live as long as it does.
    """
    core_i18n.install(lambda template: QCoreApplication.translate("Core", template))
    locale = locale or QLocale.system()
    loaded = []
    for name, folder in (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("promptly", str(translations_dir()))):
        translator = QTranslator(app)
        # "promptly" + "_" + each of the locale's UI languages (de_AT falls back to de)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            loaded.append(translator)
        elif name == "promptly":
            if locale.language() not in (QLocale.Language.English, QLocale.Language.C):
                log.info("no Promptly translation for %s in %s", locale.name(), folder)
            # English then, with its plural forms: "1 prompt", "3 prompts", never "prompt(s)"
            if translator.load("promptly_en", folder):
                app.installTranslator(translator)
                loaded.append(translator)
    return loaded
