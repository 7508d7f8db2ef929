"""Saved news feeds: an article per item, with its title, its own date, its link and its full text."""

from __future__ import annotations

from pathlib import Path

from store.db import Store
from store.ingest import ingest
from store.read.reader import read_paths

from .conftest import WIKINEWS
from .test_cli import run

FEED = Path(__file__).resolve().parent / "data" / "web" / "wikinews.rss"


def test_each_item_of_a_feed_is_an_article_with_its_own_date_and_link() -> None:
    report = read_paths([FEED])
    assert [a.path for a in report.articles] == [f"{FEED}:{n}" for n in (1, 2, 3)] and report.skipped == []
    navalny = report.articles[1]
    original = (WIKINEWS / "0036.txt").read_text(encoding="utf-8")
    headline, _, story = original.partition("\n\n")
    assert navalny.title == headline and navalny.text.startswith(headline + "\n\n")
    for paragraph in (p for p in story.split("\n\n") if p.strip()):
        assert " ".join(paragraph.split()) in navalny.text
    assert (navalny.meta["date"], navalny.meta["date_source"], navalny.meta["source"]) == ("2020-09-05", "feed", "Wikinews")
    assert navalny.meta["url"].startswith("https://en.wikinews.org/wiki/Germany_says")


def test_a_feed_is_extracted_like_any_article(tmp_path: Path) -> None:
    ingest([FEED], tmp_path / "s.json", workers=1)
    store = Store.open(tmp_path / "s.json")
    assert sorted(d["format"] for d in store.documents.values()) == ["feed"] * 3
    bolton = next(a for a in store.actors.values() if "Bolton" in a["name"])
    doc = store.documents[bolton["mentions"][0]["doc"]]
    forms = {bolton["name"], *bolton["aliases"]}
    assert doc["date"] == "2019-09-12"
    assert all(doc["text"][m["start"] : m["end"]] in forms for m in bolton["mentions"] if m["doc"] == doc["id"])


def test_an_atom_feed_reads_too(tmp_path: Path) -> None:
    text = (WIKINEWS / "0124.txt").read_text(encoding="utf-8")
    headline, _, story = text.partition("\n\n")
    body = (
        "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in story.split("\n\n") if p.strip())
        .replace("&", "&amp;")
        .replace("&amp;lt;", "&lt;")
        .replace("&amp;gt;", "&gt;")
    )
    atom = tmp_path / "news.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wikinews</title>'
        f'<entry><title>{headline}</title><link href="https://en.wikinews.org/wiki/x"/><published>2019-09-23T10:00:00Z</published>'
        f'<content type="html">{body}</content></entry></feed>',
        encoding="utf-8",
    )
    [article] = read_paths([atom]).articles
    assert article.title == headline and article.meta["date"] == "2019-09-23" and story.split("\n\n")[0].split()[0] in article.text


def test_an_xml_file_that_is_no_feed_is_one_line(tmp_path: Path) -> None:
    other = tmp_path / "config.xml"
    other.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>', encoding="utf-8")
    result = run("ingest", str(other), "--store", str(tmp_path / "s.json"))
    assert result.exit_code != 0 and ("no items" in result.stderr or "not an RSS or Atom feed" in result.stderr)
    assert "Traceback" not in result.output and not (tmp_path / "s.json").exists()


def test_a_feed_of_twenty_items_is_twenty_articles_each_with_its_date_and_link(tmp_path: Path) -> None:
    """A feed built from twenty real articles (bench/data/wikinews) with their own dates and addresses."""
    import html
    import json

    corpus = Path(__file__).resolve().parent.parent / "bench" / "data" / "wikinews"
    records = [json.loads(line) for line in (corpus / "metadata.jsonl").read_text(encoding="utf-8").splitlines()][:20]
    items = []
    for record in records:
        text = (corpus / record["file"].removeprefix("articles/")).read_text(encoding="utf-8")
        headline, _, body = text.partition("\n\n")
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
        day = record["date"]
        items.append(
            f"<item><title>{html.escape(headline)}</title><link>{html.escape(record['url'])}</link>"
            f"<pubDate>{day}T12:00:00Z</pubDate><description>{html.escape(paragraphs)}</description></item>"
        )
    feed = tmp_path / "twenty.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wikinews</title><link>https://en.wikinews.org</link>'
        f"<description>Latest news</description>{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    report = read_paths([feed])
    assert report.skipped == [] and len(report.articles) == 20
    for article, record in zip(report.articles, records, strict=True):
        assert article.meta["date"] == record["date"] and article.meta["url"] == record["url"]
        assert article.title == (corpus / record["file"].removeprefix("articles/")).read_text(encoding="utf-8").partition("\n\n")[0]
