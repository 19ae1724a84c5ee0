"""The phase of a running topic (planning → go-live → hand-over → improvement)."""

from __future__ import annotations

from collections.abc import Iterator

from reportdiff.classify.common import evidence, is_unit_heading
from reportdiff.classify.rules import COMPOUND_CUE, COMPOUND_HEAD, Rules, literal_tokens
from reportdiff.figures import split_sentences
from reportdiff.model import (
    Block,
    BlockOp,
    DocumentDiff,
    Event,
    EventKind,
    Evidence,
    Section,
)

_DOMINANCE = 1.5  # a phase must have this many times the cue words of the runner-up


def phase_hits(text: str, rules: Rules) -> dict[str, int]:
    """How many cue words of each phase the text holds (negated ones not counted).

    A Swedish compound that opens with a cue word counts as that cue: "förbättringsprojektet"
    and "förbättringsarbetet" say improvement as "förbättring" does (see :func:`_compound_phase`).
    """
    tokens = rules.tokens(text)
    words: list[str] = []  # as written, read only for a word that is no cue itself
    counts = dict.fromkeys(rules.status_order, 0)
    for index, token in enumerate(tokens):
        entries = rules.status_index.get(token)
        if entries is None:
            words = words or literal_tokens(text)
            phase = "" if token.startswith("=") else _compound_phase(words[index], rules)
            entries = [(phase, (token,))] if phase else []
        for phase, phrase in entries:
            if len(phrase) > 1 and tuple(tokens[index : index + len(phrase)]) != phrase:
                continue
            if not any(before in rules.negations for before in tokens[max(0, index - 3) : index]):
                counts[phase] += 1
    return counts


def _compound_phase(word: str, rules: Rules) -> str:
    """The phase of a compound (lower-case, as written) whose first part is a one-word cue
    ("förbättring|s|projektet", "införande|planen"), or "". Swedish writes the modifier first and
    joins it to the head, so the modifier names what the thing is about, not the head ("projekt")."""
    for cut in range(COMPOUND_CUE, len(word) - COMPOUND_HEAD + 1):
        phase = rules.status_compounds.get(word[:cut])
        if phase and len(word) - cut - (word[cut] == "s") >= COMPOUND_HEAD:
            return phase
    return ""


def phase_of(text: str, rules: Rules) -> tuple[str, int]:
    """The phase a topic's text reads as, and how many cue words said so ("" when unclear).

    Clear means: at least ``min_hits`` cue words, and at least 1.5 times as many as any
    other phase. Ties between clear leaders go to the later phase.
    """
    counts = phase_hits(text, rules)
    best, best_hits = "", 0
    for phase in rules.status_order:
        if counts[phase] >= best_hits and counts[phase] > 0:
            best, best_hits = phase, counts[phase]
    runner_up = max((hits for phase, hits in counts.items() if phase != best), default=0)
    if best_hits < rules.status_min_hits or best_hits < _DOMINANCE * runner_up:
        return "", best_hits
    return best, best_hits


def _section_text(section: Section) -> str:
    return section.heading + ". " + "\n".join(block.text for block in section.blocks)


def status_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """A topic whose text moved from one phase to another (planning → go-live → hand-over → improvement).

    Only sections that are one matter (e.g. a project under "Avrapportering av pågående ärenden"),
    not a unit of the organisation or a section inside one."""
    for pair in diff.pairs:
        if pair.old is None or pair.new is None or pair.new.level < 2 and pair.old.level < 2:
            continue
        if all(change.op is BlockOp.EQUAL for change in pair.blocks) and pair.blocks:
            continue
        if any(is_unit_heading(heading, rules) for heading in pair.new_path[-2:]):
            continue  # a unit, or a part of one, covers many matters: its words tell no one topic's phase
        old_phase, _ = phase_of(_section_text(pair.old), rules)
        new_phase, hits = phase_of(_section_text(pair.new), rules)
        if not old_phase or not new_phase or old_phase == new_phase:
            continue
        if rules.status_order.index(new_phase) < rules.status_order.index(old_phase):
            continue  # topics move forward; a backward reading is more likely noise than news
        old_said = _phase_evidence(pair.old, pair.old_path, old_phase, "old", rules)
        new_said = _phase_evidence(pair.new, pair.new_path, new_phase, "new", rules)
        if old_said is None or new_said is None:
            continue  # no sentence says it: no claim
        labels = rules.status_labels
        yield Event(
            kind=EventKind.STATUS_CHANGE,
            title=f"{pair.new.heading}: {labels.get(old_phase, old_phase)} → {labels.get(new_phase, new_phase)}",
            text=new_said.sentence,
            section_path=pair.new_path,
            line=new_said.line,
            rule=f"status.{new_phase}",
            topic=pair.new.heading,
            old_status=old_phase,
            new_status=new_phase,
            side="new",
            evidence=[new_said, old_said],
            why=f"the section reads as {old_phase} in the old report and {new_phase} in the new one ({hits} cue words)",
        )


def _phase_evidence(section: Section, path: tuple[str, ...], phase: str, side: str, rules: Rules) -> Evidence | None:
    """The sentence of ``section`` with the most cue words of ``phase``: what states the phase."""
    best: tuple[int, Block, str] | None = None
    for block in section.blocks:
        for _, sentence in split_sentences(block.text):
            hits = phase_hits(sentence, rules)[phase]
            if hits and (best is None or hits > best[0]):
                best = (hits, block, sentence)
    return evidence(best[1], best[2], path, side) if best else None


STATUS_WORDS_SHOWN = 8


def first_phase(texts: list[str], rules: Rules) -> tuple[str, bool]:
    """The phase of the first section (in document order) that reads clearly, else the first that leans.

    Sections are read one by one: a project's own section ("FVIS Cosmic") says where it stands,
    and pooling it with a department's note about the same system blurs that.
    """
    phases = [_phase(text, rules) for text in texts]
    return next((found for found in phases if found[1]), next((found for found in phases if found[0]), ("", False)))


def _phase(text: str, rules: Rules) -> tuple[str, bool]:
    """The rule file's phase when it is clear; else the leading phase (tentative) when one leads alone."""
    phase, _ = phase_of(text, rules)
    if phase:
        return phase, True
    counts = phase_hits(text, rules)
    best = max(counts.values(), default=0)
    leaders = [name for name, hits in counts.items() if hits == best]
    return (leaders[0], False) if best > 0 and len(leaders) == 1 else ("", False)


def status_words(text: str, rules: Rules) -> list[str]:
    """The cue words of the rule file (phases, starts, completions) found in ``text``, as written."""
    from reportdiff.text.stem import WORD

    words = WORD.findall(text)
    tokens = rules.tokens(text)
    by_first = _cue_index(rules)
    found: list[str] = []
    for at, token in enumerate(tokens):
        for phrase in by_first.get(token, ()):
            if tuple(tokens[at : at + len(phrase)]) == phrase:
                written = " ".join(words[at : at + len(phrase)]).lower()
                if written not in found:
                    found.append(written)
                break
    return found[:STATUS_WORDS_SHOWN]


_CUE_INDEXES: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _cue_index(rules: Rules) -> dict[str, list[tuple[str, ...]]]:
    """Cue phrases of the phases, starts and completions by their first stem, longest first."""
    index = _CUE_INDEXES.get(id(rules))
    if index is None:
        index = {}
        for cues in [*rules.status_cues.values(), rules.start, rules.done]:
            for phrase in cues.phrases:
                index.setdefault(phrase[0], []).append(phrase)
        for phrases in index.values():
            phrases.sort(key=len, reverse=True)
        _CUE_INDEXES[id(rules)] = index
    return index
