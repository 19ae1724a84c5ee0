"""Plain dataclasses shared by every stage of the pipeline; no I/O, no other imports of ours.

The model of a series (``reportdiff trend``) is in :mod:`reportdiff.model.series`, imported only by
the code that follows a series: a diff does not pay for creating its ten dataclasses (3 ms).
"""

from reportdiff.model.changes import (
    BlockChange,
    BlockOp,
    DiffStats,
    DocumentDiff,
    SectionPair,
    SectionStatus,
    TextOp,
    TextOpKind,
)
from reportdiff.model.document import Aside, AsideKind, Block, BlockKind, Report, Section, Span, TocEntry
from reportdiff.model.findings import ChangeSummary, Event, EventKind, Evidence, Figure, FigureShift, Finding, Severity

__all__ = [
    "Aside",
    "AsideKind",
    "Block",
    "BlockChange",
    "BlockKind",
    "BlockOp",
    "ChangeSummary",
    "DiffStats",
    "DocumentDiff",
    "Event",
    "EventKind",
    "Evidence",
    "Figure",
    "FigureShift",
    "Finding",
    "Report",
    "Section",
    "SectionPair",
    "SectionStatus",
    "Severity",
    "Span",
    "TextOp",
    "TextOpKind",
    "TocEntry",
]
