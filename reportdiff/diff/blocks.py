"""Paragraph-level diff across the aligned sections, with moves.

In four passes over the whole document, each pass only looking at what the previous ones
left unmatched:

1. inside every aligned section pair, blocks with the same comparison text, in order (LCS),
   then runs of blocks that hold the same words split differently (``diff/regroup.py``);
2. exact moves: a block whose text left one place and appears at another, in any section;
3. rewording in place: between two equal blocks, the remaining old and new blocks are paired
   in order when they share enough words (a REPLACE with word ops);
4. edited moves: remaining blocks elsewhere in the document that share most of their words.

What is left is inserted or deleted. The old place of a moved block is kept as a DELETE whose
``moved_to`` names the new section, so both documents can be rebuilt from the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportdiff.align import Alignment, SectionInfo
from reportdiff.diff.regroup import joined_block, regroup_runs
from reportdiff.diff.words import diff_words, similarity
from reportdiff.model import Block, BlockChange, BlockOp
from reportdiff.text.sequence import inverted_index, matching_pairs, most_shared

REWORD_SIMILARITY = 0.5  # paired in place when this share of words is shared
MOVE_SIMILARITY = 0.6  # an edited move must be closer than a rewording in place
MOVE_MIN_TOKENS = 5  # shorter blocks only move when unchanged
GAP_LIMIT = 10_000  # old × new blocks in one gap above which no rewording is looked for
MOVE_CANDIDATES = 8
RARE_SHINGLE = 8  # a word triple found in more blocks than this says little about the source

BlockId = tuple[int, int]  # (section index, block index) on one side


@dataclass(slots=True)
class BlockSide:
    """The blocks of one report, addressed by (section index, block index)."""

    infos: list[SectionInfo]
    keys: dict[BlockId, list[str]] = field(default_factory=dict)
    sets: dict[BlockId, frozenset[str]] = field(default_factory=dict)

    def block(self, block_id: BlockId) -> Block:
        return self.infos[block_id[0]].section.blocks[block_id[1]]

    def key(self, block_id: BlockId) -> str:
        """The block's comparison text (normalised once, by alignment)."""
        return self.infos[block_id[0]].content_id[block_id[1]]

    def tokens(self, block_id: BlockId) -> list[str]:
        if block_id not in self.keys:
            self.keys[block_id] = self.key(block_id).split()
        return self.keys[block_id]

    def word_set(self, block_id: BlockId) -> frozenset[str]:
        if block_id not in self.sets:
            self.sets[block_id] = frozenset(self.tokens(block_id))
        return self.sets[block_id]

    def all_ids(self) -> list[BlockId]:
        return [(info.index, k) for info in self.infos for k in range(len(info.section.blocks))]


@dataclass(slots=True)
class BlockMatching:
    """Which old block became which new block, and how."""

    pairs: dict[BlockId, tuple[BlockId, BlockOp]] = field(default_factory=dict)  # old → (new, op)
    reverse: dict[BlockId, BlockId] = field(default_factory=dict)  # new → old
    # re-segmented runs, by their first old block: (old blocks, new blocks); all their members are
    # in ``pairs`` / ``reverse`` as EQUAL, each old one paired with the run's first new block
    groups: dict[BlockId, tuple[list[BlockId], list[BlockId]]] = field(default_factory=dict)


def match_blocks(alignment: Alignment, notes: list[str]) -> tuple[BlockMatching, BlockSide, BlockSide]:  # noqa: C901
    """Every block of OLD paired with one of NEW or none, in five numbered passes: equal blocks in
    order, paragraphs split or merged, exact moves, rewording in place, edited moves.

    Over 60 lines and 15 branches (ruff C901): the passes share the ``pair`` closure and the sides' state, and
    each pass sees what the ones before it paired.
    """
    old = BlockSide(alignment.old)
    new = BlockSide(alignment.new)
    matching = BlockMatching()

    def pair(old_id: BlockId, new_id: BlockId, op: BlockOp) -> None:
        matching.pairs[old_id] = (new_id, op)
        matching.reverse[new_id] = old_id

    # 1. equal blocks in order, inside each aligned pair
    for match in alignment.matches:
        old_keys = [old.key((match.old, k)) for k in range(len(alignment.old[match.old].section.blocks))]
        new_keys = [new.key((match.new, m)) for m in range(len(alignment.new[match.new].section.blocks))]
        for k, m in matching_pairs(old_keys, new_keys, notes):
            pair((match.old, k), (match.new, m), BlockOp.EQUAL)

    # 1b. the same words split into other paragraphs: layout, not a change
    for match in alignment.matches:
        for gap_old, gap_new in _gaps(match.old, match.new, alignment, matching):
            runs = regroup_runs(len(gap_old), len(gap_new), _token_lookup(old, gap_old), _token_lookup(new, gap_new))
            for old_run, new_run in runs:
                olds, news = [gap_old[i] for i in old_run], [gap_new[j] for j in new_run]
                matching.groups[olds[0]] = (olds, news)
                for old_id in olds:
                    matching.pairs[old_id] = (news[0], BlockOp.EQUAL)
                for new_id in news:
                    matching.reverse[new_id] = olds[0]

    # 2. exact moves; a block that moved inside its own section is preferred over a far one
    waiting: dict[str, list[BlockId]] = {}
    for old_id in old.all_ids():
        if old_id not in matching.pairs:
            waiting.setdefault(old.key(old_id), []).append(old_id)
    for new_id in new.all_ids():
        if new_id in matching.reverse:
            continue
        candidates = waiting.get(new.key(new_id))
        if candidates:
            home = alignment.new_to_old.get(new_id[0])
            chosen = next((c for c in candidates if c[0] == home), candidates[0])
            candidates.remove(chosen)
            pair(chosen, new_id, BlockOp.MOVE)

    # 3. rewording in place, between equal anchors
    for match in alignment.matches:
        for gap_old, gap_new in _gaps(match.old, match.new, alignment, matching):
            if len(gap_old) * len(gap_new) > GAP_LIMIT:
                notes.append(f"{len(gap_old)} × {len(gap_new)} changed blocks in one place: not paired as rewordings")
                continue
            for o, n in _pair_in_order(gap_old, gap_new, old, new):
                pair(o, n, BlockOp.REPLACE)

    # 4. edited moves anywhere
    for o, n in _edited_moves(old, new, matching):
        pair(o, n, BlockOp.MOVE)
    return matching, old, new


