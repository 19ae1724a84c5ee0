"""Undo line-end hyphenation in Swedish text, keeping the hyphens that belong to the words.

A PDF extraction wraps ``utmanade`` as ``utma-`` / ``nade``, but also ends lines with real
hyphens: ``hälso-`` / ``och sjukvård``, ``e-`` / ``tjänster``, ``KUM-`` / ``enhet``, ``Covid 19-``.
The decision uses evidence, strongest first: a space after the hyphen in the source, a
conjunction after the break, a capital after the break, an acronym, digit or single letter
before it, and which of the two spellings the document itself uses elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# After "hälso-" these words mean "hälso- och sjukvård": the hyphen stands for a shared ending.
CONJUNCTIONS = frozenset({"och", "eller", "samt", "till", "respektive", "som", "resp.", "&"})
_WORD = re.compile(r"[\wÅÄÖåäö]+(?:-[\wÅÄÖåäö]+)*")


@dataclass(slots=True)
class SpellingEvidence:
    """The words of a document, to tell ``e-tjänster`` from ``utmanade`` by how the text spells them."""

    words: set[str] = field(default_factory=set)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> SpellingEvidence:
        words: set[str] = set()
        for line in lines:
            words.update(match.group(0).casefold() for match in _WORD.finditer(line))
        return cls(words)


def ends_with_split(line: str) -> bool:
    """Whether a line ends with a hyphen glued to a word (``utma-``), a candidate for rejoining."""
    return bool(re.search(r"[\wÅÄÖåäö]-$", line.rstrip()))


def join_hyphenated(left: str, right: str, evidence: SpellingEvidence | None = None, spaced: bool = False) -> str:
    """Join the text of two physical lines where ``left`` ends with ``word-``.

    ``spaced`` says that the source kept a space after the hyphen: the break fell at a space,
    so the hyphen is real and the words stay apart (``hälso- och``).
    Returns the joined text, with exactly the words of the two lines (one word fewer when a
    split word is rejoined).
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left.endswith("-") or not right:
        return f"{left} {right}".strip()
    head_match = re.search(r"(\S*?)([\wÅÄÖåäö]*)-$", left)
    prefix = head_match.group(2) if head_match else ""
    tail_word = right.split(" ", 1)[0]
    tail_letters = re.match(r"[\wÅÄÖåäö]*", tail_word)
    tail = tail_letters.group(0) if tail_letters else ""
    if spaced or tail_word.casefold() in CONJUNCTIONS or tail_word.startswith(("-", "–")):
        return f"{left} {right}"
    if not prefix or not tail:
        return f"{left}{right}"  # "19-" + "20": keep the hyphen, it is a range or a code
    if _keeps_hyphen(prefix, tail, evidence):
        return f"{left}{right}"
    return f"{left[:-1]}{right}"


def _keeps_hyphen(prefix: str, tail: str, evidence: SpellingEvidence | None) -> bool:
    """A real compound hyphen: ``e-tjänster``, ``KUM-enhet``, ``IT-stöd``, ``covid-19``, ``Region-Stöd``."""
    if tail[:1].isupper() or tail[:1].isdigit() or prefix[-1:].isdigit():
        return True
    if len(prefix) == 1 or (len(prefix) <= 5 and prefix.isupper()):
        return True
    if evidence is not None:
        hyphenated = f"{prefix}-{tail}".casefold()
        joined = f"{prefix}{tail}".casefold()
        if hyphenated in evidence.words and joined not in evidence.words:
            return True
    return False
