"""Events: what a reader of the summary should know, each found by a named rule.

Every event comes from changed content of a :class:`DocumentDiff` (new or removed sections
and list items, inserted or reworded sentences) or from comparing OLD with NEW as a whole
(the phase of a running topic, the signing director, dates that have passed). The cue words
live in ``reportdiff/classify/builtin_rules.py``; this module only knows the rule kinds.
"""

from __future__ import annotations

from reportdiff.classify.dates import date_events, outcomes_told, starts_before_old
from reportdiff.classify.lists import list_events
from reportdiff.classify.people import director_events
from reportdiff.classify.rules import Rules
from reportdiff.classify.sections import section_events
from reportdiff.classify.sentences import sentence_events
from reportdiff.classify.topics import status_events
from reportdiff.model import DocumentDiff, Event


def find_events(diff: DocumentDiff, rules: Rules) -> list[Event]:
    """Every event of ``diff``, unranked."""
    events: list[Event] = []
    events.extend(section_events(diff, rules))
    events.extend(list_events(diff, rules))
    events.extend(sentence_events(diff, rules))
    events.extend(status_events(diff, rules))
    events.extend(director_events(diff, rules))
    events.extend(date_events(diff, rules))
    starts_before_old(events, diff, rules)
    outcomes_told(events, diff, rules)
    return events