def _token_lookup(side: BlockSide, ids: list[BlockId]) -> Callable[[int], list[str]]:
    """The tokens of the ``i``-th block of a gap."""
    return lambda i: side.tokens(ids[i])


def _gaps(
    old_index: int, new_index: int, alignment: Alignment, matching: BlockMatching
) -> list[tuple[list[BlockId], list[BlockId]]]:
    """Runs of unmatched blocks between consecutive EQUAL pairs of one section pair."""
    old_blocks = alignment.old[old_index].section.blocks
    new_blocks = alignment.new[new_index].section.blocks
    anchors = [
        (k, matching.pairs[(old_index, k)][0][1])
        for k in range(len(old_blocks))
        if (old_index, k) in matching.pairs
        and matching.pairs[(old_index, k)][1] is BlockOp.EQUAL
        and matching.pairs[(old_index, k)][0][0] == new_index
    ]
    gaps = []
    previous_k, previous_m = -1, -1
    for k, m in anchors + [(len(old_blocks), len(new_blocks))]:
        gap_old = [(old_index, x) for x in range(previous_k + 1, k) if (old_index, x) not in matching.pairs]
        gap_new = [(new_index, y) for y in range(previous_m + 1, m) if (new_index, y) not in matching.reverse]
        if gap_old and gap_new:
            gaps.append((gap_old, gap_new))
        previous_k, previous_m = k, m
    return gaps


_TIE_BREAK = 1e-6  # far below any difference of similarity between two paragraphs


def _pair_in_order(
    gap_old: list[BlockId], gap_new: list[BlockId], old: BlockSide, new: BlockSide
) -> list[tuple[BlockId, BlockId]]:
    """The order-keeping pairing of similar blocks with the largest total similarity (a small DP)."""
    rows, cols = len(gap_old), len(gap_new)
    sims = [[similarity(old.word_set(o), new.word_set(n)) for n in gap_new] for o in gap_old]
    # Ties between equally similar pairings go to the pair nearer in relative place, a rule that
    # reads the same from either side, so diff(B, A) pairs what diff(A, B) pairs.
    gain = [
        [sims[r][c] - _TIE_BREAK * abs((r + 0.5) / rows - (c + 0.5) / cols) for c in range(cols)] for r in range(rows)
    ]
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for r in range(rows - 1, -1, -1):
        for c in range(cols - 1, -1, -1):
            take = gain[r][c] + best[r + 1][c + 1] if sims[r][c] >= REWORD_SIMILARITY else -1.0
            best[r][c] = max(take, best[r + 1][c], best[r][c + 1])
    chosen = []
    r = c = 0
    while r < rows and c < cols:
        if sims[r][c] >= REWORD_SIMILARITY and best[r][c] == gain[r][c] + best[r + 1][c + 1]:
            chosen.append((gap_old[r], gap_new[c]))
            r, c = r + 1, c + 1
        elif best[r][c] == best[r + 1][c]:
            r += 1
        else:
            c += 1
    return chosen


