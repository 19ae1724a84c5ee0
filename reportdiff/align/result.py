"""What alignment returns: each section described for scoring, and the pairs chosen."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportdiff.model import Section


@dataclass(slots=True)
class SectionInfo:
    """What alignment knows about one section; ``index`` is its place in pre-order (root = 0)."""

    section: Section
    index: int
    path: tuple[str, ...]
    parent: int  # index of the parent, -1 for the root
    key: str  # section_key
    shingles: set[object]  # word pairs of the own text, and the subsections' heading words
    content_id: tuple[str, ...]  # the own blocks' comparison texts
    rank: float  # relative position in the document, 0..1


@dataclass(slots=True)
class Match:
    old: int
    new: int
    score: float
    reason: str


@dataclass(slots=True)
class Alignment:
    old: list[SectionInfo]
    new: list[SectionInfo]
    matches: list[Match]  # sorted by new index
    old_to_new: dict[int, int] = field(default_factory=dict)
    new_to_old: dict[int, int] = field(default_factory=dict)
    best_rejected: dict[tuple[str, int], tuple[float, int]] = field(default_factory=dict)  # ("old"|"new", i)
    moved_new: set[int] = field(default_factory=set)  # new indexes of matched sections that moved
    notes: list[str] = field(default_factory=list)
