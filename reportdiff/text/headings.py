"""Which short lines of a Swedish regional report are headings, and at which level.

The series has a stable skeleton: level-1 parts (Inledning, the monthly-report part, Aktuella
händelser, Avrapportering …, Information från verksamheten, Regiongemensamt, Patientsäkerhet och
vårdhygien, the committees' parts ending in *-nämnden*, Bilagor), divisions (``Division …``) and
departments (``…-avdelningen``, ``…-enheten``) at level 2, care areas (``VO …``,
``Verksamhetsområde …``) at level 3. Other headings take the level below the nearest *anchor*:
a heading known by its pattern, or a heading directly followed by another heading (it has no
text of its own, so what follows is its child). Nothing here names a particular issue's headings.

The organisation words are data and a boost, not the only cue: a report that names its units
otherwise still repeats the word it names them with (``Sektor Nord``, ``Sektor Syd`` …), and
:func:`repeated_words` learns those words from the report itself (docs/parsing.md, *Levels*).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from reportdiff.text.heading_words import HeadingWords, heading_words
from reportdiff.text.layout import list_marker
from reportdiff.text.normalize import heading_key

_SENTENCE_INSIDE = re.compile(r"[a-zåäö)]{2}[.!?] +[A-ZÅÄÖ]")  # "ökar. Den": two sentences, not a heading
_DANGLING = frozenset("och i av för på med till om att som eller samt en ett den det de är har".split())
_END_PUNCTUATION = (".", ",", ";", ":", "!", "?")
# A care area's name can be long ("Verksamhetsområde anestesi, operation och intensivvård med …"):
# its first word says what it is, up to this many characters.
_LONGEST_AREA = 160


class HeadingUnit(Protocol):
    text: str
    heading: bool
    listed: bool
    level: int
    why_level: str  # set by assign_levels: why the heading has its level (``outline --explain``)


@lru_cache(maxsize=8192)
def is_heading_shape(text: str, longest: int = 100) -> bool:
    """Short (``longest`` characters, 14 words), starts with a capital, no final stop, colon or
    comma, not a list item."""
    stripped = text.strip()
    if not stripped or len(stripped) > longest or len(stripped.split()) > longest // 7:
        return False
    if stripped.endswith(_END_PUNCTUATION) or stripped.endswith(("-", "–")):
        return False
    first = stripped.lstrip("”\"'«(")[:1]
    if not (first.isupper() or (first.isdigit() and not stripped[:4].isdigit())):
        return False
    if list_marker(stripped) is not None or _SENTENCE_INSIDE.search(stripped):
        return False
    if stripped.rsplit(" ", 1)[-1].casefold() in _DANGLING:
        return False
    letters = sum(char.isalpha() for char in stripped)
    return letters >= 0.5 * len(stripped.replace(" ", ""))


def pattern_kind(text: str, words: HeadingWords | None = None) -> str:
    """'part', 'division', 'area', 'department', 'unit' or '' for a line that has a known heading form."""
    return _pattern_kind(text, words or heading_words())


@lru_cache(maxsize=8192)
def _pattern_kind(text: str, words: HeadingWords) -> str:
    stripped = text.strip()
    split = stripped.split()
    if words.care_area_pattern.match(stripped) and is_heading_shape(stripped, _LONGEST_AREA):
        return "area"
    if not is_heading_shape(stripped):
        return ""
    if any(pattern.search(stripped) for pattern in words.part_patterns) and len(split) <= 8:
        return "part"
    if words.division_pattern.match(stripped) and len(split) <= 5:
        return "division"
    if words.department_pattern.search(split[-1]) and len(split) <= 4:
        return "department"
    if len(split) >= 3 and split[1].lower() == "för" and words.department_pattern.fullmatch(split[0]):
        return "unit"  # "Enheten för digital vård": a unit named for its task, a care area's rank in a division
    return ""


@dataclass(slots=True)
class Repeated:
    """A first word that starts several short headings of one report: they name its units."""

    word: str
    count: int
    first: str  # the text of its first heading, for ``outline --explain``
    inner: bool = False  # its headings stand between those of another repeated word: one level deeper


# A repeated heading is short and names something: ``Sektor Nord``, ``Område 3``, not a sentence.
_MAX_REPEATED_WORDS = 6  # "Område Anestesi, operation och intensivvård": a name of five words
_MIN_REPEATED = 3
_RUN_GAP = 12  # more headings than this between two of them: a new run, placed on its own


def repeated_words(units: Sequence[HeadingUnit], words: HeadingWords) -> dict[int, tuple[Repeated, int]]:
    """The report's own unit words: heading position -> (its repeated word, the position that starts its run).

    A word counts when at least three headings of two to four words start with it, the next word
    a capital or a digit, each with its own rest (``Sektor Nord``, ``Sektor Syd``, ``Sektor Väst``),
    and the word is not already an organisation word. Such headings are siblings; a repeated word
    whose first heading comes between the first and the last of another's is the inner one
    (``Område …`` inside ``Sektor …``). A new run starts (the same units listed again in another
    part) where one is directly under a heading of no repeated word, or more than ``_RUN_GAP``
    headings after the one before.
    """
    headings = [(position, unit) for position, unit in enumerate(units) if unit.heading]
    found: dict[str, list[int]] = {}
    rests: dict[str, set[str]] = {}
    for position, unit in headings:
        split = unit.text.split()
        if not 2 <= len(split) <= _MAX_REPEATED_WORDS or pattern_kind(unit.text, words):
            continue
        if not (split[0][:1].isupper() and split[0].isalpha()):
            continue
        found.setdefault(split[0], []).append(position)
        if split[1][:1].isupper() or split[1][:1].isdigit():  # names: 'Sektor Nord'; 'Sektor norr' joins a known word
            rests.setdefault(split[0], set()).add(heading_key(" ".join(split[1:])))
    kept = {word: positions for word, positions in found.items() if len(rests.get(word, ())) >= _MIN_REPEATED}
    order = [position for position, _ in headings]
    rank = {position: index for index, position in enumerate(order)}
    out: dict[int, tuple[Repeated, int]] = {}
    for word, positions in kept.items():
        inner = any(
            others[0] < positions[0] < others[-1] for other, others in kept.items() if other != word
        ) or _inside_division(positions[0], units, words)
        repeated = Repeated(word, len(positions), units[positions[0]].text, inner)
        start = positions[0]
        for before, position in zip([None, *positions[:-1]], positions, strict=True):
            if before is not None and (
                rank[position] - rank[before] > _RUN_GAP + 1 or _new_parent(position, units, kept)
            ):
                start = position
            out[position] = (repeated, start)
    return out


def _new_parent(position: int, units: Sequence[HeadingUnit], kept: dict[str, list[int]]) -> bool:
    """The unit right before is a heading of no repeated word: a parent of its own, so a new run starts here."""
    before = units[position - 1] if position else None
    return before is not None and before.heading and not any(position - 1 in positions for positions in kept.values())


def _inside_division(position: int, units: Sequence[HeadingUnit], words: HeadingWords) -> bool:
    """The nearest heading of a known form above ``position`` is a division: a repeated word below it is inner."""
    for unit in reversed(units[:position]):
        kind = pattern_kind(unit.text, words) if unit.heading else ""
        if kind:
            return kind == "division"
    return False


@dataclass(slots=True)
class _Runs:
    """The report's repeated unit words (``repeated_words``) and the levels their runs were given."""

    members: dict[int, tuple[Repeated, int]]
    run_levels: dict[int, int] = field(default_factory=dict)  # the position that starts a run -> its level
    word_levels: dict[str, int] = field(default_factory=dict)  # a repeated word -> the level of its first run


