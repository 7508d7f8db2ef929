"""Dates as written ("July 7, 2017", "16 July", "last month", "on Tuesday") to ISO, given the article's date.

Returns the most precise ISO form the text supports: YYYY-MM-DD, YYYY-Www
(an ISO week), YYYY-MM or YYYY; None when the text is too vague or needs an
article date that is not known. News is written about the past, so a day or
month without a year is taken as the latest one not after the article date (a
week of slack allows for announcements of the coming days); for an event the
text says is still to come (`future=True`), "on Friday" or "in June" is the
next one on or after the article date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
PATTERNS = [
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b"),
    re.compile(_MONTH + r",?\s+(?P<year>\d{4})"),
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(_MONTH + r"\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})\b"),
]


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def granularity(iso: str | None) -> str | None:
    """'2019-06-30' -> 'day', '2019-W27' -> 'week', '2019-06' -> 'month', '2019' -> 'year'."""
    if not iso:
        return None
    if "W" in iso:
        return "week"
    return {10: "day", 7: "month", 4: "year"}.get(len(iso))


def period(iso: str) -> tuple[date, date] | None:
    """The first and last day a time names: '2019-06-30', '2019-W27', '2019-06' or '2019'; None when it is none of them."""
    try:
        if "-W" in iso:
            year, week = iso.split("-W")
            first = date.fromisocalendar(int(year), int(week), 1)
            return first, first + timedelta(days=6)
        if len(iso) == 4:
            return date(int(iso), 1, 1), date(int(iso), 12, 31)
        if len(iso) == 7:
            first = date(int(iso[:4]), int(iso[5:7]), 1)
            return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        day = date.fromisoformat(iso[:10])
        return day, day
    except ValueError:
        return None


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


FUTURE_WORDS = re.compile(r"\b(?:next|later|tomorrow|coming|upcoming|following)\b")


def resolve_date(text: str, doc_date: str | None = None, future: bool = False) -> str | None:
    lowered = re.sub(r"^(?:on|in|at|by|during|from|since|until|early|late|mid)\s+", "", text.lower().strip())
    lowered = re.sub(r"^(?:the\s+)?(?:early|late|mid|middle of|end of|beginning of|start of)[\s-]+", "", lowered)
    lowered = re.sub(r"['’]s$", "", lowered)  # "today's Washington Post", "Monday's summit", "last week's talks"
    ref = parse_iso(doc_date)
    future = future or bool(FUTURE_WORDS.search(lowered))
    relative = _relative(lowered, ref, future)
    if relative is not None:
        return relative
    for pattern in PATTERNS:
        match = pattern.search(lowered)
        if not match:
            continue
        parts = match.groupdict()
        month = MONTHS[parts["month"]] if parts.get("month") else int(parts["mnum"]) if parts.get("mnum") else None
        year = int(parts["year"]) if parts.get("year") else None
        day = int(parts["day"]) if parts.get("day") else None
        if year is None:
            if ref is None or month is None:
                return None
            year = ref.year
            probe = date(year, month, min(day or 1, 28))
            if future:
                if probe < ref.replace(day=1) if day is None else probe < ref:
                    year += 1
            elif probe > ref + timedelta(days=7):
                year -= 1
        try:
            if day is not None and month is not None:
                return date(year, month, day).isoformat()
        except ValueError:
            return None
        if month is not None:
            return f"{year:04d}-{month:02d}"
        return f"{year:04d}"
    day = _without_time_of_day(lowered)
    if day and day != lowered:
        return resolve_date(day, doc_date, future)
    return None


_PART_OF_DAY = r"noon|midday|midnight|(?:early|late)?\s*(?:morning|afternoon|evening|night)"
# A clock time or part of the day beside a day: "8:00 p.m. AST on Wednesday", "yesterday evening",
# "shortly before midnight Wednesday night". The day says which day; the clock only when in it.
_TIME_OF_DAY = re.compile(
    r"\b(?:(?:shortly|just|soon)\s+)?(?:(?:before|after|around|about|at)\s+)?"
    r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)(?:\s+(?:[a-z]{2,4}t|gmt|utc|local time))?"
    rf"|\d{{1,2}}:\d{{2}}|{_PART_OF_DAY})\b"
)


def _without_time_of_day(lowered: str) -> str:
    """The day of a day-and-time expression, or "" when nothing but the time is left."""
    if re.search(r"\b(?:last|to)night\b", lowered):
        return ""  # "last night" is its own day, handled with the relative words
    rest = _TIME_OF_DAY.sub(" ", lowered)
    rest = re.sub(r"\([^)]*\)", " ", rest)  # "(0000 UTC Thursday morning)": the same moment elsewhere
    rest = re.sub(r"^(?:\W|on|at|in|of)+\s+|\s+(?:on|at|in|of)$", "", " ".join(rest.split()))
    return rest.strip(" ,")


CLOCK = re.compile(rf"^(?:about\s+|around\s+)?(?:\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.|gmt|utc|local time)?|{_PART_OF_DAY})$")


def _relative(lowered: str, ref: date | None, future: bool = False) -> str | None:
    if ref is None:
        return None
    if CLOCK.match(lowered):
        return ref.isoformat()  # "at 5:30 PM", "in the early afternoon": a time of the article's day
    lowered = re.sub(r"^(?:earlier|later)\s+(?=today|this|tonight)", "", lowered)
    if re.fullmatch(r"(?:earlier|later)\s+(?:in|on)\s+the\s+(?:morning|afternoon|evening|night|day)", lowered):
        return ref.isoformat()  # "earlier in the morning", "later in the day": the article's day
    if lowered in ("today", "this morning", "tonight", "this afternoon", "this evening", "the same day", "that day"):
        return ref.isoformat()
    weekend = _weekend(lowered, ref, future)
    if weekend is not None:
        return weekend
    if lowered in ("last week", "the previous week", "a week ago", "the past week"):
        return iso_week(ref - timedelta(days=7))
    if lowered in ("this week", "earlier this week", "later this week"):
        return iso_week(ref)
    if lowered in ("next week", "the coming week", "the following week"):
        return iso_week(ref + timedelta(days=7))
    if lowered in ("next month", "the coming month", "the following month"):
        first = (ref.replace(day=28) + timedelta(days=4)).replace(day=1)
        return f"{first.year:04d}-{first.month:02d}"
    if lowered in ("later this month",):
        return f"{ref.year:04d}-{ref.month:02d}"
    if lowered in ("next year", "the coming year", "the following year"):
        return f"{ref.year + 1:04d}"
    if lowered in ("later this year",):
        return f"{ref.year:04d}"
    if lowered in ("yesterday", "last night"):
        return (ref - timedelta(days=1)).isoformat()
    if lowered == "tomorrow":
        return (ref + timedelta(days=1)).isoformat()
    if lowered in ("last month", "the previous month", "a month ago"):
        first = ref.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if lowered in ("this month", "earlier this month"):
        return f"{ref.year:04d}-{ref.month:02d}"
    if lowered in ("last year", "the previous year"):
        return f"{ref.year - 1:04d}"
    if lowered in ("this year", "earlier this year"):
        return f"{ref.year:04d}"
    month = _month_of_year(lowered, ref)
    if month is not None:
        return month
    ahead = future or lowered.startswith(("next ", "this coming ", "coming "))
    words = re.sub(r"^(?:last|next|this coming|coming|this|on)\s+", "", lowered).split()
    if words and words[0] in WEEKDAYS and len(words) <= 2:
        if lowered.startswith("last "):
            # "last Thursday" is the Thursday of last week, as "last week" is the week before; the latest
            # Thursday is written "on Thursday".
            return (ref - timedelta(days=ref.weekday() + 7) + timedelta(days=WEEKDAYS[words[0]])).isoformat()
        if ahead:
            return (ref + timedelta(days=(WEEKDAYS[words[0]] - ref.weekday()) % 7)).isoformat()
        back = (ref.weekday() - WEEKDAYS[words[0]]) % 7
        return (ref - timedelta(days=back)).isoformat()
    return None


_WEEKEND = re.compile(r"^(?:over\s+|during\s+)?(?:(?P<which>the|this|last|this past|the past|next|the coming|this coming)\s+)weekend$")


def _weekend(lowered: str, ref: date, future: bool) -> str | None:
    """The ISO week of the weekend meant (a weekend ends its ISO week): in a report, the latest one not after the
    article's day ("over the weekend" on a Thursday is the week before; on a Sunday, this week); when planned,
    the coming one."""
    match = _WEEKEND.match(lowered)
    if match is None:
        return None
    which = match["which"]
    coming = which in ("next", "the coming", "this coming") or (future and which in ("the", "this"))
    in_weekend = ref.weekday() >= 5
    if coming:
        return iso_week(ref + timedelta(days=7) if in_weekend else ref)
    if which == "last" and in_weekend:
        return iso_week(ref - timedelta(days=7))  # "last weekend" on a Sunday is the one before
    return iso_week(ref if in_weekend else ref - timedelta(days=7))


_MONTH_OF = re.compile(r"^(?:(?P<which>last|next|this)\s+(?P<m1>[a-z]+)|(?P<m2>[a-z]+)\s+(?:of\s+)?(?P<which2>last|next|this)\s+year)$")


def _month_of_year(lowered: str, ref: date) -> str | None:
    """'March of last year', 'March last year', 'last March', 'next June': a month placed by the year it names."""
    match = _MONTH_OF.match(lowered)
    if match is None:
        return None
    month = MONTHS.get(match["m1"] or match["m2"] or "")
    if month is None:
        return None
    if match["which2"]:
        year = ref.year + {"last": -1, "next": 1, "this": 0}[match["which2"]]
    elif match["which"] == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif match["which"] == "next":
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return f"{year:04d}-{month:02d}"


_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# "A month later", "two days earlier", "some three years later": a time counted from one the story gave before.
COUNTED = re.compile(
    r"^(?:(?:about|around|some|nearly|almost|just|only|roughly)\s+)?(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"[\s-]+(?P<unit>day|week|month|year)s?\s+(?P<way>later|earlier)$"
)


def counted(text: str) -> tuple[int, str] | None:
    """The signed count and unit of "a month later" (1, "month"), "two days earlier" (-2, "day"); else None."""
    match = COUNTED.match(text.lower().strip())
    if match is None:
        return None
    n = int(match["n"]) if match["n"].isdigit() else _COUNT[match["n"]]
    return (n if match["way"] == "later" else -n), match["unit"]


_FINENESS = {"day": 0, "week": 1, "month": 2, "year": 3}


def shift(iso: str, n: int, unit: str) -> str | None:
    """The time `n` units after (before, if negative) `iso`, at the unit's granularity: a month after 2019-08 is
    2019-09, a week after 2019-07-03 is 2019-W28. None when the count is finer than what it counts from: two days
    after "August" is no known day."""
    grain = granularity(iso)
    span = period(iso) if grain else None
    if span is None or _FINENESS[grain] > _FINENESS[unit]:
        return None
    start = span[0]
    if unit == "day":
        return (start + timedelta(days=n)).isoformat()
    if unit == "week":
        return iso_week(start + timedelta(weeks=n))
    if unit == "month":
        months = start.year * 12 + start.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{start.year + n:04d}"
