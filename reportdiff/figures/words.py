"""The vocabulary of figures: the number patterns, units, number words and word lists.

Everything here is data or a compiled pattern, shared by extraction (:mod:`.extract`), labelling
(:mod:`.labels`) and pairing (:mod:`.pairing`); nothing here looks at more than one number.
"""

from __future__ import annotations

import re

from reportdiff.text.dates import MONTH_NAMES, SHORT_MONTHS

# --- the number itself -------------------------------------------------------------------

_SEP = "[ \u00a0\u202f\u2009]"
_NUMBER = rf"(?:[1-9]\d{{0,2}}(?:{_SEP}\d{{3}})+(?![\d])|\d+)(?:,\d+|\.\d+(?![.\d]))?"
_SEP_PATTERN = re.compile(_SEP)
_CANDIDATE = re.compile(rf"(?<![\w./:\u00ad])(?<![^\W\d_]-)(?P<sign>\+/-\s?|[-+\u2212\u2013]\s?)?(?P<num>{_NUMBER})")
_RANGE_TAIL = re.compile(rf"\s?[-\u2013\u2014]\s?(?P<num>{_NUMBER})(?![\w-])")
_BETWEEN_TAIL = re.compile(rf"\s(?:till|och)\s(?P<num>{_NUMBER})(?![\w-])")
_TILL_TAIL = re.compile(rf"\s(?:till|och)\s(?P<num>{_NUMBER})")
_ISO_DATE = re.compile(r"-\d{2}-\d{2}")
_SUFFIX_BLOCKERS = re.compile(r"(?::\w|-\w|/\d|[.:]\d)")  # 4:e, 19-, 2-kirurgi, 22/2, 13.00
_TAL = re.compile(r"-tal\b")

_MONTHS = [*MONTH_NAMES, *SHORT_MONTHS]
_MONTH_AFTER = re.compile(r"\s?(?:" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)

# Units: what is written → the canonical unit. Longest first, so "miljoner kronor" beats "miljoner".
_UNIT_WORDS: dict[str, str] = {
    "procentenheter": "procentenheter",
    "procentenhet": "procentenheter",
    "procent": "procent",
    "%": "procent",
    "miljarder kronor": "mdkr",
    "miljard kronor": "mdkr",
    "mdkr": "mdkr",
    "mdr kr": "mdkr",
    "miljoner kronor": "mnkr",
    "miljon kronor": "mnkr",
    "mnkr": "mnkr",
    "mkr": "mnkr",
    "milj kr": "mnkr",
    "tusen kronor": "tkr",
    "tkr": "tkr",
    "kronor": "kronor",
    "kr": "kronor",
    "år": "år",
    "åren": "år",
    "månader": "månader",
    "månaderna": "månader",
    "månad": "månader",
    "veckor": "veckor",
    "veckorna": "veckor",
    "dagar": "dagar",
    "dagarna": "dagar",
    "dygn": "dygn",
    "timmar": "timmar",
    "timme": "timmar",
    "minuter": "minuter",
    "minut": "minuter",
    "mil": "mil",
    "km": "km",
    "årsarbetare": "årsarbetare",
    "stycken": "st",
    "st": "st",
}
_UNIT = re.compile(
    r"(?:\s(?:föregående|senaste|kommande|närmaste|närmsta|gångna))?\s?(?P<unit>"
    + "|".join(re.escape(word).replace(r"\ ", r"\s") for word in sorted(_UNIT_WORDS, key=len, reverse=True))
    + r")(?![\wåäöÅÄÖ])",
    re.IGNORECASE,
)

_NUMBER_WORDS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
    "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17,
    "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "hundra": 100,
}  # fmt: skip

_WORD = re.compile(r"[^\W\d_][\w/:-]*", re.UNICODE)


