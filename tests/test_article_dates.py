"""An article's date from wherever it is given: its record, its front matter or header lines, a metadata file beside it,
or --date; and what a bad date does (one line, the article undated, the ingest goes on)."""

from __future__ import annotations

import shutil
from pathlib import Path

from store.db import Store
from store.ingest import ingest
from store.read.reader import read_paths

from .conftest import WIKINEWS
from .test_cli import run


def articles(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in names:
        shutil.copy(WIKINEWS / name, folder / name)
    return folder


def test_a_jsonl_metadata_file_dates_the_articles_it_names_and_is_not_an_article(tmp_path: Path) -> None:
    folder = articles(tmp_path, "0036.txt", "0124.txt")
    (folder / "metadata.jsonl").write_text(
        '{"file": "0036.txt", "date": "2020-09-03", "url": "https://en.wikinews.org/wiki/Navalny"}\n'
        '{"file": "0124.txt", "date": "2019-09-23T10:00:00Z"}\n',
        encoding="utf-8",
    )
    report = read_paths([folder])
    dated = {Path(a.path).name: a.meta for a in report.articles}
    assert set(dated) == {"0036.txt", "0124.txt"}  # the metadata file itself is not read as articles
    assert dated["0036.txt"]["date"] == "2020-09-03" and dated["0036.txt"]["url"].endswith("Navalny")
    assert dated["0124.txt"]["date"] == "2019-09-23" and dated["0124.txt"]["date_source"] == "metadata file"
    assert report.warnings == []


def test_a_csv_metadata_file_in_a_parent_folder_finds_files_by_their_path(tmp_path: Path) -> None:
    folder = articles(tmp_path, "0036.txt")
    (tmp_path / "metadata.csv").write_text("path,published\nnews/0036.txt,2020-09-03\n", encoding="utf-8")
    report = read_paths([tmp_path])
    assert [a.meta.get("date") for a in report.articles] == ["2020-09-03"]
    assert folder.exists()


def test_bad_rows_give_one_line_each_and_the_ingest_goes_on_with_the_article_undated(tmp_path: Path) -> None:
    folder = articles(tmp_path, "0036.txt", "0124.txt")
    (folder / "metadata.jsonl").write_text(
        '{"file": "0036.txt", "date": "2019-13-45"}\n'
        "not json\n"
        '{"file": "0999.txt", "date": "2019-01-01"}\n'
        '{"file": "0124.txt", "date": "2019-09-23"}\n',
        encoding="utf-8",
    )
    summary = ingest([folder], tmp_path / "s.json", workers=1)
    assert summary.documents == 2
    warnings = [w for w in summary.warnings if "metadata.jsonl" in w]
    assert len(warnings) == 3 and all("\n" not in w for w in warnings)
    assert any("'2019-13-45' is not a date" in w and "0036.txt stays undated" in w for w in warnings)
    assert any("0999.txt, which was not read" in w for w in warnings)
    dates = {Path(d["path"]).name: d.get("date") for d in Store.open(tmp_path / "s.json").documents.values()}
    assert dates == {"0036.txt": None, "0124.txt": "2019-09-23"}


def test_dating_an_article_later_extracts_it_again_so_its_relative_times_resolve(tmp_path: Path) -> None:
    folder = articles(tmp_path, "0124.txt")
    store_path = tmp_path / "s.json"
    ingest([folder], store_path, workers=1)
    assert "date" not in next(iter(Store.open(store_path).documents.values()))
    (folder / "metadata.jsonl").write_text('{"file": "0124.txt", "date": "2019-09-23"}\n', encoding="utf-8")
    summary = ingest([folder], store_path, workers=1)
    assert summary.changed == 1 and summary.parsed == 1
    assert next(iter(Store.open(store_path).documents.values()))["date"] == "2019-09-23"


def test_a_jsonl_record_with_an_impossible_date_is_kept_undated_with_a_warning(tmp_path: Path) -> None:
    text = (WIKINEWS / "0036.txt").read_text(encoding="utf-8").replace('"', "'").replace("\n", "\\n")
    (tmp_path / "a.jsonl").write_text('{"text": "' + text + '", "date": "2020-02-30"}\n', encoding="utf-8")
    report = read_paths([tmp_path / "a.jsonl"])
    assert "date" not in report.articles[0].meta
    assert report.warnings == [f"{tmp_path / 'a.jsonl'}:1: date '2020-02-30' is not a date (YYYY-MM-DD); the article stays undated"]


def with_top(tmp_path: Path, top: str, name: str = "0036.txt") -> Path:
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(top + (WIKINEWS / name).read_text(encoding="utf-8"), encoding="utf-8")
    return folder / name


def test_front_matter_dates_the_article_and_is_kept_out_of_its_text(tmp_path: Path) -> None:
    path = with_top(tmp_path, "---\ntitle: Germany says Navalny was poisoned\ndate: 2020-09-03\nurl: https://en.wikinews.org/wiki/x\n---\n")
    [article] = read_paths([path]).articles
    assert article.text == (WIKINEWS / "0036.txt").read_text(encoding="utf-8")  # what spans index into: the article alone
    assert (article.meta["date"], article.meta["date_source"]) == ("2020-09-03", "front matter")
    assert article.title == "Germany says Navalny was poisoned"


def test_header_lines_with_a_written_date_date_the_article(tmp_path: Path) -> None:
    path = with_top(tmp_path, "Published: Updated: 12:04 GMT, 3 September 2020\nSource: Wikinews\n\n")
    [article] = read_paths([path]).articles
    assert (article.meta["date"], article.meta["date_source"]) == ("2020-09-03", "header")
    assert article.title == "Germany says Alexei Navalny poisoned with Novichok"


def test_front_matter_wins_over_a_metadata_file(tmp_path: Path) -> None:
    path = with_top(tmp_path, "---\ndate: 2020-09-03\n---\n")
    (path.parent / "metadata.jsonl").write_text('{"file": "0036.txt", "date": "2020-09-10"}\n', encoding="utf-8")
    [article] = read_paths([path.parent]).articles
    assert article.meta["date"] == "2020-09-03"


def test_malformed_front_matter_and_impossible_dates_are_one_line_each_and_the_ingest_goes_on(tmp_path: Path) -> None:
    with_top(tmp_path, "---\ndate: 2019-13-45\n---\n", "0036.txt")
    with_top(tmp_path, "---\nthis line is not a field\n---\n", "0124.txt")
    with_top(tmp_path, "---\ndate: 2019-09-23\n\n", "0047.txt")  # never closed
    summary = ingest([tmp_path / "news"], tmp_path / "s.json", workers=1)
    assert summary.documents == 3 and summary.undated == 3
    assert len(summary.warnings) == 3 and all("\n" not in w for w in summary.warnings)
    assert any("'2019-13-45' is not a date" in w for w in summary.warnings)
    assert any("is not 'key: value'; read as text" in w for w in summary.warnings)
    assert any("does not close" in w for w in summary.warnings)


def test_date_on_the_command_line_dates_only_what_has_no_date_and_the_summary_counts_the_undated(tmp_path: Path) -> None:
    folder = articles(tmp_path, "0036.txt", "0124.txt")
    (folder / "metadata.jsonl").write_text('{"file": "0124.txt", "date": "2019-09-23"}\n', encoding="utf-8")
    store = tmp_path / "s.json"
    first = run("ingest", str(folder), "--store", str(store), "-q")
    assert "1 of 2 articles have no date" in first.output and "--date YYYY-MM-DD" in first.output
    second = run("ingest", str(folder), "--store", str(store), "-q", "--date", "2020-09-03")
    assert "have no date" not in second.output
    dated = {Path(d["path"]).name: (d["date"], d["date_source"]) for d in Store.open(store).documents.values()}
    assert dated == {"0036.txt": ("2020-09-03", "command line"), "0124.txt": ("2019-09-23", "metadata file")}
    bad = run("ingest", str(folder), "--store", str(store), "-q", "--date", "2020-02-30")
    assert bad.exit_code != 0 and "not a date" in bad.output and "Traceback" not in bad.output


def with_dateline(tmp_path: Path, line: str, name: str = "0036.txt") -> Path:
    """The corpus article as a wire or web copy prints it: headline, then a dateline or publication line, then the story."""
    headline, _, story = (WIKINEWS / name).read_text(encoding="utf-8").partition("\n\n")
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"{headline}\n\n{line}\n\n{story}", encoding="utf-8")
    return folder / name


