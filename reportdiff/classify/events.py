"""Events: what a reader of the summary should know, each found by a named rule.

Every event comes from changed content of a :class:`DocumentDiff` (new or removed sections
and list items, inserted or reworded sentences) or from comparing OLD with NEW as a whole
(the phase of a running topic, the signing director, dates that have passed). The cue words
live in ``reportdiff/classify/builtin_rules.py``; this module only knows the rule kinds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportdiff.classify.rules import Cues, Rules
from reportdiff.figures import split_sentences
from reportdiff.model import (
    Block,
    BlockChange,
    BlockKind,
    BlockOp,
    DocumentDiff,
    Event,
    EventKind,
    Report,
    Section,
    SectionPair,
    SectionStatus,
    TextOp,
    TextOpKind,
)
from reportdiff.text.stem import WORD, stems

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            (),
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars",),
            ("april", "apr"),
            ("maj",),
            ("juni",),
            ("juli",),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH_WORD = re.compile(r"\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b")  # lower-cased text
# A count beside a cue: "har 104 undersökningar | genomförts", "genomfördes | 18 undersökningar";
# not a year or a date ("Under 2024 har flytten | genomförts", "den 5 april | driftsattes").
_COUNT = r"(?!(?:19|20)\d\d\b)\d+(?:[ \u00a0]\d{3})*\s+(?!" + _MONTH_WORD.pattern + ")"
_COUNT_BEFORE = re.compile(r"(?<!\d)" + _COUNT + r"\S+\s+(?:\S+\s+)?$")
_COUNT_AFTER = re.compile(r"\s+" + _COUNT + r"[^\W\d_]")
_DAY_BEFORE = re.compile(r"(?<![\d-])(\d{1,2})\s$")
_YEAR_AFTER = re.compile(r"\s((?:19|20)\d\d)(?!\d)")
_MONTH_PREPOSITION = re.compile(r"\b(?:i|under|till|från|inför|senast|början av|slutet av|mitten av)\s$")
_ITEM_NAME = re.compile(r"^(.{3,80}?)\s[–—-]\s")
_MAX_NAME_WORDS = 8
_PEOPLE_WINDOW = 3  # a people cue counts only this many words from the role word
_DOMINANCE = 1.5  # a phase must have this many times the cue words of the runner-up


@dataclass(slots=True)
class _Place:
    """Where a block sits: its section and path, and its index among the section's blocks."""

    section: Section
    path: tuple[str, ...]
    index: int


def _places(report: Report) -> dict[int, _Place]:
    places: dict[int, _Place] = {}
    for path, section in report.root.walk_with_path():
        for index, block in enumerate(section.blocks):
            places[id(block)] = _Place(section, path, index)
    return places


def item_name(text: str) -> str:
    """The name of a list item: the words before a dash ("Säker e-post – förstudien pågår"), or its start."""
    match = _ITEM_NAME.match(text)
    if match:
        return match.group(1).strip()
    words = text.split()
    short = " ".join(words[:_MAX_NAME_WORDS])
    return short + (" …" if len(words) > _MAX_NAME_WORDS else "")


def _name_key(text: str) -> str:
    return " ".join(stems(item_name(text).rstrip(" …")))


def _cue(tokens: list[str], cues: Cues, rules: Rules) -> tuple[int, bool] | None:
    """The first cue in ``tokens`` not cancelled by a negation, and whether it announces the future."""
    for index in cues.find(tokens):
        window = tokens[max(0, index - 3) : index]
        if any(token in rules.negations for token in window):
            continue
        future = any(token in rules.future for token in tokens[max(0, index - 4) : index])
        return index, future or (index > 0 and tokens[index - 1] in rules.ahead)
    return None


