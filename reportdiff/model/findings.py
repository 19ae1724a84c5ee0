"""Figures, figure shifts, events and author-check findings: what the classifiers produce."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(slots=True)
class Figure:
    """One quantity found in report text, e.g. ``7 419 anställda`` or ``5,7 procent``.

    ``label`` names what it measures (the noun phrase it counts or qualifies), normalised so
    that the same figure can be found again next month; ``key`` adds the section path.
    """

    value: float
    unit: str  # "procent", "procentenheter", "mnkr", "kronor", "antal", "årsarbetare", ...
    label: str
    raw: str  # the figure as written, e.g. "-1,2 procent"
    sentence: str
    section_path: tuple[str, ...]
    line: int
    high: float | None = None  # upper bound of a range ("6–8 procent"); ``value`` is the lower
    noun: str = ""  # what a count counts, as written ("lex Maria-anmälningar"); else the label

    @property
    def key(self) -> tuple[tuple[str, ...], str, str]:
        return (self.section_path, self.label, self.unit)


@dataclass(slots=True)
class FigureShift:
    """A figure compared across OLD and NEW. ``old`` or ``new`` is None when it appeared or went."""

    label: str
    unit: str
    section_path: tuple[str, ...]
    old: Figure | None
    new: Figure | None
    change: float | None = None  # new - old
    relative: float | None = None  # (new - old) / |old|, None when old is 0
    direction: str = ""  # "up", "down", "appeared", "disappeared"
    score: float = 0.0  # importance, for ranking


class EventKind(StrEnum):
    NEW_INITIATIVE = "new_initiative"
    RESOLVED = "resolved"
    STATUS_CHANGE = "status_change"
    DATE_PASSED = "date_passed"
    PEOPLE = "people"
    REORGANISATION = "reorganisation"  # units renamed, merged or split: said once, not as new + resolved
    NOT_IN_REPORT = "not_in_report"  # a section OLD had and NEW has not, with no word of its end: not "resolved"


@dataclass(slots=True)
class Evidence:
    """A sentence (or heading) that states an event, and where it stands: no evidence, no claim."""

    side: str  # "old" or "new"
    line: int  # 1-based source line of the sentence's start
    section_path: tuple[str, ...]
    sentence: str


@dataclass(slots=True)
class Event:
    """Something a reader of the summary should know, with the rule that found it."""

    kind: EventKind
    title: str  # one line for the summary, e.g. "FVIS Cosmic: go-live → hand-over"
    text: str  # the sentence or heading it was read from
    section_path: tuple[str, ...]
    line: int  # 1-based line in the report it points to (NEW, or OLD for removals)
    rule: str  # the rule id from the rule file, e.g. "status.handover"
    score: float = 0.0  # importance, for ranking; how it is computed is documented
    topic: str = ""
    old_status: str = ""
    new_status: str = ""
    side: str = "new"  # which report ``line`` refers to: "old" or "new"
    evidence: list[Evidence] = field(default_factory=list)  # the sentences that state it, first = ``text``
    why: str = ""  # for ``--explain``: why the rule made this claim, or why it was withheld
    confident: bool = True  # False: the rules are not sure; ``summarise`` moves it to ``withheld``


@dataclass(slots=True)
class ChangeSummary:
    """The part a politician reads: ranked events and figure shifts.

    ``withheld`` holds the claims the rules were not sure of, each with ``why``: left out of the
    summary, shown by ``--explain``. ``one_sided`` holds figures that only one report states: not
    shifts, since nothing says what they were (or became).
    """

    events: list[Event] = field(default_factory=list)
    figure_shifts: list[FigureShift] = field(default_factory=list)
    withheld: list[Event] = field(default_factory=list)
    one_sided: list[FigureShift] = field(default_factory=list)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(slots=True)
class Finding:
    """One result of ``reportdiff check``, printed as ``path:line:col: CODE message``."""

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
