"""Headline, caption and boilerplate detection, and sentences that never cross a paragraph."""

from __future__ import annotations

import pytest

from store.language.dates import resolve_date
from store.read.layout import find_blocks, paragraph_spans

from .conftest import SEED_ARTICLE


def test_seed_blocks() -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    blocks = find_blocks(text)
    roles = [(b.role, text[b.start : b.end]) for b in blocks]
    assert roles[0] == ("headline", "Israel Tried to Derail Syria Ceasefire at Secret Meetings With U.S. And Russia Over Iran")
    assert roles[1][0] == "caption" and roles[1][1].endswith("Hamburg, Germany July 7, 2017")
    assert roles[2] == ("boilerplate", "Carlos Barria/File Photo")
    assert ("boilerplate", "Read More: Iran Drone Buzzes U.S. Navy F/A-18 Jet In Persian Gulf, Forcing Evasive Action") in roles
    assert sum(r == "body" for r, _ in roles) == 10


def test_wrapped_lines_join_and_short_lines_do_not() -> None:
    text = "Title\n\nThe minister said the talks\nwere over. He left.\nA new paragraph.\n"
    spans = [text[s:e] for s, e in paragraph_spans(text)]
    assert spans == ["Title", "The minister said the talks\nwere over. He left.", "A new paragraph."]


def test_paragraphs_always_end_sentences() -> None:
    spacy_nlp = pytest.importorskip("store.extract.nlp").load_pipeline()
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    doc = spacy_nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert "Read More: Iran Drone Buzzes U.S. Navy F/A-18 Jet In Persian Gulf, Forcing Evasive Action" in sents
    assert any(s.startswith("U.S. President Donald Trump shakes hands") and s.endswith("Carlos Barria/File Photo") for s in sents)
    for sent in doc.sents:
        assert "\n\n" not in sent.text.strip()


@pytest.mark.parametrize(
    "text,ref,expected",
    [
        ("July 7, 2017", None, "2017-07-07"),
        ("16 July", "2017-08-10", "2017-07-16"),
        ("16 July", None, None),
        ("early July", "2017-08-10", "2017-07"),
        ("December 3", "2020-01-05", "2019-12-03"),
        ("last month", "2017-08-10", "2017-07"),
        ("last month", "2020-01-05", "2019-12"),
        ("Tuesday", "2004-11-30", "2004-11-30"),
        ("Saturday", "2020-01-13", "2020-01-11"),
        ("last Thursday", "2020-01-10", "2020-01-02"),  # a Friday: the Thursday of last week, not yesterday
        ("last Thursday", "2020-01-13", "2020-01-09"),  # a Monday: last week's Thursday is four days before
        ("yesterday", "2019-09-23", "2019-09-22"),
        ("today's", "2005-01-04", "2005-01-04"),  # "according to today's Washington Post"
        ("Monday's", "2020-01-10", "2020-01-06"),
        ("2019", None, "2019"),
        ("March 2019", None, "2019-03"),
        ("the coming days", "2019-01-01", None),
        ("yesterday evening", "2019-09-19", "2019-09-18"),  # a part of the day goes with its day
        ("8:00 p.m. AST on Wednesday", "2019-09-19", "2019-09-18"),
        ("shortly before midnight Wednesday night", "2004-11-25", "2004-11-24"),
        ("at 5 p.m.", "2019-09-19", "2019-09-19"),  # a clock time alone: the article's day
        ("last night", "2019-09-19", "2019-09-18"),
        ("tomorrow morning", "2019-09-19", "2019-09-20"),
    ],
)
def test_dates_resolve_against_the_article_date(text: str, ref: str | None, expected: str | None) -> None:
    assert resolve_date(text, ref) == expected
