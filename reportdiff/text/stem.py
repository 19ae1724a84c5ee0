"""Swedish stemming for rule cues and figure labels.

Rules are written as ordinary words ("påbörjats", "överlämning"); they are stemmed once
when the rules load, and report words are stemmed the same way, so one cue catches its
inflections ("påbörjat", "påbörjade", "påbörjades"). Snowball's Swedish stemmer is light:
it keeps some definite forms ("sjukfrånvaron"), so :func:`base_form` adds a few safe
definite-article strippings for labels shown to people.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü][\wÅÄÖåäöÉéÜü-]*")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one lower-cased word, with definite ``-on``/``-an`` also folded."""
    lowered = word.lower()
    stemmed: str = _stemmer().stemWord(lowered)
    if len(stemmed) > 6 and stemmed.endswith(("on", "an")) and not stemmed.endswith(("ion", "man")):
        stemmed = stemmed[:-1]
    return stemmed


def stems(text: str) -> list[str]:
    """Stems of the words of ``text`` in order (numbers and punctuation dropped)."""
    return [stem(word) for word in WORD.findall(text)]


@lru_cache(maxsize=65536)
def stem_phrase(text: str) -> str:
    """A phrase as one comparison key: its word stems joined by single spaces."""
    return " ".join(stems(text))


# Definite plurals of nouns in -are ("läkare" → "läkarna"): without this they would lose "na" like
# "bilarna" → "bilar" and read "läkar". The endings are the roots of the common agent nouns of the
# reports (people who treat, live, coordinate, work, take part, lead, use, teach, look for …). Kept
# narrow on purpose: "vägarna" (roads) and "ändarna" (ends) are plurals in -ar.
_AGENT_PLURALS = (
    "läkarna",
    "vånarna",
    "ordnarna",
    "ryterarna",
    "arbetarna",
    "medborgarna",
    "hörarna",
    "tagarna",
    "ledarna",
    "vändarna",
    "läggarna",
    "brukarna",
    "givarna",
    "köparna",
    "säljarna",
    "sökarna",
    "forskarna",
    "lärarna",
    "skötarna",
)


@lru_cache(maxsize=65536)
def base_form(word: str) -> str:
    """A lower-cased word with a definite ending removed where that is safe to read.

    ``Sjukfrånvaron`` → ``sjukfrånvaro``, ``Övertiden`` → ``övertid``, ``vårdplatserna`` →
    ``vårdplatser``, ``Antalet`` → ``antal``. Words that merely end like a definite form
    (``region``, ``verksamhet``, ``budget``) are left alone.
    """
    lowered = word.lower()
    if len(lowered) < 5 or "-" in lowered[-3:]:
        return lowered
    if lowered.endswith(_AGENT_PLURALS):  # invånarna → invånare, not "invånar"
        return lowered[:-2] + "e"
    if lowered.endswith(("erna", "arna", "orna", "ena")):
        return lowered[:-2]
    if lowered.endswith(("heten", "iteten")):  # tillgängligheten, kvaliteten
        return lowered[:-2]
    if lowered.endswith("den") and not lowered.endswith("nden"):  # tiden, övertiden, vården
        return lowered[:-2]
    if lowered.endswith("en") and not lowered.endswith(("ssen", "men", "ten", "nen", "den")) and len(lowered) >= 6:
        return lowered[:-2]
    if lowered.endswith(("ron", "lon")):  # sjukfrånvaron, but not region or person
        return lowered[:-1]
    if lowered.endswith(("alet", "atet", "ttet", "ldet")):
        return lowered[:-2]
    if lowered.endswith("ot") and lowered[-3] == "t":  # finansnettot
        return lowered[:-1]
    return lowered


def content_stems(text: str) -> set[str]:
    """The stems of the words of ``text`` that say what it is about: four letters or more, no
    numbers ("och", "för", "med" say nothing), no function word of four letters or more ("under",
    "också", "kommer"). Two sentences about one matter share some."""
    return {word for word in stems(text) if len(word) >= 4 and word.isalpha() and word not in _function_stems()}


# Swedish words of four letters or more that say nothing of what a sentence is about: pronouns,
# prepositions, conjunctions, adverbs and auxiliary verbs. Two sentences share them by chance.
_FUNCTION_WORDS = """
alla allt andra annan annat även bara bland blev blir bli både båda dels denna denne dessa detta
dock där därför efter eftersom eller enligt fanns finns flera fortfarande från fått får genom gjort
göra görs gäller hade hans hela hennes hela idag inom inte kommer kommit kunna kunde kan mellan
mest mycket många några något nu också redan samma samt sedan sina sitt sina skulle själv till
tills under utan vara varit vars vilka vilken vilket vill ännu över även denne dessutom därmed
hittills nästan cirka omkring ungefär bland annat
"""


@lru_cache(maxsize=1)
def _function_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in _FUNCTION_WORDS.split())
