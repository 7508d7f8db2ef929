"""Check gold files as an annotator writes them: every span found, every field of the right shape.

Usage: python scripts/check_gold.py FILE.json... (or a folder). Prints one line per file:
"ok" with its counts, or the first problem. Exit status 1 when any file has a problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.errors import InputError  # noqa: E402
from store.quality.gold import article_of, load_document  # noqa: E402


def main(args: list[str]) -> int:
    paths: list[Path] = []
    for arg in args:
        p = Path(arg)
        paths.extend(sorted(p.rglob("*.json")) if p.is_dir() else [p])
    bad = 0
    for path in paths:
        if article_of(path) is None:
            continue
        try:
            doc = load_document(path, "check")
        except (InputError, KeyError, ValueError, TypeError) as exc:
            bad += 1
            print(f"{path}: {exc}")
            continue
        if "times" in doc.kinds:
            print(f"{path}: ok, date {doc.date}, {len(doc.times)} times, {len(doc.not_times)} not-times")
            continue
        missing = [a.name for a in doc.actors if not a.mentions]
        note = f" (participants never mentioned by their forms: {missing})" if missing else ""
        print(f"{path}: ok, {len(doc.meetings)} meetings{' (negative)' if doc.negative else ''}{note}")
        bad += bool(missing)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
