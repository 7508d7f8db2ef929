"""The evaluation table: one column per split, one row per figure, targets beside them."""

from __future__ import annotations

from rich.table import Table

from store.quality.evaluate import Ratio, Scores
from store.quality.shapes import SHAPES

# The targets of the quality issue (test split), shown so a reader sees at once where the figures stand.
TARGETS = {
    "quotes F1 @0.3": 0.85,
    "quotes F1 @0.8": 0.75,
    "speaker accuracy": 0.90,
    "actors F1 (actor level)": 0.90,
    "meetings F1": 0.85,
    "meetings participant-set F1": 0.80,
    "meetings status accuracy": 0.85,
    "meetings place accuracy": 0.85,
    "meetings time accuracy (normalised)": 0.85,
    "cross-article same-event pairs precision": 0.90,
    "article date accuracy": 0.95,
    "identity pairs precision": 0.97,
    "identity pairs recall": 0.90,
    "near-duplicate pairs precision": 0.95,
    "near-duplicate pairs recall": 0.90,
    "event time accuracy (quotes, meetings)": 0.85,
}


def _rows(s: Scores) -> list[tuple[str, str]]:
    def prf(p) -> str:  # noqa: ANN001
        return f"{p.f1:.3f} ({p.precision:.2f}/{p.recall:.2f})"

    def ratio(r) -> str:  # noqa: ANN001
        return f"{r.value:.3f} ({r.right}/{r.total})"

    return [
        ("documents", str(s.documents)),
        ("actors F1 (mentions)", prf(s.mentions)),
        ("actors F1 (actor level)", prf(s.actors)),
        ("actor kind accuracy", ratio(s.actor_kind)),
        ("merge pairs F1", prf(s.merges)),
        ("quotes F1 @0.3", prf(s.quotes[0.3])),
        ("quotes F1 @0.8", prf(s.quotes[0.8])),
        ("speaker accuracy", ratio(s.speaker)),
        ("quote kind accuracy", ratio(s.quote_kind)),
        ("meetings F1", prf(s.meetings)),
        ("meetings participant-set F1", prf(s.participants)),
        ("meetings place accuracy", ratio(s.place)),
        ("meetings time accuracy", ratio(s.time)),
        ("meetings time accuracy (normalised)", ratio(s.time_iso)),
        ("meetings status accuracy", ratio(s.status)),
        ("meetings in negative articles", f"{s.negative_meetings} (in {s.negative_documents})"),
        ("cross-article same-event pairs F1", prf(s.events)),
        ("cross-article same-event pairs precision", f"{s.events.precision:.3f}"),
        ("identity pairs precision", f"{s.identity.precision:.3f} ({s.identity.tp}/{s.identity.tp + s.identity.fp})"),
        ("identity pairs recall", f"{s.identity.recall:.3f} ({s.identity.tp}/{s.identity.tp + s.identity.fn})"),
        ("near-duplicate pairs precision", f"{s.stories.precision:.3f} ({s.stories.tp}/{s.stories.tp + s.stories.fp})"),
        ("near-duplicate pairs recall", f"{s.stories.recall:.3f} ({s.stories.tp}/{s.stories.tp + s.stories.fn})"),
        ("article date accuracy", ratio(s.article_date)),
        ("event time accuracy (quotes, meetings)", ratio(s.event_time)),
        ("timed items found", ratio(s.time_items_found)),
        ("look-alikes taken as a time", f"{s.not_times_taken} of {s.not_times}"),
    ]


def _splits(scores: dict[str, Scores]) -> list[str]:
    order = ("dev", "test", "heldout", "all")
    return [s for s in order if s in scores] + [s for s in scores if s not in order]


def _split_table(title: str, splits: list[str]) -> Table:
    """A table of figures by split: the figure's name, then one right-aligned column per split."""
    table = Table(title=title, title_justify="left")
    table.add_column("figure", style="bold", no_wrap=True)
    for split in splits:
        table.add_column(split, justify="right", no_wrap=True)
    return table


def score_table(scores: dict[str, Scores]) -> Table:
    splits = _splits(scores)
    table = _split_table("extraction quality against the gold annotations — F1 (precision/recall)", splits)
    table.add_column("target (test)", justify="right", style="dim")
    rows = {split: _rows(scores[split]) for split in splits}
    for i, (name, _) in enumerate(rows[splits[0]]):
        target = TARGETS.get(name)
        table.add_row(name, *[rows[split][i][1] for split in splits], f"≥ {target:.2f}" if target else "")
    return table


def breakdown_table(scores: dict[str, Scores]) -> Table:
    """Speaker accuracy by attribution shape and identity pairs by kind: where the headline figures are lost."""
    splits = _splits(scores)
    table = _split_table("by attribution shape and by kind of name — right/total", splits)
    kinds = sorted({k for s in scores.values() for k in s.identity_by_kind})
    rows = [(f"speaker: {shape}", lambda s, k=shape: s.speaker_by_shape.get(k)) for shape in SHAPES]
    rows += [(f"identity: {kind}", lambda s, k=kind: s.identity_by_kind.get(k)) for kind in kinds]
    for name, get in rows:
        table.add_row(name, *[_ratio(get(scores[split])) for split in splits])
    return table


def _ratio(r: Ratio | None) -> str:
    return f"{r.value:.2f} ({r.right}/{r.total})" if r is not None and r.total else "–"
