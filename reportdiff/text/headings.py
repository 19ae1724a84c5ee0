"""Which short lines of a Swedish regional report are headings, and at which level.

The series has a stable skeleton: level-1 parts (Inledning, the monthly-report part, Aktuella
händelser, Avrapportering …, Information från verksamheten, Regiongemensamt, Patientsäkerhet och
vårdhygien, the committees' parts ending in *-nämnden*, Bilagor), divisions (``Division …``) and
departments (``…-avdelningen``, ``…-enheten``) at level 2, care areas (``VO …``,
``Verksamhetsområde …``) at level 3. Other headings take the level below the nearest *anchor*:
a heading known by its pattern, or a heading directly followed by another heading (it has no
text of its own, so what follows is its child). Nothing here names a particular issue's headings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from reportdiff.text.dates import MONTH_PATTERN
from reportdiff.text.layout import list_marker
from reportdiff.text.normalize import heading_key

_MONTHS = MONTH_PATTERN
_PARTS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^inledning$",
        r"^sammanfattning$",
        rf"^(månadsrapport|resultat|månadsuppföljning|ekonomisk uppföljning)\b.*\b({_MONTHS})\b",
        r"^aktuella händelser$",
        r"^avrapportering\b",
        r"^information från verksamhete[nr]a?$",
        r"^region ?gemensam[t]?$",
        r"^patientsäkerhet och vårdhygien$",
        r"^\S.*nämnden$",
        r"^analysrapport(er)?$",
        r"^(delårsrapport|årsredovisning|verksamhetsberättelse)\b",
        r"^bilag(a|or)$",
    )
]
_DIVISION = re.compile(r"^division\s+\S", re.IGNORECASE)
_CARE_AREA = re.compile(r"^(VO|Verksamhetsområde(t)?)\s+\S")
_DEPARTMENT = re.compile(r"(avdelningen|enheten|staben|kansliet)$", re.IGNORECASE)
# Standing children of the patient-safety part.
_SAFETY_CHILDREN = re.compile(r"^(patientsäkerhet|vårdhygien|smittskydd)(\s+\S+)?$", re.IGNORECASE)
_SENTENCE_INSIDE = re.compile(r"[a-zåäö)]{2}[.!?] +[A-ZÅÄÖ]")  # "ökar. Den": two sentences, not a heading
_DANGLING = frozenset("och i av för på med till om att som eller samt en ett den det de är har".split())
_END_PUNCTUATION = (".", ",", ";", ":", "!", "?")


class HeadingUnit(Protocol):
    text: str
    heading: bool
    listed: bool
    level: int
    why_level: str  # set by assign_levels: why the heading has its level (``outline --explain``)


@lru_cache(maxsize=8192)
def is_heading_shape(text: str) -> bool:
    """Short, starts with a capital, no final stop, colon or comma, not a list item."""
    stripped = text.strip()
    if not stripped or len(stripped) > 100 or len(stripped.split()) > 14:
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


@lru_cache(maxsize=8192)
def pattern_kind(text: str) -> str:
    """'part', 'division', 'area', 'department' or '' for a line that has a known heading form."""
    stripped = text.strip()
    if not is_heading_shape(stripped):
        return ""
    words = stripped.split()
    if any(pattern.search(stripped) for pattern in _PARTS) and len(words) <= 8:
        return "part"
    if _DIVISION.match(stripped) and len(words) <= 5:
        return "division"
    if _CARE_AREA.match(stripped) and len(words) <= 5:
        return "area"
    if _DEPARTMENT.search(words[-1]) and len(words) <= 4:
        return "department"
    return ""


@dataclass(slots=True)
class _Anchor:
    level: int
    generic: bool
    listed: bool
    unlisted_children: int = 0
    children: int = 0


def assign_levels(units: Sequence[HeadingUnit], toc_depth: int = 0, listed: bool = False) -> list[str]:
    """Set ``level`` on every unit with ``heading`` set; returns warnings for the report.

    ``toc_depth`` > 0 says the document has a table of contents that lists headings down to that
    level, so an unlisted heading is deeper. ``listed`` says a contents list or outline was used.
    """
    stack: list[_Anchor] = []
    parts_seen: set[str] = set()
    part_key = ""
    in_division = False
    previous: HeadingUnit | None = None  # the heading just before, when no text came between
    warnings: list[str] = []
    pattern_count = 0
    for position, unit in enumerate(units):
        if not unit.heading:
            previous = None
            continue
        following = units[position + 1] if position + 1 < len(units) else None
        empty = following is not None and following.heading
        kind = pattern_kind(unit.text)
        key = heading_key(unit.text)
        level = 0
        if kind == "part" and key not in parts_seen:
            parts_seen.add(key)
            part_key, in_division, level = key, False, 1
            unit.why_level = "level 1: the form of a report part, its first time"
        elif kind == "division":
            in_division, level = True, 2
            unit.why_level = "level 2: the form of a division"
        elif kind == "department" and not in_division:
            level = 2
            unit.why_level = "level 2: the form of a department outside a division"
        elif _SAFETY_CHILDREN.match(unit.text) and part_key.startswith("patientsäkerhet"):
            level = 2
            unit.why_level = "level 2: a standing child of the patient-safety part"
        elif kind == "area":
            division = next((anchor.level for anchor in reversed(stack) if not anchor.generic and anchor.level <= 2), 1)
            level = division + 1
            unit.why_level = f"level {level}: the form of a care area, one below its division"
        if level:
            pattern_count += 1
            while stack and stack[-1].level >= level:
                stack.pop()
            stack.append(_Anchor(level, generic=False, listed=unit.listed))
        else:
            level = _generic_level(unit, previous, stack, toc_depth, empty)
        unit.level = min(level, 6)
        previous = unit
    _drop_empty_generic(units)
    headings = [unit for unit in units if unit.heading]
    if not headings:
        warnings.append("no headings recognised: the report is read as one section")
    elif not listed and pattern_count == 0:
        warnings.append("no table of contents, outline or known part names: heading levels are guessed from layout")
    return warnings


def _drop_empty_generic(units: Sequence[HeadingUnit]) -> None:
    """A heading with neither text nor children (the next heading is not deeper) was a closing remark.

    Only headings without other evidence are dropped; a listed or patterned heading may be empty.
    """
    for position, unit in enumerate(units):
        if not unit.heading or unit.listed or pattern_kind(unit.text):
            continue
        following = units[position + 1] if position + 1 < len(units) else None
        if following is not None and following.heading and following.level <= unit.level:
            unit.heading = False
            unit.level = 0


def _generic_level(
    unit: HeadingUnit, previous: HeadingUnit | None, stack: list[_Anchor], toc_depth: int, empty: bool
) -> int:
    why = ""
    if previous is not None and (not stack or stack[-1].level < previous.level):
        stack.append(_Anchor(previous.level, generic=True, listed=previous.listed))
        why = "the heading just before has no text of its own, so this is its child"
    top = stack[-1] if stack else None
    if previous is None and top is not None and top.generic:
        # Listed after unlisted children of a listed heading, or itself a heading with sub-headings
        # after the anchor's children: a sibling of the anchor, not its grandchild.
        if (top.listed and unit.listed and top.unlisted_children) or (empty and top.children):
            stack.pop()
            top = stack[-1] if stack else None
            why = "a sibling of the heading above its neighbours: " + (
                "listed after that heading's unlisted children" if unit.listed else "it has sub-headings of its own"
            )
    level = (top.level if top else 0) + 1
    why = why or ("one below the nearest heading above it that has sub-headings" if top else "no heading above it")
    if toc_depth and not unit.listed and level < toc_depth + 1:
        level = toc_depth + 1
        why = f"not in the contents, which lists {toc_depth} levels, so at least level {level}"
    unit.why_level = f"level {level}: {why}"
    if top is not None:
        top.children += 1
        top.unlisted_children += not unit.listed
    return level