def _edited_moves(old: BlockSide, new: BlockSide, matching: BlockMatching) -> list[tuple[BlockId, BlockId]]:
    """Unmatched new blocks that are edited copies of unmatched old blocks elsewhere, best first."""
    old_left = [b for b in old.all_ids() if b not in matching.pairs and len(old.tokens(b)) >= MOVE_MIN_TOKENS]
    new_left = [b for b in new.all_ids() if b not in matching.reverse and len(new.tokens(b)) >= MOVE_MIN_TOKENS]
    if not old_left or not new_left:
        return []
    new_shingles = [set(_shingles(new.tokens(b))) for b in new_left]
    index = inverted_index(
        ((position, _shingles(old.tokens(b))) for position, b in enumerate(old_left)), keep=set().union(*new_shingles)
    )
    scored: list[tuple[float, int, int]] = []
    for new_position, block_id in enumerate(new_left):
        words = new.word_set(block_id)
        for old_position in most_shared(index, new_shingles[new_position], RARE_SHINGLE, MOVE_CANDIDATES):
            score = similarity(old.word_set(old_left[old_position]), words)
            if score >= MOVE_SIMILARITY:
                scored.append((score, new_position, old_position))
    chosen = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, new_position, old_position in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if new_position not in used_new and old_position not in used_old:
            used_new.add(new_position)
            used_old.add(old_position)
            chosen.append((old_left[old_position], new_left[new_position]))
    return chosen


def _shingles(keys: list[str]) -> list[tuple[str, str, str]]:
    return list(zip(keys, keys[1:], keys[2:], strict=False))


def block_changes(
    old_index: int | None,
    new_index: int | None,
    matching: BlockMatching,
    old: BlockSide,
    new: BlockSide,
    notes: list[str],
) -> list[BlockChange]:
    """The block list of one section pair: old-side items in old order, new-side in new order."""
    old_count = len(old.infos[old_index].section.blocks) if old_index is not None else 0
    new_count = len(new.infos[new_index].section.blocks) if new_index is not None else 0
    # EQUAL / REPLACE pairs inside this section pair, increasing: (old, new, old count, new count)
    chain: list[tuple[int, int, int, int]] = []
    if old_index is not None and new_index is not None:
        k = 0
        while k < old_count:
            target = matching.pairs.get((old_index, k))
            group = matching.groups.get((old_index, k))
            if group is not None:
                chain.append((k, target[0][1], len(group[0]), len(group[1])))  # type: ignore[index]
                k += len(group[0])
                continue
            if target and target[1] in (BlockOp.EQUAL, BlockOp.REPLACE) and target[0][0] == new_index:
                chain.append((k, target[0][1], 1, 1))
            k += 1
    changes: list[BlockChange] = []
    k = m = 0
    for ck, cm, old_run, new_run in chain + [(old_count, new_count, 1, 1)]:
        while k < ck:
            assert old_index is not None
            changes.append(_old_side((old_index, k), matching, old, new))
            k += 1
        while m < cm:
            assert new_index is not None
            changes.append(_new_side((new_index, m), matching, old, new, notes))
            m += 1
        if ck < old_count and cm < new_count:
            assert old_index is not None and new_index is not None
            old_block, new_block = old.block((old_index, ck)), new.block((new_index, cm))
            op = matching.pairs[(old_index, ck)][1]
            if old_run > 1 or new_run > 1:
                group_old, group_new = matching.groups[(old_index, ck)]
                olds, news = tuple(old.block(b) for b in group_old), tuple(new.block(b) for b in group_new)
                change = BlockChange(
                    BlockOp.EQUAL, joined_block(olds), joined_block(news), regrouped=(old_run, new_run)
                )
                change.members = (olds, news)
                changes.append(change)
            elif op is BlockOp.EQUAL:
                changes.append(BlockChange(BlockOp.EQUAL, old_block, new_block))
            else:
                words = diff_words(old_block.text, new_block.text, notes)
                changes.append(BlockChange(BlockOp.REPLACE, old_block, new_block, words.ops, words.granularity))
        k, m = ck + old_run, cm + new_run
    return changes


def _old_side(block_id: BlockId, matching: BlockMatching, old: BlockSide, new: BlockSide) -> BlockChange:
    """An old block with no partner here: deleted, or the old place of a block that moved."""
    target = matching.pairs.get(block_id)
    moved_to = new.infos[target[0][0]].path if target else None
    return BlockChange(BlockOp.DELETE, old.block(block_id), None, moved_to=moved_to)


def _new_side(
    block_id: BlockId, matching: BlockMatching, old: BlockSide, new: BlockSide, notes: list[str]
) -> BlockChange:
    """A new block with no partner here: inserted, or the new place of a block that moved."""
    source = matching.reverse.get(block_id)
    if source is None:
        return BlockChange(BlockOp.INSERT, None, new.block(block_id))
    old_block, new_block = old.block(source), new.block(block_id)
    change = BlockChange(BlockOp.MOVE, old_block, new_block, moved_from=old.infos[source[0]].path)
    if old.key(source) != new.key(block_id):
        words = diff_words(old_block.text, new_block.text, notes)
        change.ops, change.granularity = words.ops, words.granularity
    return change
