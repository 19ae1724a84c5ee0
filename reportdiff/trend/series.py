"""Trends across a series of reports: read them, put them in time order, follow sections, figures and topics.

The steps, each a plain function over plain data:

1. :func:`read_series` reads files (through the :mod:`reportdiff.trend.cache` when given one) into
   :class:`LoadedReport` (report + figures + content key);
2. :func:`order_series` sorts by each report's own date; missing or tied dates are warned about
   and settled by the dates the text mentions (:func:`mentioned_date`);
3. :func:`section_steps` pairs the sections of each consecutive pair with the same alignment
   that ``compare()`` uses (:func:`reportdiff.align.align`), cached per pair;
4. :mod:`reportdiff.trend.tracks` chains the pairs into section rows that survive renames and moves,
   follows each figure by label and unit, and follows a topic (stemmed) through the text.

``track(reports)`` runs 2–4 on reports already in memory and returns a :class:`SeriesReport`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdiff.errors import InputError
from reportdiff.ingest.metadata import TEXT_ESTIMATE, mentioned_date
from reportdiff.model import Figure, Report, Section, Span
from reportdiff.model.series import SeriesEntry, SeriesReport, TopicTrack
from reportdiff.trend.topics import notable_topics, topic_point, topic_query
from reportdiff.trend.tracks import (
    Step,
    figure_tracks,
    preorder,
    row_order,
    section_grid,
    section_rows,
)

if TYPE_CHECKING:
    from reportdiff.classify.rules import Rules
    from reportdiff.trend.cache import ReportCache

REPORT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".pdf", ".docx")
NOT_REPORTS = ("readme", "changelog", "license", "licence", "index")  # names skipped when reading a folder
Progress = Callable[[str, int, int], None]  # (what, done, total)
_NO_SPAN = Span(0, 0)


@dataclass(slots=True)
class LoadedReport:
    report: Report
    figures: list[Figure]
    key: str = ""  # content key (sha256 of the bytes + reader version); "" when built in memory


# -- reading ---------------------------------------------------------------------------------------


def expand_paths(arguments: Sequence[str]) -> list[Path]:
    """Files as given; a folder stands for the report files directly in it (sorted by name)."""
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(
                child
                for child in path.iterdir()
                if child.is_file()
                and child.suffix.lower() in REPORT_SUFFIXES
                and not child.name.startswith((".", "~$"))  # hidden files, Word's lock files
                and child.stem.lower() not in NOT_REPORTS
            )
            if not found:
                raise InputError(f"{argument}: no report files in this folder ({', '.join(REPORT_SUFFIXES)})")
            paths.extend(found)
        elif path.exists():
            paths.append(path)
        else:
            raise InputError(f"{argument}: no such file or folder")
    if not paths:
        raise InputError("no reports given")
    return paths


def parse_file(path: str, data: bytes, known: frozenset[str] = frozenset()) -> tuple[Report, list[Figure]]:
    """Read one report from its bytes and find its figures (what the cache stores; ``known``: see load_bytes)."""
    from reportdiff.figures import extract_figures
    from reportdiff.ingest import load_bytes

    report = load_bytes(data, path, suffix=Path(path).suffix.lower(), known=known)
    source_text = None
    if not data.startswith((b"%PDF-", b"PK\x03\x04")):
        from reportdiff.ingest.decode import decode

        source_text = decode(data, path)
    return report, extract_figures(report, source_text)


def _read_bytes(path: Path) -> bytes:
    from reportdiff.ingest import read_file

    return read_file(path)


@dataclass(slots=True)
class SeriesPlan:
    """What reading a series will take: reports found in the cache, and files still to parse."""

    slots: list[LoadedReport]
    missing: list[tuple[int, str, bytes]]  # (slot, source, bytes) of files not in the cache
    warnings: list[str]


def plan_series(paths: Sequence[Path], cache: ReportCache | None = None) -> SeriesPlan:
    """Read every file's bytes and look it up in the cache; files with the same bytes are read once."""
    from reportdiff.trend.cache import content_key

    plan = SeriesPlan([], [], [])
    seen: dict[str, str] = {}
    for path in paths:
        data = _read_bytes(path)
        key = content_key(data)
        source = str(path)
        if key in seen:
            plan.warnings.append(f"{source}: same content as {seen[key]}; read once")
            continue
        seen[key] = source
        cached = cache.get_report(key, source) if cache is not None else None
        if cached is None:
            plan.missing.append((len(plan.slots), source, data))
            plan.slots.append(LoadedReport(Report(source, Section("", 0, _NO_SPAN)), [], key))
        else:
            plan.slots.append(LoadedReport(cached[0], cached[1], key))
    return plan