@dataclass(slots=True)
class _Anchor:
    level: int
    generic: bool
    listed: bool
    kind: str = ""  # the known form ('division', 'area' …) of a patterned anchor
    repeated: str = ""  # the report's own repeated word (``repeated_words``) that placed it
    run: int = -1  # the position that starts its run of repeated headings
    unlisted_children: int = 0
    children: int = 0  # generic headings placed directly under it
    nested: bool = False  # one of its children has sub-headings of its own


# "Nedan presenteras …", "… sammanfattas nedan": the text says that what follows is its content.
# A sentence that points at a chart, table or attachment below points at that, not at headings.
_ANNOUNCES = re.compile(r"\bnedan\b", re.IGNORECASE)
_POINTS_AT_FIGURE = re.compile(r"\b(diagram|tabell|figur|bild|graf|karta|bilaga)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ0-9])")


def announces_what_follows(text: str) -> bool:
    """The paragraph's last sentence says what follows it is below (``nedan``): the headings after it."""
    if "nedan" not in text.casefold():
        return False  # most paragraphs: no need to find the last sentence
    last = _SENTENCE_END.split(text.strip())[-1]
    return bool(_ANNOUNCES.search(last)) and not _POINTS_AT_FIGURE.search(last)


def conjuncts(title: str) -> set[str]:
    """The names a part's title joins with ``och``: ``A och B`` holds sections named A and B."""
    names = [name for name in title.split(" och ") if name.strip()]
    if len(names) < 2 or any(name.rstrip().endswith("-") for name in names):
        return set()  # "Hälso- och sjukvårdsnämnden": one name with a shared ending, not two
    return {heading_key(name) for name in names}


