"""An article's date as its own first lines give it: a wire dateline, a publication line, a date line or a byline.

    WASHINGTON, July 7, 2017 (Reuters) - …       Published 3 March 2020
    Saturday, November 13, 2004                  Updated: 12:04 GMT, 5 May 2021
    By Jane Doe | March 3, 2020                  First published on Tue 3 Mar 2020 10.00 GMT

Only the top of the article is read (its first lines, before the story has
begun), and only lines shaped as one of these: a date the story mentions
("born on 14 June 1946", "the 1941 invasion") is never the article's date.
Unlike front matter, these lines stay in the text: they are part of what was
published, and offsets into the text stay those of the file. A dateline
without a year ("WASHINGTON, July 7 (Reuters) -") cannot date an article by
itself; it is reported so the user can give the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.language.dates import MONTHS

TOP_LINES = 6  # non-empty lines looked at, headline included
TOP_CHARS = 1500
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_FULL_DATE = rf"(?:{_WEEKDAY}(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}))"
_CLOCK = r"(?:\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:[a-z]{2,4}\b)?,?\s*)?"
_WIRES = r"(?:reuters|ap|afp|upi|dpa|bloomberg|xinhua|ians|pti|efe|ansa|anadolu|tass|kyodo|yonhap|cnn|bbc)"

PUBLICATION = re.compile(
    rf"^(?:(?:first|last|originally)\s+)?(?:published|posted|updated|last updated|modified)(?:\s+(?:on|at))?:?\s+"
    rf"(?:{_CLOCK})(?P<date>{_FULL_DATE})",
    re.IGNORECASE,
)
DATE_LINE = re.compile(rf"^(?:{_CLOCK})(?P<date>{_FULL_DATE})(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}.*)?$", re.IGNORECASE)
BYLINE = re.compile(rf"^by\s+[^\n]{{2,80}}?(?:\||,|-|–|—|·|\bon\b)\s*(?P<date>{_FULL_DATE})", re.IGNORECASE)
WIRE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’ -]{{1,40}}(?:,\s+[A-Z][A-Za-z.'’ -]{{1,30}})?),?\s+"
    rf"(?P<date>{_MONTH}\s+{_DAY}(?:,?\s+(?P<year>\d{{4}}))?|{_DAY}\s+{_MONTH}(?:\s+(?P<year2>\d{{4}}))?)"
    rf"\s*(?:\(\s*{_WIRES}\s*\)\s*)?[-–—]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    date: str | None  # YYYY-MM-DD, or None when the line gives no year
    line: str  # the line as written (its first 80 characters), for messages


def find_dateline(text: str) -> Dateline | None:
    """The first dateline-shaped line at the top of `text`, or None when the article opens with its story."""
    from store.read.front_matter import parse_written_date

    for line in _top_lines(text):
        for pattern in (PUBLICATION, DATE_LINE, BYLINE):
            match = pattern.match(line)
            if match:
                day = parse_written_date(match["date"])
                if day is not None:
                    return Dateline(day, line[:80])
        wire = WIRE.match(line)
        if wire and _is_place(wire["place"]):
            if wire["year"] or wire["year2"]:
                return Dateline(parse_written_date(wire["date"]), line[:80])
            return Dateline(None, line[:80])
    return None


def _top_lines(text: str) -> list[str]:
    lines = [line.strip() for line in text[:TOP_CHARS].split("\n") if line.strip()]
    return lines[:TOP_LINES]


def _is_place(place: str) -> bool:
    """A wire dateline's place is written in capitals ("WASHINGTON", "KYIV, Ukraine"): not a sentence's first words."""
    head = place.split(",")[0].strip()
    return len(head) >= 2 and head.upper() == head and any(c.isalpha() for c in head)
