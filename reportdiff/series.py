"""Trends across a series of reports: read them, put them in time order, follow sections, figures and topics.

The steps, each a plain function over plain data:

1. :func:`read_series` reads files (through the :mod:`reportdiff.cache` when given one) into
   :class:`LoadedReport` (report + figures + content key);
2. :func:`order_series` sorts by each report's own date; missing or tied dates are warned about
   and settled by the dates the text mentions (:func:`mentioned_date`);
3. :func:`section_steps` pairs the sections of each consecutive pair with the same alignment
   that ``compare()`` uses (:func:`reportdiff.align.align`), and :func:`section_grid` chains the
   pairs into rows that survive renames and moves;
4. :func:`figure_tracks` follows each figure by label and unit, preferring the same section row,
   and :mod:`topics <reportdiff.series>` follow a word or phrase (stemmed) through the text.

``track(reports)`` runs 2–4 on reports already in memory and returns a :class:`SeriesReport`.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdiff.errors import InputError
from reportdiff.model import (
    Figure,
    FigurePoint,
    FigureTrack,
    Report,
    Section,
    SectionGrid,
    SectionPresence,
    SectionRow,
    SectionState,
    SeriesEntry,
    SeriesReport,
    Span,
)

if TYPE_CHECKING:
    from reportdiff.cache import ReportCache

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
                and not child.name.startswith(".")
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


def parse_file(path: str, data: bytes) -> tuple[Report, list[Figure]]:
    """Read one report from its bytes and find its figures (what the cache stores)."""
    from reportdiff.figures import extract_figures
    from reportdiff.ingest import load_bytes

    report = load_bytes(data, path, suffix=Path(path).suffix.lower())
    source_text = None
    if not data.startswith((b"%PDF-", b"PK\x03\x04")):
        from reportdiff.ingest.decode import decode

        source_text = decode(data, path)
    return report, extract_figures(report, source_text)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None


def read_series(
    paths: Sequence[Path], cache: ReportCache | None = None, progress: Progress | None = None, pool: Any = None
) -> tuple[list[LoadedReport], list[str]]:
    """Every file read once (through the cache); files with the same bytes as an earlier one are skipped.

    Reports not in the cache are parsed in ``pool`` (a multiprocessing pool) when one is given.
    """
    from reportdiff.cache import content_key

    warnings: list[str] = []
    seen: dict[str, str] = {}
    slots: list[LoadedReport | None] = []
    missing: list[tuple[int, str, bytes]] = []
    for path in paths:
        data = _read_bytes(path)
        key = content_key(data)
        source = str(path)
        if key in seen:
            warnings.append(f"{source}: same content as {seen[key]}; read once")
            continue
        seen[key] = source
        cached = cache.get_report(key, source) if cache is not None else None
        if cached is None:
            missing.append((len(slots), source, data))
            slots.append(LoadedReport(Report(source, Section("", 0, _NO_SPAN)), [], key))
        else:
            slots.append(LoadedReport(cached[0], cached[1], key))
    done = len(slots) - len(missing)
    jobs = [(source, data) for _, source, data in missing]
    results = pool.imap(_parse_job, jobs) if pool is not None and len(jobs) > 1 else map(_parse_job, jobs)
    for (slot, _, _), (report, figures) in zip(missing, results, strict=True):
        item = slots[slot]
        assert item is not None
        item.report, item.figures = report, figures
        if cache is not None:
            cache.put_report(item.key, report, figures)
        done += 1
        if progress:
            progress("read", done, len(slots))
    return [item for item in slots if item is not None], warnings


def _parse_job(job: tuple[str, bytes]) -> tuple[Report, list[Figure]]:
    return parse_file(*job)


@contextmanager
def worker_pool(jobs: int) -> Iterator[Any]:
    """A pool of forked workers for parsing and aligning many reports, or None when it would not help.

    Start it before any thread (such as a progress bar) exists: forked workers inherit the
    modules already imported, so they start in milliseconds.
    """
    import multiprocessing

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    import reportdiff.align  # noqa: F401  (imported before the fork, inherited by the workers)
    import reportdiff.figures  # noqa: F401
    import reportdiff.ingest.markdown  # noqa: F401
    import reportdiff.ingest.text  # noqa: F401

    pool = multiprocessing.get_context("fork").Pool(jobs)
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

_MONTHS = "januari februari mars april maj juni juli augusti september oktober november december".split()
_MONTH_YEAR = re.compile(r"\b(?:(" + "|".join(_MONTHS) + r")\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-\d\d\b")


def mentioned_date(report: Report) -> dt.date | None:
    """The time a report's text speaks of: the median year it mentions, then the median month in that year.

    Reports talk mostly about the recent past, a little about plans; the median ignores both the
    history and the far future. ``None`` when the text mentions no year.
    """
    years: list[int] = []
    months: list[tuple[int, int]] = []
    for block in report.blocks():
        for match in _MONTH_YEAR.finditer(block.text):
            year = int(match.group(2))
            years.append(year)
            if match.group(1):
                months.append((year, _MONTHS.index(match.group(1).lower()) + 1))
        for match in _ISO.finditer(block.text):
            years.append(int(match.group(1)))
            months.append((int(match.group(1)), int(match.group(2))))
    if not years:
        return None
    year = int(statistics.median_low(years))
    in_year = [month for y, month in months if y == year]
    month = int(statistics.median_low(in_year)) if in_year else 6
    return dt.date(year, month, 1)


def order_series(loaded: Sequence[LoadedReport]) -> tuple[list[LoadedReport], list[SeriesEntry], list[str]]:
    """Sort by each report's own date; missing dates and ties are warned about and settled by the text."""
    warnings: list[str] = []
    by_date: dict[dt.date, list[LoadedReport]] = {}
    for item in loaded:
        if item.report.date is not None:
            by_date.setdefault(item.report.date, []).append(item)
    tied = {id(item) for items in by_date.values() if len(items) > 1 for item in items}
    # Reading the dates a text mentions costs a pass over it: only for reports that need it.
    estimates = {
        id(item): mentioned_date(item.report) for item in loaded if item.report.date is None or id(item) in tied
    }
    for item in loaded:
        if item.report.date is None:
            guess = estimates[id(item)]
            where = f"placed by the dates its text mentions (about {guess:%Y-%m})" if guess else "placed last"
            warnings.append(f"{item.report.source}: the report has no date; {where}")
    for date, items in sorted(by_date.items()):
        if len(items) > 1:
            names = ", ".join(sorted(item.report.source for item in items))
            warnings.append(f"{names}: the same date {date.isoformat()}; ordered by the dates their text mentions")

    def sort_key(item: LoadedReport) -> tuple[dt.date, dt.date, str]:
        estimate = estimates.get(id(item)) or dt.date.max
        return (item.report.date or estimate, estimate, item.report.source)

    ordered = sorted(loaded, key=sort_key)
    entries = []
    for index, item in enumerate(ordered):
        report = item.report
        estimate = estimates.get(id(item))
        entries.append(
            SeriesEntry(
                index=index,
                source=report.source,
                title=report.title,
                date=report.date,
                date_text=report.date_text,
                date_origin="report" if report.date else "text" if estimate else "none",
                estimated=estimate,
                label=_label(report, estimate),
            )
        )
    return ordered, entries, warnings