def assign_levels(
    units: Sequence[HeadingUnit], toc_depth: int = 0, listed: bool = False, words: HeadingWords | None = None
) -> list[str]:
    """Set ``level`` on every unit with ``heading`` set; returns warnings for the report.

    ``toc_depth`` > 0 says the document has a table of contents that lists headings down to that
    level, so an unlisted heading is deeper. ``listed`` says a contents list or outline was used.
    ``words`` are the organisation words (the configured ones when not given).
    """
    stack: list[_Anchor] = []
    parts_seen: set[str] = set()
    part_names: set[str] = set()  # the names the current part's title joins (conjuncts)
    in_division = False
    previous: HeadingUnit | None = None  # the heading just before, when no text came between
    last_heading: HeadingUnit | None = None
    announced = False  # the text between ``previous`` and this heading announced what follows
    warnings: list[str] = []
    pattern_count = 0
    words = words or heading_words()
    runs = _Runs(repeated_words(units, words))
    for position, unit in enumerate(units):
        if not unit.heading:
            announced = last_heading is not None and announces_what_follows(unit.text)
            previous = last_heading if announced else None
            continue
        following = units[position + 1] if position + 1 < len(units) else None
        empty = following is not None and following.heading
        if listed and unit.listed and previous is not None and not previous.listed:
            previous = None  # a contents lists a listed heading's parent too: the unlisted line before is not it
        kind = pattern_kind(unit.text, words)
        key = heading_key(unit.text)
        level = 0
        if key in part_names or (len(unit.text.split()) == 2 and heading_key(unit.text.split()[0]) in part_names):
            level = 2
            unit.why_level = "level 2: named in the part's title ('A och B' holds A and B)"
        elif kind == "part" and key not in parts_seen:
            parts_seen.add(key)
            part_names, in_division, level = conjuncts(unit.text), False, 1
            unit.why_level = "level 1: the form of a report part, its first time"
        elif kind == "division":
            in_division, level = True, 2
            unit.why_level = "level 2: the form of a division"
        elif kind == "department" and not in_division:
            level = 2
            unit.why_level = "level 2: the form of a department outside a division"
        elif kind == "area" or kind == "unit" and in_division:
            division = next((anchor.level for anchor in reversed(stack) if not anchor.generic and anchor.level <= 2), 1)
            level = division + 1
            form = "a care area" if kind == "area" else "a unit named for its task ('Enheten för …')"
            unit.why_level = f"level {level}: the form of {form}, one below its division"
        if level:
            pattern_count += 1
            while stack and stack[-1].level >= level:
                stack.pop()
            stack.append(_Anchor(level, generic=False, listed=unit.listed, kind=kind))
        elif position in runs.members:
            level = _repeated_level(unit, position, runs, previous, stack, toc_depth, empty, announced)
            in_division = in_division or not runs.members[position][0].inner
        elif not (level := _around_runs(unit, position, runs, stack, empty and previous is None)):
            listed_child = empty and following is not None and following.listed
            level = _generic_level(unit, previous, stack, toc_depth, empty, announced, listed_child)
        unit.level = min(level, 6)
        previous, last_heading, announced = unit, unit, False
    _drop_empty_generic(units, words)
    headings = [unit for unit in units if unit.heading]
    if not headings:
        warnings.append("no headings recognised: the report is read as one section")
    elif not listed and pattern_count == 0:
        warnings.append("no table of contents, outline or known part names: heading levels are guessed from layout")
    return warnings


def _drop_empty_generic(units: Sequence[HeadingUnit], words: HeadingWords | None) -> None:
    """A heading with neither text nor children (the next heading is not deeper) was a closing remark.

    Only headings without other evidence are dropped; a listed or patterned heading may be empty.
    """
    for position, unit in enumerate(units):
        if not unit.heading or unit.listed or pattern_kind(unit.text, words):
            continue
        following = units[position + 1] if position + 1 < len(units) else None
        if following is not None and following.heading and following.level <= unit.level:
            unit.heading = False
            unit.level = 0