def _trie_pattern(words: list[str]) -> str:
    """An alternation grouped by first letter ("t(?:vå|re|io)|f(?:yra|em)"), far faster to search."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


# Number words, lower case or capitalised at a sentence start ("Fem lex Maria-ärenden").
_NUMBER_WORD_QUICK = re.compile(
    r"(?<![\w-])(?:" + _trie_pattern([*_NUMBER_WORDS, *(word.capitalize() for word in _NUMBER_WORDS)]) + r")(?![\w-])"
)
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]–]|\s(?:vilket|vilka|varav|och|men|medan|samt|respektive|eller)\s")
_FIXED_PHRASES = re.compile(r"\b(?:till och med|till exempel|och med|bland annat)\b", re.IGNORECASE)
_LABEL_REACH = 200  # characters around a figure read for its label
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖ0-9\"”(])")

# Words before a number that make it a name or a position, not a quantity.
_NOT_BEFORE = frozenset(
    """avdelning avd avdelningen vecka veckan v graviditetsvecka sida sidan bilaga bilagan bilagor punkt fas
    fasen steg kapitel nr nummer plats platsen placering klad prio version anslag anslaget lagen rum hus
    artikel paragraf § kl klockan sfs sal station rad kvartal tertial covid covid-19 dnr diarienummer id
    år året årets budgetåret kv etapp omgång nivå""".split()
)
# Words before a four-digit number that make it a year.
_YEAR_BEFORE = frozenset(
    """under sedan till från i inför mellan år året våren hösten sommaren vintern fram före efter per med
    om jämfört hela inom t.o.m. tom fr.o.m. början slutet mitten halvåret""".split()
    + _MONTHS
)
# Words that carry no meaning of their own when looking for what a figure measures.
_FUNCTION = frozenset(
    """den det de denna detta dessa en ett som i på av till för med under inom vid från per mot om efter än
    vilket vilka varav samt men där när och eller att så både även också nu redan ca cirka drygt knappt
    nästan totalt sammanlagt över upp ned in ut här sin sitt sina dess deras vår våra vi jag ni man hela
    alla samtliga några flera andra övriga fler färre mer mindre högre lägre bättre sämre positivt
    negativt positiv negativ jämfört samma period föregående fortsatt fortfarande endast bara ackumulerat
    dock således därmed exempelvis bland annat ungefär motsvarande är var har hade blir blev bli vara varit
    uppgår uppgick ökat ökade ökar minskat minskade minskar sänkts sjunkit ligger låg motsvarar
    beräknas visar pekar prognosticeras innebär kommer ska kan skulle kunde får fick totala ökning
    minskning förbättring försämring ökningen minskningen förbättringen försämringen inte ej knappt
    regionen region idag nuläget just mycket stor stora liten små genomsnitt
    snitt hittills enligt kring cirka tidigare senaste sista första procent mnkr kronor miljoner min mitt
    vill viss vissa utifrån eftersom högt klar tillkommer relativt ansvarar ökad ökade positiva negativa
    preliminärt medför godkänd före slumpmässigt utöver gjort gör görs vidare därtill dessutom
    helåret helår perioden året månaden kvartalet halvåret tertialet delåret""".split()
    + _MONTHS
)
# Words right after a count number that qualify it rather than name what is counted.
_COUNT_MODIFIERS = frozenset("fler färre nya nytt ny extra ytterligare cirka ca drygt olika".split())
# Words after a number that cannot be the counted noun.
_NOT_NOUN = frozenset(
    """och eller som i på av till för med under inom vid från per mot om efter än är var har hade blir ska
    kan kommer har procent via""".split()
)
_COMPARATIVES = frozenset("större mindre högre lägre äldre yngre längre kortare fler färre".split())
# Words of possession before a noun ("för egen personal", "för sina anställda"): they say whose, not
# what, so a label reads on past them to the noun, and the noun alone names the measure.
_OWN = frozenset("egen eget egna sin sitt sina dess deras".split())
_GENERIC_HEADS = frozenset("antal antalet andel andelen kostnad kostnaden kostnaderna intäkter intäkterna".split())


def parse_number(text: str) -> float:
    """``7 419`` → 7419, ``5,7`` → 5.7, ``−1,2`` → -1.2."""
    cleaned = _SEP_PATTERN.sub("", text).replace("\u2212", "-").replace("\u2013", "-").replace(",", ".")
    return float(cleaned)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of a block with their start offsets; abbreviations rarely matter for figures."""
    sentences: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        sentences.append((start, text[start : match.start() + 1]))
        start = match.end()
    sentences.append((start, text[start:]))
    if len(text) <= MAX_SENTENCE_CHARS:  # every sentence short: none to cut (most blocks)
        return [item for item in sentences if item[1].strip()]
    return [
        (offset, piece)
        for offset, sentence in sentences
        if sentence.strip()
        for offset, piece in _bounded(offset, sentence)
    ]


MAX_SENTENCE_CHARS = 1000  # longer is a flattened table or text without full stops, not a sentence


def _bounded(offset: int, sentence: str) -> list[tuple[int, str]]:
    """Cut an overlong 'sentence' at spaces: each figure keeps its sentence as context, and a
    1 MB line without a full stop must not be copied into every one of its figures."""
    pieces: list[tuple[int, str]] = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = _safe_cut(sentence)
        pieces.append((offset, sentence[:cut]))
        offset, sentence = offset + cut, sentence[cut:]
    pieces.append((offset, sentence))
    return pieces


def _safe_cut(sentence: str) -> int:
    """A space to cut at far enough from any digit that no figure loses its digits or its noun."""
    cut = sentence.rfind(" ", MAX_SENTENCE_CHARS // 2, MAX_SENTENCE_CHARS)
    while cut > 0 and _DIGIT.search(sentence, max(0, cut - 24), cut + 24):
        cut = sentence.rfind(" ", MAX_SENTENCE_CHARS // 2, cut)
    return cut if cut > 0 else MAX_SENTENCE_CHARS


def may_hold_figure(text: str) -> bool:
    """A cheap test before the real work: a digit or a number word somewhere in ``text``."""
    return bool(text) and (_DIGIT.search(text) is not None or has_number_word(text))


def has_number_word(text: str) -> bool:
    return _NUMBER_WORD_QUICK.search(text) is not None
