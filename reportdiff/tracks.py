"""Follow sections, figures and topics through a series of reports that is already in time order.

Pure functions over the model, used by :mod:`reportdiff.series`:

- :func:`section_rows` chains the section pairs of consecutive reports (steps) into rows that
  survive renames and moves, :func:`section_grid` turns them into the grid;
- :func:`figure_tracks` follows each figure by label and unit, preferring the same section row;
- :func:`topic_point` follows a word or phrase (stemmed) and reads its phase from the rule file;
  :func:`notable_topics` finds the names that run longest or move most.

See docs/trend.md for the scoring and its reasons.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportdiff.errors import InputError
from reportdiff.model import Figure, Report, Section
from reportdiff.model.series import (
    FigurePoint,
    FigureTrack,
    SectionGrid,
    SectionPresence,
    SectionRow,
    SectionState,
    TopicPoint,
    TopicTrack,
)

_MONTHS = "januari februari mars april maj juni juli augusti september oktober november december".split()

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
def _heading_key(heading: str) -> str:
    from reportdiff.align import heading_key

    return heading_key(heading)


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
            key = _heading_key(section.heading)
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


def topic_point(report: Report, index: int, query: _Query, rules: Any) -> TopicPoint:
    """Where and how much a topic appears in one report, and the phase its text reads as."""
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
        (home if in_heading else elsewhere).append(
            ". ".join([section.heading, *texts]) if in_heading else " ".join(texts)
        )
    if point.mentions and rules is not None:
        text = "\n".join(home or elsewhere)
        point.phase, point.phase_certain = _first_phase(home or [text], rules)
        point.phase_label = rules.status_labels.get(point.phase, point.phase) if point.phase else ""
        point.status_words = status_words(text, rules)
    return point


def _first_phase(texts: list[str], rules: Any) -> tuple[str, bool]:
    """The phase of the first section (in document order) that reads clearly, else the first that leans.

    Sections are read one by one: a project's own section ("FVIS Cosmic") says where it stands,
    and pooling it with a department's note about the same system blurs that.
    """
    phases = [_phase(text, rules) for text in texts]
    return next((found for found in phases if found[1]), next((found for found in phases if found[0]), ("", False)))


def _phase(text: str, rules: Any) -> tuple[str, bool]:
    """The rule file's phase when it is clear; else the leading phase (tentative) when one leads alone."""
    from reportdiff.classify.topics import phase_hits, phase_of

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


def notable_topics(ordered: Sequence[Report], limit: int = 8) -> tuple[list[TopicTrack], list[TopicTrack]]:
    """Without --topic: the names that run longest, and those whose mentions moved most.

    Only mentions are counted here (a name's place and phase are what ``--topic`` is for).
    """

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
    tracks: dict[str, TopicTrack] = {}
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
