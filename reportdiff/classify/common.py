"""What the event rules share: where a block sits, cue matching, changed sentences, titles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportdiff.classify.rules import Cues, Rules
from reportdiff.figures import split_sentences
from reportdiff.model import (
    Block,
    BlockChange,
    BlockOp,
    Evidence,
    Report,
    Section,
    TextOp,
    TextOpKind,
)
from reportdiff.text.dates import MONTHS as FULL_MONTHS
from reportdiff.text.dates import SHORT_MONTHS, WORDLIKE_SHORT_MONTHS
from reportdiff.text.stem import WORD, content_stems, stems

# Month names and the abbreviations that are not also words ("jul"), each with its number.
MONTHS = {**FULL_MONTHS, **{name: n for name, n in SHORT_MONTHS.items() if name not in WORDLIKE_SHORT_MONTHS}}
MONTH_WORD = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")  # lower-cased text
# A count beside a cue: "har 104 undersökningar | genomförts", "genomfördes | 18 undersökningar";
# not a year or a date ("Under 2024 har flytten | genomförts", "den 5 april | driftsattes").
_COUNT = r"(?!(?:19|20)\d\d\b)\d+(?:[ \u00a0]\d{3})*\s+(?!" + MONTH_WORD.pattern + ")"
_COUNT_BEFORE = re.compile(r"(?<!\d)" + _COUNT + r"\S+\s+(?:\S+\s+)?$")
_COUNT_AFTER = re.compile(r"\s+" + _COUNT + r"[^\W\d_]")
_ENDS_IN_YEAR = re.compile(r"\b(?:19|20)\d\d(?:[–/-]\d{2,4})?\s*$")
_ITEM_NAME = re.compile(r"^(.{3,80}?)\s[–—-]\s")
_MAX_NAME_WORDS = 8


@dataclass(slots=True)
class Place:
    """Where a block sits: its section and path, and its index among the section's blocks."""

    section: Section
    path: tuple[str, ...]
    index: int


def block_places(report: Report) -> dict[int, Place]:
    places: dict[int, Place] = {}
    for path, section in report.root.walk_with_path():
        for index, block in enumerate(section.blocks):
            places[id(block)] = Place(section, path, index)
    return places


def item_name(text: str) -> str:
    """The name of a list item: the words before a dash ("Säker e-post – förstudien pågår"), or its start."""
    match = _ITEM_NAME.match(text)
    if match:
        return match.group(1).strip()
    words = text.split()
    short = " ".join(words[:_MAX_NAME_WORDS])
    return short + (" …" if len(words) > _MAX_NAME_WORDS else "")


def name_key(text: str) -> str:
    return " ".join(stems(item_name(text).rstrip(" …")))


def find_cue(tokens: list[str], cues: Cues, rules: Rules, words: list[str] | None = None) -> tuple[int, bool] | None:
    """The first cue in ``tokens`` not cancelled by a negation, and whether it announces the future.

    Literal cues are looked up in ``words`` (the same words lower-cased, one for each token)."""
    for index in cues.find(words if words is not None else tokens):
        if negated(tokens, index, rules):
            continue
        return index, ahead(tokens, index, rules)
    return None


def negated(tokens: list[str], index: int, rules: Rules) -> bool:
    """Whether a negation stands in the three words before word ``index`` ("har ännu inte påbörjats")."""
    return any(token in rules.negations for token in tokens[max(0, index - 3) : index])


def ahead(tokens: list[str], index: int, rules: Rules) -> bool:
    """Whether word ``index`` is announced: a future word in the four words before it ("kommer att
    påbörjas"), or an ahead word right before it ("inför projektavslutet")."""
    future = any(token in rules.future for token in tokens[max(0, index - 4) : index])
    return future or (index > 0 and tokens[index - 1] in rules.ahead)


def changed_sentences(change: BlockChange) -> list[str]:
    """Sentences of the NEW block that hold inserted or replaced words."""
    if change.new is None:
        return []
    text = change.new.text
    sentences = split_sentences(text)
    if change.op is BlockOp.INSERT:
        return [sentence for _, sentence in sentences]
    if change.ops:
        ranges: list[tuple[int, int]] = []
        position = 0
        for op in change.ops:
            if not op.new:
                continue
            end = position + len(op.new)
            if op.op is not TextOpKind.EQUAL and not figures_only(op):
                ranges.append((position, end))
            position = end + 1
        return [
            sentence
            for offset, sentence in sentences
            if any(start < offset + len(sentence) and offset < end for start, end in ranges)
        ]
    old_sentences = {sentence.strip() for _, sentence in split_sentences(change.old.text)} if change.old else set()
    return [sentence for _, sentence in sentences if sentence.strip() not in old_sentences]