def _label(report: Report, estimate: dt.date | None) -> str:
    if report.date:
        return report.date.isoformat()
    if estimate:
        return f"~{estimate:%Y-%m}"
    return Path(report.source).stem[:12]


# -- sections through the series -------------------------------------------------------------------

Step = list[Any]  # [old_index, new_index, renamed, moved, changed]; indexes in pre-order, root = 0


def preorder(report: Report) -> list[tuple[tuple[str, ...], Section]]:
    """Every section with its path, root first, in the order alignment numbers them."""
    return list(report.root.walk_with_path())


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
    ordered: Sequence[LoadedReport], cache: ReportCache | None = None, progress: Progress | None = None, pool: Any = None
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


@dataclass(slots=True)
class _Row:
    cells: dict[int, int] = field(default_factory=dict)  # report index → section pre-order index
    flags: dict[int, tuple[bool, bool, bool, bool]] = field(default_factory=dict)  # new, renamed, moved, changed
    parents: dict[int, int] = field(default_factory=dict)  # report index → parent row (-1: a top-level part)
    key: str = ""  # heading key of its latest heading (to bring it back after a gap)


def section_rows(ordered: Sequence[Report], steps: Sequence[list[Step]]) -> tuple[list[_Row], list[dict[int, int]]]:
    """Chain the pairs into rows; also, per report, section index → row number."""
    from reportdiff.align import heading_key

    rows: list[_Row] = []
    row_of: list[dict[int, int]] = []
    for index, report in enumerate(ordered):
        here: dict[int, int] = {0: -1}
        matched = {step[1]: step for step in steps[index - 1]} if index > 0 else {}
        parents = _parents(report)
        for position, (_, section) in enumerate(preorder(report)):
            if position == 0:
                continue
            key = heading_key(section.heading)
            parent_row = here.get(parents[position], -1)
            step = matched.get(position)
            if step is not None and step[0] in row_of[index - 1] and index not in rows[row_of[index - 1][step[0]]].cells:
                number = row_of[index - 1][step[0]]
                rows[number].flags[index] = (False, bool(step[2]), bool(step[3]), bool(step[4]))
            else:
                number = _returning_row(rows, index, key, parent_row)
                if number < 0:
                    number = len(rows)
                    rows.append(_Row())
                rows[number].flags[index] = (index > 0, False, False, False)
            rows[number].cells[index] = position
            rows[number].parents[index] = parent_row
            rows[number].key = key
            here[position] = number
        row_of.append(here)
    return rows, row_of