def _generic_level(
    unit: HeadingUnit,
    previous: HeadingUnit | None,
    stack: list[_Anchor],
    toc_depth: int,
    empty: bool,
    announced: bool,
    listed_child: bool = False,
) -> int:
    why = ""
    if previous is not None and (not stack or stack[-1].level < previous.level):
        if stack:
            stack[-1].nested = True
        stack.append(_Anchor(previous.level, generic=True, listed=previous.listed))
        why = (
            "the text under the heading just before says what follows is below ('nedan'), so this is its child"
            if announced
            else "the heading just before has no text of its own, so this is its child"
        )
    parent_in_contents = toc_depth > 1 and unit.listed and listed_child and previous is None
    if parent_in_contents:
        while stack and stack[-1].level >= toc_depth - 1:
            stack.pop()
        why = (
            f"in the contents, which lists {toc_depth} levels, and so is the sub-heading right after it:"
            f" at most level {toc_depth - 1}"
        )
    top = stack[-1] if stack else None
    if parent_in_contents:
        pass
    elif previous is None and top is not None and top.generic:
        # Listed after unlisted children of a listed heading, or itself a heading with sub-headings
        # after the anchor's children: a sibling of the anchor, not its grandchild.
        if (top.listed and unit.listed and top.unlisted_children) or (empty and top.children):
            stack.pop()
            top = stack[-1] if stack else None
            why = "a sibling of the heading above its neighbours: " + (
                "listed after that heading's unlisted children" if unit.listed else "it has sub-headings of its own"
            )
    elif previous is None and top is not None and _beside_care_area(top, stack):
        stack.pop()
        top = stack[-1]
        why = "a sibling of the care area before it: the division's other topics stand beside its care areas"
    elif previous is None and top is not None and empty and top.kind == "division" and top.children and not top.nested:
        stack.pop()
        top = stack[-1] if stack else None
        why = "a sibling of the division: it has sub-headings, the division's own topics before it had none"
    level = (top.level if top else 0) + 1
    why = why or ("one below the nearest heading above it that has sub-headings" if top else "no heading above it")
    if toc_depth > 1 and unit.listed and level > toc_depth and previous is None:
        while stack and stack[-1].level >= toc_depth:  # the contents lists no deeper: a sibling above
            stack.pop()
        top = stack[-1] if stack else None
        level = (top.level if top else 0) + 1
        why = f"in the contents, which lists {toc_depth} levels: at most level {toc_depth}"
    if toc_depth and not unit.listed and level < toc_depth + 1:
        level = toc_depth + 1
        why = f"not in the contents, which lists {toc_depth} levels, so at least level {level}"
    unit.why_level = f"level {level}: {why}"
    if top is not None:
        top.children += 1
        top.unlisted_children += not unit.listed
    return level


def _repeated_level(
    unit: HeadingUnit,
    position: int,
    runs: _Runs,
    previous: HeadingUnit | None,
    stack: list[_Anchor],
    toc_depth: int,
    empty: bool,
    announced: bool,
) -> int:
    """A heading of the report's own repeated word: at the level of its run's first, or one below the outer word."""
    repeated, start = runs.members[position]
    run_levels, word_levels = runs.run_levels, runs.word_levels
    like = f"one of {repeated.count} headings that start with '{repeated.word}' (like '{repeated.first}')"
    outer = next((anchor for anchor in reversed(stack) if anchor.kind == "division" and not anchor.generic), None)
    if repeated.inner and outer is not None:
        level = outer.level + 1
        outer_name = outer.repeated or "division"
        unit.why_level = f"level {level}: {like}, the report's own unit word, one below '{outer_name}'"
    elif start in run_levels and any(anchor.repeated == repeated.word for anchor in stack):
        level = run_levels[start]
        unit.why_level = f"level {level}: {like}, the report's own unit word: a sibling of the first"
    elif repeated.word in word_levels:
        level = run_levels[start] = word_levels[repeated.word]
        unit.why_level = f"level {level}: {like}, the report's own unit word, listed again: at the level of the first"
    else:
        level = _generic_level(unit, previous, stack, toc_depth, empty, announced)
        run_levels[start] = word_levels[repeated.word] = level
        unit.why_level += f"; the first of {repeated.count} headings that start with '{repeated.word}'"
    while stack and stack[-1].level >= level:
        stack.pop()
    kind = "area" if repeated.inner else "division"
    stack.append(_Anchor(level, generic=False, listed=unit.listed, kind=kind, repeated=repeated.word, run=start))
    return level


