"""The near-duplicate gold: pairs of article versions built from real articles, and how story grouping scores on them.

`near_duplicates/pairs.json` under a gold folder holds recipes (made by
scripts/make_duplicate_pairs.py): each side is a real article and the edits an
outlet would make to it. Building the texts here, rather than storing them,
keeps the gold small and every edit readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from store.errors import InputError
from store.resolve.near_duplicates import signature, story_groups

PAIRS_FILE = Path("near_duplicates") / "pairs.json"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class StoryPair:
    id: str
    split: str
    kind: str
    same_story: bool
    a: str  # the texts, edits applied
    b: str


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """An article as another outlet or a later version would publish it."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    for edit in edits:
        op = edit["op"]
        if op == "headline":
            paras[0] = edit["text"]
        elif op == "prefix_body":
            paras[1] = edit["text"] + paras[1]
        elif op == "drop_paragraph":
            del paras[edit["index"]]
        elif op == "drop_sentence":
            sentences = _SENTENCE.split(paras[edit["paragraph"]])
            if len(sentences) > 1:
                del sentences[edit["sentence"]]
            paras[edit["paragraph"]] = " ".join(sentences)
        elif op == "replace":
            paras = [p.replace(edit["old"], edit["new"]) for p in paras]
        elif op == "append":
            paras.append(edit["text"])
        elif op == "insert_paragraph":
            paras.insert(edit["index"], edit["text"])
        elif op == "keep_fraction":
            paras = paras[: max(2, round(len(paras) * edit["fraction"]))]
        elif op == "rewrite_first_sentence":
            sentences = _SENTENCE.split(paras[1])
            paras[1] = " ".join([edit["text"], *sentences[1:]])
        else:
            raise InputError(f"{PAIRS_FILE}: unknown edit {op!r}")
    return "\n\n".join(paras) + "\n"


def load_story_pairs(gold_dir: Path) -> list[StoryPair]:
    """The pairs under `gold_dir`, texts built; [] when the folder has none."""
    path = gold_dir / PAIRS_FILE
    if not path.exists():
        return []
    raw = orjson.loads(path.read_bytes())
    articles = (path.parent / raw["articles"]).resolve()
    texts: dict[str, str] = {}

    def side(spec: dict[str, Any]) -> str:
        name = spec["article"]
        if name not in texts:
            try:
                texts[name] = (articles / name).read_text(encoding="utf-8")
            except OSError as exc:
                raise InputError(f"{path}: article {name} cannot be read from {articles} ({exc.strerror})") from None
        return apply_edits(texts[name], spec["edits"])

    return [StoryPair(p["id"], p["split"], p["kind"], p["same_story"], side(p["a"]), side(p["b"])) for p in raw["pairs"]]


def grouped(pair: StoryPair) -> bool:
    """Whether ingest would make the two versions one story."""
    signatures = {k: s for k, s in (("a", signature(pair.a)), ("b", signature(pair.b))) if s is not None}
    return any(len(g) == 2 for g in story_groups(signatures))


def score_story_pairs(pairs: list[StoryPair]) -> dict[str, tuple[int, int, int, list[str]]]:
    """Per split: (true positives, false positives, false negatives, one line per error)."""
    out: dict[str, tuple[int, int, int, list[str]]] = {}
    for split in sorted({p.split for p in pairs}):
        tp = fp = fn = 0
        errors: list[str] = []
        for pair in (p for p in pairs if p.split == split):
            found = grouped(pair)
            tp += found and pair.same_story
            fp += found and not pair.same_story
            fn += pair.same_story and not found
            if found != pair.same_story:
                what = "grouped, but they are different stories" if found else "kept apart, but they are one story"
                errors.append(
                    f"story pair {pair.id} ({pair.kind}): {what} — {pair.a.splitlines()[0][:60]!r} / {pair.b.splitlines()[0][:60]!r}"
                )
        out[split] = (tp, fp, fn, errors)
    return out
