"""Sections that only one report has, and units renamed, merged or split.

A section missing from NEW is "not in this report", never "resolved": these reports cover
different topics each month, and absence says nothing of an end. A section only NEW has is news
only by what its sentences state (a start, a completion, a stage); on its own it is a new
initiative only when its heading names something new ("Nytt …", "Pilot för …"), it is neither a
standing part of the report nor a unit of the organisation, nothing marks it as recurring, and
the old report never spoke of it. Everything else is withheld, with the reason, for ``--explain``.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportdiff.classify.common import evidence, heading_evidence, is_recurring_heading, is_unit_heading, shorten
from reportdiff.classify.rules import Rules, literal_tokens
from reportdiff.classify.sentences import new_section_events
from reportdiff.figures import split_sentences
from reportdiff.model import DocumentDiff, Event, EventKind, Report, Section, SectionPair, SectionStatus
from reportdiff.text.stem import content_stems, stems


def section_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """Events of the sections one report lacks, and of reorganised units (see the module docstring).

    Claims the rules are not sure of come out too, not ``confident``: ``summarise`` sets them apart.
    """
    removed_paths = {pair.old_path for pair in diff.pairs if pair.status is SectionStatus.REMOVED}
    merged = {path for pair in diff.pairs for path in pair.merged_from}  # told as part of a reorganisation
    claimed: set[tuple[str, ...]] = set()  # added sections already told as one event, with all below them
    old_words: set[str] | None = None
    for pair in diff.pairs:
        if pair.status is SectionStatus.REMOVED and pair.old is not None:
            if pair.old_path[:-1] not in removed_paths and pair.old_path not in merged:
                yield _not_in_report(pair)
        elif pair.status is SectionStatus.ADDED and pair.new is not None:
            if any(pair.new_path[:depth] in claimed for depth in range(1, len(pair.new_path))):
                continue
            if old_words is None:
                old_words = _report_stems(diff.old)
            events = list(_added(pair, pair.new, rules, old_words))
            if any(event.rule == "section.added" and event.confident for event in events):
                claimed.add(pair.new_path)
            yield from events
        elif pair.old is not None and pair.new is not None:
            yield from _reorganised(pair, rules)


def _not_in_report(pair: SectionPair) -> Event:
    assert pair.old is not None
    first = pair.old.blocks[0].text if pair.old.blocks else ""
    return Event(
        kind=EventKind.NOT_IN_REPORT,
        title=pair.old.heading,
        text=shorten(first) or pair.old.heading,
        section_path=pair.old_path,
        line=pair.old.span.start,
        rule="section.absent",
        topic=pair.old.heading,
        side="old",
        evidence=[heading_evidence(pair.old, pair.old_path, "old")],
        why="the old report has this section and the new one has nothing in its place; that is not an end",
    )


def _added(pair: SectionPair, section: Section, rules: Rules, old_words: set[str]) -> Iterator[Event]:
    """What a section only NEW has states: its sentences' events, else the section itself, else nothing."""
    heading = section.heading
    path = pair.new_path
    structure = is_unit_heading(heading, rules) or is_recurring_heading(heading, rules)
    stated = new_section_events(section.blocks, path, heading, rules, one_story=not structure)
    if structure:
        # A unit's or a standing part's heading is structure: only what its own sentences state is news.
        yield from stated
        return
    if stated:
        if _recurs(section, rules):
            for event in stated:
                event.confident = False
                event.why += "; in a section whose first sentences say it recurs"
        yield from stated
        return
    reason = _not_an_initiative(section, path, rules, old_words)
    first = section.blocks[0].text if section.blocks else ""
    said = [heading_evidence(section, path, "new")]
    if first:  # the heading names the matter, its first sentence tells it
        said.append(evidence(section.blocks[0], split_sentences(first)[0][1], path, "new"))
    yield Event(
        kind=EventKind.NEW_INITIATIVE,
        title=heading,
        text=shorten(first) or heading,
        section_path=path,
        line=section.span.start,
        rule="section.added",
        topic=heading,
        side="new",
        evidence=said,
        why=reason or "a matter the old report never spoke of, in a section of its own",
        confident=not reason,
    )


def _not_an_initiative(section: Section, path: tuple[str, ...], rules: Rules, old_words: set[str]) -> str:
    """Why a new section is not told as a new initiative, or "" when it is one."""
    if not section.blocks:
        return "a heading with no text of its own"
    if _recurs(section, rules):
        return "its first sentences say it recurs"
    if rules.new_heading.find(rules.tokens(section.heading)):
        return ""  # "Nytt samverkansavtal": the heading says it is new, whatever the old report said
    if not (len(path) > 1 and _lists_matters(path[-2], rules)):
        return "a new topic under a unit or a standing part, and no sentence states a start"
    names = content_stems(section.heading)
    if names and names <= old_words:
        return "the old report already speaks of what the heading names"
    return ""


def _lists_matters(heading: str, rules: Rules) -> bool:
    """Whether a heading names a part that lists matters: a word of it is, or ends in, a matter-list
    word (Swedish puts a compound's head last: "tillsynsärenden" are "ärenden")."""
    return any(word.endswith(rules.matter_lists) for word in literal_tokens(heading))


def _recurs(section: Section, rules: Rules) -> bool:
    """Whether the first two sentences say the matter recurs ("Det årliga mötet", "två gånger per år")."""
    if not section.blocks:
        return False
    opening = " ".join(sentence for _, sentence in split_sentences(section.blocks[0].text)[:2])
    return bool(rules.recurring_text.find(rules.tokens(opening)))


def _unit_name(heading: str, rules: Rules) -> str:
    """A unit's heading without its leading unit word, folded: what stays when "VO" is written out."""
    words = heading.split()
    if words and rules.unit_words.find(rules.tokens(words[0])):
        words = words[1:]
    return " ".join(words).casefold()


def _report_stems(report: Report) -> set[str]:
    words: set[str] = set()
    for section in report.root.walk():
        words.update(stems(section.heading))
        for block in section.blocks:
            words.update(stems(block.text))
    return words


def _reorganised(pair: SectionPair, rules: Rules) -> Iterator[Event]:
    """A unit renamed, or sections merged into one or split across several: one event each."""
    assert pair.old is not None and pair.new is not None
    old, new = pair.old, pair.new
    if pair.merged_from:
        title = " + ".join(path[-1] for path in pair.merged_from) + f" → {new.heading}"
        why = "sections of the old report merged into one"
    elif pair.split_into:
        title = f"{old.heading} → " + " + ".join(path[-1] for path in pair.split_into)
        why = "a section of the old report split across several"
    elif pair.renamed and (is_unit_heading(old.heading, rules) or is_unit_heading(new.heading, rules)):
        if _unit_name(old.heading, rules) == _unit_name(new.heading, rules):
            return  # "VO Kirurgi" → "Verksamhetsområde Kirurgi": the same unit, spelled out
        title = f"{old.heading} → {new.heading}"
        why = "a unit's heading renamed, its content carried over"
    else:
        return
    yield Event(
        kind=EventKind.REORGANISATION,
        title=title,
        text=new.heading,
        section_path=pair.new_path,
        line=new.span.start,
        rule="section.reorganised",
        topic=new.heading,
        old_status=old.heading,
        new_status=new.heading,
        side="new",
        evidence=[heading_evidence(old, pair.old_path, "old"), heading_evidence(new, pair.new_path, "new")],
        why=why,
    )
