"""Extraction quality must not slide back: the gold evaluation, with floors a little under today's figures.

The floors are regression guards, not the targets of the quality work
(docs/quality.md has the figures and the targets).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.db import Store
from store.ingest import ingest
from store.quality.evaluate import Scores, evaluate
from store.quality.gold import load_gold, load_pairs

pytestmark = pytest.mark.xdist_group(__name__)  # module fixtures built once: one process (Makefile)

GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Scores]:
    path = tmp_path_factory.mktemp("gold") / "gold.json"
    ingest([GOLD], path, workers=1)
    return evaluate(Store.open(path), load_gold(GOLD), load_pairs(GOLD))


@pytest.mark.parametrize(
    "split,figure,floor",
    [
        ("dev", "quotes@0.3", 0.92),  # 0.938 on the dev split grown on 2026-12-07 (0.968 on its first 13)
        ("dev", "quotes@0.8", 0.82),
        ("dev", "speaker", 0.93),
        ("dev", "actors", 0.89),  # 0.909 on the grown dev split (0.949 on its first 13)
        ("dev", "meetings", 0.65),
        ("dev", "participants", 0.55),
        ("dev", "status", 0.85),
        ("dev", "article date", 0.95),
        ("dev", "identity precision", 0.80),
        ("dev", "identity recall", 0.75),
        ("test", "identity precision", 0.70),
        ("test", "identity recall", 0.50),
        ("dev", "event time", 0.65),
        ("test", "article date", 0.95),
        ("test", "event time", 0.60),
        ("test", "meetings", 0.25),
        ("test", "quotes@0.3", 0.85),
        ("test", "quotes@0.8", 0.75),
        ("test", "actors", 0.88),
        ("test", "speaker", 0.83),
    ],
)
def test_quality_does_not_fall_below_its_floor(scores: dict[str, Scores], split: str, figure: str, floor: float) -> None:
    s = scores[split]
    value = {
        "quotes@0.3": s.quotes[0.3].f1,
        "quotes@0.8": s.quotes[0.8].f1,
        "speaker": s.speaker.value,
        "actors": s.actors.f1,
        "participants": s.participants.f1,
        "meetings": s.meetings.f1,
        "status": s.status.value,
        "article date": s.article_date.value,
        "event time": s.event_time.value,
        "identity precision": s.identity.precision,
        "identity recall": s.identity.recall,
    }[figure]
    assert value >= floor, f"{split} {figure} fell to {value:.3f} (floor {floor}); run `make eval` and see its errors"


def test_no_gold_document_is_missing_from_the_store(scores: dict[str, Scores]) -> None:
    assert not [e for s in scores.values() for e in s.errors if "not in the store" in e]


def test_no_meeting_is_found_in_the_dev_articles_that_have_none(scores: dict[str, Scores]) -> None:
    """Phone calls, press conferences, protests, "meet the criteria": the negative articles of the tuned split stay empty."""
    assert scores["dev"].negative_documents >= 10
    assert scores["dev"].negative_meetings == 0


def test_no_age_duration_or_other_events_date_is_taken_for_a_quotes_or_meetings_time(scores: dict[str, Scores]) -> None:
    """The time gold's look-alikes ("aged 82", "two weeks", a storm's Sunday): none is an item's time in the tuned
    split. The test split's 19 articles added on 2026-12-08 hold one the extractor takes; it is measured, not
    tuned away, so the guard there is today's count."""
    assert scores["dev"].not_times >= 100 and scores["test"].not_times >= 100
    assert scores["dev"].not_times_taken == 0 and scores["test"].not_times_taken <= 1


def test_a_time_without_a_date_counts_only_when_its_words_are_found(scores: dict[str, Scores]) -> None:
    """A reader's time with no date (an undated article's "On Friday", an open "since the January 7 quake") has
    nothing to compare: a quote given no time at all is wrong, not right (0220); one given those words is right
    (0086, undated, where Trump's "claiming" takes the "On Friday" of his declaration)."""
    assert "0220: quote time None = None, gold 'since the January 7 quake' = None" in scores["dev"].errors
    assert not [e for e in scores["dev"].errors if e.startswith("0086: quote time")]


def test_speakers_are_counted_by_shape_and_pairs_by_kind_with_nothing_left_out(scores: dict[str, Scores]) -> None:
    """The breakdown `evaluate` prints under its table adds up to the headline figures, in every split."""
    pairs = load_pairs(GOLD)
    for split, s in scores.items():
        assert sum(r.total for r in s.speaker_by_shape.values()) == s.speaker.total
        assert sum(r.right for r in s.speaker_by_shape.values()) == s.speaker.right
        assert sum(r.total for r in s.identity_by_kind.values()) == len([p for p in pairs if split in ("all", p.split)])
    assert {"named", "pronoun", "common noun", "according to", "continuation"} <= set(scores["dev"].speaker_by_shape)
