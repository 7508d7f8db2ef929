"""Reading articles: formats, newline handling and every kind of bad file, each with a clear message."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from store.errors import InputError
from store.read.reader import parse_size, read_paths


def test_txt_headline_and_newlines_normalised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Leaders Meet In Paris\r\n\r\nThe two leaders met.\r\nThey talked.\r")
    report = read_paths([tmp_path])
    [article] = report.articles
    assert article.title == "Leaders Meet In Paris"
    assert article.text == "Leaders Meet In Paris\n\nThe two leaders met.\nThey talked.\n"
    assert article.has_headline


def test_markdown_title_drops_hashes_but_text_is_kept(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# Summit Ends\n\nBody text here.\n", encoding="utf-8")
    [article] = read_paths([tmp_path]).articles
    assert article.title == "Summit Ends"
    assert article.text.startswith("# Summit Ends")


def test_jsonl_articles_carry_their_metadata_and_bad_lines_are_reported(tmp_path: Path) -> None:
    lines = [
        orjson.dumps({"title": "T1", "text": "Body one.", "date": "2020-01-02", "url": "http://x"}),
        b"{not json",
        orjson.dumps({"title": "no text"}),
        orjson.dumps({"title": "T2", "text": "Body two."}),
    ]
    (tmp_path / "c.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    report = read_paths([tmp_path])
    assert [a.title for a in report.articles] == ["T1", "T2"]
    assert report.articles[0].meta["date"] == "2020-01-02"
    assert not report.articles[0].has_headline  # the title is separate from the text
    assert any("c.jsonl:2" in s and "not valid JSON" in s for s in report.skipped)
    assert any("c.jsonl:3" in s and '"text"' in s for s in report.skipped)


def test_folders_are_walked_recursively_and_other_files_ignored(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text("Head\n\nBody.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "ATTRIBUTION").write_text("credits", encoding="utf-8")
    report = read_paths([tmp_path])
    assert [Path(a.path).name for a in report.articles] == ["x.txt"]


def test_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file or folder"):
        read_paths([tmp_path / "nope.txt"])


def test_binary_file_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    report = read_paths([tmp_path])
    assert not report.articles
    assert "img.txt: looks like a binary file" in report.skipped[0]


def test_non_utf8_is_read_as_cp1252_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes("Caf\u00e9 Talks\n\nThe minister said \u201cyes\u201d.".encode("cp1252"))
    report = read_paths([tmp_path])
    [article] = report.articles
    assert article.title == "Café Talks"
    assert "\u201cyes\u201d" in article.text
    assert "not valid UTF-8" in report.warnings[0] and "cp1252" in report.warnings[0]


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    report = read_paths([tmp_path])
    assert report.skipped == [f"{tmp_path / 'empty.txt'}: empty (no text), skipped"]


def test_file_over_the_size_limit_is_skipped_and_the_limit_can_be_raised(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + "word " * 3000, encoding="utf-8")
    report = read_paths([tmp_path], max_bytes=10_000)
    assert not report.articles and "over the 9.8 KB limit" in report.skipped[0] and "--max-size" in report.skipped[0]
    assert read_paths([tmp_path], max_bytes=parse_size("1MB")).articles


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    assert "permission denied" in read_paths([tmp_path]).skipped[0]


def test_unreadable_file_is_skipped_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "locked.txt"
    target.write_text("x", encoding="utf-8")
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert read_paths([tmp_path]).skipped == [f"{target}: permission denied, skipped; check the file's permissions"]


def test_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Head\n\nBody.", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    report = read_paths([tmp_path])
    assert len(report.articles) == 1


@pytest.mark.parametrize("value,expected", [("5MB", 5 * 1024 * 1024), ("500k", 512000), ("1024", 1024), ("1.5M", 1572864)])
def test_parse_size(value: str, expected: int) -> None:
    assert parse_size(value) == expected


def test_parse_size_rejects_nonsense() -> None:
    with pytest.raises(InputError, match="not a size"):
        parse_size("lots")


def test_a_file_with_an_endless_line_is_skipped_and_the_limit_can_be_raised(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_text("Head\n\n" + "x" * 5_000, encoding="utf-8")
    report = read_paths([tmp_path], max_line=1_000)
    assert not report.articles and "a line of 5,000 characters is over the 1,000 limit" in report.skipped[0]
    assert read_paths([tmp_path], max_line=10_000).articles


def test_more_articles_than_the_limit_stop_the_ingest_with_a_message(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Head {i}\n\nBody {i}.", encoding="utf-8")
    with pytest.raises(InputError, match="more than 3 articles"):
        read_paths([tmp_path], max_docs=3)


def test_ten_thousand_files_in_one_folder_are_all_read(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Headline {i}\n\nThe minister said talks would go on {i}.", encoding="utf-8")
    report = read_paths([tmp_path])
    assert len(report.articles) == 10_000 and report.files_seen == 10_000
    assert report.articles[0].path.endswith("00000.txt") and report.articles[-1].path.endswith("09999.txt")


def test_a_file_that_changes_while_being_read_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "growing.txt"
    target.write_text("Head\n\nBody.", encoding="utf-8")
    real = Path.read_bytes

    def read_then_append(self: Path) -> bytes:
        data = real(self)
        if self.name == "growing.txt":
            with self.open("a", encoding="utf-8") as fh:
                fh.write(" More text arriving.")
        return data

    monkeypatch.setattr(Path, "read_bytes", read_then_append)
    report = read_paths([tmp_path])
    assert not report.articles and "changed while it was being read" in report.skipped[0]


def test_a_50_mb_file_is_refused_under_the_default_limit(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    report = read_paths([tmp_path])
    assert not report.articles and "50.0 MB is over the 5.0 MB limit" in report.skipped[0]
