"""Edited reports with known edits: the ground truth for measuring the diff engine.

:func:`make_variant` copies a base report and applies a few edits, each in its own part of the
tree, and records every edit with its kind and the object it touched (the new block or section,
or for removals the old one). :func:`found_changes` reads a DocumentDiff back into the same
terms, so a test can compute precision and recall per kind of edit.
"""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass

from reportdiff.model import (
    Block,
    BlockKind,
    BlockOp,
    DocumentDiff,
    Report,
    Section,
    SectionStatus,
    Span,
    TextOpKind,
)
from reportdiff.text.tokens import normalise, tokenize

EDITS = (  # what the editor can do; section_renamed_and_moved records two edits of the kinds below
    "figure_changed",
    "word_changed",
    "heading_renamed",
    "section_moved",
    "section_renamed_and_moved",
    "section_removed",
    "section_added",
    "paragraph_deleted",
    "paragraph_inserted",
    "paragraph_moved",
)
KINDS = (
    "figure_changed",
    "word_changed",
    "heading_renamed",
    "section_moved",
    "section_removed",
    "section_added",
    "paragraph_deleted",
    "paragraph_inserted",
    "paragraph_moved",
)

# Invented vocabulary for inserted text: plausible report Swedish, not taken from any report.
_NOUNS = (
    "arbetsgruppen projektplanen vårdkedjan samverkansrådet uppföljningen mätetalen kompetensplanen "
    "lokalförsörjningen beredskapsövningen patientflödet journalrutinen kvalitetsregistret "
    "inköpsavtalet utbildningsinsatsen ledningssystemet"
).split()
_VERBS = "utvärderar förbereder redovisar justerar sammanställer prioriterar granskar förankrar".split()
_TAILS = (
    "inför nästa kvartal",
    "tillsammans med kommunerna",
    "enligt den nya tidplanen",
    "med stöd från ledningsgruppen",
    "under resten av våren",
    "inom ramen för budgeten",
    "efter synpunkter från brukarrådet",
)
_HEADINGS = ("Projekt Nordanvind", "Samverkan kring Fjällsippan", "Ny rutin för Ripan", "Uppdrag Älvdalsbron")
_REPLACEMENT_WORDS = ("väsentligen", "påtagligt", "uttryckligen", "successivt", "tillfälligt", "gemensamt")
_NUMBER = re.compile(r"^[-+]?\d[\d ]*(?:,\d+)?[.,:;]?$")


@dataclass(slots=True)
class Edit:
    kind: str
    target: object  # the new Block / Section, or the old one for removals and deletions
    where: str  # a readable location, for failure messages


@dataclass(slots=True)
class Variant:
    old: Report
    new: Report
    edits: list[Edit]


def invented_paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 3)):
        noun, verb, tail = rng.choice(_NOUNS), rng.choice(_VERBS), rng.choice(_TAILS)
        other = rng.choice(_NOUNS)
        sentences.append(f"{noun.capitalize()} {verb} {other} {tail} och återkommer med {rng.randint(2, 97)} förslag.")
    return " ".join(sentences)


def make_variant(base: Report, seed: int, edit_count: int = 3, kinds: tuple[str, ...] = EDITS) -> Variant:
    """A copy of ``base`` with up to ``edit_count`` edits of the given kinds, chosen by ``seed``."""
    rng = random.Random(seed)
    new = copy.deepcopy(base)
    old_of: dict[int, object] = {}
    for old_section, new_section in zip(base.root.walk(), new.root.walk(), strict=True):
        old_of[id(new_section)] = old_section
        for old_block, new_block in zip(old_section.blocks, new_section.blocks, strict=True):
            old_of[id(new_block)] = old_block
    editor = _Editor(new, rng, old_of)
    edits: list[Edit] = []
    attempts = 0
    while len(edits) < edit_count and attempts < edit_count * 20:
        attempts += 1
        edit = getattr(editor, rng.choice(kinds))()
        if isinstance(edit, list):
            edits.extend(edit)
        elif edit is not None:
            edits.append(edit)
    return Variant(base, new, edits)


