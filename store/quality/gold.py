"""Gold annotations: loading the hand-checked files in tests/gold and resolving them to offsets.

A gold file (`NAME.json` beside its article `NAME.txt`) names spans by their
text, which is how a person writes them down while reading; this module finds
each one in the article (the `@N` suffix picks the N-th occurrence) and checks
that it is there exactly once unless told which. `scripts/gold_offsets.py`
writes the resolved offsets into the files, so the committed JSON carries
character offsets too, and a test checks they still slice to their text.
See tests/gold/README.md for the format and the annotation rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from store.errors import InputError


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str


@dataclass
class GoldActor:
    name: str
    kind: str
    forms: list[str]
    mentions: list[GoldSpan] = field(default_factory=list)


@dataclass
class GoldQuote:
    content: GoldSpan
    speaker: GoldSpan | None
    cue: GoldSpan | None
    actor: str | None  # canonical name of the speaker, when the speaker is an actor
    kind: str


MEETING_STATUSES = ("happened", "planned", "hypothetical", "negated")
GRANULARITIES = ("day", "week", "month", "year")


@dataclass
class GoldMeeting:
    participants: list[str]  # canonical names
    evidence: list[GoldSpan]
    place: str | None
    time: str | None
    status: str | None = None  # one of MEETING_STATUSES; None in the first round's files
    time_iso: str | None = None
    granularity: str | None = None
    event: str | None = None  # the same key in two articles: one real-world event


ITEM_KINDS = ("quote", "meeting")


@dataclass
class GoldTime:
    """When one quote or meeting happened, as the text says it: the item is found by an anchor inside it."""

    item: str  # "quote" or "meeting"
    anchor: GoldSpan
    time: GoldSpan
    time_iso: str | None
    granularity: str | None


@dataclass
class GoldDocument:
    name: str
    split: str
    text: str
    actors: list[GoldActor]
    quotes: list[GoldQuote]
    meetings: list[GoldMeeting]
    not_actors: list[str]
    # What was annotated: actors and quotes, meetings (and their participants), or all three.
    kinds: frozenset[str] = frozenset({"actors", "quotes", "meetings"})
    date: str | None = None
    negative: bool = False
    times: list[GoldTime] = field(default_factory=list)
    not_times: list[GoldSpan] = field(default_factory=list)

    def actor(self, name: str) -> GoldActor:
        for actor in self.actors:
            if actor.name == name:
                return actor
        raise InputError(f"{self.name}: no gold actor named {name!r}")


def _whole_words(text: str, needle: str) -> tuple[str, int | None, list[tuple[int, int]]]:
    """(the text wanted, N of 'text@N' or None, every whole-word occurrence): "he" is not the end of "the"."""
    wanted, nth = needle, None
    match = re.fullmatch(r"(.*)@(\d+)", needle, flags=re.DOTALL)
    if match:
        wanted, nth = match.group(1), int(match.group(2))
    pattern = (r"(?<!\w)" if wanted[:1].isalnum() else "") + re.escape(wanted) + (r"(?!\w)" if wanted[-1:].isalnum() else "")
    return wanted, nth, [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def find(text: str, needle: str, where: str, near: tuple[int, int] | None = None) -> GoldSpan:
    """The span of `needle` ('text', or 'text@N' for the N-th occurrence counted from 1).

    Without @N the text must occur once, or `near` must be given: then the
    occurrence closest to that span is meant (a cue "said" next to its speaker).
    """
    wanted, nth, spans = _whole_words(text, needle)
    positions = [start for start, _ in spans]
    if not positions:
        raise InputError(f"{where}: {wanted!r} is not in the article")
    if nth is not None:
        if nth > len(positions):
            raise InputError(f"{where}: {wanted!r} occurs {len(positions)} times, not {nth}")
        start = positions[nth - 1]
    elif len(positions) == 1:
        start = positions[0]
    elif near is not None:
        start = min(positions, key=lambda p: max(0, near[0] - p - len(wanted), p - near[1]))
    else:
        raise InputError(f"{where}: {wanted!r} occurs {len(positions)} times; say which with @N")
    return GoldSpan(start, start + len(wanted), wanted)


def mentions_of(text: str, actors: list[GoldActor], ignore: list[tuple[int, int]] = ()) -> None:
    """Fill each actor's mentions: every occurrence of one of its forms that stands as a word.

    Not inside a longer word, a hyphenated compound ("Iran-backed") or an ignored
    line; longer forms win over the shorter forms inside them, across actors,
    so "Israel Defense Forces" is not also a mention of "Israel".
    """
    taken: set[int] = {i for s, e in ignore for i in range(s, e)}
    forms = sorted(((form, actor) for actor in actors for form in set(actor.forms)), key=lambda fa: -len(fa[0].split("@")[0]))
    for form, actor in forms:
        bare, _, nth = form.partition("@")
        for index, m in enumerate(re.finditer(re.escape(bare), text), start=1):
            if nth and index != int(nth):
                continue  # "Berlin@3": only that occurrence stands for the actor, the others are places
            s, e = m.start(), m.end()
            before = text[s - 1] if s else " "
            after = text[e] if e < len(text) else " "
            compound = after in "-–" and e + 1 < len(text) and text[e + 1].isalpha()
            if before.isalnum() or before in "-–" or after.isalnum() or compound:
                continue
            if taken & set(range(s, e)):
                continue
            taken.update(range(s, e))
            actor.mentions.append(GoldSpan(s, e, bare))
    for actor in actors:
        actor.mentions.sort(key=lambda sp: sp.start)


ARTICLE_SUFFIXES = (".txt", ".md", ".jsonl")


@dataclass(frozen=True)
class GoldPair:
    """Two mentions, maybe in two articles, that a reader judged to name one actor or two (identity/pairs.jsonl)."""

    a: tuple[str, str]  # (article text's document key, the mention as written, '@N' allowed)
    b: tuple[str, str]
    same: bool
    kind: str
    split: str
    texts: tuple[str, str]  # the two articles' texts


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of `needle`, or only the N-th for 'text@N'."""
    _wanted, nth, spans = _whole_words(text, needle)
    if nth is not None:
        return spans[nth - 1 : nth]
    return spans