def _changed_sentences(change: BlockChange) -> list[str]:
    """Sentences of the NEW block that hold inserted or replaced words."""
    if change.new is None:
        return []
    text = change.new.text
    sentences = split_sentences(text)
    if change.op is BlockOp.INSERT:
        return [sentence for _, sentence in sentences]
    if change.ops:
        ranges: list[tuple[int, int]] = []
        position = 0
        for op in change.ops:
            if not op.new:
                continue
            end = position + len(op.new)
            if op.op is not TextOpKind.EQUAL and not _figures_only(op):
                ranges.append((position, end))
            position = end + 1
        return [
            sentence
            for offset, sentence in sentences
            if any(start < offset + len(sentence) and offset < end for start, end in ranges)
        ]
    old_sentences = {sentence.strip() for _, sentence in split_sentences(change.old.text)} if change.old else set()
    return [sentence for _, sentence in sentences if sentence.strip() not in old_sentences]


def _figures_only(op: TextOp) -> bool:
    """Whether a run only swaps numbers or dates ("31" → "104", "4 februari" → "6 maj"). A sentence
    changed only so says what it said last month with new figures: the figure shift reports it,
    and its cue word ("Hittills har 104 undersökningar genomförts") is no news."""
    if op.op is not TextOpKind.REPLACE:
        return False
    return all(word[:1].isdigit() or word.lower().strip(".,") in _MONTHS for word in f"{op.old} {op.new}".split())


def _is_count(sentence: str, index: int) -> bool:
    """Whether the cue word at token ``index`` tells how many things were done ("har 47
    undersökningar genomförts", "genomfördes 18 undersökningar"): a figure, not one matter resolved."""
    for number, match in enumerate(WORD.finditer(sentence)):
        if number == index:
            return bool(_COUNT_BEFORE.search(sentence, 0, match.start()) or _COUNT_AFTER.match(sentence, match.end()))
    return False


def _line_in_block(block: Block, sentence: str) -> int:
    offset = block.text.find(sentence)
    if offset <= 0 or block.span.end <= block.span.start:
        return block.span.start
    return block.span.start + round(offset / max(1, len(block.text)) * (block.span.end - block.span.start))


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _title_from(sentence: str, heading: str) -> str:
    return f"{heading}: {_short(sentence, 90)}" if heading else _short(sentence, 100)


# --- sections and list items --------------------------------------------------------------


def section_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """New sections are initiatives, removed ones resolved; only the top of an added subtree counts."""
    added_paths = {pair.new_path for pair in diff.pairs if pair.status is SectionStatus.ADDED}
    removed_paths = {pair.old_path for pair in diff.pairs if pair.status is SectionStatus.REMOVED}
    for pair in diff.pairs:
        if pair.status is SectionStatus.ADDED and pair.new is not None:
            if pair.new_path[:-1] in added_paths:
                continue
            first = pair.new.blocks[0].text if pair.new.blocks else ""
            yield Event(
                kind=EventKind.NEW_INITIATIVE,
                title=pair.new.heading,
                text=_short(first),
                section_path=pair.new_path,
                line=pair.new.span.start,
                rule="section.added",
                topic=pair.new.heading,
                side="new",
            )
        elif pair.status is SectionStatus.REMOVED and pair.old is not None:
            if pair.old_path[:-1] in removed_paths:
                continue
            first = pair.old.blocks[0].text if pair.old.blocks else ""
            yield Event(
                kind=EventKind.RESOLVED,
                title=pair.old.heading,
                text=_short(first),
                section_path=pair.old_path,
                line=pair.old.span.start,
                rule="section.removed",
                topic=pair.old.heading,
                side="old",
            )


def list_stage(section: Section, index: int, rules: Rules) -> str:
    """The stage a list item's list names ("Aktuella förstudier:" → förstudie), or ""."""
    for block in reversed(section.blocks[:index]):
        if block.kind is BlockKind.LIST_ITEM:
            continue
        stage = _stage_of(block.text, rules) if len(block.text) < 120 else ""
        return stage or _stage_of(section.heading, rules)
    return _stage_of(section.heading, rules)


def _stage_of(text: str, rules: Rules) -> str:
    tokens = rules.tokens(text)
    for stage in reversed(rules.list_order):
        if rules.list_cues[stage].find(tokens):
            return stage
    return ""