def test_a_dateline_publication_line_or_date_line_dates_the_article_and_stays_in_its_text(tmp_path: Path) -> None:
    with_dateline(tmp_path, "BERLIN, September 3, 2020 (Reuters) -", "0036.txt")
    with_dateline(tmp_path, "First published on Mon 23 Sep 2019 10.00 BST", "0124.txt")
    with_dateline(tmp_path, "By Wikinews staff | June 29, 2019", "0047.txt")
    store = tmp_path / "s.json"
    summary = ingest([tmp_path / "news"], store, workers=1)
    assert summary.undated == 0 and summary.warnings == []
    documents = {Path(d["path"]).name: d for d in Store.open(store).documents.values()}
    assert {name: (d["date"], d["date_source"]) for name, d in documents.items()} == {
        "0036.txt": ("2020-09-03", "dateline"),
        "0124.txt": ("2019-09-23", "dateline"),
        "0047.txt": ("2019-06-29", "dateline"),
    }
    text = Store.open(store).text(documents["0036.txt"]["id"])
    assert "BERLIN, September 3, 2020 (Reuters) -" in text  # part of what was published: offsets stay the file's


def test_a_dateline_without_a_year_leaves_the_article_undated_with_one_line_unless_date_is_given(tmp_path: Path) -> None:
    path = with_dateline(tmp_path, "BERLIN, Sept. 3 (Reuters) -")
    first = ingest([path], tmp_path / "s.json", workers=1)
    assert first.undated == 1
    assert first.warnings == [
        f"{path}: the dateline 'BERLIN, Sept. 3 (Reuters) -' gives no year, so the article stays undated; date it with --date or a metadata file"
    ]
    second = ingest([path], tmp_path / "s.json", workers=1, default_date="2020-09-03")
    assert second.undated == 0 and second.warnings == []


