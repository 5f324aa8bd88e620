"""The core's translation hook: a Text is English wherever it is printed, and translated only
where a UI installed a language."""

from __future__ import annotations

import pytest

from app import i18n
from app.domain.model import DomainError
from app.i18n import Text, error_text, localized


@pytest.fixture
def pig_latin():
    templates = {"request #{id} is already done": "equestray #{id} is alreadyay oneday",
                 "'{word}' is wrong": "'{word}' is {missing}"}
    i18n.install(lambda template: templates.get(template, template))
    yield
    i18n.install(str)


def test_a_text_is_its_english_message():
    text = Text("request #{id} is already done", id=7)
    assert text == "request #7 is already done" and str(DomainError(text)) == "request #7 is already done"
    assert (text.template, text.values) == ("request #{id} is already done", {"id": 7})


def test_an_installed_language_translates_by_template(pig_latin):
    error = DomainError(Text("request #{id} is already done", id=7))
    assert error_text(error) == "equestray #7 is alreadyay oneday"
    assert str(error) == "request #7 is already done"


def test_plain_messages_and_broken_translations_stay_as_they_are(pig_latin):
    assert localized("no template here") == "no template here"
    assert localized(Text("'{word}' is wrong", word="fridya")) == "'fridya' is wrong"
    assert error_text(KeyError("format")) == "'format'"
