"""brat standoff: an export brat can read, and an import that gives the same hand annotations back."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from store.db import Store, copy_store
from store.hand.annotations import AnnotationStore, make_annotation
from tui.cli import main

from .conftest import SEED_ARTICLE

FIELDS = ("doc", "start", "end", "exact", "label", "note", "actor")


def annotate_corpus(store_path: Path) -> list[dict]:
    """Hand annotations of every kind on several documents: a default label, a new one, notes, actor links, a span over a line break."""
    store = Store.open(store_path)
    docs = sorted(store.documents.values(), key=lambda d: d["path"])
    seed = next(d for d in docs if d["path"].endswith(SEED_ARTICLE.name))
    putin = next(a["id"] for a in store.actors.values() if a["name"] == "Vladimir Putin")
    text = seed["text"]
    hez = text.index("Hezbollah")
    across = text.index("Photo") + 2  # from inside the caption's last word over the paragraph break
    made = [
        make_annotation(seed, hez, hez + 9, "actor mention", 'Lebanese militia, "Party of God"\ttab', putin),
        make_annotation(seed, across, text.index("attempted"), "follow up", "spans a line break"),
        make_annotation(seed, text.index("secret meetings"), text.index("secret meetings") + 15, "Meeting", ""),
    ]
    for doc in docs[1:8]:
        start = doc["text"].index(" ", 40) + 1
        made.append(make_annotation(doc, start, start + 20, "note", f"checked {doc['path']}"))
    AnnotationStore.for_store(store_path).put_many(made)
    return made


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def same(annotations: list[dict]) -> set[tuple]:
    # Notes are one line in brat: tabs and line breaks become spaces.
    return {tuple(" ".join(str(a[k]).split()) if k == "note" else a[k] for k in FIELDS) for a in annotations}


def test_round_trip_of_a_whole_corpus_gives_back_the_same_annotations(tmp_path: Path, explorer_store: Path) -> None:
    fresh = tmp_path / "fresh.json"
    copy_store(explorer_store, fresh)  # the same corpus, no hand work yet
    made = annotate_corpus(explorer_store)
    out = tmp_path / "brat"
    run("export", "--format", "brat", "--store", str(explorer_store), "-o", str(out))
    store = Store.open(explorer_store)
    assert len(list(out.glob("*.txt"))) == len(store.documents) == len(list(out.glob("*.ann")))
    assert (out / "annotation.conf").is_file()

    report = run("import", str(out), "--store", str(fresh))
    assert f"imported {len(made)} hand annotations from {len(store.documents)} files" in report
    back = AnnotationStore.for_store(fresh).all()
    assert same(back) == same(made)

    again = run("import", str(out), "--store", str(fresh))  # a second import adds nothing
    assert "imported 0 hand annotations" in again
    assert len(AnnotationStore.for_store(fresh).all()) == len(made)


def test_brat_files_hold_the_text_exactly_and_every_span_slices(tmp_path: Path, explorer_store: Path) -> None:
    annotate_corpus(explorer_store)
    out = tmp_path / "brat"
    run("export", "--format", "brat", "--store", str(explorer_store), "-o", str(out))
    kinds: set[str] = set()
    for ann in out.glob("*.ann"):
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        ids = set()
        for line in ann.read_text(encoding="utf-8").splitlines():
            ident, body, *rest = line.split("\t")
            ids.add(ident)
            kinds.add(ident[0])
            if ident.startswith("T"):
                kind, offsets = body.split(" ", 1)
                pieces = [text[int(s) : int(e)] for s, e in (p.split() for p in offsets.split(";"))]
                assert " ".join(pieces) == rest[0], line
                assert all("\n" not in piece for piece in pieces)
            elif ident.startswith("E") or ident.startswith("R"):
                for arg in body.split()[1 if ident.startswith("R") else 0 :]:
                    assert arg.split(":")[1] in ids, line  # every argument is a T line written before
            elif ident.startswith("A"):
                name, event, value = body.split(" ")  # a meeting's status, on the meeting event written before
                assert name == "Status" and event in ids and value in ("happened", "planned", "hypothetical", "negated"), line
    assert kinds == {"T", "N", "E", "R", "#", "A"}
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "Status\tArg:Meeting, Value:happened|planned|hypothetical|negated" in conf
    seed_ann = next(out.glob("000_b551b49508079964*.ann")).read_text(encoding="utf-8")
    assert "\tQuotation " in seed_ann and "\tMeeting " in seed_ann and "Reference" in seed_ann
    assert "AnnotatorNotes" in seed_ann and "\tfollow_up " in seed_ann


def test_a_changed_text_is_matched_by_its_text_and_annotations_found_again(tmp_path: Path, explorer_store: Path) -> None:
    fresh = tmp_path / "fresh.json"
    copy_store(explorer_store, fresh)
    annotate_corpus(explorer_store)
    out = tmp_path / "brat"
    run("export", "--format", "brat", "--store", str(explorer_store), "-o", str(out))
    txt = next(out.glob("000_b551b49508079964*.txt"))
    ann = txt.with_suffix(".ann")
    # Someone in brat's world re-saved the text with a sentence added near the top: offsets after it moved.
    text = txt.read_text(encoding="utf-8")
    cut = text.index("Israel attempted")
    txt.write_text(text[:cut] + "An added sentence. " + text[cut:], encoding="utf-8")
    shift = len("An added sentence. ")
    lines = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            ident, body, shown = line.split("\t")
            kind, offsets = body.split(" ", 1)
            moved = ";".join(" ".join(str(int(x) + (shift if int(x) >= cut else 0)) for x in p.split()) for p in offsets.split(";"))
            line = f"{ident}\t{kind} {moved}\t{shown}"
        lines.append(line)
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = run("import", str(out), "--store", str(fresh))
    assert "by text" in report
    store = Store.open(fresh)
    seed = next(d for d in store.documents.values() if d["path"].endswith(SEED_ARTICLE.name))
    mine = [a for a in AnnotationStore.for_store(fresh).all() if a["doc"] == seed["id"]]
    assert {a["exact"] for a in mine} >= {"Hezbollah", "secret meetings"}
    for a in mine:
        assert seed["text"][a["start"] : a["end"]] == a["exact"]


def test_import_never_follows_links_or_paths_and_reports_what_it_skipped(tmp_path: Path, explorer_store: Path) -> None:
    out = tmp_path / "brat"
    out.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("do not read me", encoding="utf-8")
    os.symlink(outside, out / "linked.txt")
    (out / "linked.ann").write_text("T1\tnote 0 2\tdo\n", encoding="utf-8")
    (out / "stranger.txt").write_text("A text no store holds.\n", encoding="utf-8")
    (out / "stranger.ann").write_text(f"T1\tnote 0 1\tA\n#1\tAnnotatorNotes T1\t{outside}\nX1\t../../etc/passwd\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(out), "--store", str(explorer_store)])
    assert result.exit_code == 0, result.output
    assert "linked.ann: a symbolic link" in result.output
    assert "no document in" in result.output and result.output.rstrip().endswith(
        "matches stranger (u in the explorer, or the log, undoes them)"
    )
    assert AnnotationStore.for_store(explorer_store).all() == []