def finish_series(
    plan: SeriesPlan, cache: ReportCache | None = None, progress: Progress | None = None, pool: Any = None
) -> tuple[list[LoadedReport], list[str]]:
    """Parse the files the cache did not have (in ``pool``, a multiprocessing pool, when given)."""
    done = len(plan.slots) - len(plan.missing)
    jobs = [(source, data) for _, source, data in plan.missing]
    results = pool.imap(_parse_job, jobs) if pool is not None and len(jobs) > 1 else map(_parse_job, jobs)
    for (slot, _, _), (report, figures) in zip(plan.missing, results, strict=True):
        item = plan.slots[slot]
        item.report, item.figures = report, figures
        if cache is not None:
            cache.put_report(item.key, report, figures)
        done += 1
        if progress:
            progress("read", done, len(plan.slots))
    return plan.slots, plan.warnings


def use_neighbours(ordered: Sequence[LoadedReport]) -> None:
    """Read a text report again with the headings of the reports before and after it in time.

    As ``load_pair`` does for two reports: only where a neighbour's heading shows here in pieces;
    the report's warnings say where. The key changes with the evidence, so a cached alignment of
    the reading alone is never used for the new reading.
    """
    import hashlib

    from reportdiff.ingest import neighbours_known

    reports = [item.report for item in ordered]
    for index, item in enumerate(ordered):
        known = neighbours_known(item.report, reports[max(0, index - 1) : index] + reports[index + 1 : index + 2])
        if known and item.key:
            item.report, item.figures = parse_file(item.report.source, _read_bytes(Path(item.report.source)), known)
            item.key += "+" + hashlib.sha256("\n".join(sorted(known)).encode()).hexdigest()[:8]


def read_series(
    paths: Sequence[Path], cache: ReportCache | None = None, progress: Progress | None = None, pool: Any = None
) -> tuple[list[LoadedReport], list[str]]:
    """Every file read once, through the cache when given one; see :func:`plan_series`."""
    return finish_series(plan_series(paths, cache), cache, progress, pool)


def _parse_job(job: tuple[str, bytes]) -> tuple[Report, list[Figure]]:
    return parse_file(*job)


def _ignore_interrupt() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def worker_pool(jobs: int) -> Iterator[Any]:
    """A pool of forked workers for parsing and aligning many reports, or None when it would not help.

    Start it before any thread (such as a progress bar) exists: forked workers inherit the
    modules already imported, so they start in milliseconds.
    """
    if jobs <= 1:
        yield None
        return
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    import reportdiff.align  # noqa: F401  (imported before the fork, inherited by the workers)
    import reportdiff.figures  # noqa: F401
    import reportdiff.ingest.markdown  # noqa: F401
    import reportdiff.ingest.text  # noqa: F401

    # Ctrl-C reaches the whole process group; only this process handles it (exit 130, no traceback),
    # the workers ignore it and are terminated below.
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupt)
    try:
        yield pool
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()


def default_jobs(count: int) -> int:
    """Workers worth starting for ``count`` reports: none for a handful, else one per CPU (at most 4)."""
    return 1 if count < 8 else max(1, min(4, os.cpu_count() or 1))


# -- time order ------------------------------------------------------------------------------------


def _own_date(report: Report) -> dt.date | None:
    """The report's date unless it is only the month its text speaks of (then it is placed by that)."""
    return None if report.date_source.startswith(TEXT_ESTIMATE) else report.date


def order_series(loaded: Sequence[LoadedReport]) -> tuple[list[LoadedReport], list[SeriesEntry], list[str]]:
    """Sort by each report's own date; missing dates and ties are warned about and settled by the text."""
    warnings: list[str] = []
    by_date: dict[dt.date, list[LoadedReport]] = {}
    for item in loaded:
        if _own_date(item.report) is not None:
            by_date.setdefault(item.report.date, []).append(item)  # type: ignore[arg-type]
    tied = {id(item) for items in by_date.values() if len(items) > 1 for item in items}
    # Reading the dates a text mentions costs a pass over it: only for reports that need it.
    estimates = {
        id(item): mentioned_date(item.report) for item in loaded if _own_date(item.report) is None or id(item) in tied
    }
    for item in loaded:
        if _own_date(item.report) is None:
            guess = estimates[id(item)]
            where = f"placed by the dates its text mentions (about {guess:%Y-%m})" if guess else "placed last"
            warnings.append(f"{item.report.source}: the report has no date; {where}")
    for date, items in sorted(by_date.items()):
        if len(items) > 1:
            names = ", ".join(sorted(item.report.source for item in items))
            warnings.append(f"{names}: the same date {date.isoformat()}; ordered by the dates their text mentions")

    def sort_key(item: LoadedReport) -> tuple[dt.date, dt.date, str]:
        estimate = estimates.get(id(item)) or dt.date.max
        return (_own_date(item.report) or estimate, estimate, item.report.source)

    ordered = sorted(loaded, key=sort_key)
    entries = []
    for index, item in enumerate(ordered):
        report = item.report
        estimate = estimates.get(id(item))
        entries.append(
            SeriesEntry(
                index=index,
                label=_label(report, estimate),
                source=report.source,
                title=report.title,
                date=report.date,
                date_text=report.display_date(),
                date_origin="report" if _own_date(report) else "text" if estimate else "none",
                estimated=estimate,
            )
        )
    return ordered, entries, warnings