def list_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """Inserted list items are initiatives, deleted ones resolved; an item that moved to a later list moved on."""
    old_places = _places(diff.old)
    new_places = _places(diff.new)
    inserted: list[tuple[SectionPair, Block]] = []
    deleted: list[tuple[SectionPair, Block]] = []
    moved: list[tuple[SectionPair, BlockChange]] = []
    for pair in diff.pairs:
        if pair.status in (SectionStatus.ADDED, SectionStatus.REMOVED) or _ignored(pair.path, rules):
            continue
        for change in pair.blocks:
            if change.op is BlockOp.INSERT and change.new is not None and change.new.kind is BlockKind.LIST_ITEM:
                inserted.append((pair, change.new))
            elif (
                change.op is BlockOp.DELETE
                and change.old is not None
                and change.old.kind is BlockKind.LIST_ITEM
                and change.moved_to is None
            ):
                deleted.append((pair, change.old))
            elif change.op in (BlockOp.MOVE, BlockOp.REPLACE) and change.old is not None and change.new is not None:
                if change.new.kind is not BlockKind.LIST_ITEM:
                    continue
                if change.old.kind is BlockKind.LIST_ITEM and _different_items(change.old.text, change.new.text):
                    # One item took another's place: a new item and a removed one, not a rewording.
                    inserted.append((pair, change.new))
                    deleted.append((pair, change.old))
                else:
                    moved.append((pair, change))
    inserted, deleted = _drop_reworded(inserted, deleted, new_places, old_places, rules)
    # Items of OLD by name, with their stage, so that an inserted item can be recognised as promoted.
    old_items: dict[str, tuple[str, Block, tuple[str, ...]]] = {}
    for path, section in diff.old.root.walk_with_path():
        for index, block in enumerate(section.blocks):
            if block.kind is BlockKind.LIST_ITEM:
                old_items.setdefault(_name_key(block.text), (list_stage(section, index, rules), block, path))
    promoted_names: set[str] = set()
    for pair, block in inserted:
        place = new_places.get(id(block))
        new_stage = list_stage(place.section, place.index, rules) if place else ""
        known = old_items.get(_name_key(block.text))
        if known is not None and new_stage and known[0] and known[0] != new_stage:
            promoted_names.add(_name_key(block.text))
            yield _promotion(known[0], new_stage, block, pair.new_path, rules)
            continue
        yield Event(
            kind=EventKind.NEW_INITIATIVE,
            title=item_name(block.text),
            text=_short(block.text),
            section_path=pair.new_path,
            line=block.span.start,
            rule="list.added",
            topic=item_name(block.text),
            old_status="",
            new_status=new_stage,
            side="new",
        )
    for pair, change in moved:
        assert change.old is not None and change.new is not None
        old_place = old_places.get(id(change.old))
        new_place = new_places.get(id(change.new))
        if old_place is None or new_place is None:
            continue
        old_stage = list_stage(old_place.section, old_place.index, rules)
        new_stage = list_stage(new_place.section, new_place.index, rules)
        if old_stage and new_stage and old_stage != new_stage:
            promoted_names.add(_name_key(change.old.text))
            yield _promotion(old_stage, new_stage, change.new, pair.new_path, rules)
    for pair, block in deleted:
        if _name_key(block.text) in promoted_names:
            continue
        place = old_places.get(id(block))
        yield Event(
            kind=EventKind.RESOLVED,
            title=item_name(block.text),
            text=_short(block.text),
            section_path=pair.old_path or pair.new_path,
            line=block.span.start,
            rule="list.removed",
            topic=item_name(block.text),
            old_status=list_stage(place.section, place.index, rules) if place else "",
            side="old",
        )


