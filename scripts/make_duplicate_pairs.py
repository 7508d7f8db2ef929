"""Build the near-duplicate pairs of tests/gold/near_duplicates from the real articles in bench/data/wikinews.

Each pair is a recipe: two sides, each a real article (by file name) and the
edits that make it the version an outlet would publish. Kinds:

  same story (must be grouped)
    wire-copy     another headline, a dateline, the last paragraph dropped, a sentence dropped
    heavy-edit    an outlet's rewrite: its own headline and lead, the first sentence of every third paragraph gone,
                  words changed throughout
    light-edit    a few words changed throughout, a wire footer added
    trimmed       the first 55-75 % of the paragraphs, another headline (an outlet cutting wire copy)
    update        the article with one or two new paragraphs and its first sentence rewritten, against the original
  different stories (must stay apart)
    same-topic    two real, different articles with the most five-word runs in common in the whole corpus
                  (primaries of one campaign, one protest movement on different days, one epidemic's milestones)
    background    a real article with a paragraph of another inserted (wire stories reuse background paragraphs)
    unrelated     two real articles at random

Split by article: the first article's name decides the split (dev or test), so
no article is on both sides of the split as the base of a same-story pair.
Run: python scripts/make_duplicate_pairs.py (deterministic; rewrites pairs.json).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.resolve.near_duplicates import shingles  # noqa: E402

ARTICLES = ROOT / "bench" / "data" / "wikinews"
OUT = ROOT / "tests" / "gold" / "near_duplicates"
DATELINES = ["LONDON (Wire Service) - ", "WASHINGTON, (Wire) — ", "(AP) — ", "PARIS (Newswire) - ", "BRUSSELS — "]
FOOTERS = [
    "Reporting by Staff; Editing by the Desk",
    "(Additional reporting by the wire's correspondents; writing by the news desk)",
    "Copyright wire service. All rights reserved.",
]
SWAPS = {"said": "stated", "told": "informed", "also": "additionally", "the country": "the nation", "announced": "declared"}


def split_of(name: str) -> str:
    return "dev" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0 else "test"


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def main() -> None:
    rng = random.Random(20261202)
    names = sorted(p.name for p in ARTICLES.glob("*.txt"))
    texts = {n: (ARTICLES / n).read_text(encoding="utf-8") for n in names}
    usable = [n for n in names if len(paragraphs(texts[n])) >= 5]
    rng.shuffle(usable)
    pairs: list[dict] = []

    def add(kind: str, same: bool, a: str, a_edits: list, b: str, b_edits: list) -> None:
        pairs.append({"kind": kind, "same_story": same, "a": {"article": a, "edits": a_edits}, "b": {"article": b, "edits": b_edits}})

    bases = iter(usable)
    for _ in range(30):  # wire copies
        n = next(bases)
        paras = paragraphs(texts[n])
        headline = paras[0]
        sentence = rng.randrange(1, len(paras) - 1)
        add(
            "wire-copy",
            True,
            n,
            [],
            n,
            [
                {"op": "headline", "text": f"UPDATE 1-{headline}"},
                {"op": "prefix_body", "text": rng.choice(DATELINES)},
                {"op": "drop_paragraph", "index": len(paras) - 1},
                {"op": "drop_sentence", "paragraph": sentence, "sentence": 0},
            ],
        )
    for _ in range(30):  # light edits
        n = next(bases)
        edits: list[dict] = [{"op": "replace", "old": old, "new": new} for old, new in SWAPS.items() if old in texts[n]]
        edits.append({"op": "append", "text": rng.choice(FOOTERS)})
        edits.append({"op": "headline", "text": paragraphs(texts[n])[0].upper()})
        add("light-edit", True, n, [], n, edits)
    for _ in range(30):  # trimmed
        n = next(bases)
        keep = rng.uniform(0.55, 0.75)
        add(
            "trimmed",
            True,
            n,
            [],
            n,
            [{"op": "keep_fraction", "fraction": round(keep, 2)}, {"op": "headline", "text": "In brief: " + paragraphs(texts[n])[0]}],
        )
    others = [n for n in names if n not in usable[:120]]
    for _ in range(30):  # updates
        n = next(bases)
        donor = rng.choice(others)
        new = paragraphs(texts[donor])[1 : 1 + rng.choice((1, 2))]
        add(
            "update",
            True,
            n,
            [],
            n,
            [
                {"op": "rewrite_first_sentence", "text": "Officials gave new details on Monday about the events first reported last week."},
                *({"op": "append", "text": p} for p in new),
                {"op": "headline", "text": paragraphs(texts[n])[0] + " (updated)"},
            ],
        )
    for _ in range(30):  # heavy edits: an outlet's rewrite of wire copy, a third of the sentences gone, its own lead
        n = next(bases, None)
        if n is None:
            break
        paras = paragraphs(texts[n])
        edits = [{"op": "headline", "text": "Analysis: " + paras[0]}]
        edits.append({"op": "rewrite_first_sentence", "text": "Here is what we know so far about the story that broke this week."})
        for i in range(2, len(paras)):
            if i % 3 == 0:
                edits.append({"op": "drop_sentence", "paragraph": i, "sentence": 0})
        edits += [{"op": "replace", "old": old, "new": new} for old, new in SWAPS.items() if old in texts[n]]
        add("heavy-edit", True, n, [], n, edits)
    # Different stories: the real pairs of the corpus that share the most five-word runs.
    sets = {n: shingles(texts[n]) for n in names}
    scored = []
    for a, b in itertools.combinations(names, 2):
        shared = len(sets[a] & sets[b])
        if shared:
            scored.append((shared / min(len(sets[a]), len(sets[b])), a, b))
    scored.sort(reverse=True)
    for _score, a, b in scored[:40]:
        add("same-topic", False, a, [], b, [])
    for _ in range(25):  # a background paragraph reused in another story
        a, b = rng.sample(usable, 2)
        background = paragraphs(texts[a])[rng.randrange(1, len(paragraphs(texts[a])))]
        add("background", False, a, [], b, [{"op": "insert_paragraph", "index": 2, "text": background}])
    for _ in range(25):
        a, b = rng.sample(names, 2)
        add("unrelated", False, a, [], b, [])

    OUT.mkdir(parents=True, exist_ok=True)
    numbered = []
    for split in ("dev", "test"):
        chosen = [p for p in pairs if split_of(p["a"]["article"]) == split]
        numbered += [{"id": f"{split}-{i:03d}", "split": split, **pair} for i, pair in enumerate(chosen, start=1)]
        kinds = {k: sum(1 for p in chosen if p["kind"] == k) for k in dict.fromkeys(p["kind"] for p in pairs)}
        print(split, len(chosen), kinds)
    body = {"articles": "../../../bench/data/wikinews", "made_by": "scripts/make_duplicate_pairs.py", "pairs": numbered}
    (OUT / "pairs.json").write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for score, a, b in scored[:40]:
        print(f"{score:.2f}  {texts[a].splitlines()[0][:60]}  |  {texts[b].splitlines()[0][:60]}")


if __name__ == "__main__":
    main()