def _around_runs(unit: HeadingUnit, position: int, runs: _Runs, stack: list[_Anchor], after_text: bool) -> int:
    """The level of a heading of no repeated word that a run places: right over a later run, or after a run's end.

    0: neither. ``after_text`` says text came before it and the next unit is a heading.
    """
    over = _over_later_run(position, runs.members, runs.word_levels)
    if over > 1:
        level = over - 1
        while stack and stack[-1].level >= level:
            stack.pop()
        unit.why_level = (
            f"level {level}: the heading right after it starts the report's '{runs.members[position + 1][0].word} …'"
            f" headings again, which stand at level {over}: their parent"
        )
        return level
    ended = _end_run(stack, position, runs.members) if after_text else 0
    if ended:
        unit.why_level = (
            f"level {ended}: it has sub-headings and follows a run of the report's repeated headings without"
            " being one of them: a sibling of the heading over that run"
        )
    return ended


def _over_later_run(position: int, repeated: dict[int, tuple[Repeated, int]], word_levels: dict[str, int]) -> int:
    """The level of a repeated word whose new run starts right after ``position`` (0: none)."""
    member = repeated.get(position + 1)
    if member is None or member[1] != position + 1 or member[0].inner:
        return 0
    return word_levels.get(member[0].word, 0)


def _end_run(stack: list[_Anchor], position: int, repeated: dict[int, tuple[Repeated, int]]) -> int:
    """A heading with sub-headings after the last of a run of repeated headings, not one of them, ends the run.

    The run's headings are the children of the heading above them; this one is that heading's
    sibling: the run and the heading over it leave the stack, and its level is returned
    (0: no such run).
    """
    index = next((i for i, anchor in enumerate(stack) if anchor.repeated and anchor.kind == "division"), None)
    if index is None or index == 0:
        return 0
    run = stack[index].run
    if any(later > position and start == run for later, (_, start) in repeated.items()):
        return 0  # the run goes on below: this heading is inside one of its units
    level = stack[index - 1].level
    del stack[index - 1 :]
    return level


def _beside_care_area(top: _Anchor, stack: list[_Anchor]) -> bool:
    """A care area with text and no sub-heading yet, in a division that already has topics beside its areas."""
    if top.kind != "area" or top.children or len(stack) < 2:
        return False
    division = stack[-2]
    return division.kind == "division" and division.children > 0 and division.level == top.level - 1


def adopt_parents(units: Sequence[HeadingUnit], parents: dict[str, str | None]) -> int:
    """Give a heading the parent the other report of a pair gives it, with all below it; how many moved.

    ``parents`` maps a heading key of the other report (one whose structure is known: a table of
    contents, Markdown, DOCX, PDF) to its parent's key (None at the top). Consecutive reports share
    most headings and their order: where this report guessed a level from layout alone and the
    other says otherwise, the other is the better witness. Only a heading each report has once
    moves; a parent counts only while it is open here (no heading at its level or above between it
    and the heading), so nothing moves across parts; a heading with no counterpart keeps its level.
    """
    headings = [unit for unit in units if unit.heading]
    keys = [heading_key(unit.text) for unit in headings]
    moved = 0
    for index, unit in enumerate(headings):
        key = keys[index]
        if key not in parents or keys.count(key) > 1:
            continue  # a heading said twice here ("FVIS Cosmic" in two parts) is not the other's one
        parent_key = parents[key]
        level = 1 if parent_key is None else _open_parent_level(headings, index, parent_key)
        if not level or level == unit.level:
            continue
        old, delta = unit.level, level - unit.level
        unit.level = level
        unit.why_level = f"level {level}: under {parent_key or 'the top'} as in the other report of the pair"
        for below in headings[index + 1 :]:
            if below.level <= old:
                break
            below.level = max(1, min(6, below.level + delta))
        moved += 1
    return moved


def _open_parent_level(headings: Sequence[HeadingUnit], index: int, parent_key: str) -> int:
    """One below the nearest heading before ``index`` keyed ``parent_key``, if no heading between
    them stands at its level or above (it is still open); else 0."""
    lowest = 7  # the highest place (lowest level number) seen between the candidate and the heading
    for candidate in reversed(headings[:index]):
        if heading_key(candidate.text) == parent_key:
            return candidate.level + 1 if lowest > candidate.level else 0
        lowest = min(lowest, candidate.level)
    return 0
