"""Follow sections and figures through a series of reports that is already in time order.

Pure functions over the model, used by :mod:`reportdiff.trend.series`:

- :func:`section_rows` chains the section pairs of consecutive reports (steps) into rows that
  survive renames and moves, :func:`section_grid` turns them into the grid;
- :func:`figure_tracks` follows each figure by label and unit, preferring the same section row.

Topics are followed in :mod:`reportdiff.trend.topics`; the phase a topic's text reads as is the
classifier's (:mod:`reportdiff.classify.topics`).

See docs/trend.md for the scoring and its reasons.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportdiff.model import Figure, Report, Section
from reportdiff.model.series import (
    FigurePoint,
    FigureTrack,
    SectionGrid,
    SectionPresence,
    SectionRow,
    SectionState,
)
from reportdiff.text.dates import MONTH_NAMES

_MONTHS = MONTH_NAMES

Step = list[Any]  # [old_index, new_index, renamed, moved, changed]; indexes in pre-order, root = 0


def preorder(report: Report) -> list[tuple[tuple[str, ...], Section]]:
    """Every section with its path, root first, in the order alignment numbers them."""
    return list(report.root.walk_with_path())


@dataclass(slots=True)
class _Row:
    cells: dict[int, int] = field(default_factory=dict)  # report index → section pre-order index
    flags: dict[int, tuple[bool, bool, bool, bool]] = field(default_factory=dict)  # new, renamed, moved, changed
    parents: dict[int, int] = field(default_factory=dict)  # report index → parent row (-1: a top-level part)
    key: str = ""  # heading key of its latest heading (to bring it back after a gap)


@lru_cache(maxsize=8192)
def _section_key(heading: str) -> str:
    from reportdiff.align import section_key

    return section_key(heading)


def section_rows(
    ordered: Sequence[Report], steps: Sequence[list[Step]], sections: Sequence[list[tuple[tuple[str, ...], Section]]]
) -> tuple[list[_Row], list[dict[int, int]]]:
    """Chain the pairs into rows; also, per report, section index → row number."""
    rows: list[_Row] = []
    row_of: list[dict[int, int]] = []
    for index, report in enumerate(ordered):
        here: dict[int, int] = {0: -1}
        matched = {step[1]: step for step in steps[index - 1]} if index > 0 else {}
        parents = _parents(report)
        for position, (_, section) in enumerate(sections[index]):
            if position == 0:
                continue
            key = _section_key(section.heading)
            parent_row = here.get(parents[position], -1)
            step = matched.get(position)
            if (
                step is not None
                and step[0] in row_of[index - 1]
                and index not in rows[row_of[index - 1][step[0]]].cells
            ):
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


def section_grid(
    sections: Sequence[list[tuple[tuple[str, ...], Section]]], rows: list[_Row], order: list[int]
) -> SectionGrid:
    grid = SectionGrid()
    for number in order:
        row = rows[number]
        last = max(row.cells)
        path, section = sections[last][row.cells[last]]
        cells: list[SectionPresence] = []
        for index in range(len(sections)):
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
MAX_GAP = 12  # a figure missing from this many reports in a row starts a new track when it comes back
_SENTENCE_WORD = re.compile(r"[^\W\d_]{3,}")
_WHOLE = re.compile(r"\(av \d+\)")  # the whole a counted part belongs to ("tre av sex": "(av 6)")


@lru_cache(maxsize=16384)
def label_stems(label: str) -> tuple[str, ...]:
    """A figure label as base forms, compounds split: "lex Maria-anmälningar" = "lex maria anmälningarna".

    ``base_form`` (definite endings off) rather than the Snowball stem: labels are already
    normalised by the figure extractor, and this keeps the stemmer out of a run without --topic.
    """
    from reportdiff.text.stem import base_form

    return tuple(base_form(word) for word in _LABEL_WORD.findall(label))


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
    vilket vilka över sin sina detta dessa här nu mot hos samt också utan inom mellan""".split()
)


@lru_cache(maxsize=16384)
def _words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in (word.lower() for word in _SENTENCE_WORD.findall(sentence)) if w not in _FUNCTION_WORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two word sets."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


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
    if label == 0.0 or _WHOLE.findall(chain.figure.label) != _WHOLE.findall(figure.label):
        return 0.0  # "två av fem steg" counts a part of the five, not the five
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
    figures_by_report: Sequence[list[Figure]],
    row_of: list[dict[int, int]],
    row_rank: dict[int, int],
    sections: Sequence[list[tuple[tuple[str, ...], Section]]],
) -> list[FigureTrack]:
    """Follow every figure through the series (greedy, best link first, one figure per chain and report)."""
    chains: list[_Chain] = []
    by_stem: dict[tuple[str, str], set[int]] = {}  # (unit, label stem) → chains that had it
    for index, report_figures in enumerate(figures_by_report):
        position_of: dict[tuple[str, ...], int] = {}
        for position, (path, _) in enumerate(sections[index]):
            position_of.setdefault(path, position)
        prepared = []
        ordinals: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        for figure in report_figures:
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
                if index - chain.last > MAX_GAP:
                    continue
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
