"""The gold annotations themselves: every span is in its article, and the split is as documented."""

from __future__ import annotations

from pathlib import Path

from store.gold import load_gold

GOLD = Path(__file__).resolve().parent / "gold"


def test_every_gold_span_slices_to_its_text() -> None:
    docs = load_gold(GOLD)
    for doc in docs:
        for actor in doc.actors:
            for m in actor.mentions:
                assert doc.text[m.start : m.end] == m.text
        for quote in doc.quotes:
            for span in (quote.content, quote.speaker, quote.cue):
                if span is not None:
                    assert doc.text[span.start : span.end] == span.text, (doc.name, span)
            assert quote.kind in ("direct", "indirect", "mixed")
        for meeting in doc.meetings:
            assert len(meeting.participants) >= 2
            for ev in meeting.evidence:
                assert doc.text[ev.start : ev.end] == ev.text


def test_the_gold_has_the_seed_and_25_articles_split_in_two() -> None:
    docs = load_gold(GOLD)
    splits = {d.split for d in docs}
    assert splits == {"dev", "test"}
    assert len(docs) >= 26 and any(d.name == "seed" for d in docs)
    assert sum(d.split == "test" for d in docs) >= 12
    assert sum(len(d.quotes) for d in docs) > 100  # enough quotes for the figures to mean something
