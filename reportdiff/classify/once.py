"""One matter, told once: news a report gives in its introduction, in its media section and in the
matter's own section is one claim, kept where the matter is told (its own section) with the other
sentences added to its evidence; the repeats are withheld, shown by ``--explain``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from reportdiff.classify.common import is_one_matter, is_recurring_heading
from reportdiff.classify.rules import Rules, literal_tokens
from reportdiff.classify.sentences import is_role
from reportdiff.model import Event, EventKind
from reportdiff.text.stem import content_stems

_TOLD_ONCE = (EventKind.PEOPLE, EventKind.STATUS_CHANGE, EventKind.RESOLVED, EventKind.NEW_INITIATIVE)
_SAME_MATTER_WORDS = 3  # content words (places too: "Sunderbyn") two claims of one kind share when they tell one matter
_COMMON = 50  # a word more claims than this share names no one matter: it is not looked up
# A person's name: two capitalised words, the second not starting a sentence ("Johan Sjöberg").
_NAME = re.compile(r"\b[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?\b")


@dataclass(slots=True)
class _Claim:
    event: Event
    place: int
    words: frozenset[str]  # what it is matched by: names and roles for people, content stems else


def tell_once(events: list[Event], rules: Rules) -> None:
    """Withhold every confident claim that tells the same matter as a better-placed one of its kind.

    Claims are matched through an index of their words, so a long report costs about as much per
    claim as a short one."""
    groups: dict[tuple[EventKind, str], list[_Claim]] = defaultdict(list)
    for event in events:
        if event.confident and event.side == "new" and event.kind in _TOLD_ONCE:
            key = (event.kind, event.new_status if event.kind is EventKind.STATUS_CHANGE else "")
            groups[key].append(_Claim(event, _place(event, rules), _words(event, rules)))
    for (kind, _), claims in groups.items():
        need = 1 if kind is EventKind.PEOPLE else _SAME_MATTER_WORDS
        index: dict[str, list[int]] = defaultdict(list)
        for number, claim in enumerate(claims):
            for word in claim.words:
                index[word].append(number)
        for number in sorted(range(len(claims)), key=lambda n: claims[n].place):
            kept = claims[number]
            if not kept.event.confident:
                continue
            shared: dict[int, int] = defaultdict(int)
            for word in kept.words:
                if len(index[word]) <= _COMMON:
                    for other in index[word]:
                        shared[other] += 1
            for other, count in sorted(shared.items()):
                repeat = claims[other]
                if other == number or count < need or not repeat.event.confident or repeat.place < kept.place:
                    continue
                if kind is EventKind.PEOPLE and not _same_person(kept, repeat):
                    continue
                repeat.event.confident = False
                repeat.event.why += f"; the same matter as {kept.event.title!r}, told there"
                kept.event.evidence.append(repeat.event.evidence[0])


def _place(event: Event, rules: Rules) -> int:
    """Where a matter is told best, lowest first: the signature, its own section, a unit's section,
    a standing part (the introduction, the media section)."""
    if event.rule == "people.director":
        return 0
    heading = event.section_path[-1] if event.section_path else ""
    if not heading or is_recurring_heading(heading, rules):
        return 3
    return 1 if is_one_matter(heading, rules) else 2


def _words(event: Event, rules: Rules) -> frozenset[str]:
    """A person by name ("name:Johan Sjöberg") and role ("role:regiondirektör"); anything else by
    the content stems of its sentence."""
    sentence = event.evidence[0].sentence
    if event.kind is not EventKind.PEOPLE:
        return frozenset(content_stems(sentence))
    names = {f"name:{name}" for name in _names(sentence, rules)}
    roles = {f"role:{word}" for word in literal_tokens(sentence) if is_role(word, rules)}
    return frozenset(names | roles)


def _same_person(kept: _Claim, repeat: _Claim) -> bool:
    """One person: a name both sentences give, or the signing director's role in the other."""
    shared = kept.words & repeat.words
    return any(word.startswith("name:") for word in shared) or (kept.event.rule == "people.director" and bool(shared))


def _names(sentence: str, rules: Rules) -> set[str]:
    """People's names in a sentence: two capitalised words, not a unit's or the region's name."""
    return {
        name
        for name in _NAME.findall(sentence)
        if not rules.unit_words.find(rules.tokens(name.split()[0])) and name.split()[0] not in ("Region", "Regionen")
    }