def test_a_date_the_story_tells_never_dates_the_article(tmp_path: Path) -> None:
    """An obituary whose second paragraph gives a birth date ("born on May 26, 1953"): no dateline, so undated."""
    obituary = Path(__file__).resolve().parent.parent / "bench" / "data" / "wikinews" / "0034.txt"
    assert "born on May 26, 1953" in obituary.read_text(encoding="utf-8")
    shutil.copy(obituary, tmp_path / "0034.txt")  # without the metadata file that dates it beside it
    summary = ingest([tmp_path / "0034.txt"], tmp_path / "s.json", workers=1)
    assert summary.undated == 1
    assert "date" not in next(iter(Store.open(tmp_path / "s.json").documents.values()))


def test_written_dates_in_front_matter_read_in_either_order(tmp_path: Path) -> None:
    path = with_top(tmp_path, "Date: September 3, 2020\n\n")
    [article] = read_paths([path]).articles
    assert article.meta["date"] == "2020-09-03"


def test_a_file_named_alone_takes_its_row_and_hears_nothing_of_the_other_rows(tmp_path: Path) -> None:
    folder = articles(tmp_path, "0036.txt", "0124.txt")
    (folder / "metadata.jsonl").write_text(
        '{"file": "0036.txt", "date": "2020-09-03"}\n{"file": "0124.txt", "date": "2019-09-23"}\n', encoding="utf-8"
    )
    report = read_paths([folder / "0036.txt"])
    assert [a.meta["date"] for a in report.articles] == ["2020-09-03"] and report.warnings == []
