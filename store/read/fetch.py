"""Articles from addresses the user names: `backchannel ingest https://…` fetches a web page or a feed.

Nothing is fetched unless the user names the address. A fetch has a deadline
(a server that trickles bytes is cut off as surely as one that never answers), a
size cap (the same --max-size as files), a user agent that says what it is, and
only http(s). What comes back is read as a page, a feed or plain text by what
the server says it is and what it starts with, with the same readers as saved
files; each failure is one line naming the address.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from store.read.reader import ReadReport, decode, feed_articles, human_size, normalise_newlines, page_article, text_article

USER_AGENT = "backchannel/0.1 (news reader for analysts; fetches only addresses its user names)"
DEFAULT_TIMEOUT = 30.0
CHUNK = 64 * 1024
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(argument: str) -> bool:
    """An argument with a scheme (`https://…`) is an address, anything else a path."""
    return bool(_SCHEME.match(argument))


class FetchError(Exception):
    """One line for the user: which address, what went wrong."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes


def fetch(url: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> Fetched:
    """GET an http(s) address within `timeout` seconds overall and `max_bytes`; FetchError says why not."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"{url}: only http:// and https:// addresses are fetched")
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1",
        },
    )
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if not response.geturl().lower().startswith(("http://", "https://")):
                raise FetchError(f"{url}: redirected to {response.geturl()}, which is not http or https; not fetched")
            headers: Message = response.headers
            declared = headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_too_big(url, int(declared), max_bytes))
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read1(CHUNK):  # what has arrived, so the deadline is checked as bytes trickle in
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(_too_big(url, size, max_bytes, at_least=True))
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: still arriving after {timeout:g} s, given up; try again later or raise --timeout")
                chunks.append(chunk)
            return Fetched(response.geturl(), headers.get_content_type(), headers.get_content_charset(), b"".join(chunks))
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}; nothing was ingested from it") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(f"{url}: no answer within {timeout:g} s; try again later or raise --timeout") from None
        raise FetchError(f"{url}: cannot be fetched ({reason}); check the address and the network") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} s; try again later or raise --timeout") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"{url}: cannot be fetched ({exc}); check the address and the network") from None


def _too_big(url: str, size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"{url}: {more}{human_size(size)} is over the {human_size(limit)} limit, not ingested; raise it with --max-size"


def _kind(fetched: Fetched, text: str) -> str:
    """'feed', 'html' or 'txt', from what the server says and what the body starts with."""
    head = text.lstrip()[:500].lower()
    ctype = fetched.content_type
    if (
        "rss" in ctype
        or "atom" in ctype
        or head.startswith(("<rss", "<feed"))
        or (head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head))
    ):
        return "feed"
    if "html" in ctype or head.startswith(("<!doctype html", "<html")):
        return "html"
    if ctype.endswith("xml"):
        return "feed"
    return "txt"


def read_url(url: str, report: ReadReport, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Fetch one address and add its article(s) to the report, or one line saying why none came from it."""
    report.files_seen += 1
    try:
        fetched = fetch(url, max_bytes, timeout)
    except FetchError as exc:
        report.skipped.append(str(exc))
        return
    text = _decode(fetched, report)
    if text is None:
        return
    kind = _kind(fetched, text)
    if kind == "feed":
        feed_articles(url, f"{url}#", text, report)
        return
    if kind == "html":
        page_article(url, text, report, {"url": fetched.url})
        return
    article = text_article(url, normalise_newlines(text), "txt")
    if article is None:
        report.skipped.append(f"{url}: empty (no text), skipped")
        return
    article.meta["url"] = fetched.url
    report.articles.append(article)


def _decode(fetched: Fetched, report: ReadReport) -> str | None:
    if fetched.charset:
        try:
            return fetched.body.decode(fetched.charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label: read it as a file would be
    return decode(fetched.body, fetched.url, report)  # type: ignore[arg-type]