class _Editor:
    """Applies one edit at a time to ``report``; never touches a section twice."""

    def __init__(self, report: Report, rng: random.Random, old_of: dict[int, object]) -> None:
        self.report = report
        self.rng = rng
        self.old_of = old_of
        self.touched: set[int] = set()
        self.counts = {normalise(b.text): 0 for b in report.blocks()}
        for block in report.blocks():
            self.counts[normalise(block.text)] += 1

    # helpers -------------------------------------------------------------------------------
    def _parents(self) -> dict[int, Section]:
        return {id(child): section for section in self.report.root.walk() for child in section.children}

    def _free_sections(self, with_root: bool = False) -> list[Section]:
        parents = self._parents()
        free = []
        for section in self.report.root.walk():
            if section.level == 0 and not with_root:
                continue
            chain, node = [id(section)], section
            while id(node) in parents:
                node = parents[id(node)]
                chain.append(id(node))
            if not (set(chain[:1]) & self.touched):
                free.append(section)
        return free

    def _touch(self, *sections: Section) -> None:
        self.touched.update(id(s) for s in sections)

    def _unique_blocks(self, section: Section, min_words: int) -> list[int]:
        return [
            k
            for k, block in enumerate(section.blocks)
            if len(block.text.split()) >= min_words
            and self.counts.get(normalise(block.text)) == 1
            and block.kind is not BlockKind.TABLE_ROW
        ]

    def _own_words(self, section: Section) -> int:
        return sum(len(b.text.split()) for b in section.blocks)

    def _leaf_sections(self, min_words: int) -> list[Section]:
        return [s for s in self._free_sections() if s.level >= 2 and not s.children and self._own_words(s) >= min_words]

    # edits ---------------------------------------------------------------------------------
    def figure_changed(self) -> Edit | None:
        choices = []
        for section in self._free_sections(with_root=False):
            for k in self._unique_blocks(section, 10):
                tokens = tokenize(section.blocks[k].text)
                numbers = [
                    i for i, t in enumerate(tokens) if _NUMBER.match(t.text) and any(c.isdigit() for c in t.text)
                ]
                if numbers:
                    choices.append((section, k, numbers))
        if not choices:
            return None
        section, k, numbers = self.rng.choice(choices)
        block = section.blocks[k]
        tokens = tokenize(block.text)
        index = self.rng.choice(numbers)
        tokens_text = [t.text for t in tokens]
        tokens_text[index] = _bump_number(tokens_text[index])
        block.text = " ".join(tokens_text)
        self._touch(section)
        return Edit("figure_changed", block, f"{section.heading}: {tokens[index].text} → {tokens_text[index]}")

    def word_changed(self) -> Edit | None:
        choices = [(s, k) for s in self._free_sections() for k in self._unique_blocks(s, 12)]
        if not choices:
            return None
        section, k = self.rng.choice(choices)
        block = section.blocks[k]
        changed = _replace_words(block, self.rng, self.rng.choice((1, 1, 2, 3)))
        if not changed:
            return None
        self._touch(section)
        return Edit("word_changed", block, f"{section.heading}: {changed}")

    def heading_renamed(self) -> Edit | None:
        choices = [s for s in self._free_sections() if s.level >= 2 and self._own_words(s) >= 25]
        if not choices:
            return None
        section = self.rng.choice(choices)
        old_heading = section.heading
        if old_heading.startswith("VO "):
            section.heading = "Verksamhetsområde " + old_heading[3:] + " och samordning"
        elif self.rng.random() < 0.3:  # a new name altogether: only the text can tell
            section.heading = self.rng.choice(_HEADINGS) + " (tidigare namn utgått)"
        else:
            section.heading = old_heading + self.rng.choice((" och uppföljning", " i länet", " – lägesbild"))
        self._touch(section)
        return Edit("heading_renamed", section, f"{old_heading} → {section.heading}")

    def section_moved(self) -> Edit | None:
        parents = self._parents()
        choices = []
        for section in self._leaf_sections(25):
            old_parent = parents[id(section)]
            if id(old_parent) in self.touched or len(old_parent.children) < 2:
                continue
            targets = [
                p
                for p in self._free_sections(with_root=True)
                if p.level == old_parent.level and p is not old_parent and p.children and id(p) not in self.touched
            ]
            if targets:
                choices.append((section, old_parent, targets))
        if not choices:
            return None
        section, old_parent, targets = self.rng.choice(choices)
        new_parent = self.rng.choice(targets)
        old_parent.children.remove(section)
        new_parent.children.insert(self.rng.randint(0, len(new_parent.children)), section)
        self._touch(section, old_parent, new_parent)
        return Edit("section_moved", section, f"{section.heading}: {old_parent.heading} → {new_parent.heading}")

    def section_renamed_and_moved(self) -> list[Edit] | None:
        """Two edits on one section, as a reorganisation does: both must be reported."""
        moved = self.section_moved()
        if moved is None:
            return None
        section = moved.target
        assert isinstance(section, Section)
        old_heading = section.heading
        section.heading = "Verksamhetsområde " + old_heading.removeprefix("VO ")
        if section.heading == old_heading:
            section.heading = old_heading + " och samordning"
        return [moved, Edit("heading_renamed", section, f"{old_heading} → {section.heading}")]

    def section_removed(self) -> Edit | None:
        parents = self._parents()
        choices = [s for s in self._leaf_sections(1) if id(parents[id(s)]) not in self.touched]
        if not choices:
            return None
        section = self.rng.choice(choices)
        parent = parents[id(section)]
        parent.children.remove(section)
        self._touch(section, parent)
        return Edit("section_removed", self.old_of[id(section)], section.heading)

    def section_added(self) -> Edit | None:
        choices = [p for p in self._free_sections() if p.children and p.level >= 1]
        headings = {s.heading for s in self.report.sections()}
        names = [h for h in _HEADINGS if h not in headings]
        if not choices or not names:
            return None
        parent = self.rng.choice(choices)
        level = parent.children[0].level
        blocks = [_block(invented_paragraph(self.rng)) for _ in range(2)]
        section = Section(self.rng.choice(names), level, Span(0, 0), blocks=blocks)
        parent.children.insert(self.rng.randint(0, len(parent.children)), section)
        self._touch(section, parent)
        return Edit("section_added", section, f"{parent.heading} / {section.heading}")

    def paragraph_deleted(self) -> Edit | None:
        choices = [(s, k) for s in self._free_sections(with_root=True) for k in self._unique_blocks(s, 6)]
        choices = [(s, k) for s, k in choices if len(s.blocks) >= 2]
        if not choices:
            return None
        section, k = self.rng.choice(choices)
        block = section.blocks.pop(k)
        self._touch(section)
        return Edit("paragraph_deleted", self.old_of[id(block)], f"{section.heading}: block {k}")

    def paragraph_inserted(self) -> Edit | None:
        choices = [s for s in self._free_sections() if s.blocks]
        if not choices:
            return None
        section = self.rng.choice(choices)
        block = _block(invented_paragraph(self.rng))
        k = self.rng.randint(0, len(section.blocks))
        section.blocks.insert(k, block)
        self._touch(section)
        return Edit("paragraph_inserted", block, f"{section.heading}: block {k}")

    def paragraph_moved(self) -> Edit | None:
        sources = [(s, k) for s in self._free_sections() for k in self._unique_blocks(s, 10)]
        sources = [(s, k) for s, k in sources if len(s.blocks) >= 2]
        targets = [s for s in self._free_sections() if s.blocks]
        if not sources or len(targets) < 2:
            return None
        source, k = self.rng.choice(sources)
        target = self.rng.choice([t for t in targets if t is not source])
        block = source.blocks.pop(k)
        target.blocks.insert(self.rng.randint(0, len(target.blocks)), block)
        edited = self.rng.random() < 0.5
        if edited:  # moved and reworded a little: still one move, with its word edits
            _replace_words(block, self.rng, 1)
        self._touch(source, target)
        return Edit("paragraph_moved", block, f"{source.heading} → {target.heading}{' (edited)' if edited else ''}")


