"""Write the time gold's articles: 48 corpus articles in the shapes users hold them, dated the way each shape dates.

The texts are the Wikinews articles of bench/data/wikinews, unchanged; what differs is
how their (real) publication date is given: front matter in a .md file, a date or
publication line under the headline, a metadata.jsonl row, a .jsonl record, or not at
all (the article must then stay undated). Run once; the annotations (NAME.json) are
written by hand against tests/gold/time/GUIDELINES.md.

    python scripts/make_time_gold.py            # the first 48, dev and test
    python scripts/make_time_gold.py --more 20  # 20 further dev articles, from those no test split holds
    python scripts/make_time_gold.py --more-test 24  # 24 further test articles, never read in development
    python scripts/make_time_gold.py --more-quoting 23  # dev articles with a quotation, with or without a relative time
    python scripts/make_time_gold.py --more-test-quoting 19  # test articles never read, with a quotation
"""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "data" / "wikinews"
OUT = ROOT / "tests" / "gold" / "time"
USED = [
    "tests/gold/dev",
    "tests/gold/test",
    "tests/gold/meetings/dev",
    "tests/gold/meetings/test",
    "tests/gold/meetings/heldout",
    "tests/data/wikinews",
]
RELATIVE = re.compile(
    r"\b(on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|last (week|month|year)|earlier this|next (week|month)|today)\b",
    re.I,
)
SHAPES = ["front matter", "date line", "metadata file", "jsonl record", "undated"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def date_line(day: date, n: int) -> str:
    """The ways a web or wire copy prints its date under the headline."""
    month = MONTHS[day.month - 1]
    return [
        f"Published {day.day} {month} {day.year}",
        f"{DAYS[day.weekday()]}, {month} {day.day}, {day.year}",
        f"Updated: 12:04 GMT, {day.day} {month} {day.year}",
        f"By Wikinews staff | {month} {day.day}, {day.year}",
        f"First published on {DAYS[day.weekday()][:3]} {day.day} {month[:3]} {day.year} 10.00 GMT",
    ][n % 5]


def candidates() -> list[str]:
    used = {p.name for d in USED for p in (ROOT / d).glob("*.txt")}
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if path.name in used or len(text.split()) >= 900:
            continue
        if len(RELATIVE.findall(text)) >= 2 and text.count('"') + text.count("“") >= 2:
            out.append(path.name)
    return out


def write_article(folder: Path, name: str, row: dict, i: int, sidecar: list[dict]) -> None:
    """The article in the i-th shape, its real date given the way that shape gives it."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    day = date.fromisoformat(row["date"])
    stem = name.removesuffix(".txt")
    shape = SHAPES[i % 5]
    if shape == "front matter":
        (folder / f"{stem}.md").write_text(
            f"---\ntitle: {row['title']}\ndate: {row['date']}\nurl: {row['url']}\n---\n{text}", encoding="utf-8"
        )
    elif shape == "date line":
        headline, _, story = text.partition("\n\n")
        (folder / name).write_text(f"{headline}\n\n{date_line(day, i // 5)}\n\n{story}", encoding="utf-8")
    elif shape == "metadata file":
        (folder / name).write_text(text, encoding="utf-8")
        sidecar.append({"file": name, "date": row["date"], "url": row["url"], "license": row["license"]})
    elif shape == "jsonl record":
        headline, _, story = text.partition("\n\n")
        record = {"title": headline.strip(), "text": story, "date": row["date"], "url": row["url"]}
        (folder / f"{stem}.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    elif name in elsewhere():
        # The same text in another gold set is dated by that set's metadata (evaluate reads every set into one
        # store, where one text is one document): undated, it is kept apart as a record without a date.
        headline, _, story = text.partition("\n\n")
        record = {"title": headline.strip(), "text": story, "url": row["url"]}
        (folder / f"{stem}.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        (folder / name).write_text(text, encoding="utf-8")


def elsewhere() -> set[str]:
    """Corpus articles another gold set (not the time gold) holds as they are."""
    gold = ROOT / "tests" / "gold"
    return {p.name for f in ("dev", "test", "meetings/dev", "meetings/test", "meetings/heldout") for p in (gold / f).glob("*.txt")}


def metadata() -> dict[str, dict]:
    return {Path(r["file"]).name: r for r in map(json.loads, (CORPUS / "metadata.jsonl").read_text(encoding="utf-8").splitlines())}


def main() -> None:
    meta = metadata()
    chosen = random.Random(14).sample(candidates(), 48)
    for split, names in (("dev", chosen[:24]), ("test", chosen[24:])):
        folder = OUT / split
        folder.mkdir(parents=True, exist_ok=True)
        sidecar: list[dict] = []
        for i, name in enumerate(sorted(names)):
            write_article(folder, name, meta[name], i, sidecar)
        (folder / "metadata.jsonl").write_text("".join(json.dumps(r) + "\n" for r in sidecar), encoding="utf-8")


def read_in_development() -> set[str]:
    """Corpus articles the tests or the code name (fixtures, rules' examples): read while rules were written, so
    never a test article."""
    named = re.compile(r"[\"'](0[0-9]{3})(?:\.txt)?[\"']")
    out = set()
    for folder in ("tests", "bench", "store", "tui"):
        for path in (ROOT / folder).rglob("*.py"):
            out |= {f"{n}.txt" for n in named.findall(path.read_text(encoding="utf-8"))}
    return out


def more_test(count: int) -> None:
    """Add `count` articles to test, from those no gold set, test or rule has read, that have a quotation and at
    least one relative time (a looser filter than the first 48's: the stricter one has 7 left). Added after the
    extractor's rules of that day, so the figure on them is the extractor on text nobody tuned it on."""
    used = {p.name for d in USED for p in (ROOT / d).glob("*.txt")} | read_in_development()
    rest = _quoting_with_a_relative_time(used, max_words=900)
    _add_articles("test", rest, count, seed=16)


def more_test_quoting(count: int, first_test: set[str]) -> None:
    """Add `count` articles to test from those no gold set, rule or sample of development has read, with a
    quotation, with or without a relative time (by 2026-12-08 nineteen were left). `first_test` are the corpus
    articles the quote gold's test split took from this same draw on that day: they may be held twice."""
    used = {p.name for d in USED for p in (ROOT / d).glob("*.txt")} - first_test
    rest = _quoting_with_a_relative_time(used | read_in_development(), max_words=3000, relative=False)
    _add_articles("test", rest, count, seed=18)


def more_dev(count: int, relative: bool = True) -> None:
    """Add `count` further articles to dev only (the test split stays as it was measured), in the same cycle of
    shapes; their NAME.json are annotated by hand afterwards. Drawn from the articles in no test split of any gold
    set (actors and quotes, meetings, time, identity pairs), with a quotation and (unless `relative` is False: by
    2026-12-08 nine such articles were left) at least one relative time."""
    rest = _quoting_with_a_relative_time(measured_articles(), max_words=1200, relative=relative)
    _add_articles("dev", rest, count, seed=17)


def _quoting_with_a_relative_time(excluded: set[str], max_words: int, relative: bool = True) -> list[str]:
    """Corpus articles neither excluded nor in the time gold yet, shorter than `max_words`, with a quotation and
    (when `relative`) at least one relative time."""
    taken = _taken()
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if path.name in excluded or path.stem in taken or len(text.split()) >= max_words:
            continue
        if (RELATIVE.search(text) or not relative) and text.count('"') + text.count("“") >= 2:
            out.append(path.name)
    return out


def measured_articles() -> set[str]:
    """Every corpus article some gold set measures on: never drawn into a dev split."""
    gold = ROOT / "tests" / "gold"
    folders = ("test", "meetings/test", "meetings/heldout", "time/test")
    out = {p.with_suffix(".txt").name for f in folders for p in (gold / f).glob("*.json")}
    for line in (gold / "identity" / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        if pair["split"] != "dev":
            out |= {pair["a"]["file"], pair["b"]["file"]}
    return out


def _taken() -> set[str]:
    """The articles the time gold already holds, in either split."""
    return {p.stem for split in ("dev", "test") for p in (OUT / split).glob("*.json")}


def _add_articles(split: str, rest: list[str], count: int, seed: int) -> None:
    """`count` of `rest`, drawn with `seed`, written into `split` in the cycle of shapes; the split's metadata file
    gains their rows."""
    meta = metadata()
    folder = OUT / split
    sidecar_path = folder / "metadata.jsonl"
    sidecar = [json.loads(line) for line in sidecar_path.read_text(encoding="utf-8").splitlines()]
    for i, name in enumerate(sorted(random.Random(seed).sample(rest, min(count, len(rest))))):
        write_article(folder, name, meta[name], i, sidecar)
    sidecar_path.write_text("".join(json.dumps(r) + "\n" for r in sidecar), encoding="utf-8")


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--more"]:
        more_dev(int(sys.argv[2]))
    elif sys.argv[1:2] == ["--more-quoting"]:
        more_dev(int(sys.argv[2]), relative=False)
    elif sys.argv[1:2] == ["--more-test-quoting"]:
        more_test_quoting(int(sys.argv[2]), {f"{n}.txt" for n in sys.argv[3:]})
    elif sys.argv[1:2] == ["--more-test"]:
        more_test(int(sys.argv[2]))
    else:
        main()