def _parents(report: Report) -> list[int]:
    """Pre-order index → pre-order index of the parent (-1 for the root)."""
    parents: list[int] = []

    def visit(section: Section, parent: int) -> None:
        mine = len(parents)
        parents.append(parent)
        for child in section.children:
            visit(child, mine)

    visit(report.root, -1)
    return parents


def _returning_row(rows: list[_Row], index: int, key: str, parent_row: int) -> int:
    """A row that was gone and comes back under the same heading and parent (Nyckeltal in 02, 05, 08)."""
    for number, row in enumerate(rows):
        if not row.cells or index - 1 in row.cells or index in row.cells or row.key != key:
            continue
        if row.parents[max(row.cells)] == parent_row:
            return number
    return -1


def row_order(rows: list[_Row], row_of: list[dict[int, int]]) -> list[int]:
    """Rows in the document order of the latest report; rows no longer there follow the row that
    preceded them in the last report that had them."""
    order: list[int] = []
    placed: set[int] = set()
    for index in range(len(row_of) - 1, -1, -1):
        previous = -1
        for position in sorted(row_of[index]):
            number = row_of[index][position]
            if number < 0:
                continue
            if number not in placed:
                at = order.index(previous) + 1 if previous in placed else _first_after(order, rows, index)
                order.insert(at, number)
                placed.add(number)
            previous = number
    return order


def _first_after(order: list[int], rows: list[_Row], index: int) -> int:
    """Where a row with no placed predecessor goes: before the first row that comes after it in that report."""
    return 0 if not order else next((at for at, number in enumerate(order) if index in rows[number].cells), len(order))


def section_grid(ordered: Sequence[Report], rows: list[_Row], row_of: list[dict[int, int]], order: list[int]) -> SectionGrid:
    sections = [preorder(report) for report in ordered]
    grid = SectionGrid()
    for number in order:
        row = rows[number]
        last = max(row.cells)
        path, section = sections[last][row.cells[last]]
        cells: list[SectionPresence] = []
        for index in range(len(ordered)):
            if index not in row.cells:
                was_there = index > 0 and index - 1 in row.cells
                cells.append(SectionPresence(SectionState.GONE if was_there else SectionState.ABSENT))
                continue
            here_path, here = sections[index][row.cells[index]]
            new, renamed, moved, changed = row.flags[index]
            if new:
                state = SectionState.NEW
            elif moved:
                state = SectionState.MOVED
            elif renamed:
                state = SectionState.RENAMED
            elif changed:
                state = SectionState.CHANGED
            else:
                state = SectionState.UNCHANGED
            words = sum(len(block.text.split()) for block in here.blocks)
            cells.append(SectionPresence(state, here.heading, here_path, words, changed, renamed, moved))
        grid.rows.append(SectionRow(f"s{len(grid.rows) + 1}", section.heading, section.level, path, cells))
    return grid


# -- figures through the series --------------------------------------------------------------------

