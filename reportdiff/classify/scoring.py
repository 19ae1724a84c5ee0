"""Ranking: a transparent importance score for events and figure shifts.

Event score = kind weight × level weight × size, each documented in docs/figures-and-events.md:

- kind weight from the rule file (``[weights]``: status change 1.0, people 0.9, new initiative 0.8,
  resolved 0.8, reorganisation 0.6, date passed 0.5, not in this report 0.2);
- level weight = 1 / (1 + 0.2 × (depth − 1)) for a section path of ``depth`` headings (1 at the
  top level, 0.5 at depth 6), so a change to a whole part outranks one deep inside a department;
- size = by rule kind: a section 1 + min(1, words / 200); a list item 0.8; a sentence 0.7 (0.5 when
  it only announces a planned start); a status change 1.5; the signing director 1.5; a role 1.0;
  a date 1.0.

Events are ordered by :func:`tier` first (people, status, resolved, new with a start statement,
other new, reorganisation, dates, not in this report), then by score within a tier.

Figure shift score = change size × label importance × level weight, where change size is
min(1, |relative change|) for a shift (0.1 when the old value is 0) and 0.3 for a figure that
appeared or disappeared, and label importance is the largest ``[figures.importance]`` weight of a
word stem in the label (1.0 when none).
"""

from __future__ import annotations

from reportdiff.classify.rules import Rules
from reportdiff.model import Event, EventKind, FigureShift
from reportdiff.text.stem import stems

_KIND_ORDER = {
    EventKind.PEOPLE: 0,
    EventKind.STATUS_CHANGE: 1,
    EventKind.RESOLVED: 2,
    EventKind.NEW_INITIATIVE: 3,
    EventKind.REORGANISATION: 4,
    EventKind.DATE_PASSED: 5,
    EventKind.NOT_IN_REPORT: 9,
}
# New initiatives that a sentence says started rank before those only seen for the first time.
_STATED_START = ("sentence.start", "list.promoted")
_SIZE_BY_RULE = {
    "list.added": 0.8,
    "list.removed": 0.8,
    "list.promoted": 1.2,
    "list.demoted": 1.0,
    "sentence.start": 0.7,
    "sentence.start.planned": 0.5,
    "sentence.done": 0.7,
    "people.director": 1.5,
    "people.acting": 1.2,
    "people.role": 1.0,
    "date.passed": 1.0,
    "date.stale": 0.8,
}


def level_weight(path: tuple[str, ...]) -> float:
    depth = max(1, len(path))
    return 1.0 / (1.0 + 0.2 * (depth - 1))


def event_size(event: Event) -> float:
    if event.rule.startswith("section."):
        words = len(event.text.split())
        return 1.0 + min(1.0, words / 200)
    if event.rule.startswith("status."):
        return 1.5
    return _SIZE_BY_RULE.get(event.rule, 1.0)


def score_event(event: Event, rules: Rules) -> float:
    weight = rules.weights.get(event.kind.value, 0.5)
    return round(weight * level_weight(event.section_path) * event_size(event), 4)


def tier(event: Event) -> int:
    """The rank of an event's kind: people in key roles, status changes, matters resolved, new
    initiatives with a start statement, other new matters, reorganisations, measures said to have
    risen or fallen (figures in words), dates passed; what is no longer in the report comes last."""
    order = _KIND_ORDER.get(event.kind, 9)
    if event.kind is EventKind.NEW_INITIATIVE and event.rule not in _STATED_START:
        return order * 2 + 1
    if event.rule == "sentence.trend":  # a measure said to have risen or fallen: a figure in words
        return _KIND_ORDER[EventKind.REORGANISATION] * 2 + 1
    return order * 2


def rank_events(events: list[Event], rules: Rules) -> list[Event]:
    """Events with their score set, by tier and then score; ties broken by side, line and title."""
    for event in events:
        event.score = score_event(event, rules)
    unique: dict[tuple[str, str, int, str], Event] = {}
    for event in events:
        unique.setdefault((event.kind.value, event.side, event.line, event.title), event)
    return sorted(
        unique.values(),
        key=lambda e: (tier(e), -e.score, e.side, e.line, e.title, e.rule),
    )


def label_importance(label: str, rules: Rules) -> float:
    label_stems = stems(label)
    best = max((rules.figure_importance.get(word, 0.0) for word in label_stems), default=0.0)
    if best == 0.0:
        # Compounds: "personalkostnader" holds the stem "kostnad".
        best = max(
            (weight for key, weight in rules.figure_importance.items() if any(key in s for s in label_stems)),
            default=1.0,
        )
    return best


def score_shift(shift: FigureShift, rules: Rules, importance: float | None = None) -> float:
    if shift.old is not None and shift.new is not None:
        size = min(1.0, abs(shift.relative)) if shift.relative is not None else 0.1
    else:
        size = 0.3
    if importance is None:
        importance = label_importance(shift.label, rules)
    return round(size * importance * level_weight(shift.section_path), 4)


def rank_shifts(shifts: list[FigureShift], rules: Rules) -> list[FigureShift]:
    """Figure shifts with their score set, best first; ties broken by |relative change|, label and line."""
    importance: dict[str, float] = {}
    for shift in shifts:
        if shift.label not in importance:
            importance[shift.label] = label_importance(shift.label, rules)
        shift.score = score_shift(shift, rules, importance[shift.label])

    def line(shift: FigureShift) -> int:
        figure = shift.new or shift.old
        return figure.line if figure is not None else 0

    return sorted(
        shifts,
        key=lambda s: (-s.score, -abs(s.relative or 0.0), s.direction, s.label, s.unit, line(s), s.section_path),
    )