def _drop_reworded(
    inserted: list[tuple[SectionPair, Block]],
    deleted: list[tuple[SectionPair, Block]],
    new_places: dict[int, _Place],
    old_places: dict[int, _Place],
    rules: Rules,
) -> tuple[list[tuple[SectionPair, Block]], list[tuple[SectionPair, Block]]]:
    """Leave out the items that were deleted and inserted under the same name in the same kind of
    list: that is one item reworded ("X – projektet startar i maj" → "X – projektet pågår"), not a
    new initiative and a resolved one. Its changed sentences are still read by the sentence rules."""

    def key(block: Block, places: dict[int, _Place]) -> tuple[str, str]:
        place = places.get(id(block))
        return _name_key(block.text), list_stage(place.section, place.index, rules) if place else ""

    inserted_keys = [key(block, new_places) for _, block in inserted]
    deleted_keys = [key(block, old_places) for _, block in deleted]
    both = {item for item in set(inserted_keys) & set(deleted_keys) if item[0]}
    return (
        [entry for entry, item in zip(inserted, inserted_keys, strict=True) if item not in both],
        [entry for entry, item in zip(deleted, deleted_keys, strict=True) if item not in both],
    )


def _ignored(path: tuple[str, ...], rules: Rules) -> bool:
    """Lists in attachments and tables of contents are not news."""
    return any(rules.list_ignore.find(rules.tokens(heading)) for heading in path[-1:])


def _different_items(old: str, new: str) -> bool:
    """Two list items are different things when their names share no word stem."""
    return not set(_name_key(old).split()) & set(_name_key(new).split())


def _promotion(old_stage: str, new_stage: str, block: Block, path: tuple[str, ...], rules: Rules) -> Event:
    order = rules.list_order
    later = order.index(new_stage) > order.index(old_stage)
    final = new_stage == order[-1] or (len(order) > 2 and new_stage == order[-2])
    kind = EventKind.RESOLVED if later and final else EventKind.STATUS_CHANGE
    name = item_name(block.text)
    return Event(
        kind=kind,
        title=f"{name}: {old_stage} → {new_stage}",
        text=_short(block.text),
        section_path=path,
        line=block.span.start,
        rule="list.promoted" if later else "list.demoted",
        topic=name,
        old_status=old_stage,
        new_status=new_stage,
        side="new",
    )


# --- sentences in changed text ------------------------------------------------------------


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
            for sentence in _changed_sentences(change):
                yield from _sentence_events(sentence, change.new, pair.new_path, heading, rules)


