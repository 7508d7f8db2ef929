"""make bench: speed figures as medians of repeated runs, on the articles in seeds/.

1. Ingest overhead: wall time of a full ingest (read, parse, extract, resolve,
   write) divided by spaCy's nlp.pipe alone over the same texts, same pipeline
   and batch size, in this one process; and tokens per second.
2. Store open: time to open the ingested store and have it queryable.
3. Unchanged re-ingest: time to re-ingest the same files (the model is skipped).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.db import Store  # noqa: E402
from store.ingest import ingest  # noqa: E402
from store.nlp import load_pipeline  # noqa: E402
from store.reader import read_paths  # noqa: E402

RUNS = 3


def median_time(fn, runs: int = RUNS) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    seeds = ROOT / "seeds"
    texts = [a.text for a in read_paths([seeds]).articles]
    nlp = load_pipeline()
    tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=32))
    pipe_only = median_time(lambda: list(nlp.pipe(texts, batch_size=32)))
    with tempfile.TemporaryDirectory() as tmp:
        paths = []

        def fresh_ingest() -> None:
            path = Path(tmp) / f"s{len(paths)}.json"
            paths.append(path)
            ingest([seeds], path, workers=1, batch_size=32)

        full = median_time(fresh_ingest)
        store_path = paths[-1]
        open_time = median_time(lambda: Store.open(store_path), runs=5)
        reingest = median_time(lambda: ingest([seeds], store_path, workers=1), runs=5)
        size = store_path.stat().st_size
    print(f"corpus: seeds/ — {len(texts)} articles, {tokens:,} tokens (medians of {RUNS}+ runs)")
    print(f"nlp.pipe alone        {pipe_only:6.2f} s   {tokens / pipe_only:8,.0f} tokens/s")
    print(f"full ingest (1 worker){full:6.2f} s   {tokens / full:8,.0f} tokens/s   overhead ratio {full / pipe_only:.2f}× (target ≤ 1.15×)")
    print(f"store open            {open_time * 1000:6.1f} ms  ({size / 1024:.0f} KB on disk)")
    print(f"unchanged re-ingest   {reingest * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
