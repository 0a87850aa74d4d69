"""One vocabulary for chrome.rule (transforms/chrome_rules.py): every rule name any module can emit
is in RULES, kebab-case, and the schema's rule column points to it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from schemas import TABLES, column_doc
from transforms import boilerplate, chrome, normalize
from transforms.chrome_rules import RULES, known
from transforms.document import process_document
from transforms.html import extract as html_extract
from transforms.html import rules as html_rules

FIXTURES = Path(__file__).parent / "fixtures"
KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
# names only a code path gives, not a table: the HTML reader's internal error
DYNAMIC_ONLY = {"error"}


def table_rule_names() -> set[str]:
    """Every rule name in the modules' rule tables."""
    return {
        *(rule for rule, _ in chrome.CHROME_LINES), *chrome.TOOLBAR_WORDS, *chrome.PASS_RULES,
        *html_rules.CHROME_TAGS.values(), *html_rules.CHROME_CLASS_TOKENS,
        *(rule for rule, *_ in html_rules.TEXT_RULES), *html_rules.OFF_ARTICLE_CHROME, *html_extract.LINE_RULES,
        *html_extract.OFF_ARTICLE_LINE_RULES,
        *(rule for rule, *_ in normalize.WATERMARKS), boilerplate.REPEATED_LINE_RULE,
    }


def test_every_table_rule_is_in_the_vocabulary_and_every_entry_is_used():
    names = table_rule_names()
    assert names - set(RULES) == set()
    assert set(RULES) - names == DYNAMIC_ONLY, "an entry no module emits"
    assert all(KEBAB.match(name) for name in RULES), [n for n in RULES if not KEBAB.match(n)]
    assert all(RULES.values())


def test_known_refuses_a_name_outside_the_vocabulary():
    known("breadcrumb", "page-metadata")
    with pytest.raises(ValueError, match="prev_next"):
        known("prev_next")


def test_the_old_html_names_are_gone():
    for old in ("prev_next", "qrcode", "meta", "tools", "related", "comment", "links", "link"):
        assert old not in RULES


@pytest.mark.parametrize("folder", ["html", "html-dates", "seeds", "realworld/govreports"])
def test_every_rule_emitted_on_the_fixtures_is_in_the_vocabulary(folder):
    emitted = set()
    for path in sorted((FIXTURES / folder).glob("*")):
        if path.is_file() and path.suffix in (".html", ".txt"):
            processed = process_document(path.read_bytes(), path.name)
            if hasattr(processed, "rows"):
                emitted |= {row["rule"] for row in processed.rows("chrome")}
    assert emitted and emitted <= set(RULES), emitted - set(RULES)


def test_schema_rule_column_points_to_the_vocabulary():
    doc = column_doc(TABLES["chrome"].schema.field("rule"))
    assert "transforms/chrome_rules.py" in doc
    named = set(re.findall(r"[a-z]+(?:-[a-z]+)+|\b(?:breadcrumb|share|editor|promo|toolbar|nav|header|sidebar|hidden|"
                           r"boilerplate|title)\b", doc))
    named -= {"kebab-case"}
    assert named and named <= set(RULES), named - set(RULES)
