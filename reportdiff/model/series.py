"""A series of reports followed over time: what ``track(reports)`` returns and every trend renderer sees.

Plain data, like the rest of the model: renderers show it and never recompute. Report positions
are indexes into :attr:`SeriesReport.reports` (the series in time order), so a track names the
reports it appears in without holding the reports themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(slots=True)
class SeriesEntry:
    """One report of the series, in time order."""

    index: int
    source: str  # the path as given
    title: str
    date: dt.date | None  # the report's own date; None when it has none
    date_text: str  # the words the date was read from
    date_origin: str  # "report" (Report.date) or "text" (estimated from the dates its text mentions)
    estimated: dt.date | None = None  # the date read from the text, used when ``date`` is missing or tied
    label: str = ""  # short column label: "2025-03-18", or the file name when there is no date


@dataclass(slots=True)
class FigurePoint:
    """One figure in one report of a track."""

    report: int  # index into SeriesReport.reports
    value: float
    raw: str  # as written, e.g. "5,9 procent"
    label: str  # the figure's own label in that report (labels may vary along a track)
    section_path: tuple[str, ...]
    line: int
    sentence: str
    high: float | None = None  # upper bound of a range
    change: float | None = None  # value - previous point's value (None for the first point)


@dataclass(slots=True)
class FigureTrack:
    """The same figure followed across the reports it appears in."""

    id: str  # stable within one result: "f1", "f2", ... in document order
    label: str  # the label shown (the most recent point's label)
    unit: str
    section_path: tuple[str, ...]  # where it stands in the most recent report that has it
    points: list[FigurePoint] = field(default_factory=list)

    @property
    def values(self) -> list[float]:
        return [point.value for point in self.points]

    @property
    def change(self) -> float | None:
        """Last value minus first, None when the figure appears only once."""
        return self.points[-1].value - self.points[0].value if len(self.points) > 1 else None

    @property
    def varies(self) -> bool:
        return len({point.value for point in self.points}) > 1


class SectionState(StrEnum):
    NEW = "new"  # first appearance (after the first report of the series), or back after a gap
    UNCHANGED = "unchanged"
    CHANGED = "changed"  # same heading and place, different text
    RENAMED = "renamed"
    MOVED = "moved"  # now under another parent or in another order
    GONE = "gone"  # the first report where it is missing
    ABSENT = "absent"  # not there (before it appeared, or after it went)


@dataclass(slots=True)
class SectionPresence:
    """One cell of the grid: a section in one report."""

    state: SectionState
    heading: str = ""  # its heading in that report ("" when absent)
    path: tuple[str, ...] = ()
    words: int = 0  # words of its own text
    changed: bool = False  # text differs from the previous report (also set for renamed / moved cells)
    renamed: bool = False
    moved: bool = False


@dataclass(slots=True)
class SectionRow:
    """A section followed through the series (through renames and moves)."""

    id: str  # "s1", "s2", ... in document order of first appearance
    heading: str  # its most recent heading
    level: int
    path: tuple[str, ...]  # its most recent path
    cells: list[SectionPresence] = field(default_factory=list)  # one per report

    @property
    def present(self) -> int:
        return sum(cell.state not in (SectionState.GONE, SectionState.ABSENT) for cell in self.cells)


@dataclass(slots=True)
class SectionGrid:
    rows: list[SectionRow] = field(default_factory=list)


@dataclass(slots=True)
class TopicPoint:
    """A topic in one report: where it appears, how much, and what state its text says it is in."""

    report: int
    mentions: int = 0
    words: int = 0  # words of the paragraphs that mention it (whole sections when the heading names it)
    sections: list[tuple[str, ...]] = field(default_factory=list)
    status_words: list[str] = field(default_factory=list)  # cue words from the rule file, as written
    phase: str = ""  # a phase of the rule file ("planning", "go-live", ...), "" when unclear
    phase_label: str = ""  # the phase's label from the rule file ("planering", ...)
    phase_certain: bool = False  # the rule file's threshold was met; else the phase merely leads


@dataclass(slots=True)
class TopicTrack:
    topic: str  # the words asked for, or the heading / term found
    kind: str  # "query" (--topic), "heading" (a section's heading), "term" (a frequent name)
    points: list[TopicPoint] = field(default_factory=list)  # one per report of the series

    @property
    def present(self) -> int:
        return sum(point.mentions > 0 for point in self.points)

    @property
    def churn(self) -> int:
        """How much the mentions moved from report to report (sum of absolute steps)."""
        counts = [point.mentions for point in self.points]
        return sum(abs(b - a) for a, b in zip(counts, counts[1:], strict=False))


@dataclass(slots=True)
class SeriesReport:
    """Everything the trend view shows."""

    reports: list[SeriesEntry]
    figures: list[FigureTrack] = field(default_factory=list)
    topics: list[TopicTrack] = field(default_factory=list)  # the --topic track
    lasting: list[TopicTrack] = field(default_factory=list)  # without --topic: topics present longest
    changing: list[TopicTrack] = field(default_factory=list)  # without --topic: topics whose mentions moved most
    sections: SectionGrid = field(default_factory=SectionGrid)
    topic_query: str | None = None
    warnings: list[str] = field(default_factory=list)  # ordering and reading problems, also on stderr
