"""Word-level (or sentence-level) edits inside one changed block.

The result is a list of :class:`TextOp`, each a run of whole tokens, grouped so a reader sees
"7 419 → 7 512" or one reworded clause rather than a confetti of one-word edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportdiff.model import TextOp, TextOpKind
from reportdiff.text.sequence import matching_pairs
from reportdiff.text.tokens import Token, sentences, tokenize

# Below this share of equal tokens a paragraph counts as rewritten: show whole sentences.
SENTENCE_FALLBACK_RATIO = 0.5
# An equal run between two changes is folded into them when it is this short (tokens, characters).
SMALL_EQUAL_TOKENS = 2
SMALL_EQUAL_CHARS = 8


@dataclass(slots=True)
class WordDiff:
    ops: list[TextOp]
    granularity: str  # "word" or "sentence"
    ratio: float  # share of equal tokens, 0..1


Opcode = tuple[str, int, int, int, int]


def diff_words(old: str, new: str, notes: list[str] | None = None) -> WordDiff:
    """Edits that turn ``old`` into ``new``; sentence granularity when most words changed."""
    old_tokens = tokenize(old)
    new_tokens = tokenize(new)
    opcodes, equal = _opcodes([t.key for t in old_tokens], [t.key for t in new_tokens], notes)
    total = len(old_tokens) + len(new_tokens)
    ratio = 2 * equal / total if total else 1.0
    if ratio < SENTENCE_FALLBACK_RATIO:
        old_sentences = sentences(old_tokens)
        new_sentences = sentences(new_tokens)
        if len(old_sentences) > 1 or len(new_sentences) > 1:
            return WordDiff(_sentence_ops(old_sentences, new_sentences, notes), "sentence", ratio)
    grouped = _group(opcodes, old_tokens)
    return WordDiff(_to_ops(grouped, old_tokens, new_tokens), "word", ratio)


def _opcodes(a: list[str], b: list[str], notes: list[str] | None) -> tuple[list[Opcode], int]:
    """Opcodes like difflib's, from the matched index pairs; also the number of equal items."""
    pairs = matching_pairs(a, b, notes)
    opcodes: list[Opcode] = []
    i = j = 0
    for pi, pj in pairs + [(len(a), len(b))]:
        if i < pi or j < pj:
            tag = "replace" if i < pi and j < pj else ("delete" if i < pi else "insert")
            opcodes.append((tag, i, pi, j, pj))
        if pi < len(a) and pj < len(b):
            if opcodes and opcodes[-1][0] == "equal":
                tag, i1, _, j1, _ = opcodes[-1]
                opcodes[-1] = ("equal", i1, pi + 1, j1, pj + 1)
            else:
                opcodes.append(("equal", pi, pi + 1, pj, pj + 1))
        i, j = pi + 1, pj + 1
    return opcodes, len(pairs)


def _group(opcodes: list[Opcode], old_tokens: list[Token]) -> list[Opcode]:
    """Fold short equal runs that sit between two changes into them, then join adjacent changes."""
    folded: list[Opcode] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        between_changes = 0 < index < len(opcodes) - 1
        if tag == "equal" and between_changes and _is_small(old_tokens[i1:i2]):
            tag = "replace"
        if folded and tag != "equal" and folded[-1][0] != "equal":
            _, a1, _, b1, _ = folded[-1]
            folded[-1] = (_change_tag(a1, i2, b1, j2), a1, i2, b1, j2)
        else:
            folded.append((tag if tag == "equal" else _change_tag(i1, i2, j1, j2), i1, i2, j1, j2))
    return folded


def _is_small(tokens: list[Token]) -> bool:
    return len(tokens) <= SMALL_EQUAL_TOKENS and sum(len(t.key) for t in tokens) <= SMALL_EQUAL_CHARS


def _change_tag(i1: int, i2: int, j1: int, j2: int) -> str:
    if i1 < i2 and j1 < j2:
        return "replace"
    return "delete" if i1 < i2 else "insert"


def _to_ops(opcodes: list[Opcode], old_tokens: list[Token], new_tokens: list[Token]) -> list[TextOp]:
    return [
        TextOp(
            TextOpKind(tag),
            " ".join(t.text for t in old_tokens[i1:i2]),
            " ".join(t.text for t in new_tokens[j1:j2]),
        )
        for tag, i1, i2, j1, j2 in opcodes
    ]


def _sentence_ops(old: list[list[Token]], new: list[list[Token]], notes: list[str] | None) -> list[TextOp]:
    """Edits by whole sentences: equal sentences stay, the rest are replaced as a piece."""

    def key(sentence: list[Token]) -> str:
        return " ".join(t.key for t in sentence)

    def text(run: list[list[Token]]) -> str:
        return " ".join(t.text for sentence in run for t in sentence)

    opcodes, _ = _opcodes([key(s) for s in old], [key(s) for s in new], notes)  # changes come joined
    return [TextOp(TextOpKind(tag), text(old[i1:i2]), text(new[j1:j2])) for tag, i1, i2, j1, j2 in opcodes]


def similarity(old: frozenset[str] | set[str], new: frozenset[str] | set[str]) -> float:
    """Dice overlap of two word sets, order ignored: a cheap test whether two blocks are related."""
    if not old and not new:
        return 1.0
    return 2 * len(old & new) / (len(old) + len(new))
