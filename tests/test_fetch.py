"""Addresses the user names: fetched from a server started here on 127.0.0.1, never from the outside world."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from store.db import Store
from store.read.fetch import USER_AGENT, read_url
from store.read.reader import ReadReport

from .conftest import WIKINEWS
from .test_cli import run

WEB = Path(__file__).resolve().parent / "data" / "web"
PAGE = (WEB / "navalny.html").read_bytes()
FEED = (WEB / "wikinews.rss").read_bytes()
PLAIN = (WIKINEWS / "0005.txt").read_bytes()
MENU = b"<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"


class Server(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[tuple[str, str]]


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def send(self, body: bytes, ctype: str, length: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/page":
            self.send(PAGE, "text/html; charset=utf-8")
        elif self.path == "/feed":
            self.send(FEED, "application/rss+xml")
        elif self.path == "/plain":
            self.send(PLAIN, "text/plain; charset=utf-8")
        elif self.path == "/menu":
            self.send(MENU, "text/html")
        elif self.path == "/silent":
            time.sleep(30)  # never answers within the test's timeout
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b"<p>a</p>")
                self.wfile.flush()
                time.sleep(0.1)
        elif self.path == "/declared-huge":
            self.send(b"", "text/html", length=50_000_000)
        elif self.path == "/streamed-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"word " * 10_000)
        else:
            self.send_error(404, "Not Found")


@pytest.fixture
def server() -> Iterator[tuple[str, Server]]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def read(url: str, max_bytes: int = 5_000_000, timeout: float = 10.0) -> ReadReport:
    report = ReadReport()
    read_url(url, report, max_bytes, timeout)
    return report


def test_a_page_at_an_address_is_its_article(server: tuple[str, Server]) -> None:
    base, httpd = server
    report = read(f"{base}/page")
    assert report.skipped == [] and len(report.articles) == 1
    article = report.articles[0]
    original = (WIKINEWS / "0036.txt").read_text(encoding="utf-8")
    headline, _, story = original.partition("\n\n")
    assert article.title == headline and article.fmt == "html" and article.path == f"{base}/page"
    for paragraph in (p for p in story.split("\n\n") if p.strip()):
        assert " ".join(paragraph.split()) in article.text
    assert httpd.requests == [("/page", USER_AGENT)]  # it says who is asking


def test_a_feed_at_an_address_gives_one_article_per_item(server: tuple[str, Server]) -> None:
    base, _ = server
    report = read(f"{base}/feed")
    assert [a.path for a in report.articles] == [f"{base}/feed#{n}" for n in (1, 2, 3)]
    assert report.articles[1].meta["date"] == "2020-09-05" and report.articles[1].fmt == "feed"


def test_plain_text_at_an_address_is_read_as_a_text_file(server: tuple[str, Server]) -> None:
    base, _ = server
    (article,) = read(f"{base}/plain").articles
    assert article.text == PLAIN.decode("utf-8") and article.meta["url"] == f"{base}/plain"


@pytest.mark.parametrize(
    ("path", "max_bytes", "timeout", "says"),
    [
        ("/silent", 5_000_000, 0.5, "no answer within 0.5 s; try again later or raise --timeout"),
        ("/trickle", 5_000_000, 1.0, "try again later or raise --timeout"),
        ("/declared-huge", 5_000_000, 10.0, "47.7 MB is over the 4.8 MB limit, not ingested; raise it with --max-size"),
        ("/streamed-huge", 1_000_000, 10.0, "is over the 976.6 KB limit, not ingested; raise it with --max-size"),
        ("/nowhere", 5_000_000, 10.0, "the server answered 404 Not Found; nothing was ingested from it"),
        ("/menu", 5_000_000, 10.0, "a web page with no article text in it"),
    ],
)
def test_an_address_that_gives_no_article_is_one_line(
    server: tuple[str, Server], path: str, max_bytes: int, timeout: float, says: str
) -> None:
    base, _ = server
    report = read(base + path, max_bytes, timeout)
    assert report.articles == []
    (line,) = report.skipped
    assert line.startswith(base + path + ": ") and says in line and "\n" not in line


def test_only_http_addresses_are_fetched() -> None:
    (line,) = read("file:///etc/passwd").skipped
    assert line == "file:///etc/passwd: only http:// and https:// addresses are fetched"


def test_ingest_fetches_a_named_address_and_nothing_else(tmp_path: Path, server: tuple[str, Server]) -> None:
    base, httpd = server
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "links.txt").write_text(f"Links from today\n\nSee {base}/feed and {base}/plain for more.\n", encoding="utf-8")
    store_path = tmp_path / "s.json"
    result = run("ingest", str(folder), f"{base}/page", "--store", str(store_path), "-q")
    assert result.exit_code == 0, result.output
    assert [path for path, _agent in httpd.requests] == ["/page"]  # a link inside an article is never followed
    store = Store.open(store_path)
    page = next(d for d in store.documents.values() if d["path"] == f"{base}/page")
    assert page["format"] == "html" and page["key"] == f"{base}/page"
    assert page["url"].startswith("https://en.wikinews.org/wiki/Germany_says")  # the page names its own address
    again = run("ingest", f"{base}/page", "--store", str(store_path))
    assert again.exit_code == 0 and "unchanged" in again.output


def test_an_address_that_fails_alone_is_one_line_and_no_store(tmp_path: Path, server: tuple[str, Server]) -> None:
    base, _ = server
    result = run("ingest", f"{base}/nowhere", "--store", str(tmp_path / "s.json"))
    assert result.exit_code != 0
    assert f"{base}/nowhere: the server answered 404 Not Found" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "s.json").exists()