def load_pairs(directory: Path) -> list[GoldPair]:
    """identity/pairs.jsonl under `directory`, each mention checked to be in its article; [] when there is none."""
    path = directory / "identity" / "pairs.jsonl"
    if not path.exists():
        return []
    articles = directory / "identity" / "articles"
    pairs = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        raw = orjson.loads(line)
        texts = tuple((articles / raw[side]["file"]).read_text(encoding="utf-8") for side in ("a", "b"))
        for side, text in zip(("a", "b"), texts, strict=True):
            if not occurrences(text, raw[side]["text"]):
                raise InputError(f"pairs.jsonl:{lineno} {side}: {raw[side]['text']!r} is not in {raw[side]['file']}")
        pairs.append(
            GoldPair(
                (raw["a"]["file"], raw["a"]["text"]),
                (raw["b"]["file"], raw["b"]["text"]),
                bool(raw["same"]),
                raw["kind"],
                raw["split"],
                texts,
            )
        )
    return pairs


def article_of(path: Path) -> Path | None:
    """The article a gold file annotates: NAME.txt, NAME.md or NAME.jsonl beside NAME.json."""
    return next((c for c in (path.with_suffix(s) for s in ARTICLE_SUFFIXES) if c.exists()), None)


def article_text(article: Path) -> str:
    """The text as ingest stores it (front matter off, a .jsonl record's text): what spans index into."""
    if article.suffix == ".txt":
        return article.read_text(encoding="utf-8")
    from store.read.reader import read_paths

    report = read_paths([article])
    if len(report.articles) != 1:
        raise InputError(f"{article}: a gold article must be one article, not {len(report.articles)}")
    return report.articles[0].text


