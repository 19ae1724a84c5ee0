"""The parsed-report cache: lossless JSON of the model, keyed by content, safe against corruption and races."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest
from conftest import SNAPSHOTS, snapshot_paths

from reportdiff.cli import run
from reportdiff.trend import cache as cache_module
from reportdiff.trend.cache import (
    ReportCache,
    content_key,
    default_cache_dir,
    figure_from_json,
    figure_to_json,
    report_from_json,
    report_to_json,
)
from reportdiff.trend.series import parse_file, read_series


def parsed(path: Path):  # type: ignore[no-untyped-def]
    return parse_file(str(path), path.read_bytes())


def first_snapshot() -> Path:
    paths = snapshot_paths()
    if not paths:
        pytest.skip("no snapshots yet")
    return paths[0]


def test_report_and_figures_survive_the_round_trip_unchanged() -> None:
    for path in snapshot_paths()[:3] or [first_snapshot()]:
        report, figures = parsed(path)
        assert report_from_json(json.loads(json.dumps(report_to_json(report)))) == report
        assert [figure_from_json(json.loads(json.dumps(figure_to_json(f)))) for f in figures] == figures


def test_second_read_is_a_hit_and_gives_the_same_report(tmp_path: Path) -> None:
    path = first_snapshot()
    cache = ReportCache(tmp_path)
    first, _ = read_series([path], cache)
    assert (cache.hits, cache.misses) == (0, 1)
    second, _ = read_series([path], cache)
    assert (cache.hits, cache.misses) == (1, 1)
    assert second[0].report == first[0].report and second[0].figures == first[0].figures
    entries = list((tmp_path / "reports").rglob("*.json"))
    assert len(entries) == 1
    assert json.loads(entries[0].read_text(encoding="utf-8"))["format"] == cache_module.CACHE_FORMAT  # JSON, not pickle


def test_the_same_bytes_under_another_name_keep_their_own_source(tmp_path: Path) -> None:
    path = first_snapshot()
    copy = tmp_path / "copy.md"
    copy.write_bytes(path.read_bytes())
    cache = ReportCache(tmp_path / "cache")
    read_series([path], cache)
    loaded, _ = read_series([copy], cache)
    assert cache.hits == 1 and loaded[0].report.source == str(copy)


CORRUPTIONS = {
    "truncated": lambda text: text[: len(text) // 2],
    "not json": lambda text: "\x00\x01 garbage",
    "empty": lambda text: "",
    "wrong format": lambda text: text.replace('"format":1', '"format":99', 1),
    "wrong key": lambda text: text.replace('"key":"', '"key":"x', 1),
    "wrong type": lambda text: text.replace('"l":1', '"l":"1"', 1),
    "bad enum": lambda text: text.replace('"paragraph"', '"poem"', 1),
    "a list": lambda text: "[]",
}


@pytest.mark.parametrize("damage", sorted(CORRUPTIONS))
def test_a_corrupt_entry_is_ignored_and_rewritten(damage: str, tmp_path: Path) -> None:
    path = first_snapshot()
    cache = ReportCache(tmp_path)
    expected, _ = read_series([path], cache)
    [entry] = list((tmp_path / "reports").rglob("*.json"))
    entry.write_text(CORRUPTIONS[damage](entry.read_text(encoding="utf-8")), encoding="utf-8")
    again = ReportCache(tmp_path)
    loaded, _ = read_series([path], again)
    assert again.misses == 1 and again.hits == 0
    assert loaded[0].report == expected[0].report
    assert ReportCache(tmp_path).get_report(expected[0].key, str(path)) is not None  # rewritten whole


def test_the_key_changes_with_the_bytes_and_the_reader_version(monkeypatch: pytest.MonkeyPatch) -> None:
    assert content_key(b"a") != content_key(b"b")
    before = content_key(b"a")
    monkeypatch.setattr(cache_module, "source_version", lambda names: "another-reader")
    assert content_key(b"a") != before


def test_the_reader_version_follows_the_reader_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ingest").mkdir()
    (tmp_path / "ingest" / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(cache_module, "_PACKAGE", tmp_path)
    cache_module.source_version.cache_clear()
    try:
        first = cache_module.source_version(("ingest",))
        (tmp_path / "ingest" / "a.py").write_text("x = 2\n")
        cache_module.source_version.cache_clear()
        assert cache_module.source_version(("ingest",)) != first
    finally:
        cache_module.source_version.cache_clear()


def test_an_unwritable_cache_never_fails_a_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ReportCache(blocker / "cache")
    loaded, _ = read_series([first_snapshot()], cache)
    assert loaded and cache.writable is False


def test_cache_dir_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv("REPORTDIFF_CACHE_DIR")
    assert "reportdiff" in str(default_cache_dir())


def _writer(directory: str, key: str, rounds: int) -> None:
    path = SNAPSHOTS / "2025-01.md"
    report, figures = parse_file(str(path), path.read_bytes())
    cache = ReportCache(directory)
    for _ in range(rounds):
        cache.put_report(key, report, figures)


def test_concurrent_writers_never_leave_a_partial_entry(tmp_path: Path) -> None:
    if not (SNAPSHOTS / "2025-01.md").exists():
        pytest.skip("no snapshots yet")
    key = content_key((SNAPSHOTS / "2025-01.md").read_bytes())
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    writers = [context.Process(target=_writer, args=(str(tmp_path), key, 15)) for _ in range(4)]
    for writer in writers:
        writer.start()
    reader = ReportCache(tmp_path)
    reads_after_first = 0
    while any(writer.is_alive() for writer in writers):
        found = reader.get_report(key, "x")
        if reads_after_first or found is not None:
            # Once an entry has landed, every read sees a whole one: writes are renamed into place.
            assert found is not None, "a reader saw a partial entry"
            reads_after_first += 1
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    assert reader.get_report(key, "x") is not None
    assert not list(tmp_path.rglob("*.tmp")), "temporary files were left behind"


def test_no_cache_option_touches_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / "cache"))
    status = run(["trend", str(first_snapshot()), "--no-cache", "--format", "json", "-o", str(tmp_path / "out.json")])
    assert status == 0
    assert not (tmp_path / "cache").exists()
    run(["trend", str(first_snapshot()), "--format", "json", "-o", str(tmp_path / "out.json")])
    assert list((tmp_path / "cache" / "reports").rglob("*.json"))