def newest_pair(
    paths: Sequence[Path], cache: ReportCache | None = None
) -> tuple[LoadedReport, LoadedReport, list[str]]:
    """The newest report of ``paths`` and the one before it, in the order ``trend`` puts them (their own dates)."""
    if len(paths) < 2:
        where = f" ({paths[0]})" if paths else ""
        raise InputError(f"a series needs at least two reports; found {len(paths)}{where}")
    loaded, warnings = read_series(paths, cache)
    if len(loaded) < 2:
        raise InputError(f"a series needs at least two different reports; {warnings[0] if warnings else ''}")
    ordered, _, order_warnings = order_series(loaded)
    use_neighbours(ordered[-2:])  # the pair, as diff OLD NEW reads it
    return ordered[-2], ordered[-1], [*warnings, *order_warnings]


def _label(report: Report, estimate: dt.date | None) -> str:
    own = _own_date(report)
    if own:
        return own.isoformat()
    if estimate:
        return f"~{estimate:%Y-%m}"
    return Path(report.source).stem[:12]


# -- sections through the series -------------------------------------------------------------------


def section_steps(old: Report, new: Report) -> list[Step]:
    """Matched sections of two consecutive reports, as compare() pairs them (same alignment)."""
    from reportdiff.align import align
    from reportdiff.text.tokens import normalise

    alignment = align(old, new)
    steps: list[Step] = []
    for match in alignment.matches:
        if match.new == 0:
            continue
        old_info, new_info = alignment.old[match.old], alignment.new[match.new]
        renamed = normalise(old_info.section.heading) != normalise(new_info.section.heading)
        moved = match.new in alignment.moved_new
        changed = old_info.content_id != new_info.content_id
        steps.append([match.old, match.new, renamed, moved, changed])
    return steps


def series_steps(
    ordered: Sequence[LoadedReport],
    cache: ReportCache | None = None,
    progress: Progress | None = None,
    pool: Any = None,
) -> list[list[Step]]:
    """The section steps of every consecutive pair, from the cache or aligned (in ``pool`` when given)."""
    steps: list[list[Step] | None] = []
    missing: list[int] = []
    for index in range(1, len(ordered)):
        old, new = ordered[index - 1], ordered[index]
        found = cache.get_pair(old.key, new.key) if cache is not None and old.key and new.key else None
        if found is None:
            missing.append(len(steps))
        steps.append(found)
    done = len(steps) - len(missing)
    jobs = [(ordered[at].report, ordered[at + 1].report) for at in missing]
    results = pool.imap(_align_job, jobs) if pool is not None and len(jobs) > 1 else map(_align_job, jobs)
    for at, found in zip(missing, results, strict=True):
        steps[at] = found
        old, new = ordered[at], ordered[at + 1]
        if cache is not None and old.key and new.key:
            cache.put_pair(old.key, new.key, found)
        done += 1
        if progress:
            progress("align", done, len(steps))
    return [found or [] for found in steps]


def _align_job(job: tuple[Report, Report]) -> list[Step]:
    return section_steps(*job)


# -- the whole series ------------------------------------------------------------------------------


def build_series(
    loaded: Sequence[LoadedReport],
    topic: str | None = None,
    cache: ReportCache | None = None,
    progress: Progress | None = None,
    pool: Any = None,
    rules: Rules | None = None,
) -> SeriesReport:
    """Order the reports, then follow sections, figures and topics through them.

    ``rules``: the phases and cue words a ``topic`` is read with; the built-in rules when None."""
    if not loaded:
        raise InputError("no reports given")
    query = topic_query(topic) if topic is not None else None
    ordered, entries, warnings = order_series(loaded)
    use_neighbours(ordered)
    steps = series_steps(ordered, cache, progress, pool)
    reports = [item.report for item in ordered]
    sections = [preorder(report) for report in reports]
    rows, row_of = section_rows(reports, steps, sections)
    order = row_order(rows, row_of)
    grid = section_grid(sections, rows, order)
    row_rank = {number: place for place, number in enumerate(order)}
    result = SeriesReport(reports=entries, sections=grid, topic_query=query.text if query else None)
    result.figures = figure_tracks([item.figures for item in ordered], row_of, row_rank, sections)
    if query is not None:
        if rules is None:  # phases and cue words: only a topic needs them
            from reportdiff.classify.rules import default_rules

            rules = default_rules()
        points = [topic_point(report, index, query, rules) for index, report in enumerate(reports)]
        result.topics = [TopicTrack(query.text, "query", points)]
    else:
        result.lasting, result.changing = notable_topics(reports)
    for item in ordered:
        warnings.extend(f"{item.report.source}: {warning}" for warning in item.report.warnings)
    result.warnings = warnings
    return result


def track(reports: Iterable[Report], topic: str | None = None, rules: Rules | None = None) -> SeriesReport:
    """Follow figures, topics and sections through ``reports`` (any order: they are sorted by date)."""
    from reportdiff.figures import extract_figures

    loaded = [LoadedReport(report, extract_figures(report)) for report in reports]
    return build_series(loaded, topic, rules=rules)