def figures_only(op: TextOp) -> bool:
    """Whether a run only swaps numbers or dates ("31" → "104", "4 februari" → "6 maj"). A sentence
    changed only so says what it said last month with new figures: the figure shift reports it,
    and its cue word ("Hittills har 104 undersökningar genomförts") is no news."""
    if op.op is not TextOpKind.REPLACE:
        return False
    return all(word[:1].isdigit() or word.lower().strip(".,") in MONTHS for word in f"{op.old} {op.new}".split())


def is_count(sentence: str, index: int) -> bool:
    """Whether the cue word at token ``index`` tells how many things were done ("har 47
    undersökningar genomförts", "genomfördes 18 undersökningar"): a figure, not one matter resolved."""
    for number, match in enumerate(WORD.finditer(sentence)):
        if number == index:
            return bool(_COUNT_BEFORE.search(sentence, 0, match.start()) or _COUNT_AFTER.match(sentence, match.end()))
    return False


def line_in_block(block: Block, sentence: str, at: int = 0) -> int:
    """The source line of character ``at`` of ``sentence`` in ``block``, by its place in the
    block's text spread evenly over the block's lines (the model keeps no line map)."""
    offset = block.text.find(sentence)
    if offset < 0 or block.span.end <= block.span.start:
        return block.span.start
    offset += max(0, min(at, len(sentence) - 1))
    return block.span.start + round(offset / max(1, len(block.text)) * (block.span.end - block.span.start))


def word_offset(sentence: str, index: int) -> int:
    """The character offset of word ``index`` of ``sentence`` (words as cues count them)."""
    for number, match in enumerate(WORD.finditer(sentence)):
        if number == index:
            return match.start()
    return 0


def shorten(text: str, limit: int = 240, keep: int = 0) -> str:
    """``text`` in at most ``limit`` characters, cut at the end; when that would cut away character
    ``keep`` (the cue or date that makes the sentence an event), cut at the start instead, so the
    words that state the event stay ("… samt om avslut för servicepunkten …")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if keep < limit - _KEEP_MARGIN:
        return _cut(text, limit - 1) + "…"
    start = text.rfind(" ", 0, max(0, keep - limit // 2)) + 1
    rest = text[start:]
    return "…" + (rest if len(rest) <= limit - 1 else _cut(rest, limit - 2) + "…")


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at the last space when there is one: no half word."""
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:–-")


_KEEP_MARGIN = 40  # characters after the kept one that a cut at the end must still show


def title_from(sentence: str, heading: str, keep: int = 0) -> str:
    """A claim's title: its section and its sentence, shortened around character ``keep`` (the
    words that state it) when the sentence is long."""
    return f"{heading}: {shorten(sentence, 90, keep)}" if heading else shorten(sentence, 100, keep)


EVIDENCE_LIMIT = 400  # characters of an evidence sentence kept; a longer one ends in "…"


def evidence(block: Block, sentence: str, path: tuple[str, ...], side: str, at: int = 0) -> Evidence:
    """The sentence of ``block`` that states an event, with the line of its character ``at`` (the
    cue or the date that makes it evidence; the start of the sentence by default)."""
    line = line_in_block(block, sentence, at)
    return Evidence(side=side, line=line, section_path=path, sentence=shorten(sentence, EVIDENCE_LIMIT))


def heading_evidence(section: Section, path: tuple[str, ...], side: str) -> Evidence:
    """A heading as evidence: what a section that one report lacks is known by."""
    return Evidence(side=side, line=section.span.start, section_path=path, sentence=section.heading)


def is_unit_heading(heading: str, rules: Rules) -> bool:
    """Whether a heading names a unit of the organisation ("Division Nära", "VO Kirurgi",
    "Ekonomiavdelningen"): its first word is a unit word, or its last word ends like one."""
    tokens = rules.tokens(heading)
    if tokens and rules.unit_words.find(tokens[:1]):
        return True
    words = heading.lower().split()
    return bool(words) and words[-1].strip(".,:").endswith(rules.unit_endings)


def is_recurring_heading(heading: str, rules: Rules) -> bool:
    """A standing part of every report ("Inledning", "Aktuella händelser", "Bilagor"), or an edition of a
    periodic item: a heading that ends in a year ("… barometern 2023", "AT-ranking 2024")."""
    if rules.recurring_headings.find(rules.tokens(heading)):
        return True
    return bool(_ENDS_IN_YEAR.search(heading))


def is_one_matter(heading: str, rules: Rules) -> bool:
    """Whether a section is about one matter (a project, a move), not a unit or a standing part
    that tells of many: only there does the heading name what every sentence is about."""
    return not is_unit_heading(heading, rules) and not is_recurring_heading(heading, rules)


def section_counts(report: Report) -> dict[str, int]:
    """How many sections of ``report`` hold each content stem: how common a word is there."""
    counts: dict[str, int] = {}
    for section in report.root.walk():
        for word in content_stems(" ".join(block.text for block in section.blocks)):
            counts[word] = counts.get(word, 0) + 1
    return counts
