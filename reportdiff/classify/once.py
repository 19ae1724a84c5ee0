"""One matter, told once: news a report gives in its introduction, in its media section and in the
matter's own section is one claim, kept where the matter is told (its own section) with the other
sentences added to its evidence; the repeats are withheld, shown by ``--explain``.
"""

from __future__ import annotations

import re

from reportdiff.classify.common import is_one_matter, is_recurring_heading
from reportdiff.classify.rules import Rules, literal_tokens
from reportdiff.classify.sentences import is_role
from reportdiff.model import Event, EventKind
from reportdiff.text.stem import content_stems

_TOLD_ONCE = (EventKind.PEOPLE, EventKind.STATUS_CHANGE, EventKind.RESOLVED, EventKind.NEW_INITIATIVE)
_SAME_MATTER_WORDS = 3  # content words (places too: "Sunderbyn") two claims of one kind share when they tell one matter
# A person's name: two capitalised words, the second not starting a sentence ("Johan Sjöberg").
_NAME = re.compile(r"\b[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?\b")


def tell_once(events: list[Event], rules: Rules) -> None:
    """Withhold every confident claim that tells the same matter as a better-placed one of its kind."""
    claims = [event for event in events if event.confident and event.side == "new" and event.kind in _TOLD_ONCE]
    for event in sorted(claims, key=lambda event: _place(event, rules)):
        if not event.confident:
            continue
        for other in claims:
            if other is event or not other.confident or other.kind is not event.kind:
                continue
            if _place(other, rules) >= _place(event, rules) and _same_matter(event, other, rules):
                other.confident = False
                other.why += f"; the same matter as {event.title!r}, told there"
                event.evidence.append(other.evidence[0])


def _place(event: Event, rules: Rules) -> int:
    """Where a matter is told best, lowest first: the signature, its own section, a unit's section,
    a standing part (the introduction, the media section)."""
    if event.rule == "people.director":
        return 0
    heading = event.section_path[-1] if event.section_path else ""
    if not heading or is_recurring_heading(heading, rules):
        return 3
    return 1 if is_one_matter(heading, rules) else 2


def _same_matter(first: Event, second: Event, rules: Rules) -> bool:
    one, two = first.evidence[0].sentence, second.evidence[0].sentence
    if first.kind is EventKind.PEOPLE:
        names = _names(one, rules) & _names(two, rules)
        roles = {word for word in literal_tokens(one) if is_role(word, rules)}
        shared_roles = roles & {word for word in literal_tokens(two) if is_role(word, rules)}
        return bool(names) or (first.rule == "people.director" and bool(shared_roles))
    if first.kind is EventKind.STATUS_CHANGE and first.new_status != second.new_status:
        return False
    return len(content_stems(one) & content_stems(two)) >= _SAME_MATTER_WORDS


def _names(sentence: str, rules: Rules) -> set[str]:
    """People's names in a sentence: two capitalised words, not a unit's or the region's name."""
    return {
        name
        for name in _NAME.findall(sentence)
        if not rules.unit_words.find(rules.tokens(name.split()[0])) and name.split()[0] not in ("Region", "Regionen")
    }
