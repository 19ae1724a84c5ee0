"""Section pairs of a diff: in NEW order with their block changes and reasons, then splits and merges."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from reportdiff.align import THRESHOLD, Alignment, SectionInfo
from reportdiff.diff.blocks import BlockMatching, BlockSide, block_changes
from reportdiff.diff.regroup import describe
from reportdiff.model import BlockOp, Report, SectionPair, SectionStatus
from reportdiff.text.tokens import normalise

SPLIT_SHARE = 0.25  # a section counts as split/merged when another part holds this share of it

SPLIT_MIN_UNITS = 2  # ... and at least this many blocks or subsections


def section_pairs(
    alignment: Alignment, matching: BlockMatching, old_side: BlockSide, new_side: BlockSide, notes: list[str]
) -> list[SectionPair]:
    """Section pairs in NEW order, each removed section right after its nearest kept predecessor."""
    ordered: list[tuple[tuple[int, int, int], SectionPair]] = []
    by_new = {m.new: m for m in alignment.matches}
    for info in alignment.new:
        match = by_new.get(info.index)
        if match is None:
            pair = SectionPair(SectionStatus.ADDED, None, info.section, new_path=info.path, new_index=info.index)
            pair.reason = _unmatched_reason("new", info.index, alignment)
            pair.score = alignment.best_rejected.get(("new", info.index), (0.0, -1))[0]
            pair.blocks = block_changes(None, info.index, matching, old_side, new_side, notes)
        else:
            old_info = alignment.old[match.old]
            pair = SectionPair(
                SectionStatus.UNCHANGED,
                old_info.section,
                info.section,
                old_path=old_info.path,
                new_path=info.path,
                old_index=old_info.index,
                new_index=info.index,
                score=round(match.score, 4),
                reason=match.reason,
            )
            pair.renamed = normalise(old_info.section.heading) != normalise(info.section.heading)
            pair.moved = info.index in alignment.moved_new
            if pair.moved:
                pair.reason += ", moved" if alignment.old_to_new.get(old_info.parent) == info.parent else ", new parent"
            pair.blocks = block_changes(old_info.index, info.index, matching, old_side, new_side, notes)
            if any(change.op is not BlockOp.EQUAL for change in pair.blocks):
                pair.status = SectionStatus.CHANGED
        ordered.append(((info.index, 0, 0), pair))
    kept_old = sorted(m.old for m in alignment.matches if m.new not in alignment.moved_new)  # holds the root, 0
    for info in alignment.old:
        if info.index in alignment.old_to_new:
            continue
        anchor = kept_old[bisect_left(kept_old, info.index) - 1]  # the nearest kept section before it
        pair = SectionPair(SectionStatus.REMOVED, info.section, None, old_path=info.path, old_index=info.index)
        pair.reason = _unmatched_reason("old", info.index, alignment)
        pair.score = alignment.best_rejected.get(("old", info.index), (0.0, -1))[0]
        pair.blocks = block_changes(info.index, None, matching, old_side, new_side, notes)
        ordered.append(((alignment.old_to_new[anchor], 1, info.index), pair))
    ordered.sort(key=lambda item: item[0])
    pairs = [pair for _, pair in ordered]
    # The root holds the text before the first heading; it is only shown when there is some.
    return [p for p in pairs if p.old_index != 0 and p.new_index != 0 or p.blocks]


def _unmatched_reason(side: str, index: int, alignment: Alignment) -> str:
    score, other = alignment.best_rejected.get((side, index), (0.0, -1))
    if other < 0:
        return f"no counterpart (nothing scored ≥ {THRESHOLD:.2f})"
    other_info = (alignment.new if side == "old" else alignment.old)[other]
    taken = other in (alignment.new_to_old if side == "old" else alignment.old_to_new)
    because = "paired elsewhere" if taken and score >= THRESHOLD else f"below {THRESHOLD:.2f}"
    return f"no counterpart; best {score:.2f} with {' / '.join(other_info.path) or '(root)'} ({because})"


def mark_splits_and_merges(pairs: list[SectionPair], alignment: Alignment, matching: BlockMatching) -> None:
    """Fill split_into / merged_from: where a section's blocks and subsections came from / went.

    A unit is a block or a subsection. A NEW section is *merged* when, besides its partner, another
    OLD section gave it a quarter of its units (at least two, or all of an unpaired section);
    *split* is the mirror.
    """
    by_old = {p.old_index: p for p in pairs if p.old is not None}
    by_new = {p.new_index: p for p in pairs if p.new is not None}
    origins: dict[int, Counter[int]] = {}  # new section → old sections its units came from
    destinations: dict[int, Counter[int]] = {}  # old section → new sections its units went to
    for (old_index, _), ((new_index, _), _) in matching.pairs.items():
        origins.setdefault(new_index, Counter())[old_index] += 1
        destinations.setdefault(old_index, Counter())[new_index] += 1
    for match in alignment.matches:
        if match.new == 0:
            continue
        old_parent = alignment.old[match.old].parent
        new_parent = alignment.new[match.new].parent
        origins.setdefault(new_parent, Counter())[old_parent] += 1
        destinations.setdefault(old_parent, Counter())[new_parent] += 1
    merged = _made_of(alignment.new, origins, alignment.old, alignment.old_to_new, alignment.new_to_old)
    for index, paths in merged.items():
        if index in by_new:
            by_new[index].merged_from = paths
    split = _made_of(alignment.old, destinations, alignment.new, alignment.new_to_old, alignment.old_to_new)
    for index, paths in split.items():
        if index in by_old:
            by_old[index].split_into = paths


def _made_of(
    infos: list[SectionInfo],
    counts_of: dict[int, Counter[int]],
    others: list[SectionInfo],
    others_paired: dict[int, int],
    partner_of: dict[int, int],
) -> dict[int, list[tuple[str, ...]]]:
    """For each section of one side, the paths of the sections of the other side that make up a
    good part of it, when there are two or more (merged from them, or split into them)."""
    found: dict[int, list[tuple[str, ...]]] = {}
    for info in infos[1:]:
        counts = counts_of.get(info.index)
        if not counts:
            continue  # nothing of the other side in it (100 000 new sections: no Counter made for each)
        unpaired_whole = {i for i, n in counts.items() if i not in others_paired and _units(others[i]) == n}
        parts = _major(counts, _units(info), unpaired_whole, partner_of.get(info.index, -1))
        if len(parts) >= 2:
            found[info.index] = [others[i].path for i in parts]
    return found


def _units(info: SectionInfo) -> int:
    return len(info.section.blocks) + len(info.section.children)


def _major(counts: Counter[int], units: int, unpaired_whole: set[int], partner: int) -> list[int]:
    """The sections that make up a good part of a section, in document order: its partner, and
    any other that holds a quarter of its ``units`` and either two units or all of an unpaired
    section (a one-department division merged away)."""
    return sorted(
        i
        for i, n in counts.items()
        if i > 0 and (i == partner or n >= SPLIT_SHARE * units and (n >= SPLIT_MIN_UNITS or i in unpaired_whole))
    )


def layout_changes(pairs: list[SectionPair]) -> list[str]:
    """Paragraphs split or merged with not a word changed: shown on request, never counted."""
    return [
        describe(pair.path, *change.regrouped, " ".join(change.new.text.split()[:6]))
        for pair in pairs
        for change in pair.blocks
        if change.regrouped is not None and change.new is not None
    ]


def toc_changes(old: Report, new: Report) -> list[str]:
    """Headings that entered or left the table of contents (page numbers are not compared)."""
    old_entries = [normalise(e.heading) for e in (old.toc or old.outline)]
    new_entries = [normalise(e.heading) for e in (new.toc or new.outline)]
    if not old_entries or not new_entries:
        return []
    old_count, new_count = Counter(old_entries), Counter(new_entries)
    removed = [f"removed: {h}" for h in sorted((old_count - new_count).elements())]
    added = [f"added: {h}" for h in sorted((new_count - old_count).elements())]
    return removed + added
