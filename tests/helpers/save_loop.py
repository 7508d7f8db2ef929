"""Saves a store, or annotations, or migrates an older store, over and over until killed: the target of the kill tests.

Usage: python -m tests.helpers.save_loop store|annotations PATH, or migrate PATH OLDER
Prints the number of each save once it has returned, so the test knows what was acknowledged.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from store.db import Store
from store.hand.annotations import AnnotationStore


def store_loop(path: Path) -> None:
    store = Store.open(path, create=True)
    generation = 0
    while True:
        generation += 1
        # Every record of one generation carries its number: a mix of two generations is a torn write.
        store.documents = {
            f"d{j}": {"id": f"d{j}", "path": f"p{j}", "title": f"t{j}", "text": f"generation {generation} " * 200, "gen": generation}
            for j in range(1 + generation % 40)
        }
        store.save()
        print(generation, flush=True)


def annotation_loop(path: Path) -> None:
    annotations = AnnotationStore.for_store(path)
    n = len(annotations.all())
    doc = {"id": "d0", "path": "p0", "text": "The minister met the envoy in Amman on Tuesday. " * 40}
    from store.hand.annotations import make_annotation

    while True:
        n += 1
        start = (n * 7) % 1500
        annotations.put(dict(make_annotation(doc, start, start + 11, "note", f"note {n}"), id=f"n{n:06d}"))
        print(n, flush=True)


def migration_loop(path: Path, older: Path) -> None:
    """Put the older store in place (whole, by a rename), open it (which migrates it), and again."""
    n = 0
    while True:
        n += 1
        staged = path.with_name(f"{path.name}.staged")
        staged.write_bytes(older.read_bytes())
        os.replace(staged, path)
        Store.open(path)
        print(n, flush=True)


if __name__ == "__main__":
    kind, target = sys.argv[1], Path(sys.argv[2])
    if kind == "migrate":
        migration_loop(target, Path(sys.argv[3]))
    else:
        (store_loop if kind == "store" else annotation_loop)(target)
