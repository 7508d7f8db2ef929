"""Text from anywhere: extraction never produces a span that does not slice, and the explorer shows it as is.

Hypothesis generates text from every Unicode plane with combining marks,
right-to-left scripts, emoji, NUL and control characters, very long lines,
lone quotation marks and bare punctuation, mixed with real sentences.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.db.schema import document_id
from store.extract.analysis import analyse
from store.read.layout import find_blocks
from store.resolve.resolve import resolve
from tui.safe_text import displayable

SENTENCES = [
    'The minister said "we will not move" on Tuesday.',
    "Vladimir Putin met Donald Trump in Hamburg, officials said.",
    "According to Reuters, the talks failed.",
    "“Nothing was agreed,” he added.",
    "''Quoted'' the old way, said the envoy.",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",  # Hebrew and Arabic, right to left
    "e\u0301\u0301\u0301 Zalgo\u0336\u0336 text",  # combining marks
    "🇺🇳 🤝 🕊️ emoji 👩🏽‍⚖️",
    '" \u201c \u201d \u00ab lone marks',
    "!!! ??? ... ---",
    "\x00\x01\x1b[31m control \x7f",
    "x" * 3000,
]
pieces = st.one_of(st.sampled_from(SENTENCES), st.text(min_size=0, max_size=80), st.sampled_from(["\n", "\n\n", " ", "\r\n", "\t"]))
texts = st.lists(pieces, min_size=1, max_size=25).map("".join).filter(lambda t: t.strip() != "")


@lru_cache(maxsize=1)
def nlp():  # noqa: ANN201
    from store.extract.nlp import load_pipeline

    return load_pipeline()


def spans_of(extraction: dict) -> list[tuple[str, dict]]:
    out = [("mention", m) for a in extraction["actors"] for m in a["mentions"]]
    for q in extraction["quotes"]:
        out += [(k, q[k]) for k in ("content_span", "cue_span", "speaker_span") if q[k]]
    for m in extraction["meetings"]:
        out += [("evidence", e) for e in m["evidence"]] + [(k, m[k]) for k in ("place_span", "time_span", "topic_span") if m[k]]
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts)
def test_every_span_extracted_from_any_text_slices_inside_it(text: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = nlp()(text)
    extraction = analyse(doc, find_blocks(text))
    for kind, span in spans_of(extraction):
        assert 0 <= span["start"] < span["end"] <= len(text), (kind, span)
        assert text[span["start"] : span["end"]].strip(), (kind, repr(text[span["start"] : span["end"]]))
    actors, meetings, quotes = resolve({document_id(text): extraction})
    for actor in actors.values():
        assert actor["name"] and actor["kind"] in ("person", "organization", "country", "group")
    assert all(len(m["participants"]) >= 2 for m in meetings.values())


@given(texts)
def test_display_keeps_every_offset_and_shows_no_control_character(text: str) -> None:
    shown = displayable(text)
    assert len(shown) == len(text)
    assert not any(ord(c) < 32 and c != "\n" for c in shown)
    assert "\x1b" not in shown and "\x9b" not in shown


async def test_the_explorer_shows_hostile_documents_as_they_are(tmp_path: Path) -> None:
    from store.ingest import ingest
    from tui.widgets.source_view import SourceView

    from .explorer import explorer

    folder = tmp_path / "hostile"
    folder.mkdir()
    for i, sentence in enumerate(SENTENCES):
        if "\x00" not in sentence:  # a NUL byte makes a file binary for the reader (tested there)
            (folder / f"{i:02d}.txt").write_text(f"Headline {i}\n\n{sentence}\n\nThe envoy said talks went on.", encoding="utf-8")
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    async with explorer(store_path, size=(100, 30)) as (app, pilot):
        await pilot.press("4")
        for _ in range(len(app.rows["documents"])):
            await pilot.press("j")
            await pilot.pause()
            source = app.query_one(SourceView)
            assert source.text == displayable(app.store.documents[source.doc_id]["text"])
        assert "\x1b" not in app.export_screenshot()
