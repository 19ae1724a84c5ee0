"""List items: added, gone, or moved on to a later list (förstudie → projekt → förvaltning)."""

from __future__ import annotations

from collections.abc import Iterator

from reportdiff.classify.common import Place, block_places, evidence, item_name, name_key, shorten
from reportdiff.classify.rules import Rules
from reportdiff.classify.sentences import sentence_event
from reportdiff.model import (
    Block,
    BlockChange,
    BlockKind,
    BlockOp,
    DocumentDiff,
    Event,
    EventKind,
    Section,
    SectionPair,
    SectionStatus,
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
    old_places = block_places(diff.old)
    new_places = block_places(diff.new)
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
                old_items.setdefault(name_key(block.text), (list_stage(section, index, rules), block, path))
    promoted_names: set[str] = set()
    followers = _points_of_new_lists(inserted, new_places, rules)
    for pair, block in inserted:
        place = new_places.get(id(block))
        new_stage = list_stage(place.section, place.index, rules) if place else ""
        known = old_items.get(name_key(block.text))
        if known is not None and new_stage and known[0] and known[0] != new_stage:
            promoted_names.add(name_key(block.text))
            yield _promotion(known[0], new_stage, block, pair.new_path, rules)
            continue
        stated = sentence_event(block.text, block, pair.new_path, item_name(block.text), rules)
        if stated is not None and stated.kind is not EventKind.NEW_INITIATIVE:
            yield stated  # "X – upphandlingen är klar": what the item says, not that it is new
            continue
        why = "a list item the old report's lists did not have"
        if id(block) in followers:
            why += "; a further point of a list that is new as a whole and names no stage: the list is one matter"
        yield Event(
            kind=EventKind.NEW_INITIATIVE,
            title=item_name(block.text),
            text=shorten(block.text),
            section_path=pair.new_path,
            line=block.span.start,
            rule="list.added",
            topic=item_name(block.text),
            old_status="",
            new_status=new_stage,
            side="new",
            evidence=[evidence(block, block.text, pair.new_path, "new")],
            why=why,
            confident=id(block) not in followers,
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
            promoted_names.add(name_key(change.old.text))
            yield _promotion(old_stage, new_stage, change.new, pair.new_path, rules)
    for pair, block in deleted:
        if name_key(block.text) in promoted_names:
            continue
        place = old_places.get(id(block))
        path = pair.old_path or pair.new_path
        yield Event(
            kind=EventKind.NOT_IN_REPORT,
            title=item_name(block.text),
            text=shorten(block.text),
            section_path=path,
            line=block.span.start,
            rule="list.absent",
            topic=item_name(block.text),
            old_status=list_stage(place.section, place.index, rules) if place else "",
            side="old",
            evidence=[evidence(block, block.text, path, "old")],
            why="a list item of the old report that the new one no longer lists; that is not an end",
        )


_POINTS = 3  # a new list of at least this many points that names no stage elaborates one matter
_POINT_WORDS = 8  # ... when its points are short phrases ("Kontroll av behörigheter."), not sentences


def _points_of_new_lists(
    inserted: list[tuple[SectionPair, Block]], new_places: dict[int, Place], rules: Rules
) -> set[int]:
    """The items after the first of each list that is new as a whole (every item inserted), has
    ``_POINTS`` items or more, all short phrases, and whose lead names no stage of matters ("Inför
    driftstarten återstår:" and its steps, not "Aktuella förstudier:"): the list tells one matter,
    told once."""
    new_ids = {id(block) for _, block in inserted}
    followers: set[int] = set()
    for _, block in inserted:
        place = new_places.get(id(block))
        if place is None or id(block) in followers:
            continue
        blocks = place.section.blocks
        start = end = place.index
        while start > 0 and blocks[start - 1].kind is BlockKind.LIST_ITEM:
            start -= 1
        while end + 1 < len(blocks) and blocks[end + 1].kind is BlockKind.LIST_ITEM:
            end += 1
        run = blocks[start : end + 1]
        if len(run) < _POINTS or any(id(item) not in new_ids for item in run):
            continue
        if any(len(item.text.split()) > _POINT_WORDS for item in run):
            continue  # items that are sentences of their own ("Patologen ska under hösten …") are matters
        if list_stage(place.section, start, rules):
            continue
        followers.update(id(item) for item in run[1:])
    return followers


def _drop_reworded(
    inserted: list[tuple[SectionPair, Block]],
    deleted: list[tuple[SectionPair, Block]],
    new_places: dict[int, Place],
    old_places: dict[int, Place],
    rules: Rules,
) -> tuple[list[tuple[SectionPair, Block]], list[tuple[SectionPair, Block]]]:
    """Leave out the items that were deleted and inserted under the same name in the same kind of
    list: that is one item reworded ("X – projektet startar i maj" → "X – projektet pågår"), not a
    new initiative and a resolved one. Its changed sentences are still read by the sentence rules."""

    def key(block: Block, places: dict[int, Place]) -> tuple[str, str]:
        place = places.get(id(block))
        return name_key(block.text), list_stage(place.section, place.index, rules) if place else ""

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
    return not set(name_key(old).split()) & set(name_key(new).split())


def _promotion(old_stage: str, new_stage: str, block: Block, path: tuple[str, ...], rules: Rules) -> Event:
    order = rules.list_order
    later = order.index(new_stage) > order.index(old_stage)
    final = new_stage == order[-1] or (len(order) > 2 and new_stage == order[-2])
    kind = EventKind.RESOLVED if later and final else EventKind.STATUS_CHANGE
    name = item_name(block.text)
    return Event(
        kind=kind,
        title=f"{name}: {old_stage} → {new_stage}",
        text=shorten(block.text),
        section_path=path,
        line=block.span.start,
        rule="list.promoted" if later else "list.demoted",
        topic=name,
        old_status=old_stage,
        new_status=new_stage,
        side="new",
        evidence=[evidence(block, block.text, path, "new")],
        why=f"the item moved from a list of {old_stage} to one of {new_stage}",
    )
