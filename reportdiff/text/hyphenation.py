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
    """The words of a document, to tell ``e-tjänster`` from ``utmanade`` by how the text spells them.

    The word set is built on first use: most splits are decided before the evidence is needed.
    """

    lines: list[str] = field(default_factory=list)
    _words: set[str] | None = None

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> SpellingEvidence:
        return cls(list(lines))

    @property
    def words(self) -> set[str]:
        if self._words is None:
            text = "\n".join(self.lines).casefold()
            self._words = set(_WORD.findall(text))
        return self._words


def ends_with_split(line: str) -> bool:
    """Whether a line ends with a hyphen glued to a word (``utma-``), a candidate for rejoining."""
    stripped = line.rstrip()
    return len(stripped) >= 2 and stripped[-1] == "-" and stripped[-2].isalnum()


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
    last_word = left.rsplit(" ", 1)[-1]
    head_match = re.search(r"([\wÅÄÖåäö]*)-$", last_word)
    prefix = head_match.group(1) if head_match else ""
    tail_word = right.split(" ", 1)[0]
    tail_letters = re.match(r"[\wÅÄÖåäö]*", tail_word)
    tail = tail_letters.group(0) if tail_letters else ""
    if not spaced and prefix and tail_word.casefold() in CONJUNCTIONS and _spelled_joined(prefix, tail, evidence):
        return f"{left[:-1]}{right}"  # "gemen-" / "samt", and the text writes "gemensamt" elsewhere
    if spaced or tail_word.casefold() in CONJUNCTIONS or tail_word.startswith(("-", "–")) or tail[:1].isupper():
        return f"{left} {right}"  # "hälso- och", "40-, 50- Division": the hyphen ends a word
    if not prefix or not tail:
        return f"{left}{right}"  # "19-" + "20": keep the hyphen, it is a range or a code
    if _keeps_hyphen(prefix, tail, evidence):
        return f"{left}{right}"
    return f"{left[:-1]}{right}"


def _spelled_joined(prefix: str, tail: str, evidence: SpellingEvidence | None) -> bool:
    """The document writes the two halves as one word elsewhere (a conjunction can end a word: ``gemensamt``)."""
    return evidence is not None and f"{prefix}{tail}".casefold() in evidence.words


def _keeps_hyphen(prefix: str, tail: str, evidence: SpellingEvidence | None) -> bool:
    """A real compound hyphen: ``e-tjänster``, ``KUM-enhet``, ``IT-stöd``, ``covid-19``, ``2020-2021``."""
    if tail[:1].isdigit() or prefix[-1:].isdigit():
        return True
    if len(prefix) == 1 or (len(prefix) <= 5 and prefix.isupper()):
        return True
    if evidence is not None:
        hyphenated = f"{prefix}-{tail}".casefold()
        joined = f"{prefix}{tail}".casefold()
        if hyphenated in evidence.words and joined not in evidence.words:
            return True
    return False