def _sentence_events(sentence: str, block: Block, path: tuple[str, ...], heading: str, rules: Rules) -> Iterator[Event]:
    tokens = rules.tokens(sentence)
    line = _line_in_block(block, sentence)
    people = _people_hit(tokens, sentence, rules)
    if people:
        yield Event(
            kind=EventKind.PEOPLE,
            title=_title_from(sentence, heading),
            text=_short(sentence),
            section_path=path,
            line=line,
            rule=people,
            topic=heading,
            side="new",
        )
        return
    done = _cue(tokens, rules.done, rules)
    start = _cue(tokens, rules.start, rules)
    if done is not None and not done[1] and not _is_count(sentence, done[0]):
        yield Event(
            kind=EventKind.RESOLVED,
            title=_title_from(sentence, heading),
            text=_short(sentence),
            section_path=path,
            line=line,
            rule="sentence.done",
            topic=heading,
            side="new",
        )
    elif start is not None:
        yield Event(
            kind=EventKind.NEW_INITIATIVE,
            title=_title_from(sentence, heading),
            text=_short(sentence),
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


def director_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """The signing director or their role changed (a new or an acting regional director)."""
    old, new = diff.old, diff.new
    if not new.author and not new.author_role:
        return
    old_acting = _is_acting(old.author_role, rules)
    new_acting = _is_acting(new.author_role, rules)
    if old.author and new.author and old.author != new.author:
        old_status = f"{old.author}, {old.author_role}".strip(", ")
        new_status = f"{new.author}, {new.author_role}".strip(", ")
        same_role = old.author_role == new.author_role or not old.author_role or not new.author_role
        yield Event(
            kind=EventKind.PEOPLE,
            # "Regiondirektör: A → B", or with both roles when the role changed too ("…, Tf Regiondirektör")
            title=f"{new.author_role or old.author_role}: {old.author} → {new.author}"
            if same_role
            else f"{old_status} → {new_status}",
            text=new_status,
            section_path=(),
            line=1,
            rule="people.director",
            topic=new.author_role or old.author_role,
            old_status=old_status,
            new_status=new_status,
            side="new",
        )
    elif old.author_role and new.author_role and old_acting != new_acting:
        yield Event(
            kind=EventKind.PEOPLE,
            title=f"{new.author}: {old.author_role} → {new.author_role}",
            text=f"{new.author}, {new.author_role}".strip(", "),
            section_path=(),
            line=1,
            rule="people.acting",
            topic=new.author_role,
            old_status=old.author_role,
            new_status=new.author_role,
            side="new",
        )


def _is_acting(role: str, rules: Rules) -> bool:
    words = {word.strip(".,").lower() for word in role.split()}
    return bool(words & rules.acting) or role.lower().startswith(("tf ", "t.f. ", "tillförordnad"))


# --- status of a running topic ------------------------------------------------------------


def phase_hits(text: str, rules: Rules) -> dict[str, int]:
    """How many cue words of each phase the text holds (negated ones not counted)."""
    tokens = rules.tokens(text)
    counts = dict.fromkeys(rules.status_order, 0)
    for index, token in enumerate(tokens):
        for phase, phrase in rules.status_index.get(token, ()):
            if len(phrase) > 1 and tuple(tokens[index : index + len(phrase)]) != phrase:
                continue
            if not any(before in rules.negations for before in tokens[max(0, index - 3) : index]):
                counts[phase] += 1
    return counts


def phase_of(text: str, rules: Rules) -> tuple[str, int]:
    """The phase a topic's text reads as, and how many cue words said so ("" when unclear).

    Clear means: at least ``min_hits`` cue words, and at least 1.5 times as many as any
    other phase. Ties between clear leaders go to the later phase.
    """
    counts = phase_hits(text, rules)
    best, best_hits = "", 0
    for phase in rules.status_order:
        if counts[phase] >= best_hits and counts[phase] > 0:
            best, best_hits = phase, counts[phase]
    runner_up = max((hits for phase, hits in counts.items() if phase != best), default=0)
    if best_hits < rules.status_min_hits or best_hits < _DOMINANCE * runner_up:
        return "", best_hits
    return best, best_hits


def _section_text(section: Section) -> str:
    return section.heading + ". " + "\n".join(block.text for block in section.blocks)


def status_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """A topic whose text moved from one phase to another (planning → go-live → hand-over → improvement)."""
    for pair in diff.pairs:
        if pair.old is None or pair.new is None or pair.new.level < 2 and pair.old.level < 2:
            continue
        if all(change.op is BlockOp.EQUAL for change in pair.blocks) and pair.blocks:
            continue
        old_phase, _ = phase_of(_section_text(pair.old), rules)
        new_phase, hits = phase_of(_section_text(pair.new), rules)
        if not old_phase or not new_phase or old_phase == new_phase:
            continue
        if rules.status_order.index(new_phase) < rules.status_order.index(old_phase):
            continue  # topics move forward; a backward reading is more likely noise than news
        labels = rules.status_labels
        yield Event(
            kind=EventKind.STATUS_CHANGE,
            title=f"{pair.new.heading}: {labels.get(old_phase, old_phase)} → {labels.get(new_phase, new_phase)}",
            text=_short(pair.new.blocks[0].text if pair.new.blocks else pair.new.heading),
            section_path=pair.new_path,
            line=pair.new.span.start,
            rule=f"status.{new_phase}",
            topic=pair.new.heading,
            old_status=old_phase,
            new_status=new_phase,
            side="new",
        )


# --- dates that have passed ---------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    """The last day of the month: the day before the first of the next one."""
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def announced_dates(sentence: str, written: dt.date | None) -> list[tuple[dt.date, str]]:
    """Dates a sentence names (``31 december 2024``, ``i mars``), resolved against the report date."""
    dates: list[tuple[dt.date, str]] = []
    lowered = sentence.lower()
    for match in _MONTH_WORD.finditer(lowered):
        name = match.group(0)
        month = _MONTHS[name]
        before = lowered[: match.start()]
        day_match = _DAY_BEFORE.search(before)
        year_match = _YEAR_AFTER.match(lowered, match.end())
        if name in ("maj", "mars") and not day_match and not year_match:
            # "maj" and "mars" are also ordinary words only rarely; accept them with a preposition.
            if not _MONTH_PREPOSITION.search(before):
                continue
        if year_match:
            year = int(year_match.group(1))
        elif written is not None:
            year = written.year + (1 if month < written.month else 0)
        else:
            continue
        day = int(day_match.group(1)) if day_match else None
        try:
            when = dt.date(year, month, day) if day else _month_end(year, month)
        except ValueError:
            continue
        start = day_match.start(1) if day_match else match.start()
        end = year_match.end() if year_match else match.end()
        dates.append((when, sentence[start:end]))
    return dates


def date_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """Announcements of something to come in a month the NEW report has passed."""
    new_date = diff.new.date
    if new_date is None:
        return
    carried: set[int] = set()
    carried_old: set[int] = set()
    for pair in diff.pairs:
        for change in pair.blocks:
            if change.op is BlockOp.EQUAL and change.new is not None and change.old is not None:
                carried.add(id(change.new))
                carried_old.add(id(change.old))
    # OLD text that NEW carries unchanged is reported once, as stale in NEW; the rest of OLD here.
    yield from _passed(diff.old, diff.old.date, new_date, rules, side="old", only=None, skip=carried_old)
    # Carried-over text was written for the OLD report: resolve its months against that date.
    yield from _passed(diff.new, diff.old.date, new_date, rules, side="new", only=carried)


def _passed(
    report: Report,
    written: dt.date | None,
    now: dt.date,
    rules: Rules,
    side: str,
    only: set[int] | None,
    skip: set[int] | None = None,
) -> Iterator[Event]:
    seen: set[tuple[tuple[str, ...], str]] = set()
    for path, section in report.root.walk_with_path():
        for block in section.blocks:
            if only is not None and id(block) not in only or skip is not None and id(block) in skip:
                continue
            months = [match.start() for match in _MONTH_WORD.finditer(block.text.lower())]
            if not months:
                continue
            for offset, sentence in split_sentences(block.text):
                if not any(offset <= at < offset + len(sentence) for at in months):
                    continue
                tokens = rules.tokens(sentence)
                if not rules.date_future.find(tokens):
                    continue
                for when, words in announced_dates(sentence, written):
                    if written is not None and when < written:
                        continue  # already past when it was written: not an announcement
                    if when >= now:
                        continue
                    if _told_in_past_tense(sentence, words, rules):
                        continue
                    if (path, words) in seen:
                        continue  # the same date announced twice in one section is one thing to know
                    seen.add((path, words))
                    heading = section.heading
                    yield Event(
                        kind=EventKind.DATE_PASSED,
                        title=f"{heading}: {words}" if heading else words,
                        text=_short(sentence),
                        section_path=path,
                        line=_line_in_block(block, sentence),
                        rule="date.passed" if side == "old" else "date.stale",
                        topic=heading,
                        old_status=when.isoformat(),
                        new_status=now.isoformat(),
                        side=side,
                    )


def _told_in_past_tense(sentence: str, words: str, rules: Rules) -> bool:
    """Whether the word right after the date is a verb in the past tense ("i februari deltog")."""
    at = sentence.find(words)
    following = sentence[at + len(words) :].split()[:1] if at >= 0 else []
    if not following:
        return False
    word = following[0].strip(",.;:!?()\"'”").lower()
    return word in rules.date_past or (len(word) > 5 and word.endswith(rules.date_past_endings))


def find_events(diff: DocumentDiff, rules: Rules) -> list[Event]:
    """Every event of ``diff``, unranked."""
    events: list[Event] = []
    events.extend(section_events(diff, rules))
    events.extend(list_events(diff, rules))
    events.extend(sentence_events(diff, rules))
    events.extend(status_events(diff, rules))
    events.extend(director_events(diff, rules))
    events.extend(date_events(diff, rules))
    return events
