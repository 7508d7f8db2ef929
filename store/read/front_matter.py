"""A date and source written at the top of a .txt or .md article: YAML-style front matter or mail-style header lines.

    ---                              Date: 3 March 2020
    title: Talks resume              Source: https://…
    date: 2019-07-24
    ---                              Headline of the article …

Both are kept out of the text that is stored and extracted (they are not the
article), and their date is the article's date. Only these shapes are read:
a block between two `---` lines at the very top, or `Key: value` lines at the
very top, before the first blank line, with a Date or Published key. Anything
else is article text. A block that opens and never closes, or a date that is
not a date, is one warning; the file is then read as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from store.language.dates import resolve_date
from store.read.sidecar import normalise_date

DATE_KEYS = ("date", "published", "pubdate", "date_published", "published_at", "updated")
KEPT_KEYS = ("title", "url", "author", "source", "license", "attribution")
HEADER_KEYS = frozenset(DATE_KEYS + KEPT_KEYS + ("by", "byline"))
_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):\s*(.*)$")
MAX_FRONT_LINES = 60


@dataclass
class FrontMatter:
    body: str  # the text with the block taken off
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def split_front_matter(text: str, where: str) -> FrontMatter:
    """Take a front-matter block or header lines off the top of `text`; `where` names the file in warnings."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        return _yaml_block(text, lines, where)
    return _header_lines(text, lines, where)


def _yaml_block(text: str, lines: list[str], where: str) -> FrontMatter:
    end = next((i for i in range(1, min(len(lines), MAX_FRONT_LINES)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return FrontMatter(
            text, warnings=[f"{where}: front matter opens with --- but does not close within {MAX_FRONT_LINES} lines; read as text"]
        )
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY_LINE.match(line)
        if match is None:
            return FrontMatter(text, warnings=[f"{where}: front matter line {line.strip()[:40]!r} is not 'key: value'; read as text"])
        fields[_key(match[1])] = match[2].strip().strip("'\"")
    body = "\n".join(lines[end + 1 :]).lstrip("\n")
    return _with_meta(body, fields, where, "front matter")


def _header_lines(text: str, lines: list[str], where: str) -> FrontMatter:
    fields: dict[str, str] = {}
    count = 0
    for line in lines[:MAX_FRONT_LINES]:
        if not line.strip():
            break
        match = _KEY_LINE.match(line)
        if match is None or _key(match[1]) not in HEADER_KEYS:
            return FrontMatter(text)  # prose, not a header block
        fields[_key(match[1])] = match[2].strip()
        count += 1
    if not any(k in fields for k in DATE_KEYS):
        return FrontMatter(text)
    body = "\n".join(lines[count:]).lstrip("\n")
    return _with_meta(body, fields, where, "header")


def _key(raw: str) -> str:
    return raw.strip().lower().replace(" ", "_").replace("-", "_")


def _with_meta(body: str, fields: dict[str, str], where: str, source: str) -> FrontMatter:
    result = FrontMatter(body)
    result.meta.update({k: fields[k] for k in KEPT_KEYS if fields.get(k)})
    written = next((fields[k] for k in DATE_KEYS if fields.get(k)), None)
    if written is not None:
        day = parse_written_date(written)
        if day is None:
            result.warnings.append(
                f"{where}: {source} date {written[:40]!r} is not a date (YYYY-MM-DD or '3 March 2020'); the article stays undated"
            )
        else:
            result.meta.update(date=day, date_source=source)
    return result


def parse_written_date(written: str) -> str | None:
    """'2019-07-24', '2019-07-24T10:00Z', '3 March 2020', 'March 3, 2020', '12:04 GMT, 5 May 2021' -> a day, else None."""
    day = normalise_date(written)
    if day is not None:
        return day
    if re.match(r"^\s*\d{4}-\d{1,2}-\d{1,2}", written):
        return None  # shaped as ISO but impossible ("2019-13-45"): never read differently
    resolved = resolve_date(re.sub(r"^.*?(?=\d{1,2}\s+[A-Za-z]+\s+\d{4}|[A-Za-z]+\s+\d{1,2},?\s+\d{4})", "", written, count=1))
    return resolved if resolved is not None and len(resolved) == 10 else None