_LABEL_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_WORD = re.compile(r"[^\W\d_]{3,}")


def label_stems(label: str) -> tuple[str, ...]:
    """A figure label as stems, hyphenated compounds split: "lex Maria-anmälningar" = "lex maria anmälningar"."""
    from reportdiff.text.stem import stem

    return tuple(stem(word) for word in _LABEL_WORD.findall(label))


def _label_match(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """1 for the same label, 0.7 when one label's words hold the other's, less for an overlap, 0 for none."""
    if a == b:
        return 1.0
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0
    if set_a <= set_b or set_b <= set_a:
        return 0.7
    overlap = len(set_a & set_b) / len(set_a | set_b)
    return 0.6 * overlap if overlap >= 0.5 else 0.0


def _closeness(a: float, b: float) -> float:
    """1 for equal values, 0 from a factor of ten apart (or opposite signs)."""
    if a == b:
        return 1.0
    if a == 0 or b == 0 or (a < 0) != (b < 0):
        return 0.0
    return max(0.0, 1.0 - abs(math.log10(abs(a) / abs(b))))


_FUNCTION_WORDS = frozenset(
    """och att det som för med har till inte den där var ett kan från under även efter eller men vid
    vilket vilka över sin sina detta dessa här nu mot hos samt också utan inom mellan"""
    .split()
)


def _words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in (word.lower() for word in _SENTENCE_WORD.findall(sentence)) if w not in _FUNCTION_WORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(slots=True)
class _Chain:
    unit: str
    stems: tuple[str, ...]
    row: int
    last: int  # report index of the last point
    figure: Figure
    words: list[frozenset[str]]  # the words of its last few sentences
    ordinal: int = 0  # the last figure's place among figures of the same label in its section
    labels: list[tuple[str, ...]] = field(default_factory=list)  # every label it has had, as stems
    points: list[tuple[int, Figure, int]] = field(default_factory=list)  # (report, figure, row)


def _link_score(
    chain: _Chain,
    figure: Figure,
    stems: tuple[str, ...],
    row: int,
    words: frozenset[str],
    index: int,
    ordinal: int,
    settled: bool = True,
) -> float:
    """How likely ``figure`` continues ``chain``; 0 when it cannot.

    The same section row weighs most. A figure may also leave its section — a rename alignment
    missed, a reorganisation — when its label is the same and its value or sentence is close, but
    only when that section is gone or the figure's section is new (``settled`` is False otherwise).
    """
    label = max(_label_match(earlier, stems) for earlier in chain.labels)
    if label == 0.0:
        return 0.0
    sentence = max(_overlap(earlier, words) for earlier in chain.words)
    close = _closeness(chain.figure.value, figure.value)
    recency = 0.3 / (index - chain.last) + (0.2 if ordinal == chain.ordinal else 0.0)
    if row >= 0 and row == chain.row:
        return 2.0 + 0.5 * label + sentence + 0.5 * close + recency
    if not settled:  # both sections are still there: a figure does not jump from one to the other
        return 0.0
    if label == 1.0 and (sentence >= 0.3 or sentence >= 0.15 and close >= 0.5) or sentence >= 0.4 and close >= 0.5:
        return label + sentence + 0.5 * close + recency
    return 0.0


def figure_tracks(
    ordered: Sequence[LoadedReport], row_of: list[dict[int, int]], row_rank: dict[int, int]
) -> list[FigureTrack]:
    """Follow every figure through the series (greedy, best link first, one figure per chain and report)."""
    chains: list[_Chain] = []
    by_stem: dict[tuple[str, str], set[int]] = {}  # (unit, label stem) → chains that had it
    for index, item in enumerate(ordered):
        position_of = {}
        for position, (path, _) in enumerate(preorder(item.report)):
            position_of.setdefault(path, position)
        prepared = []
        ordinals: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        for figure in item.figures:
            row = row_of[index].get(position_of.get(figure.section_path, -1), -1)
            stems = label_stems(figure.label)
            ordinal = ordinals.setdefault((figure.section_path, stems), 0)
            ordinals[(figure.section_path, stems)] += 1
            prepared.append((figure, stems, row, _words(figure.sentence), ordinal))
        present = set(row_of[index].values())
        before = set(row_of[index - 1].values()) if index > 0 else set()
        links = []
        for which, (figure, stems, row, words, ordinal) in enumerate(prepared):
            candidates = set().union(*(by_stem.get((figure.unit, stem), ()) for stem in stems)) if stems else set()
            for number in candidates:
                chain = chains[number]
                unsettled = row < 0 or chain.row < 0 or chain.row not in present or row not in before
                score = _link_score(chain, figure, stems, row, words, index, ordinal, unsettled)
                if score > 0:
                    links.append((-score, number, which))
        links.sort()
        used_chains: set[int] = set()
        used_figures: set[int] = set()
        for _, number, which in links:
            if number in used_chains or which in used_figures:
                continue
            used_chains.add(number)
            used_figures.add(which)
            _extend(chains[number], index, *prepared[which])
        for which, (figure, stems, row, words, ordinal) in enumerate(prepared):
            if which not in used_figures:
                chain = _Chain(figure.unit, stems, row, index, figure, [])
                _extend(chain, index, figure, stems, row, words, ordinal)
                chains.append(chain)
        for number in used_chains | set(range(len(chains) - (len(prepared) - len(used_figures)), len(chains))):
            for stem in set().union(*chains[number].labels):
                by_stem.setdefault((chains[number].unit, stem), set()).add(number)
    return _tracks(chains, row_rank)


def _extend(
    chain: _Chain, index: int, figure: Figure, stems: tuple[str, ...], row: int, words: frozenset[str], ordinal: int
) -> None:
    chain.points.append((index, figure, row))
    chain.last, chain.figure, chain.stems, chain.ordinal = index, figure, stems, ordinal
    if stems not in chain.labels:
        chain.labels.append(stems)
    chain.words = [*chain.words[-2:], words]
    if row >= 0:
        chain.row = row


def _tracks(chains: list[_Chain], row_rank: dict[int, int]) -> list[FigureTrack]:
    def place(chain: _Chain) -> tuple[int, int, int, str]:
        index, figure, row = chain.points[-1]
        return (row_rank.get(row, len(row_rank)), figure.line, -len(chain.points), figure.label)

    tracks: list[FigureTrack] = []
    for chain in sorted(chains, key=place):
        points: list[FigurePoint] = []
        for index, figure, _ in chain.points:
            change = figure.value - points[-1].value if points else None
            points.append(
                FigurePoint(
                    report=index,
                    value=figure.value,
                    raw=figure.raw,
                    label=figure.label,
                    section_path=figure.section_path,
                    line=figure.line,
                    sentence=figure.sentence,
                    high=figure.high,
                    change=None if change is None else round(change, 6),
                )
            )
        last = chain.figure
        tracks.append(FigureTrack(f"f{len(tracks) + 1}", last.label, last.unit, last.section_path, points))
    return tracks


# -- topics through the series ---------------------------------------------------------------------

_TOPIC_WORD = re.compile(r"[^\W\d_][^\W_]*")  # hyphenated compounds are split, so "Cosmic-relaterade" counts
STATUS_WORDS_SHOWN = 8


@dataclass(slots=True)
class _Query:
    text: str
    stems: tuple[str, ...]


def topic_query(text: str) -> _Query:
    from reportdiff.text.stem import stem

    stems = tuple(stem(word) for word in _TOPIC_WORD.findall(text))
    if not stems:
        raise InputError(f"--topic {text!r}: give at least one word")
    return _Query(text.strip(), stems)


def _mentions(text: str, query: _Query) -> int:
    """How often the query's words stand in ``text`` in a row (stems compared, case ignored)."""
    from reportdiff.text.stem import stem

    lowered = text.lower()
    if query.stems[0] not in lowered:  # a stem is a prefix of its word: a cheap filter first
        return 0
    words = [stem(word) if word.lower().startswith(query.stems[0]) else "" for word in _TOPIC_WORD.findall(text)]
    size = len(query.stems)
    if size == 1:
        return sum(word == query.stems[0] for word in words)
    full = [stem(word) for word in _TOPIC_WORD.findall(text)]
    return sum(tuple(full[at : at + size]) == query.stems for at, word in enumerate(words) if word == query.stems[0])


def topic_point(report: Report, index: int, query: _Query, rules: Any) -> Any:
    """Where and how much a topic appears in one report, and the phase its text reads as."""
    from reportdiff.model import TopicPoint

    point = TopicPoint(report=index)
    home: list[str] = []  # text of sections whose heading names the topic
    elsewhere: list[str] = []  # paragraphs elsewhere that mention it
    for path, section in report.root.walk_with_path():
        in_heading = _mentions(section.heading, query) if section.level > 0 else 0
        hits = in_heading
        texts = []
        for block in section.blocks:
            found = _mentions(block.text, query)
            hits += found
            if found or in_heading:
                texts.append(block.text)
        if not hits:
            continue
        point.mentions += hits
        point.sections.append(path)
        point.words += sum(len(text.split()) for text in texts)
        (home if in_heading else elsewhere).append(". ".join([section.heading, *texts]) if in_heading else " ".join(texts))
    if point.mentions and rules is not None:
        text = "\n".join(home or elsewhere)
        point.phase, point.phase_certain = _phase(text, rules)
        point.phase_label = rules.status_labels.get(point.phase, point.phase) if point.phase else ""
        point.status_words = status_words(text, rules)
    return point


def _phase(text: str, rules: Any) -> tuple[str, bool]:
    """The rule file's phase when it is clear; else the leading phase (tentative) when one leads alone."""
    from reportdiff.classify.events import phase_hits, phase_of

    phase, _ = phase_of(text, rules)
    if phase:
        return phase, True
    counts = phase_hits(text, rules)
    best = max(counts.values(), default=0)
    leaders = [name for name, hits in counts.items() if hits == best]
    return (leaders[0], False) if best > 0 and len(leaders) == 1 else ("", False)


def status_words(text: str, rules: Any) -> list[str]:
    """The cue words of the rule file (phases, starts, completions) found in ``text``, as written."""
    from reportdiff.text.stem import WORD

    words = WORD.findall(text)
    tokens = rules.tokens(text)
    by_first = _cue_index(rules)
    found: list[str] = []
    for at, token in enumerate(tokens):
        for phrase in by_first.get(token, ()):
            if tuple(tokens[at : at + len(phrase)]) == phrase:
                written = " ".join(words[at : at + len(phrase)]).lower()
                if written not in found:
                    found.append(written)
                break
    return found[:STATUS_WORDS_SHOWN]


_CUE_INDEXES: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _cue_index(rules: Any) -> dict[str, list[tuple[str, ...]]]:
    """Cue phrases of the phases, starts and completions by their first stem, longest first."""
    index = _CUE_INDEXES.get(id(rules))
    if index is None:
        index = {}
        for cues in [*rules.status_cues.values(), rules.start, rules.done]:
            for phrase in cues.phrases:
                index.setdefault(phrase[0], []).append(phrase)
        for phrases in index.values():
            phrases.sort(key=len, reverse=True)
        _CUE_INDEXES[id(rules)] = index
    return index


_NAME = re.compile(r"(?<=[\w,;)]\s)[A-ZÅÄÖ][\wåäöÅÄÖ]{2,}|\b[A-ZÅÄÖ]{2,}\b")  # inside a sentence, or an acronym
_SKIP_NAMES = frozenset(_MONTHS) | frozenset("region regionen division den det de en ett vi och".split())


def name_counts(report: Report) -> dict[str, tuple[int, str]]:
    """Names and acronyms in the body (capitalised inside a sentence): lower-cased → (mentions, as written)."""
    counts: dict[str, tuple[int, str]] = {}
    for block in report.blocks():
        for name in _NAME.findall(block.text):
            key = name.lower()
            if key in _SKIP_NAMES:
                continue
            mentions, written = counts.get(key, (0, name))
            counts[key] = (mentions + 1, written)
    return counts


def notable_topics(ordered: Sequence[Report], rules: Any, limit: int = 8) -> tuple[list[Any], list[Any]]:
    """Without --topic: the names that run longest, and those whose mentions moved most.

    Only mentions are counted here (a name's place and phase are what ``--topic`` is for).
    """
    from reportdiff.model import TopicPoint, TopicTrack

    per_report = [name_counts(report) for report in ordered]
    totals: dict[str, int] = {}
    written: dict[str, str] = {}
    for counts in per_report:
        for key, (mentions, name) in counts.items():
            totals[key] = totals.get(key, 0) + mentions
            written.setdefault(key, name)
    candidates = [key for key, total in totals.items() if total >= 2 * max(1, len(ordered) // 4)]

    def presence(key: str) -> tuple[int, int, int]:
        runs = [key in counts for counts in per_report]
        return (sum(runs), _longest_run(runs), totals[key])

    def churn(key: str) -> float:
        counts = [per_report[i].get(key, (0, ""))[0] for i in range(len(ordered))]
        return sum(abs(b - a) / max(a, b, 1) for a, b in zip(counts, counts[1:], strict=False))

    lasting = sorted(candidates, key=lambda key: (tuple(-v for v in presence(key)), key))[:limit]
    changing = sorted((key for key in candidates if churn(key) > 0), key=lambda key: (-churn(key), key))[:limit]
    tracks: dict[str, Any] = {}
    for key in dict.fromkeys(lasting + changing):
        points = [TopicPoint(report=i, mentions=per_report[i].get(key, (0, ""))[0]) for i in range(len(ordered))]
        tracks[key] = TopicTrack(written[key], "term", points)
    return [tracks[key] for key in lasting], [tracks[key] for key in changing]


def _longest_run(flags: list[bool]) -> int:
    best = current = 0
    for flag in flags:
        current = current + 1 if flag else 0
        best = max(best, current)
    return best


# -- the whole series ------------------------------------------------------------------------------


def build_series(
    loaded: Sequence[LoadedReport],
    topic: str | None = None,
    cache: ReportCache | None = None,
    progress: Progress | None = None,
    pool: Any = None,
) -> SeriesReport:
    """Order the reports, then follow sections, figures and topics through them."""
    from reportdiff.model import TopicTrack

    if not loaded:
        raise InputError("no reports given")
    query = topic_query(topic) if topic is not None else None
    ordered, entries, warnings = order_series(loaded)
    steps = series_steps(ordered, cache, progress, pool)
    reports = [item.report for item in ordered]
    rows, row_of = section_rows(reports, steps)
    order = row_order(rows, row_of)
    grid = section_grid(reports, rows, row_of, order)
    row_rank = {number: place for place, number in enumerate(order)}
    result = SeriesReport(reports=entries, sections=grid, topic_query=query.text if query else None)
    result.figures = figure_tracks(ordered, row_of, row_rank)
    rules = _rules()
    if query is not None:
        points = [topic_point(report, index, query, rules) for index, report in enumerate(reports)]
        result.topics = [TopicTrack(query.text, "query", points)]
    else:
        result.lasting, result.changing = notable_topics(reports, rules)
    for item in ordered:
        warnings.extend(f"{item.report.source}: {warning}" for warning in item.report.warnings)
    result.warnings = warnings
    return result


def _rules() -> Any:
    """The rule file's phases and cues; None when the classifier is not available."""
    try:
        from reportdiff.classify.rules import default_rules
    except ImportError:
        return None
    return default_rules()


def track(reports: Iterable[Report], topic: str | None = None) -> SeriesReport:
    """Follow figures, topics and sections through ``reports`` (any order: they are sorted by date)."""
    from reportdiff.figures import extract_figures

    loaded = [LoadedReport(report, extract_figures(report)) for report in reports]
    return build_series(loaded, topic)


DIFF_SUFFIXES = {"text": "txt", "json": "json", "md": "md", "html": "html", "email-html": "email.html"}


def write_diffs(loaded: Sequence[LoadedReport], result: SeriesReport, directory: str | Path, fmt: str, lang: str) -> list[Path]:
    """The diff of every consecutive pair of the series, one file each, named by position and file names."""
    from reportdiff.compare import compare
    from reportdiff.output import write_output
    from reportdiff.render.dispatch import render

    by_source = {item.report.source: item.report for item in loaded}
    ordered = [by_source[entry.source] for entry in result.reports]
    target = Path(directory)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{directory}: cannot create the folder ({error.strerror or error})") from None
    written = []
    for index in range(1, len(ordered)):
        old, new = ordered[index - 1], ordered[index]
        name = f"{index:02d}-{Path(old.source).stem}--{Path(new.source).stem}.{DIFF_SUFFIXES[fmt]}"
        text = render(compare(old, new), fmt, lang=lang)
        write_output(text, str(target / name))
        written.append(target / name)
    return written
