"""Saved web pages: the article's text, title, author, date and address, without the page's furniture.

tests/data/web/navalny.html is the text of a real Wikinews article (tests/data/wikinews/0036.txt) inside the
navigation, advert, related links, comments and footer a news site puts around it.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from store.db import Store
from store.ingest import ingest
from store.read.reader import read_paths

from .conftest import WIKINEWS
from .test_cli import run

PAGE = Path(__file__).resolve().parent / "data" / "web" / "navalny.html"


def test_a_saved_page_gives_the_article_and_leaves_the_page_out() -> None:
    [article] = read_paths([PAGE]).articles
    original = (WIKINEWS / "0036.txt").read_text(encoding="utf-8")
    headline, _, story = original.partition("\n\n")
    assert article.title == headline and article.text.startswith(headline + "\n\n")
    for paragraph in (p for p in story.split("\n\n") if p.strip()):
        assert paragraph.strip() in article.text
    for furniture in ("Main page", "Advertisement", "Related stories", "conspiracy by the western media", "Copyright 2020"):
        assert furniture not in article.text
    assert article.meta["date"] == "2020-09-03" and article.meta["date_source"] == "web page"
    assert article.meta["url"].endswith("Germany_says_Alexei_Navalny_poisoned_with_Novichok")
    assert article.meta["author"] == "Wikinews contributors"


def test_a_page_is_extracted_like_any_article_with_offsets_into_its_text(tmp_path: Path) -> None:
    ingest([PAGE], tmp_path / "s.json", workers=1)
    store = Store.open(tmp_path / "s.json")
    [doc] = store.documents.values()
    assert (doc["format"], doc["path"], doc["date"]) == ("html", str(PAGE), "2020-09-03")
    navalny = next(a for a in store.actors.values() if a["name"] == "Alexei Navalny")
    assert {doc["text"][m["start"] : m["end"]] for m in navalny["mentions"]} <= {"Alexei Navalny", "Navalny"}
    spoken = [q for q in store.quotes.values() if q["doc"] == doc["id"]]
    assert spoken and all(doc["text"][q["content_span"]["start"] : q["content_span"]["end"]].strip() for q in spoken)


def test_a_page_without_an_article_is_one_line(tmp_path: Path) -> None:
    menu = tmp_path / "index.html"
    menu.write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>", encoding="utf-8")
    result = run("ingest", str(menu), "--store", str(tmp_path / "s.json"))
    assert result.exit_code != 0 and "no article text" in result.stderr and "Traceback" not in result.output


def test_a_date_told_in_the_story_of_a_page_does_not_date_it(tmp_path: Path) -> None:
    """The obituary of Kay Hagan gives her birth date in the text; its page has no date in its markup: undated."""
    text = (Path(__file__).resolve().parent.parent / "bench" / "data" / "wikinews" / "0034.txt").read_text(encoding="utf-8")
    headline, _, story = text.partition("\n\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in story.split("\n\n") if p.strip())
    page = tmp_path / "hagan.html"
    page.write_text(f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>{paragraphs}</article></body></html>")
    [article] = read_paths([page]).articles
    assert "born on May 26, 1953" in article.text and "date" not in article.meta


def test_a_folder_of_pages_and_text_files_is_read_together(tmp_path: Path) -> None:
    shutil.copy(PAGE, tmp_path / "navalny.html")
    shutil.copy(WIKINEWS / "0124.txt", tmp_path / "0124.txt")
    report = read_paths([tmp_path])
    assert sorted(a.fmt for a in report.articles) == ["html", "txt"]


WEB = Path(__file__).resolve().parent / "data" / "web"
ARTICLES = Path(__file__).resolve().parent.parent / "bench" / "data" / "wikinews"
LAYOUTS = [  # (page, the article inside it, its date): built by scripts/make_web_fixtures.py
    ("blog.html", "0019.txt", "2019-09-11"),  # a blog: sidebar widgets, share buttons, comments, post navigation
    ("newspaper.html", "0082.txt", "2020-01-05"),  # cookie banner, section menus, boxes between paragraphs, JSON-LD date
    ("wire.html", "0005.txt", "2004-11-16"),  # a wire service: ticker, credits line, trust box, trending list
    ("navalny.html", "../wikinews/0036.txt", "2020-09-03"),
]


@pytest.mark.parametrize(("page", "source", "day"), LAYOUTS, ids=[p for p, _s, _d in LAYOUTS])
def test_each_sites_layout_gives_the_whole_article_and_almost_nothing_else(page: str, source: str, day: str) -> None:
    """At least 95 % of the article's words, at most 2 % of the stored words from the page around it, and its date."""
    [article] = read_paths([WEB / page]).articles
    original = ((ARTICLES / source) if not source.startswith("..") else (WIKINEWS / source.split("/")[-1])).read_text(encoding="utf-8")
    wanted, got = Counter(re.findall(r"\w+", original.lower())), Counter(re.findall(r"\w+", article.text.lower()))
    shared = sum((wanted & got).values())
    assert shared / sum(wanted.values()) >= 0.95
    assert (sum(got.values()) - shared) / sum(got.values()) <= 0.02, sorted((got - wanted).elements())
    assert article.meta["date"] == day


def test_a_wire_credit_line_is_kept_as_credits_not_as_story() -> None:
    [article] = read_paths([WEB / "wire.html"]).articles
    assert "Reporting by" not in article.text
    assert article.meta["credits"] == "Reporting by wire correspondents; Editing by the world desk"