def _replace_words(block: Block, rng: random.Random, count: int) -> list[str]:
    """Replace ``count`` inner words of ``block`` by other words; returns the replaced words."""
    words = block.text.split()
    candidates = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 4 and 0 < i < len(words) - 1]
    replaced = []
    for index in rng.sample(candidates, min(count, len(candidates))):
        replacement = rng.choice([w for w in _REPLACEMENT_WORDS if w != words[index]])
        replaced.append(words[index])
        words[index] = replacement
    block.text = " ".join(words)
    return replaced


def _block(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text, Span(0, 0))


def _bump_number(token: str) -> str:
    """A different number written the same way: the last digit run changes."""
    match = list(re.finditer(r"\d+", token))[-1]
    digits = match.group()
    bumped = str(int(digits) + 7).zfill(len(digits))[-len(digits) :] if len(digits) > 1 else str((int(digits) + 3) % 10)
    if bumped == digits:
        bumped = "9" * len(digits) if digits != "9" * len(digits) else "1" + digits[1:]
    return token[: match.start()] + bumped + token[match.end() :]


def found_changes(diff: DocumentDiff) -> list[tuple[str, int]]:
    """What the diff reports, in the edit corpus's terms: (kind, id of the object it is about)."""
    found: list[tuple[str, int]] = []
    for pair in diff.pairs:
        if pair.status is SectionStatus.ADDED:
            found.append(("section_added", id(pair.new)))
        elif pair.status is SectionStatus.REMOVED:
            found.append(("section_removed", id(pair.old)))
        if pair.renamed:
            found.append(("heading_renamed", id(pair.new)))
        if pair.moved:
            found.append(("section_moved", id(pair.new)))
        whole_section = pair.status in (SectionStatus.ADDED, SectionStatus.REMOVED)
        for change in pair.blocks:
            if change.op is BlockOp.MOVE:
                found.append(("paragraph_moved", id(change.new)))
            elif change.op is BlockOp.REPLACE:
                found.append((_replace_kind(change), id(change.new)))
            elif change.op is BlockOp.INSERT and not whole_section:
                found.append(("paragraph_inserted", id(change.new)))
            elif change.op is BlockOp.DELETE and change.moved_to is None and not whole_section:
                found.append(("paragraph_deleted", id(change.old)))
    return found


def _replace_kind(change) -> str:  # type: ignore[no-untyped-def]
    changed = [op for op in change.ops if op.op is not TextOpKind.EQUAL]
    if changed and all(_NUMBER.match(op.old) and _NUMBER.match(op.new) for op in changed):
        return "figure_changed"
    return "word_changed"


def expected_changes(variant: Variant) -> list[tuple[str, int]]:
    return [(edit.kind, id(edit.target)) for edit in variant.edits]
