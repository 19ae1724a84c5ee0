"""What a figure measures: the noun a count counts, or the noun phrase a unit figure qualifies.

All of it reads a bounded stretch of text around the figure (``_LOOK_BACK``, ``_LABEL_REACH``
characters), except :class:`Clauses`, which indexes a whole sentence once so that looking back
to the start of a clause costs a bisection instead of a scan.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reportdiff.figures.words import (
    _CLAUSE_BREAK,
    _COMPARATIVES,
    _COUNT_MODIFIERS,
    _FIXED_PHRASES,
    _FUNCTION,
    _GENERIC_HEADS,
    _LABEL_REACH,
    _MONTHS,
    _NOT_NOUN,
    _WORD,
)
from reportdiff.text.stem import base_form

_LOOK_BACK = 40  # characters before a number read for the word right before it
_AV_NOUN = re.compile(r"\s+av\s+(?:de\s+|den\s+|det\s+)?([^\W\d]+)")
_ANTALET = re.compile(r"\bantalet", re.IGNORECASE)
_ANTAL_PHRASE = re.compile(r"\bantalet\s+((?:[^\W\d_]+\s+)?[^\W\d_]+)", re.IGNORECASE)


def _previous_raw_word(text: str, end: int) -> str:
    words = text[max(0, end - _LOOK_BACK) : end].split()
    return words[-1] if words else ""


def _previous_word(text: str, end: int) -> str:
    return _previous_raw_word(text, end).strip("()[]\"'”,.;:").lower()


def _words_after(text: str, start: int, limit: int = 4) -> list[str]:
    words: list[str] = []
    for word in text[start : start + 80].split():
        clean = word.strip("()[]\"'”,.;:!?")
        words.append(clean)
        if clean != word.rstrip(".,;:!?)\"'”") or word[-1:] in ".,;:!?)" or len(words) >= limit:
            break
    return words


def _is_verb_like(word: str) -> bool:
    lowered = word.lower()
    return len(lowered) > 5 and lowered.endswith(("ades", "ats", "its", "tts", "des", "tes", "ade", "erar", "ras"))


def _counted_noun(text: str, start: int) -> tuple[str, str]:
    """The noun a bare number counts (``361 fler anställda`` → ``anställda``) and its modifier."""
    words = _words_after(text, start, limit=5)
    modifier = ""
    phrase: list[str] = []
    for index, word in enumerate(words):
        lowered = word.lower()
        if not phrase and lowered in _COUNT_MODIFIERS:
            if lowered in ("fler", "färre", "nya", "nytt", "ny", "ytterligare"):
                modifier = "nya" if lowered in ("nya", "nytt", "ny") else lowered
            continue
        if not word or not word[0].isalpha() or lowered in _NOT_NOUN or lowered in _MONTHS:
            break
        if not phrase and lowered.endswith(("igt", "vis")) and index + 1 < len(words):
            continue  # an adverb: "2 000 slumpmässigt utvalda individer"
        if _is_verb_like(word):
            following = words[index + 1] if index + 1 < len(words) else ""
            if phrase or not following[:1].isalpha() or following.lower() in _NOT_NOUN or _is_verb_like(following):
                break
            phrase.append(word)  # a participle used as an adjective: "10–20 diagnosticerade fall"
            continue
        phrase.append(word)
        if lowered == "lex" and index + 1 < len(words):
            continue  # "lex Maria-anmälningar"
        if (lowered.endswith("a") or lowered in _COMPARATIVES) and (
            index + 1 < len(words) and words[index + 1][:1].isalpha() and words[index + 1].lower() not in _NOT_NOUN
        ):
            continue  # an adjective: "6 allmänmedicinska vårdplatser"
        break
    while phrase and (len(phrase[-1]) < 3 or phrase[-1].lower() in _FUNCTION):
        phrase.pop()
    if not phrase:
        return "", modifier
    return " ".join(phrase), modifier


def _is_definite(word: str) -> bool:
    """A noun in definite form ("Sjukfrånvaron", "väntetiden", "Finansnettot"): usually what is measured."""
    lowered = word.lower()
    return len(lowered) > 5 and base_form(lowered) != lowered and not lowered.endswith(("ande", "ende"))


def _subject(clause: str) -> str:
    """The noun phrase a figure qualifies, read from the clause before it.

    In order: a genitive phrase at the start ("Periodens resultat"), a generic head ("antalet
    besök", "kostnaderna för …"), the last noun in definite form ("… den kortaste väntetiden"),
    else the first content word.
    """
    words = _WORD.findall(clause)
    content = [
        (i, w) for i, w in enumerate(words) if w.lower() not in _FUNCTION and len(w) > 2 and not _is_verb_like(w)
    ]
    if not content:
        return ""
    first_index, first = content[0]
    generic = next(((i, w) for i, w in content if w.lower() in _GENERIC_HEADS), None)
    definite = [
        (i, w) for i, w in content if _is_definite(w) and w[:1].islower() or (i, w) == content[0] and _is_definite(w)
    ]
    genitive = first.lower().endswith(("ens", "ets", "ns")) and first_index + 1 < len(words)
    if genitive and words[first_index + 1].lower() not in _FUNCTION:
        index, word = first_index, first
    elif generic is not None:
        index, word = generic
    elif definite:
        index, word = definite[-1]
    else:
        index, word = first_index, first
    phrase = [word]
    lowered = word.lower()
    following = words[index + 1 : index + 5]
    if lowered.endswith("s") and following and following[0].lower() not in _FUNCTION and len(lowered) > 4:
        phrase.append(following[0])  # genitive: "Periodens resultat"
    elif lowered in _GENERIC_HEADS or lowered.endswith(("ade", "iska", "rad", "rd")) and following:
        for extra in following[:3]:
            if extra.lower() in ("för", "av") and lowered not in _GENERIC_HEADS:
                break
            phrase.append(extra)
            if extra.lower() not in ("för", "av") and not extra.lower().endswith(("ade", "da", "ska", "na")):
                break
    return " ".join(base_form(part) for part in phrase)


def _qualifier(text_after: str) -> str:
    clause = _CLAUSE_BREAK.split(text_after, maxsplit=1)[0].lower()
    if "budget" in clause:
        return " (budget)"
    if "föregående år" in clause or "förra året" in clause or "samma period" in clause or "fg år" in clause:
        return " (fg år)"
    return ""


_CHANGE_BEFORE = re.compile(
    r"\b(?:ökat|ökade|ökar|minskat|minskade|minskar|sjunkit|sjönk|stigit|steg|ökning|minskning|förbättrats|försämrats)"
    r"(?:\s+\w+)?\s+med\s*$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:lägre|högre|fler|färre|mer|mindre|större|bättre|sämre)\b", re.IGNORECASE)


def _change(before: str, after: str) -> str:
    """ " (förändring)" when the number is a change, not a level: "har minskat med 30 procent",
    "30 procent lägre än", "361 fler än". A change of 30 % is never paired with a share of 30 %."""
    return " (förändring)" if _CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(after) else ""


_CHANGE_NOUNS = ("förbättring", "försämring", "ökning", "minskning", "besparing")


def _changed_measure(before: str) -> str:
    """What a change noun with no figure before it speaks of: the subject of the clause before its
    own ("… minskade kostnaderna för inhyrd bemanning med en tredjedel – vilket innebär en besparing
    på 230 miljoner kronor" is a change of the costs), or "" when there is none."""
    clauses = [part for part in _CLAUSE_BREAK.split(before)[:-1] if _WORD.search(part)]
    return _subject(clauses[-1]) if clauses else ""


def _label_for(sentence: str, rel_start: int, rel_end: int, previous: str, parenthesised: bool) -> tuple[str, bool]:
    """What a unit figure measures; returns (label, inherited)."""
    before = _FIXED_PHRASES.sub(" ", sentence[max(0, rel_start - _LABEL_REACH) : rel_start])
    clause = _CLAUSE_BREAK.split(before)[-1]
    subject = _subject(clause)
    changed = ""
    if subject and subject.split()[0] in _CHANGE_NOUNS:
        if previous:
            subject = ""
        else:
            subject, changed = _changed_measure(before) or subject, " (förändring)"
    qualifier = _qualifier(sentence[rel_end : rel_end + _LABEL_REACH])
    if qualifier != " (budget)":  # "500 mnkr bättre än budget" is already told apart from the level
        qualifier = (_change(before, sentence[rel_end : rel_end + 20]) or changed) + qualifier
    if parenthesised and previous:
        return previous + " (parentes)", True
    if subject:
        return subject + qualifier, False
    if previous:
        return previous + qualifier, True
    subject = _subject(before)
    if subject:
        return subject + qualifier, False
    match = _AV_NOUN.match(sentence, rel_end)
    if match:
        return base_form(match.group(1)) + qualifier, False
    return "", False


class Clauses:
    """Where the clauses of one sentence start, and its "antalet …" phrases, found in one pass.

    A bare number at the end of a clause that starts ``Antalet anställda …`` counts that noun.
    Splitting the text before every such number into clauses made a long sentence quadratic
    (a 1 MB line without a full stop took minutes); here each look-up is a bisection.
    """

    def __init__(self, sentence: str) -> None:
        self.break_ends = [match.end() for match in _CLAUSE_BREAK.finditer(sentence)]
        self.antal_starts: list[int] = []
        self.antal_phrases: list[str] = []
        for hit in _ANTALET.finditer(sentence):
            phrase = _ANTAL_PHRASE.match(sentence, hit.start())
            if phrase is not None:
                self.antal_starts.append(hit.start())
                self.antal_phrases.append(phrase.group(1))

    def clause_start(self, position: int) -> int:
        """The start of the clause that ``position`` ends: just after the last break before it."""
        index = bisect_right(self.break_ends, position)
        return self.break_ends[index - 1] if index else 0

    def antal_noun(self, position: int) -> str:
        """``Antalet anställda … är 7 600``: the noun of the first "antalet" phrase in the clause.

        A number or sign never stands inside such a phrase (letters and spaces only), so a phrase
        that starts before ``position`` also ends before it, and clause breaks (``,;:`` among
        them) never fall inside a clause: the phrase is the same whether read in the whole
        sentence or in the clause alone.
        """
        first = bisect_left(self.antal_starts, self.clause_start(position))
        if first == len(self.antal_starts) or self.antal_starts[first] >= position:
            return ""
        words = [word for word in self.antal_phrases[first].split() if word.lower() not in _FUNCTION]
        return words[-1] if words else ""
