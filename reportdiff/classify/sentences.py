"""Inserted or reworded sentences that announce a start, a completion or a person in a role."""

from __future__ import annotations

from collections.abc import Iterator

from reportdiff.classify.common import changed_sentences, find_cue, is_count, line_in_block, shorten, title_from
from reportdiff.classify.rules import Rules
from reportdiff.model import (
    Block,
    BlockKind,
    BlockOp,
    DocumentDiff,
    Event,
    EventKind,
    SectionStatus,
)

_PEOPLE_WINDOW = 3  # a people cue counts only this many words from the role word


def sentence_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """Inserted or reworded sentences that announce a start, a completion or a new person in a role."""
    for pair in diff.pairs:
        if pair.status in (SectionStatus.ADDED, SectionStatus.REMOVED):
            continue
        heading = pair.new.heading if pair.new is not None else ""
        for change in pair.blocks:
            if change.op in (BlockOp.EQUAL, BlockOp.DELETE) or change.new is None:
                continue
            if change.op is BlockOp.INSERT and change.new.kind is BlockKind.LIST_ITEM:
                continue  # reported as a list item
            if change.op is BlockOp.MOVE and not change.ops:
                continue
            for sentence in changed_sentences(change):
                yield from _sentence_events(sentence, change.new, pair.new_path, heading, rules)


def _sentence_events(sentence: str, block: Block, path: tuple[str, ...], heading: str, rules: Rules) -> Iterator[Event]:
    tokens = rules.tokens(sentence)
    line = line_in_block(block, sentence)
    people = _people_hit(tokens, sentence, rules)
    if people:
        yield Event(
            kind=EventKind.PEOPLE,
            title=title_from(sentence, heading),
            text=shorten(sentence),
            section_path=path,
            line=line,
            rule=people,
            topic=heading,
            side="new",
        )
        return
    done = find_cue(tokens, rules.done, rules)
    start = find_cue(tokens, rules.start, rules)
    if done is not None and not done[1] and not is_count(sentence, done[0]):
        yield Event(
            kind=EventKind.RESOLVED,
            title=title_from(sentence, heading),
            text=shorten(sentence),
            section_path=path,
            line=line,
            rule="sentence.done",
            topic=heading,
            side="new",
        )
    elif start is not None:
        yield Event(
            kind=EventKind.NEW_INITIATIVE,
            title=title_from(sentence, heading),
            text=shorten(sentence),
            section_path=path,
            line=line,
            rule="sentence.start.planned" if start[1] else "sentence.start",
            topic=heading,
            side="new",
        )


def _people_hit(tokens: list[str], sentence: str, rules: Rules) -> str:
    """``people.acting`` or ``people.role`` when a role word has a cue right beside it ("Ny verksamhetschef")."""
    roles = rules.roles.find(tokens)
    if not roles:
        return ""
    words = [word.strip(".,;:()").lower() for word in sentence.split()]
    if any(word in rules.acting for word in words):
        return "people.acting"
    cues = rules.people_cues.find(tokens)
    if any(abs(cue - role) <= _PEOPLE_WINDOW for cue in cues for role in roles):
        return "people.role"
    return ""