def load_document(path: Path, split: str) -> GoldDocument:
    raw: dict[str, Any] = orjson.loads(path.read_bytes())
    article = article_of(path)
    if article is None:
        raise InputError(f"{path.name}: no article beside it (NAME.txt, NAME.md or NAME.jsonl)")
    text = article_text(article)
    where = path.name
    if raw.get("scope") == "time":
        return _time_document(raw, path.stem, split, text, where)
    actors = [GoldActor(a["name"], a["kind"], a.get("forms") or [a["name"]]) for a in raw.get("actors", [])]
    ignore = [(sp.start, sp.end) for sp in (find(text, line, where + " ignore") for line in raw.get("ignore", []))]
    for actor in actors:
        if actor.name not in actor.forms and not any(f.startswith(actor.name + "@") for f in actor.forms):
            actor.forms.insert(0, actor.name)
    mentions_of(text, actors, ignore)
    scope = raw.get("scope", "all")
    if scope not in ("all", "meetings"):
        raise InputError(f"{where}: scope must be 'all' or 'meetings', not {scope!r}")
    # A file without a "meetings" list annotates actors and quotes only (its article's meetings are in gold/meetings/).
    kinds = (
        frozenset({"meetings"}) if scope == "meetings" else frozenset({"actors", "quotes"} | ({"meetings"} if "meetings" in raw else set()))
    )
    doc = GoldDocument(path.stem, split, text, actors, [], [], raw.get("not_actors", []), kinds, raw.get("date"), bool(raw.get("negative")))
    if doc.negative and raw.get("meetings"):
        raise InputError(f"{where}: a negative article has no meetings")
    names = {a.name for a in actors}
    for i, q in enumerate(raw.get("quotes", [])):
        loc = f"{where} quote {i + 1}"
        content = find(text, q["content"], loc)
        speaker = find(text, q["speaker"], loc + " speaker", near=(content.start, content.end)) if q.get("speaker") else None
        cue_near = (speaker.start, speaker.end) if speaker else (content.start, content.end)
        cue = find(text, q["cue"], loc + " cue", near=cue_near) if q.get("cue") else None
        if q.get("actor") and q["actor"] not in names:
            raise InputError(f"{loc}: speaker actor {q['actor']!r} is not among the gold actors")
        doc.quotes.append(GoldQuote(content, speaker, cue, q.get("actor"), q.get("kind", "indirect")))
    for i, m in enumerate(raw.get("meetings", [])):
        loc = f"{where} meeting {i + 1}"
        for name in m["participants"]:
            if name not in names:
                raise InputError(f"{loc}: participant {name!r} is not among the gold actors")
        if len(set(m["participants"])) < 2:
            raise InputError(f"{loc}: a meeting has at least two participants")
        evidence = [find(text, e, loc + " evidence") for e in m["evidence"]]
        doc.meetings.append(_meeting(m, evidence, loc))
    return doc


def _meeting(raw: dict[str, Any], evidence: list[GoldSpan], loc: str) -> GoldMeeting:
    status, granularity, iso = raw.get("status"), raw.get("granularity"), raw.get("time_iso")
    if status is not None and status not in MEETING_STATUSES:
        raise InputError(f"{loc}: status must be one of {', '.join(MEETING_STATUSES)}, not {status!r}")
    if iso is not None and granularity not in GRANULARITIES:
        raise InputError(f"{loc}: time_iso {iso!r} needs a granularity ({', '.join(GRANULARITIES)})")
    if iso is not None and not re.fullmatch(_ISO_SHAPES[granularity], iso):
        raise InputError(f"{loc}: time_iso {iso!r} is not a {granularity}")
    return GoldMeeting(raw["participants"], evidence, raw.get("place"), raw.get("time"), status, iso, granularity, raw.get("event"))


def _time_document(raw: dict[str, Any], name: str, split: str, text: str, where: str) -> GoldDocument:
    day = raw.get("date")
    if day is not None and not re.fullmatch(_ISO_SHAPES["day"], str(day)):
        raise InputError(f"{where}: date {day!r} is not YYYY-MM-DD or null")
    doc = GoldDocument(name, split, text, [], [], [], [], frozenset({"times"}), day)
    for i, t in enumerate(raw.get("times", [])):
        loc = f"{where} time {i + 1}"
        if t.get("item") not in ITEM_KINDS:
            raise InputError(f"{loc}: item must be one of {', '.join(ITEM_KINDS)}, not {t.get('item')!r}")
        anchor = find(text, t["anchor"], loc + " anchor")
        when = find(text, t["time"], loc + " time", near=(anchor.start, anchor.end))
        iso, granularity = t.get("time_iso"), t.get("granularity")
        if iso is not None and granularity not in GRANULARITIES:
            raise InputError(f"{loc}: time_iso {iso!r} needs a granularity ({', '.join(GRANULARITIES)})")
        if iso is not None and not re.fullmatch(_ISO_SHAPES[granularity], iso):
            raise InputError(f"{loc}: time_iso {iso!r} is not a {granularity}")
        doc.times.append(GoldTime(t["item"], anchor, when, iso, granularity))
    doc.not_times = [find(text, n, f"{where} not_times") for n in raw.get("not_times", [])]
    return doc


_ISO_SHAPES = {"day": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-W\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


SPLITS = ("dev", "test", "heldout")


def load_gold(directory: Path) -> list[GoldDocument]:
    """All gold documents under `directory`; a `dev/` or `test/` folder gives each its split."""
    if not directory.is_dir():
        raise InputError(f"{directory}: not a folder of gold annotations; give the folder that holds dev/ and test/")
    docs = []
    for path in sorted(directory.rglob("*.json")):
        if path.name == "summary.json" or article_of(path) is None:
            continue
        split = path.parent.name if path.parent.name in SPLITS else "all"
        docs.append(load_document(path, split))
    if not docs:
        raise InputError(f"{directory}: no gold files (NAME.json beside NAME.txt, .md or .jsonl) found")
    return docs
