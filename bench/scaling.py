"""make bench-scaling: the figures behind docs/scaling.md — ingest per core and per worker, on Ray, and the store's limits.

Ingest: the 312 real articles in bench/data with 1 and 2 local worker
processes and with a local Ray of 2 actors (the Ray extra must be installed:
`make install-ray`). Store: stores of 10,000, 20,000 and 40,000 documents
built by repeating the articles (bench/corpus.py), opened in a fresh process:
wall time to queryable and peak memory. Medians of 3 runs.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import ARTICLES, base_store, scaled_store  # noqa: E402
from bench.run import median_of  # noqa: E402


def ingest_figures(tmp: Path) -> None:
    from store.ingest import ingest
    from store.read.reader import read_paths

    articles = read_paths([ARTICLES]).articles
    counter = iter(range(1000))
    runs = [("local, 1 worker", "local", 1), ("local, 2 workers", "local", 2)]
    if importlib.util.find_spec("ray") is not None:
        runs.append(("Ray (local instance), 2 actors", "ray", 2))
    else:
        print("  (Ray is not installed: `make install-ray` to measure it)")
    tokens = 0
    one = None
    for label, engine, workers in runs:

        def run(engine: str = engine, workers: int = workers) -> None:
            nonlocal tokens
            summary = ingest([ARTICLES], tmp / f"s{next(counter)}.json", workers=workers, engine=engine)
            tokens = summary.tokens

        wall = median_of(run)
        one = one or wall
        print(
            f"ingest {len(articles)} articles, {label:<32} {wall:6.1f} s  {tokens / wall:8,.0f} tokens/s"
            f"  {tokens / wall / workers:7,.0f} per core  speed-up {one / wall:.2f}×",
            flush=True,
        )


def store_figures(tmp: Path) -> None:
    base = base_store(tmp / "base.json")
    code = (
        "import sys; from store.db import Store; s = Store.open(sys.argv[1], tables=('documents','actors','meetings','quotes')); "
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    )
    for n in (10_000, 20_000, 40_000):
        path = scaled_store(base, n, tmp / f"store{n}.json")
        walls, peaks = [], []
        for _ in range(3):
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True, check=True)
            walls.append(time.perf_counter() - started)
            peaks.append(int(proc.stdout.split()[-1]) / 1024)
        print(
            f"store of {n:>6,} documents: {path.stat().st_size / 1e6:6.0f} MB on disk, opened (as the explorer does) in "
            f"{statistics.median(walls):5.2f} s, peak memory {statistics.median(peaks):6.0f} MB",
            flush=True,
        )
        path.unlink()


def main() -> None:
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        ingest_figures(tmp)
        store_figures(tmp)


if __name__ == "__main__":
    main()
