"""What changed between two reports: the one result type that every renderer sees.

``compare(old, new)`` fills a :class:`DocumentDiff`; renderers only display it and never
recompute. Everything here is plain data, so it serialises to JSON (``reportdiff.diff/1``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from reportdiff.model.document import Block, Report, Section
from reportdiff.model.findings import ChangeSummary


class SectionStatus(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


class BlockOp(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"  # the same block, reworded; ``ops`` holds the word-level edits
    MOVE = "move"  # the block came from another place or section; ``ops`` holds its edits, if any


class TextOpKind(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


@dataclass(slots=True)
class TextOp:
    """A run of words inside a changed block.

    ``old`` and ``new`` are the words of the run joined by single spaces; concatenating the
    ``old`` of every op (skipping empty ones) gives back the old block's words, and likewise
    for ``new``.
    """

    op: TextOpKind
    old: str
    new: str


@dataclass(slots=True)
class BlockChange:
    op: BlockOp
    old: Block | None  # None for INSERT
    new: Block | None  # None for DELETE
    ops: list[TextOp] = field(default_factory=list)  # word-level edits for REPLACE and edited MOVE
    granularity: str = "word"  # "word", or "sentence" when the block was mostly rewritten
    moved_from: tuple[str, ...] | None = None  # for MOVE: the old section path
    moved_to: tuple[str, ...] | None = None  # for a DELETE that is the old side of a MOVE elsewhere
    # for an EQUAL that joins a re-segmented run: (old blocks, new blocks), e.g. (2, 1) for two
    # paragraphs read as one; ``old`` and ``new`` are then the run's blocks joined
    regrouped: tuple[int, int] | None = None
    # for such a run: the report's own blocks of each side, (old blocks, new blocks)
    members: tuple[tuple[Block, ...], tuple[Block, ...]] = ((), ())


@dataclass(slots=True)
class SectionPair:
    """One section of OLD matched with one of NEW (or with nothing: added / removed)."""

    status: SectionStatus
    old: Section | None
    new: Section | None
    old_path: tuple[str, ...] = ()
    new_path: tuple[str, ...] = ()
    renamed: bool = False
    moved: bool = False
    score: float = 0.0  # 0..1, how sure the alignment is
    reason: str = ""  # why these two were paired, e.g. "heading 1.00, content 0.93, same parent"
    split_into: list[tuple[str, ...]] = field(default_factory=list)  # OLD section split across NEW sections
    merged_from: list[tuple[str, ...]] = field(default_factory=list)  # NEW section made of OLD sections
    blocks: list[BlockChange] = field(default_factory=list)
    old_index: int = -1  # place of ``old`` in OLD's pre-order walk (root = 0); rebuilds OLD's order
    new_index: int = -1  # place of ``new`` in NEW's pre-order walk (root = 0)

    @property
    def path(self) -> tuple[str, ...]:
        return self.new_path or self.old_path


@dataclass(slots=True)
class DiffStats:
    sections_added: int = 0
    sections_removed: int = 0
    sections_renamed: int = 0
    sections_moved: int = 0
    sections_changed: int = 0
    blocks_inserted: int = 0
    blocks_deleted: int = 0
    blocks_changed: int = 0
    blocks_moved: int = 0
    words_inserted: int = 0
    words_deleted: int = 0


@dataclass(slots=True)
class DocumentDiff:
    old: Report
    new: Report
    pairs: list[SectionPair]  # in NEW document order, removed sections at their old place
    stats: DiffStats = field(default_factory=DiffStats)
    summary: ChangeSummary = field(default_factory=ChangeSummary)
    toc_changes: list[str] = field(default_factory=list)  # reported only on request, never as text changes
    layout_changes: list[str] = field(default_factory=list)  # paragraphs split or merged, no word changed
    notes: list[str] = field(default_factory=list)  # fallbacks taken, e.g. "paragraph too long, sentence diff"

    @property
    def has_changes(self) -> bool:
        return any(pair.status is not SectionStatus.UNCHANGED or pair.renamed or pair.moved for pair in self.pairs)
