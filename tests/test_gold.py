"""The gold annotations themselves: every span is in its article, and the split is as documented."""

from __future__ import annotations

from pathlib import Path

from store.quality.gold import load_gold

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
    docs = [d for d in load_gold(GOLD) if "quotes" in d.kinds]
    splits = {d.split for d in docs}
    assert splits == {"dev", "test"}
    assert len(docs) >= 26 and any(d.name == "seed" for d in docs)
    assert sum(d.split == "test" for d in docs) >= 12
    assert sum(len(d.quotes) for d in docs) > 100  # enough quotes for the figures to mean something


def test_the_meeting_gold_is_split_by_article_with_negatives_and_a_held_out_category() -> None:
    docs = [d for d in load_gold(GOLD / "meetings")]
    assert all(d.kinds == {"meetings"} for d in docs)
    by_split = {split: [d for d in docs if d.split == split] for split in ("dev", "test", "heldout")}
    names = [{d.name for d in split} for split in by_split.values()]
    assert not (names[0] & names[1] or names[0] & names[2] or names[1] & names[2]), "an article in two splits"
    for split, split_docs in by_split.items():
        assert sum(len(d.meetings) for d in split_docs) >= 10, split
        assert sum(d.negative for d in split_docs) >= 10, split
        for doc in split_docs:
            assert all(m.status for m in doc.meetings), doc.name
            assert doc.negative <= (not doc.meetings)


def test_every_meeting_gold_article_is_dated_by_its_metadata_file() -> None:
    from store.read.reader import read_paths

    report = read_paths([GOLD / "meetings"])
    dated = {Path(a.path).stem: a.meta.get("date") for a in report.articles}
    for doc in load_gold(GOLD / "meetings"):
        assert dated[doc.name] == doc.date, doc.name
    assert not report.warnings
