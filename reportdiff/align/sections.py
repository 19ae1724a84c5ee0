"""Sections of OLD ↔ sections of NEW, as one global assignment.

Every pair of sections gets a score from three kinds of evidence: the heading (fuzzy, after
a normaliser that drops numbering, "VO" / "Division" prefixes, case and punctuation), the
section's own text (word-pair shingles, Dice overlap) and its place in the tree (the parent's
heading, the relative position). The pairing is the assignment with the highest total score
over the whole document (Hungarian method), keeping only pairs above :data:`THRESHOLD`; a
section whose parent did not match can still find its counterpart, because nothing in the
score requires the parents to be paired. See ``docs/alignment.md``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from functools import lru_cache
from itertools import chain

from reportdiff.align.assign import assign
from reportdiff.align.result import Alignment, Match, SectionInfo
from reportdiff.model import Report, Section
from reportdiff.text.sequence import inverted_index, longest_increasing, most_shared
from reportdiff.text.tokens import normalise

THRESHOLD = 0.5  # pairs scoring below this are added / removed instead
PRUNE_MARGIN = 0.10  # an edge far below the best edge of both its sections cannot matter in practice
# Below this heading similarity, a pair without shared text scores at most
# max(0.80 * 0.55² + 0.20, 0.40 * 0.55 + 0.15) = 0.44 < THRESHOLD: it is not scored at all.
HOPELESS_HEADING = 0.55
DENSE_LIMIT = 40_000  # up to this many section pairs, every pair is scored
CANDIDATES_PER_SECTION = 12  # otherwise, the sections sharing the most rare shingles
RARE_SHINGLE = 8  # a shingle found in more sections than this says little about which one is the partner

# Two readings of the evidence; a pair scores the better of the two. Monthly reports rewrite the
# text under a stable heading, and reorganisations rename a heading over stable text, so
# neither a different text nor a different heading alone rules a pair out.
WEIGHTS_WITH_CONTENT = (0.40, 0.45, 0.15)  # heading, content, position
WEIGHTS_HEADING_LED = (0.80, 0.20)  # heading squared (a heading alone must be convincing), position

_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[ivx]+\.|[a-z]\))\s+")
_PREFIXES = ("verksamhetsområdet", "verksamhetsområde", "verksamhetsomr", "vo", "division", "div")
_ABBREVIATIONS = {"&": "och", "avd": "avdelningen", "avdelning": "avdelningen", "enh": "enheten", "ca": "cirka"}
_WORD = re.compile(r"[\w&]+")  # findall(): a third less work than sub() on the gaps, then split()
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def section_key(heading: str) -> str:
    """A heading reduced to what identifies it: no numbering, prefix, case or punctuation."""
    words = _key_words(heading)
    while len(words) > 1 and words[0] in _PREFIXES:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=4096)
def names_a_unit(heading: str) -> bool:
    """Whether the heading names an organisational unit ("Division …", "VO …"), not a topic."""
    words = _key_words(heading)
    return len(words) > 1 and words[0] in _PREFIXES


def _key_words(heading: str) -> list[str]:
    text = _NUMBERING.sub("", normalise(heading).lower())
    return [_ABBREVIATIONS.get(word, word) for word in _WORD.findall(text)]


def heading_similarity(a: str, b: str) -> float:
    """0..1 for two heading keys; differing numbers ("Länssjukvård 1" / "2") weigh heavily."""
    from rapidfuzz import fuzz

    if a == b or not a or not b:
        return _adjust(a, b, 0.0)
    return _adjust(a, b, _combine(fuzz.ratio(a, b), fuzz.token_set_ratio(a, b), a, b))


def _combine(ratio: float, token_set: float, a: str, b: str) -> float:
    """Character and word-set similarity averaged; a heading written together or apart
    ("Regiongemensamt" / "Region gemensamt") counts as the character similarity alone."""
    score = (ratio + token_set) / 200
    if a.replace(" ", "") == b.replace(" ", ""):
        return max(score, 0.95)
    return score


def section_infos(report: Report) -> list[SectionInfo]:
    """Describe every section (root first) for scoring."""
    infos: list[SectionInfo] = []
    _describe(report.root, (), -1, infos, section_key(report.root.heading))
    for info in infos:
        info.rank = info.index / max(1, len(infos) - 1)
    return infos


def _describe(section: Section, path: tuple[str, ...], parent: int, infos: list[SectionInfo], key: str) -> None:
    """Append ``section`` (whose :func:`section_key` is ``key``) and, depth first, its subsections to ``infos``.

    Each heading's key is made once, for its parent's content and for itself.

    A module-level function, not one nested in :func:`section_infos`: a nested function that calls
    itself is a reference cycle with the list it fills, and every description (100 000 sets of
    shingles for a long report) then waited for the cycle collector instead of going with the
    alignment.
    """
    index = len(infos)
    texts = tuple(normalise(block.text) for block in section.blocks)
    # Each word interned: the shingles of every section share one string per distinct word
    # (a third less memory for the shingles of a long report; equal shingles compare by identity).
    words = list(map(sys.intern, _WORD.findall(" ".join(texts).lower())))
    shingles: set[object] = set(zip(words, words[1:], strict=False))
    if len(words) == 1:
        shingles.add(words[0])
    # A division is also what it holds: its subsections' heading words count as content.
    child_keys = [section_key(child.heading) for child in section.children]
    for child_key in child_keys:
        shingles.update(("§", w) for w in child_key.split())
    infos.append(SectionInfo(section, index, path, parent, key, shingles, texts, 0.0))
    for child, child_key in zip(section.children, child_keys, strict=True):
        _describe(child, path + (child.heading,), index, infos, child_key)


def align(old: Report, new: Report) -> Alignment:
    """Pair the sections of ``old`` and ``new``; the roots always pair."""
    olds = section_infos(old)
    news = section_infos(new)
    result = Alignment(olds, news, [Match(0, 0, 1.0, "document root")])
    anchored = _identical_pairs(olds, news)
    for i, j in anchored:
        result.matches.append(Match(i, j, 1.0, "identical heading path and text"))
    taken_old = {0} | {i for i, _ in anchored}
    taken_new = {0} | {j for _, j in anchored}
    rest_old = [info for info in olds if info.index not in taken_old]
    rest_new = [info for info in news if info.index not in taken_new]
    if len(rest_old) * len(rest_new) > DENSE_LIMIT:
        result.notes.append(
            f"{len(rest_old)} × {len(rest_new)} sections to pair: only pairs sharing text or a heading were scored"
        )
    edges = _scored_edges(olds, news, rest_old, rest_new, result)
    for i, j, score, reason in assign(edges, result.notes, floor=THRESHOLD):
        result.matches.append(Match(i, j, score, reason))
    result.matches.sort(key=lambda m: m.new)
    result.old_to_new = {m.old: m.new for m in result.matches}
    result.new_to_old = {m.new: m.old for m in result.matches}
    result.moved_new = _moved(result)
    # The shingles served the scoring alone. Dropped now, they do not stand beside the block
    # diff's own word lists: 250 MB of the 590 MB peak of a 100x pair.
    for info in chain(olds, news):
        info.shingles = set()
    return result


def _identical_pairs(olds: list[SectionInfo], news: list[SectionInfo]) -> list[tuple[int, int]]:
    """Sections with the same heading path and the same text, once on each side: certain pairs.

    They are fixed before the assignment; it cannot do better for them and it keeps the
    assignment small on long reports.
    """

    def identities(infos: list[SectionInfo]) -> list[tuple[object, ...]]:
        headings = [normalise(info.section.heading) for info in infos]
        paths: list[tuple[str, ...]] = [()]
        for info in infos[1:]:
            paths.append(paths[info.parent] + (headings[info.index],))
        return [(paths[info.index], info.content_id) for info in infos]

    old_ids, new_ids = identities(olds), identities(news)
    old_count, new_count = Counter(old_ids[1:]), Counter(new_ids[1:])
    where_new = {new_ids[j]: j for j in range(1, len(news)) if new_count[new_ids[j]] == 1}
    return [
        (i, where_new[old_ids[i]])
        for i in range(1, len(olds))
        if old_count[old_ids[i]] == 1 and old_ids[i] in where_new
    ]


def _candidates(rest_old: list[SectionInfo], rest_new: list[SectionInfo]) -> list[tuple[int, int]]:
    """Which (old, new) pairs to score: all of them for a normal report, likely ones for a huge one."""
    if len(rest_old) * len(rest_new) <= DENSE_LIMIT:
        return [(o.index, n.index) for n in rest_new for o in rest_old]
    by_shingle = _old_shingle_index(rest_old, rest_new)
    by_heading = inverted_index((info.index, (info.key,)) for info in rest_old)
    pairs: list[tuple[int, int]] = []
    for info in rest_new:
        chosen = set(most_shared(by_shingle, info.shingles, RARE_SHINGLE, CANDIDATES_PER_SECTION))
        chosen.update(by_heading.get(info.key, ())[:CANDIDATES_PER_SECTION])
        pairs.extend((i, info.index) for i in sorted(chosen))
    return pairs


def _scored_edges(
    olds: list[SectionInfo],
    news: list[SectionInfo],
    rest_old: list[SectionInfo],
    rest_new: list[SectionInfo],
    result: Alignment,
) -> list[tuple[int, int, float, str]]:
    """Score candidate pairs; keep those above the threshold and near the best of either side."""
    heading_cache = _heading_table(
        sorted({info.key for info in rest_old} | {olds[info.parent].key for info in rest_old if info.parent >= 0}),
        sorted({info.key for info in rest_new} | {news[info.parent].key for info in rest_new if info.parent >= 0}),
    )

    def heading_sim(a: str, b: str) -> float:
        if (a, b) not in heading_cache:
            heading_cache[(a, b)] = heading_similarity(a, b)
        return heading_cache[(a, b)]

    shared = _shared_shingles(rest_old, rest_new)
    old_names = {info.key for info in olds[1:]}
    new_names = {info.key for info in news[1:]}
    h_heading, h_position = WEIGHTS_HEADING_LED
    c_heading, c_content, c_position = WEIGHTS_WITH_CONTENT
    scored: list[tuple[int, int, float]] = []
    evidence: dict[tuple[int, int], tuple[float, float | None, float]] = {}
    for i, j in _candidates(rest_old, rest_new):
        o, n = olds[i], news[j]
        heading = heading_sim(o.key, n.key)
        if heading < HOPELESS_HEADING and shared is not None and (i, j) not in shared:
            continue  # no shared text and a weak heading: cannot reach the threshold (see above)
        if o.parent <= 0 or n.parent <= 0:
            parent = 1.0 if o.parent == n.parent else 0.3
        else:
            parent = heading_sim(olds[o.parent].key, news[n.parent].key)
        position = 0.5 * parent + 0.5 * (1 - abs(o.rank - n.rank))
        if _heading_is_no_evidence(o, n, old_names, new_names):
            score = 0.0  # only shared text can pair these two
        else:
            score = h_heading * heading * heading + h_position * position
        content: float | None = None
        if o.shingles and n.shingles:
            common = shared.get((i, j), 0) if shared is not None else len(o.shingles & n.shingles)
            content = 2 * common / (len(o.shingles) + len(n.shingles))
            score = max(score, c_heading * heading + c_content * content + c_position * position)
        score = round(score, 6)
        scored.append((i, j, score))
        if score >= THRESHOLD:
            evidence[(i, j)] = (heading, content, position)
    best_old: dict[int, float] = {}
    best_new: dict[int, float] = {}
    for i, j, score in scored:
        if score > best_old.get(i, -1.0):
            best_old[i] = score
            result.best_rejected[("old", i)] = (score, j)
        if score > best_new.get(j, -1.0):
            best_new[j] = score
            result.best_rejected[("new", j)] = (score, i)
    return [
        (i, j, score, _reason(*evidence[(i, j)]))
        for i, j, score in scored
        if score >= THRESHOLD and (score >= best_old[i] - PRUNE_MARGIN or score >= best_new[j] - PRUNE_MARGIN)
    ]


def _heading_is_no_evidence(o: SectionInfo, n: SectionInfo, old_names: set[str], new_names: set[str]) -> bool:
    """Whether the heading-led reading must not pair ``o`` and ``n``, however alike their headings.

    A heading whose very name is on the other side, in another section, belongs with that one (or
    with none, when a twin took it); and a topic that holds a unit's name among more words
    ("Tillskott regionstöd", "Audit på IVA i Sunderbyn") is about something at the unit
    ("Division Regionstöd"), not the unit ("VO Barnsjukvård" / "Barnsjukvården" may still pair).
    """
    if o.key != n.key and (o.key in new_names or n.key in old_names):
        return True
    old_unit, new_unit = names_a_unit(o.section.heading), names_a_unit(n.section.heading)
    if old_unit == new_unit:
        return False
    unit, topic = (o, n) if old_unit else (n, o)
    return len(topic.key.split()) > len(unit.key.split())


def _reason(heading: float, content: float | None, position: float) -> str:
    content_text = "n/a" if content is None else f"{content:.2f}"
    return f"heading {heading:.2f}, content {content_text}, position {position:.2f}"


def _shared_shingles(rest_old: list[SectionInfo], rest_new: list[SectionInfo]) -> dict[tuple[int, int], int] | None:
    """Shared shingles of every (old, new) pair through an inverted index: much cheaper than
    intersecting every pair of sets when, as between two months, most text differs. None for a
    huge report, where only the candidate pairs are intersected."""
    if len(rest_old) * len(rest_new) > DENSE_LIMIT:
        return None
    holders = _old_shingle_index(rest_old, rest_new)
    old_shingles = set(holders)  # so that each new section counts only what it shares (in C)
    shared: dict[tuple[int, int], int] = {}
    for info in rest_new:
        counts = Counter(chain.from_iterable(holders[shingle] for shingle in info.shingles & old_shingles))
        shared.update(((i, info.index), count) for i, count in counts.items())
    return shared


def _old_shingle_index(rest_old: list[SectionInfo], rest_new: list[SectionInfo]) -> dict[object, list[int]]:
    """shingle → the old sections holding it, for the shingles some new section holds too."""
    new_shingles: set[object] = set().union(*(info.shingles for info in rest_new))
    return inverted_index(((info.index, info.shingles) for info in rest_old), keep=new_shingles)


def _heading_table(old_keys: list[str], new_keys: list[str]) -> dict[tuple[str, str], float]:
    """Heading similarity of every pair of distinct keys, computed in bulk when that is small."""
    if len(old_keys) * len(new_keys) > DENSE_LIMIT:
        return {}  # a huge report: computed pair by pair, for candidates only
    from rapidfuzz import fuzz, process

    table: dict[tuple[str, str], float] = {}
    for a in old_keys:
        ratios = process.extract(a, new_keys, scorer=fuzz.ratio, limit=None)
        token_sets = {
            index: score for _, score, index in process.extract(a, new_keys, scorer=fuzz.token_set_ratio, limit=None)
        }
        for b, ratio, index in ratios:
            table[(a, b)] = _adjust(a, b, _combine(ratio, token_sets[index], a, b))
    return table


def _adjust(a: str, b: str, score: float) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return score * 0.6
    return score


@lru_cache(maxsize=4096)
def _numbers(key: str) -> frozenset[str]:
    """The numbers that tell units apart ("Länssjukvård 1" / "2"); a year is not one of them:
    "Barometern 2022" and "Barometern 2023" are the same recurring survey, a year later."""
    return frozenset(number for number in _DIGITS.findall(key) if not _YEAR.fullmatch(number))


def _moved(result: Alignment) -> set[int]:
    """Matched sections that changed parent, or changed place among siblings that stayed together.

    A section is not moved just because siblings were inserted or removed around it: among the
    children of one parent pair, the longest run that kept its old order stays; the rest moved.
    """
    moved: set[int] = set()
    siblings: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for match in result.matches:
        if match.new == 0:
            continue
        old_parent = result.old[match.old].parent
        new_parent = result.new[match.new].parent
        if result.old_to_new.get(old_parent) != new_parent:
            moved.add(match.new)
        else:
            siblings.setdefault((old_parent, new_parent), []).append((match.new, match.old))
    for group in siblings.values():
        group.sort()
        kept = {new for new, _ in longest_increasing(group)}
        moved.update(new for new, _ in group if new not in kept)
    return moved
