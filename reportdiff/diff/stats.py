"""The counts of a diff: sections added, removed, changed; paragraphs and words in and out."""

from __future__ import annotations

from collections.abc import Iterable

from reportdiff.model import BlockChange, BlockOp, DiffStats, SectionPair, SectionStatus, TextOpKind


def diff_stats(pairs: Iterable[SectionPair]) -> DiffStats:
    """The counts of ``pairs``: of the whole diff (``diff.stats``), or of the sections a view selects."""
    result = DiffStats()
    for pair in pairs:
        if pair.status is SectionStatus.ADDED:
            result.sections_added += 1
        elif pair.status is SectionStatus.REMOVED:
            result.sections_removed += 1
        elif pair.status is SectionStatus.CHANGED and pair.new_index != 0:
            result.sections_changed += 1
        result.sections_renamed += pair.renamed
        result.sections_moved += pair.moved
        for change in pair_blocks(pair):
            _count_block(change, result)
    return result


def _count_block(change: BlockChange, result: DiffStats) -> None:
    if change.op is BlockOp.INSERT and change.new is not None:
        result.blocks_inserted += 1
        result.words_inserted += len(change.new.text.split())
    elif change.op is BlockOp.DELETE and change.old is not None and change.moved_to is None:
        result.blocks_deleted += 1
        result.words_deleted += len(change.old.text.split())
    elif change.op in (BlockOp.REPLACE, BlockOp.MOVE):
        if change.op is BlockOp.REPLACE:
            result.blocks_changed += 1
        else:
            result.blocks_moved += 1
        for op in change.ops:
            if op.op is not TextOpKind.EQUAL:
                result.words_inserted += len(op.new.split())
                result.words_deleted += len(op.old.split())


def pair_blocks(pair: SectionPair) -> list[BlockChange]:
    """The block changes of a pair; an added or removed section whose blocks were not listed shows all."""
    if pair.blocks:
        return pair.blocks
    if pair.status is SectionStatus.ADDED and pair.new is not None:
        return [BlockChange(BlockOp.INSERT, None, block) for block in pair.new.blocks]
    if pair.status is SectionStatus.REMOVED and pair.old is not None:
        return [BlockChange(BlockOp.DELETE, block, None) for block in pair.old.blocks]
    return []
