"""The shareable HTML report: valid, self-contained, escaped, and linking every item to its highlighted passage."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

from store.hand.annotations import AnnotationStore, make_annotation
from store.hand.corrections import open_corrected
from store.ingest import ingest
from store.interchange.report import build_report
from tui.cli import main

from .conftest import SEED_ARTICLE

pytestmark = pytest.mark.xdist_group(__name__)  # module fixtures built once: one process (Makefile)

HOSTILE = (
    "Embassy row over <script>alert('x')</script> page\n\n"
    "The minister met <b>nobody</b> in Paris on Monday, officials said.\n"
    '<img src=https://example.org/track.png> "We will not comment," a spokesman said.\n'
)


class Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((name, value or ""))
            if name == "id":
                self.ids.add(value or "")


@pytest.fixture(scope="module")
def report_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article and an article full of markup, with a hand note that holds markup too."""
    folder = tmp_path_factory.mktemp("articles")
    shutil.copy(SEED_ARTICLE, folder / SEED_ARTICLE.name)
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    path = folder.parent / "store.json"
    ingest([folder], path, workers=1)
    corrected, _, _ = open_corrected(path)
    doc = next(d for d in corrected.store.documents.values() if d["path"].endswith("hostile.txt"))
    start = doc["text"].index("<script>")
    AnnotationStore.for_store(path).put(make_annotation(doc, start, start + 8, "note", "</td><script>steal()</script>"))
    return path


def render(path: Path, actor: str | None = None) -> str:
    corrected, annotations, _ = open_corrected(path)
    return build_report(corrected, annotations, actor)


def test_the_report_is_valid_html_that_loads_nothing_and_runs_nothing(report_store: Path) -> None:
    html = render(report_store)
    html5lib.HTMLParser(strict=True).parse(html)  # raises on the first parse error
    parsed = Attributes()
    parsed.feed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html  # the article's markup, shown as text
    assert "&lt;/td&gt;&lt;script&gt;steal()&lt;/script&gt;" in html  # the note's markup too
    assert not [v for n, v in parsed.attrs if n in ("src", "srcset", "action", "data")]
    hrefs = [v for n, v in parsed.attrs if n == "href"]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert set(h[1:] for h in hrefs) <= parsed.ids  # every link lands on a passage in the file
    style = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style


def test_the_report_holds_the_corpus_meetings_timeline_quotes_and_notes(report_store: Path) -> None:
    html = render(report_store)
    assert "<h2>Network</h2>" in html and "<svg " in html
    assert "Donald Trump, Vladimir Putin" in html and "Hamburg, Germany" in html
    timeline = html[html.index("<h3>Timeline</h3>") : html.index("<h2>Quotes</h2>")]
    assert "<b>2017-07-07</b>" in timeline
    # The secret meetings: "in early July" of an article without a date, listed as undated rather than left out.
    assert (
        "undated (" in timeline
        and "Israel, United States, Russia, Michael Ratney, Brett McGurk in Amman" in timeline[timeline.index("undated (") :]
    )
    assert "it provided Iran a foothold in Syria" in html
    assert "<mark>it provided Iran a foothold in Syria</mark>" in html  # the quote's passage, highlighted
    assert "hand annotations" in html and "&lt;script&gt;" in html


def test_report_for_one_actor_from_the_command_line(tmp_path: Path, report_store: Path) -> None:
    out = tmp_path / "putin.html"
    result = CliRunner().invoke(main, ["report", "--store", str(report_store), "--actor", "putin", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<h1>backchannel report: Vladimir Putin</h1>" in html
    # Their bilateral meeting and the G20 summit both attended (the article shows them there together).
    assert "Vladimir Putin and Donald Trump met 2× — Hamburg, Germany, 2017-07-07" in html
    assert "Hezbollah</a>" not in html  # actors unconnected to Putin are left out
    bad = CliRunner().invoke(main, ["report", "--store", str(report_store), "--actor", "zzqx nobody", "-o", str(out)])
    assert bad.exit_code != 0 and "no actor matches 'zzqx nobody'" in bad.output


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (make report-screenshot installs it)")
def test_a_headless_browser_renders_the_report(tmp_path: Path, report_store: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(report_store), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}", "--window-size=1024,768", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
