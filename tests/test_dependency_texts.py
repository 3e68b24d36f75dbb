"""The libraries' English texts and internals that summarygen translates, parses or relies on.

summarygen turns PyYAML's and Jinja's English messages into Chinese by matching their texts,
translates click's own texts through a catalog, and builds on python-docx's default template.
A new version of one of them may reword a message or rename a style; then the user would see
English again (or a worse message), silently. These tests fail loudly instead, naming the text
that changed: update the pattern (or the catalog, ``bash scripts/i18n.sh``) and the upper bound
in ``constraints.txt``.
"""

from __future__ import annotations

import io
import os
import re

import click
import docx
import jinja2
import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import summarygen.data.yamlsyntax as yamlsyntax
from summarygen.i18n import LOCALE_DIR
from summarygen.templating.render import make_environment
from summarygen.writer import base as writer
from summarygen.writer import wordml

# --- PyYAML ---------------------------------------------------------------------------------

YAML_SAMPLES = {
    r"end of stream|document separator": 'a: "open\n',
    r"unknown escape character '(.*)'": 'a: "C:\\q"\n',
    r"found character '(.*)' that cannot start": "a: @x\n",
    r"mapping values are not allowed": "a: b: c\n",
    r"could not find expected ':'": "a: 1\nb\nc: 2\n",
    r"expected ',' or '\]'": "a: [1, 2\nb: 3\n",
    r"expected ',' or '\}'": "a: {x: 1\nb: 3\n",
    r"expected <block end>": "a:\n    b: 1\n  c: 2\n",
    r"sequence entries are not allowed": "a: - b\n",
    r"undefined alias '(.*)'": "a: *x\n",
    r"alphabetic or numeric character": "a: &\n",
    r"another document": "a: 1\n---\nb: 2\n",
    r"tag handle|expected '!'|expected URI|expected '>'": "a: !<x\n",
    r"chomping or indentation|indentation indicator": "a: |x\n  b\n",
}


def yaml_problem(text: str) -> str:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=yaml.SafeLoader)
    return caught.value.problem or ""


def test_every_pyyaml_message_we_explain_has_a_sample() -> None:
    patterns = [pattern for pattern, _context, _explain in yamlsyntax._explanations()]
    assert sorted(set(patterns) - {r"found character '\\t'"}) == sorted(YAML_SAMPLES)


@pytest.mark.parametrize(("pattern", "text"), sorted(YAML_SAMPLES.items()))
def test_pyyaml_still_words_its_messages_as_we_match_them(pattern: str, text: str) -> None:
    problem = yaml_problem(text)
    assert re.search(pattern, problem), f"PyYAML {yaml.__version__} now says: {problem!r}"


# --- Jinja ----------------------------------------------------------------------------------

JINJA_SAMPLES = {
    r"No filter named '(.*?)'": "{{ 1 | nosuch }}",
    r"Encountered unknown tag '(.*?)'\.": "{% nosuch %}",
    r"looking for the following tags: '(.*?)'": "{% if 1 %}{% endfor %}",
    r"Unexpected end of template.*block that needs to be closed is '(.*?)'": "{% if 1 %}",
    r"expected token '(.*?)', got '(.*?)'": "{{ a b }}",
    r"^unexpected end of template": "{{ a",
    r"unexpected '(.*?)'": "{{ ) }}",
    r"^Expected an expression": "{{ }}",
}


@pytest.mark.parametrize(("pattern", "source"), sorted(JINJA_SAMPLES.items()))
def test_jinja_still_words_its_messages_as_we_match_them(pattern: str, source: str,
                                                         tmp_path: os.PathLike[str]) -> None:
    env = make_environment([tmp_path])  # type: ignore[list-item]
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        env.from_string(source)
    message = caught.value.message or ""
    assert re.search(pattern, message, re.S), f"Jinja {jinja2.__version__} now says: {message!r}"


def test_jinja_still_words_a_missing_test(tmp_path: os.PathLike[str]) -> None:
    env = make_environment([tmp_path])  # type: ignore[list-item]
    with pytest.raises(jinja2.TemplateError, match=r"No test named '(.*?)'"):
        env.from_string("{% if 1 is nosuch %}{% endif %}").render()


def test_jinja_still_words_the_range_limit() -> None:
    env = jinja2.sandbox.SandboxedEnvironment()
    with pytest.raises(OverflowError, match=r"^Range too big"):
        env.from_string("{{ range(10000000) | list }}").render()


def test_jinja_sandbox_still_names_the_attribute() -> None:
    env = jinja2.sandbox.SandboxedEnvironment()
    with pytest.raises(jinja2.exceptions.SecurityError, match=r"attribute '__class__'"):
        env.from_string("{{ ''.__class__.__name__ }}").render()


# --- click ----------------------------------------------------------------------------------


def test_every_text_click_shows_is_in_our_catalog() -> None:
    """scripts/i18n.sh extracts click's texts; each one must have a Chinese translation."""
    folder = os.path.dirname(click.__file__)
    shown = {message[2] for message in extract_from_dir(folder, keywords={"_": None,
                                                                           "ngettext": (1, 2)})}
    with open(LOCALE_DIR / "zh_CN/LC_MESSAGES/click.po", "rb") as handle:
        catalog = read_po(handle)
    missing = []
    for msgid in shown:
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(key)
        if message is None or not message.string or message.fuzzy:
            missing.append(key)
    assert missing == [], f"click {click.__version__} shows texts our catalog lacks: {missing}"


def test_click_still_routes_its_texts_through_module_gettext() -> None:
    """``route_click_texts`` replaces the ``_`` of click's modules; they must still have one."""
    import click.core
    import click.exceptions

    for module in (click.core, click.exceptions):
        assert callable(getattr(module, "_", None)), module.__name__


# --- python-docx ----------------------------------------------------------------------------


def test_python_docx_default_template_has_the_styles_we_keep() -> None:
    template = docx.Document()
    ids = {style.style_id for style in template.styles}
    kept = writer._KEPT_STYLES - {wordml.TITLE_STYLE}
    assert kept <= ids, f"python-docx's template lost {sorted(kept - ids)}"
    assert template.core_properties.author == "python-docx"  # verify's core.creator knows it


def test_python_docx_default_template_reads_as_a_zip() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert buffer.getvalue()[:2] == b"PK"
