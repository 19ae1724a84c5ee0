"""Sentences that state a start, a completion, a change of stage or a person in a role.

In a section both reports have, only inserted or reworded sentences are read: what stands
unchanged is last month's news. In a section only NEW has, every sentence is read. Each event
carries its sentence as evidence; a sentence that states nothing by these rules gives none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportdiff.classify.common import (
    ahead,
    changed_sentences,
    evidence,
    find_cue,
    heading_evidence,
    is_count,
    is_one_matter,
    item_name,
    negated,
    section_counts,
    shorten,
    title_from,
    word_offset,
)
from reportdiff.classify.rules import Rules, literal_tokens
from reportdiff.figures import split_sentences
from reportdiff.model import (
    Block,
    BlockKind,
    BlockOp,
    DocumentDiff,
    Event,
    EventKind,
    Evidence,
    Section,
    SectionStatus,
)
from reportdiff.text.dates import MONTH_PATTERN
from reportdiff.text.stem import WORD, content_stems, stems

_PEOPLE_WINDOW = 8  # a people cue counts only this many words from the role word
_SAME_MATTER_WORDS = 2  # content words two sentences share when they speak of one matter
_DEFINITE = ("en", "et", "na")  # "inledde hösten med", "avslutade mötet med": the occasion, then "med"
# Before a cue word these make it an adjective ("ett avslutat kapitel", "de beslutade uppdragen").
_DETERMINERS = frozenset({"en", "ett", "den", "det", "de", "denna", "detta", "dessa", "övriga", "alla", "samtliga"})


@dataclass(slots=True)
class Reading:
    """What one sentence states, by the rules: its kind, the rule, a stage, and why."""

    kind: EventKind
    rule: str
    why: str
    stage: str = ""
    at: int = 0  # the word that cued it
    confident: bool = True
    label: str = ""  # the new state in the report's words, where no stage names it ("ökat")


def read_sentence(sentence: str, rules: Rules) -> Reading | None:
    """What ``sentence`` states, or None. A person in a role first, then a change of stage (paused,
    delayed, procured …), a rise or fall, a proposal, then a completion, then a start; a cue after a negation ("har inte
    påbörjats") or before a word of work still going on ("slutförs under våren", "pågår") does not count."""
    tokens = rules.tokens(sentence)
    words = literal_tokens(sentence)
    if rules.quick_reading and rules.sentence_stems.isdisjoint(tokens) and rules.sentence_words.isdisjoint(words):
        return None  # no cue that a reading starts from: four sentences in five, at the cost of two set tests
    people, people_at = _people_hit(tokens, sentence, rules)
    if people:
        return Reading(EventKind.PEOPLE, people, "a role word with a cue of a change beside it", at=people_at)
    tokens = _names_masked(tokens, sentence)
    for stage in rules.stage_order:
        hit = find_cue(tokens, rules.stage_cues[stage], rules, words)
        if hit is not None and (not hit[1] or _decided(tokens, hit[0], rules)):
            staged = Reading(EventKind.STATUS_CHANGE, f"sentence.stage.{stage}", f"stage cue: {stage}", stage, hit[0])
            done = _done_cue(sentence, tokens, words, rules) if stage in _ENDING_STAGES else None
            if done is not None and done[1]:  # "Upphandlingen har avslutats och avtal har tecknats"
                return _done_reading(sentence, tokens, words, *done, rules) or staged
            return staged
    trend = _trend_at(sentence, tokens, words, rules)
    if trend is not None:
        why = "a measure said to have risen or fallen (har … ökat / minskat)"
        relayed = _relayed(words, trend, rules)
        if relayed:
            why += "; in what the report relays another report or survey saying: withheld"
        label = words[trend].removesuffix("s")
        return Reading(EventKind.STATUS_CHANGE, "sentence.trend", why, at=trend, label=label, confident=not relayed)
    proposed = find_cue(tokens, rules.proposal, rules, words)
    if proposed is not None and not proposed[1]:
        why = "a change proposed: a matter put before the politicians, not yet decided"
        relayed = _relayed(words, proposed[0], rules)  # "Kartläggningen visar att … föreslås": its finding
        if relayed:
            why += "; in what the report relays a survey or report saying: withheld"
        return Reading(EventKind.NEW_INITIATIVE, "sentence.proposal", why, at=proposed[0], confident=not relayed)
    done = _done_cue(sentence, tokens, words, rules)
    if done is not None and not _started_and_running(tokens, words, done[0], rules):
        return _done_reading(sentence, tokens, words, *done, rules)
    return _start_reading(tokens, words, rules)


def _started_and_running(tokens: list[str], words: list[str], at: int, rules: Rules) -> bool:
    """Whether the done cue at ``at`` says a thing begun is running ("Piloten startade den 2 februari
    och är nu i drift"): in operation after a start in the same sentence is the start, not an end;
    after a word of a thing put in place ("är infört och i drift") it is done."""
    running = words[at : at + 2] in (["i", "drift"], ["i", "bruk"])
    in_place = set(rules.in_place.find(tokens))  # "är infört och i drift": in place, done
    return running and any(index < at and index not in in_place for index in rules.start.find(tokens))


# Stages that end a matter's step: with a done cue in the same sentence ("avslutades … och har nu
# utvärderats"), the sentence says the matter is done.
_ENDING_STAGES = ("procured", "evaluated")


def _done_cue(sentence: str, tokens: list[str], words: list[str], rules: Rules) -> tuple[int, bool] | None:
    """The done cue that states something ("har avslutats"), and whether it is sure (a cue of an
    activity held is not, unless it names a matter that ends); None when there is none."""
    for cues, confident in ((rules.done, True), (rules.held, _names_a_matter(tokens, words, rules))):
        done = find_cue(tokens, cues, rules)
        if done is None or done[1] or is_count(sentence, done[0]):
            continue
        if words[done[0] + 1 : done[0] + 2] == ["att"] or not _states(words, done[0]):
            continue  # "det blev klart att …", "mötet avslutades med …", "en klar förbättring"
        return done[0], confident
    return None


def _done_reading(
    sentence: str, tokens: list[str], words: list[str], at: int, confident: bool, rules: Rules
) -> Reading | None:
    """What a done cue at ``at`` states: a matter resolved, a stage reached (part done), or nothing
    when the sentence says work goes on ("avslutas i maj", "arbetet pågår")."""
    if rules.ongoing.find(words):
        return None
    if rules.partial.find(tokens) or _PART_OF.search(sentence):
        why = "done cue in a sentence that says only part is done: a stage reached"
        return Reading(EventKind.STATUS_CHANGE, "sentence.stage.partial", why, "partial", at)
    why = "done cue, nothing said to go on or lie ahead"
    if not confident:
        why = "done cue that as often tells of an activity held as of a matter finished: withheld"
    elif _PERIODIC.search(sentence[: word_offset(sentence, at)].lower()):
        why = (
            "done cue of an edition of something periodic, named by its year ('Bokslutet för 2025'): routine, withheld"
        )
        confident = False
    return Reading(EventKind.RESOLVED, "sentence.done", why, at=at, confident=confident)


# What is named by its year before the done cue is an edition of something periodic: "Bokslutet för
# 2025 är klart", "2025 års medarbetarenkät är genomförd" (the words lower-cased, as cues see them).
# A preposition first dates the sentence instead ("Under 2024 har flytten genomförts").
_PERIODIC = re.compile(
    r"^(?!(?:under|i|sedan|efter|före|inför|från|till|per|mellan|hela)\b)\w+ (?:för )?(?:19|20)\d\d\b"
    r"|^(?:19|20)\d\d års \w+"
)


def _start_reading(tokens: list[str], words: list[str], rules: Rules) -> Reading | None:
    """A start stated (news), announced, withheld (relayed, a routine), or work on a matter said to
    be under way; None when the sentence states no start."""
    start = find_cue(tokens, rules.start, rules) or find_cue(tokens, rules.start_literal, rules, words)
    if start is None:
        underway = underway_matter(words, tokens, rules)
        if underway is None:
            return None
        why = "work said to be under way on a matter"
        return Reading(EventKind.NEW_INITIATIVE, "sentence.underway", why, at=underway[1])
    if not _states(words, start[0]):
        return None
    if rules.time_clause.find(words[max(0, start[0] - _TIME_CLAUSE_WINDOW) : start[0]]):
        return None  # "sedan programmet startade har …": a time, not a start
    if start[1]:
        return Reading(EventKind.NEW_INITIATIVE, "sentence.start.planned", "start cue, announced", at=start[0])
    if _relayed(words, start[0], rules):
        why = "start cue in what the report relays somebody saying: withheld"
        return Reading(EventKind.NEW_INITIATIVE, "sentence.start", why, at=start[0], confident=False)
    if rules.routine.find(words[start[0] + 1 :]):
        why = "start cue of a way of working (a routine, regular meetings): withheld"
        return Reading(EventKind.NEW_INITIATIVE, "sentence.start", why, at=start[0], confident=False)
    return Reading(EventKind.NEW_INITIATIVE, "sentence.start", "start cue", at=start[0])


def underway_matter(words: list[str], tokens: list[str], rules: Rules) -> tuple[int, int] | None:
    """Where a sentence says work on a matter is under way ("Arbetet med att upphandla ett nytt larm
    pågår"): the index of the matter's verb and of the word that says it goes on, or None. Not
    when that word is negated or announced ("arbetet med att … kommer att fortsätta")."""
    if 0 not in rules.underway_lead.find(words):
        return None  # the work must be the sentence's subject, its first words
    verb = words.index("att") + 1 if "att" in words else 1  # "Arbetet med att | upphandla …"
    goes_on = [index for index in rules.underway.find(words) if index > verb + 1]
    if goes_on and not negated(tokens, goes_on[0], rules) and not ahead(tokens, goes_on[0], rules):
        return verb, goes_on[0]
    return None


def _forms(sentence: str, heading: str, rules: Rules) -> bool:
    """Whether ``sentence`` says the unit of its heading was formed ("Division Y bildades den 1 maj")."""
    named = content_stems(heading)
    return bool(named) and named <= content_stems(sentence) and not rules.forming.isdisjoint(literal_tokens(sentence))


def _names_masked(tokens: list[str], sentence: str) -> list[str]:
    """``tokens`` with the words capitalised mid-sentence masked: they are names ("Division Planerad
    vård bildades …"), and a name is no cue of the future, a negation or a start."""
    written = WORD.findall(sentence)
    return [
        "#name" if index > 0 and written[index][:1].isupper() and written[index][1:2].islower() else token
        for index, token in enumerate(tokens)
    ]


def _decided(tokens: list[str], at: int, rules: Rules) -> bool:
    """Whether a decision stands before word ``at`` ("beslutade … att projekteringen ska
    återupptas"): what is decided to come is a stage reached now, the decision."""
    return any(not negated(tokens, index, rules) for index in rules.decision.find(tokens[:at]))


def _relayed(words: list[str], at: int, rules: Rules) -> bool:
    """Whether the cue at ``at`` stands in a clause the report relays: a verb of saying, then "att"."""
    for index, word in enumerate(words[:at]):
        if word in rules.reported_speech and "att" in words[index + 1 : at]:
            return True
    return False


def _states(words: list[str], at: int) -> bool:
    """Whether the cue word at ``at`` states that something began or ended: not an adjective after a
    determiner ("en klar förbättring", "övriga beslutade uppdrag"), not how an occasion opened or
    closed ("inledde hösten med …", "mötet avslutades med …")."""
    if at > 0 and words[at - 1] in _DETERMINERS:
        return False
    after = words[at + 1 : at + 3]
    return after[:1] != ["med"] and not (after[1:] == ["med"] and after[0].endswith(_DEFINITE))


_NUMBER = re.compile(r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d")  # a number that is not a year
# The monthly part of a report: its top-level heading names a month ("Månadsrapport mars").
_MONTH_IN_HEADING = re.compile(rf"\b(?:{MONTH_PATTERN})\b", re.IGNORECASE)
_TIME_CLAUSE_WINDOW = 3  # "sedan det nya programmet startade": the clause word up to this many words before
_NUMBER_WORD = r"(?:\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)"
# "tre av sex datortomografer är i drift": part of a whole is done, a stage reached
_PART_OF = re.compile(rf"\b{_NUMBER_WORD}\s+av\s+{_NUMBER_WORD}\b", re.IGNORECASE)
_PERFECT_WINDOW = 6  # "har sedan december förra året ökat": the auxiliary up to this many words before


def _trend_at(sentence: str, tokens: list[str], words: list[str], rules: Rules) -> int | None:
    """The word of a rise or fall: stated in the perfect ("har … ökat"), or someone raising or
    cutting something by a stated amount in the past tense ("minskade kostnaderna med en tredjedel");
    not negated, not ahead, not told as slight ("har minskat marginellt"), not an adjective ("ett
    ökat behov"). A sentence with figures counts only where someone raised or cut something and its
    figures give the size of that change ("har ökat antalet vårdplatser med 46 procent, vilket
    motsvarar 12 platser"), comparing no periods: "Antalet besök har minskat med 3 procent jämfört
    med …" is a key figure, the figure table's."""
    numbered = bool(_NUMBER.search(sentence))
    if numbered and (rules.comparison.find(words) or not _figures_are_sizes(sentence, rules)):
        return None
    perfect = {
        index
        for index in rules.trend.find(words)
        if rules.perfect & set(words[max(0, index - _PERFECT_WINDOW) : index])
    }
    past = set(rules.trend_past.find(words))
    for index in sorted(perfect | past):
        if negated(tokens, index, rules) or ahead(tokens, index, rules):
            continue
        if words[index + 1 : index + 2] and words[index + 1] in _SLIGHT:
            continue
        if index > 0 and words[index - 1] in _DETERMINERS:
            continue  # "har det uppstått ett ökat behov": an adjective, the perfect is another verb's
        if _CONSEQUENCE & set(words[max(0, index - 3) : index]):
            continue  # "… infört ett nytt schema, vilket har minskat sjukfrånvaron": a consequence told
        changes_something = _raises_or_cuts(words, index)
        if (index in past or numbered) and not changes_something:
            continue
        if index in past and not _CHANGE_SIZE.match(" ".join(words[index + 1 :])):
            continue
        return index
    return None


_CONSEQUENCE = frozenset({"vilket", "vilken", "vilka"})  # a clause that tells what something led to
_SLIGHT = frozenset({"marginellt", "något", "obetydligt", "svagt", "lite", "aningen", "knappt"})
_NOT_AN_OBJECT = frozenset({"igen", "sedan", "sen", "den", "det", "en", "ett"})
# The size of a change, in the words after its verb: "… med 46 procent", "… med nästan en tredjedel".
_CHANGE_SIZE = re.compile(
    r"^(?:\S+ ){0,6}?med (?:\S+ ){0,2}?(?:\d|en \w+del\b|\w+delar\b|hälften\b|"
    r"(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo|hundra)\b)"
)
_CLAUSE_BREAK = re.compile(r"[,;:–—(]")


def _raises_or_cuts(words: list[str], index: int) -> bool:
    """Whether the trend verb at ``index`` takes an object: someone raised or cut something
    ("har ökat antalet vårdplatser", "minskade kostnaderna"), not a measure that moved by itself."""
    following = words[index + 1 : index + 2]
    return bool(following) and following[0] not in _NOT_AN_OBJECT and following[0].endswith(_DEFINITE)


def _figures_are_sizes(sentence: str, rules: Rules) -> bool:
    """Whether every number of ``sentence`` gives the size of a change: right after "med" (up to two
    words between: "med i genomsnitt 20 procent"), or in a clause that restates it ("vilket
    motsvarar 12 vårdplatser", "– vilket innebär en besparing på 230 miljoner")."""
    for match in _NUMBER.finditer(sentence):
        before = sentence[: match.start()]
        near = literal_tokens(before)[-3:]
        clause = literal_tokens(_CLAUSE_BREAK.split(before)[-1])
        if "med" not in near and not rules.restating.find(clause):
            return False
    return True


def sentence_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """Events stated by the inserted or reworded sentences of sections both reports have. A paragraph
    tells one matter: its first sentence of each kind speaks for it, further ones are withheld."""
    rarity: dict[str, int] | None = None  # OLD's words by how many sections hold them, counted when needed
    spoken: dict[str, set[str]] = {}  # OLD's sentences' matter stems, made once, not once per start
    for pair in diff.pairs:
        if pair.status in (SectionStatus.ADDED, SectionStatus.REMOVED) or pair.new is None:
            continue
        heading = pair.new.heading
        announced: list[tuple[Block, str, set[str]]] | None = None  # OLD's planned starts, read when needed
        for change in pair.blocks:
            if change.op in (BlockOp.EQUAL, BlockOp.DELETE) or change.new is None:
                continue
            if change.op is BlockOp.INSERT and change.new.kind is BlockKind.LIST_ITEM:
                continue  # reported as a list item
            if change.op is BlockOp.MOVE and not change.ops:
                continue
            told: set[EventKind] = set()
            for sentence in changed_sentences(change):
                event = sentence_event(sentence, change.new, pair.new_path, heading, rules)
                if event is None:
                    continue
                if event.rule == "sentence.trend" and _MONTH_IN_HEADING.search(pair.new_path[0]):
                    event.confident = False  # the month's key figures are the figure table's to tell
                    event.why += "; in the monthly part, whose figures the figure table tells"
                if event.rule == "sentence.underway" and _spoken_of(
                    sentence, pair.old.blocks if pair.old else [], rules
                ):
                    continue  # work going on with a matter the old report's section already told
                if event.rule == "sentence.start" and pair.old is not None:
                    if announced is None:
                        announced = _planned_starts(pair.old.blocks, rules)
                    _started_as_planned(event, sentence, announced, pair.old_path)
                    _in_place_as_spoken_of(event, sentence, pair.old.blocks, pair.old_path, rules)
                    if rarity is None:
                        rarity = section_counts(diff.old)
                    _known_matter_moved_on(event, sentence, pair.old, pair.old_path, rarity, spoken, rules)
                    if (pair.merged_from or pair.split_into or pair.renamed) and _forms(sentence, heading, rules):
                        event.confident = False
                        event.why += "; the forming of the section's own unit, which the reorganisation tells"
                _tell_once(event, told, "a paragraph")
                yield event


def new_section_events(
    blocks: list[Block], path: tuple[str, ...], heading: str, rules: Rules, one_story: bool = True
) -> list[Event]:
    """Events stated by the sentences and list items of a section only NEW has. In a section about
    one matter (``one_story``), the first paragraph sentence of each kind speaks for it and further
    ones are withheld (``--explain``): its story is told once. In a unit's or a standing part's
    section each sentence may be news of its own, and each list item is a matter of its own."""
    events: list[Event] = []
    told: set[EventKind] = set()
    for block in blocks:
        if block.kind is BlockKind.CAPTION:
            continue
        sentences = [block.text] if block.kind is BlockKind.LIST_ITEM else [s for _, s in split_sentences(block.text)]
        for sentence in sentences:
            event = sentence_event(sentence, block, path, heading, rules)
            if event is None:
                continue
            if block.kind is BlockKind.LIST_ITEM:
                event.title = f"{heading}: {item_name(block.text)}" if heading else item_name(block.text)
            elif one_story:
                _tell_once(event, told, "a new section")
            events.append(event)
    return events


def _tell_once(event: Event, told: set[EventKind], where: str) -> None:
    """The first confident event of each kind in one place speaks for it; later ones are withheld."""
    if not event.confident:
        return
    if event.kind in told:
        event.confident = False
        event.why += f"; a further sentence of {where} that already has an event of this kind"
    else:
        told.add(event.kind)


def sentence_event(sentence: str, block: Block, path: tuple[str, ...], heading: str, rules: Rules) -> Event | None:
    """The event ``sentence`` states, with the sentence as its evidence, or None."""
    reading = read_sentence(sentence, rules)
    if reading is None:
        return None
    label = rules.stage_labels.get(reading.stage, "")
    at = word_offset(sentence, reading.at)
    said = evidence(block, sentence, path, "new", at)
    return Event(
        kind=reading.kind,
        title=title_from(sentence, heading, at),  # the sentence says what changed; the label, to what
        text=shorten(sentence, keep=at),
        section_path=path,
        line=said.line,
        rule=reading.rule,
        topic=heading,
        new_status=label or reading.label,
        side="new",
        evidence=[said],
        why=reading.why,
        confident=reading.confident,
    )


def _planned_starts(blocks: list[Block], rules: Rules) -> list[tuple[Block, str, set[str]]]:
    """The sentences of OLD that announce a start ("ska påbörjas i höst", "planeras starta"), with
    their content stems."""
    found = []
    for block in blocks:
        for _, sentence in split_sentences(block.text):
            plain = stems(sentence)  # every form of a start verb counts here: "ska påbörjas", "planeras starta"
            starts = rules.start.find(plain)
            if any(word in rules.future for index in starts for word in plain[max(0, index - 4) : index]):
                found.append((block, sentence, content_stems(sentence)))
    return found


def _started_as_planned(
    event: Event, sentence: str, announced: list[tuple[Block, str, set[str]]], old_path: tuple[str, ...]
) -> None:
    """A start that the old report announced for the same matter (two content words shared) is the
    matter moving from planned to started: a status change, with both sentences as evidence."""
    words = content_stems(sentence)
    for block, planned, planned_words in announced:
        if len(words & planned_words) >= _SAME_MATTER_WORDS:
            event.kind = EventKind.STATUS_CHANGE
            event.rule = "sentence.stage.started"
            event.old_status, event.new_status = "planerat", "startat"
            event.title = f"{event.topic}: planerat → startat" if event.topic else event.title
            event.evidence.append(evidence(block, planned, old_path, "old"))
            event.why = "a start the old report announced for the same matter"
            return


def _names_a_matter(tokens: list[str], words: list[str], rules: Rules) -> bool:
    """Whether the sentence names a matter that can be finished ("flytten", "upphandlingen"), not as
    the agent of the verb ("har genomförts av projektet")."""
    return any(index == 0 or words[index - 1] != "av" for index in rules.matters.find(tokens))


def _people_hit(tokens: list[str], sentence: str, rules: Rules) -> tuple[str, int]:
    """``people.acting`` or ``people.role`` when a role word (one person's: ``verksamhetschef``,
    ``regiondirektören``) has a cue of a change near it ("har utsetts", "tillträdde den 1 februari
    som", "Ny …"), with the role word's index; ("", 0) when none."""
    words = literal_tokens(sentence)
    roles = [index for index, word in enumerate(words) if is_role(word, rules)]
    if not roles:
        return "", 0
    if any(word.strip(".,;:()").lower() in rules.acting for word in sentence.split()):
        return "people.acting", roles[0]
    cues = rules.people_cues.find(words)
    planned = bool(rules.ongoing.find(words))  # "Rekryteringen av en ny verksamhetschef pågår": no one yet
    for role in roles:
        new = not planned and any(word in rules.people_new for word in words[max(0, role - 2) : role])
        if new or any(abs(cue - role) <= _PEOPLE_WINDOW for cue in cues):
            return "people.role", role
    return "", 0


def is_role(word: str, rules: Rules) -> bool:
    """Whether a lower-cased word names one person's role: a role word, or a compound ending in
    one, in its singular form with or without the definite ending ("chefen", "direktören")."""
    for form in (word, word.removesuffix("en"), word.removesuffix("n")):
        if form.endswith(rules.roles):
            return True
    return False


def _spoken_of(sentence: str, old_blocks: list[Block], rules: Rules) -> bool:
    """Whether the matter that ``sentence`` says is under way is one the old section spoke of: two
    content words of the matter (or its one word) shared with one of the old sentences."""
    words = literal_tokens(sentence)
    where = underway_matter(words, rules.tokens(sentence), rules)
    if where is None:
        return False
    matter = content_stems(" ".join(words[where[0] : where[1]]))
    need = min(_SAME_MATTER_WORDS, len(matter))
    return any(
        len(matter & content_stems(spoken)) >= need for block in old_blocks for _, spoken in split_sentences(block.text)
    )


def _in_place_as_spoken_of(
    event: Event, sentence: str, old_blocks: list[Block], old_path: tuple[str, ...], rules: Rules
) -> None:
    """A thing now in place ("har etablerats") that the old report's section already spoke of (two
    content words shared with one of its sentences or list items: a procurement, a plan) is that
    matter done, not a new one: resolved, with both sentences as evidence."""
    if event.kind is not EventKind.NEW_INITIATIVE or not rules.in_place.find(rules.tokens(sentence)):
        return
    words = content_stems(sentence)
    for block in old_blocks:
        for _, spoken in split_sentences(block.text):
            if len(words & content_stems(spoken)) >= _SAME_MATTER_WORDS:
                event.kind = EventKind.RESOLVED
                event.rule = "sentence.in_place"
                event.why = "a thing now in place that the old report's section already spoke of"
                event.evidence.append(evidence(block, spoken, old_path, "old"))
                return


def _known_matter_moved_on(
    event: Event,
    sentence: str,
    old: Section,
    old_path: tuple[str, ...],
    rarity: dict[str, int],
    spoken: dict[str, set[str]],
    rules: Rules,
) -> None:
    """A start of a matter the old report's section (or one below it) already spoke of is that
    matter moving on, not a new one ("Piloten startade den 3 november" after "En pilot … startar i
    november"; "… har inletts" after "förberedelserna … pågår"): a status change, both sentences as
    evidence. The matter is what the lower-case words name, two of them shared: names of places
    and units ("Kalix", "Sunderbyn") tell where, not what; and one of the two must be a word few
    sections of the old report use (``hemmonitorering``), since words many use ("pilot",
    "hälsocentral") are shared by different matters. A decision ("har beslutat att …") stays news:
    deciding on a matter's next step is itself new. ``spoken``: the matter stems of OLD's sentences,
    filled as they are read (every start in a section read them all again: 1.2 s at 100x)."""
    if event.kind is not EventKind.NEW_INITIATIVE or event.rule not in _MOVES_ON or not event.confident:
        return
    tokens = rules.tokens(sentence)
    start = find_cue(tokens, rules.start, rules)
    if start is not None and rules.decision.find(tokens[start[0] : start[0] + 1]):
        return
    if rules.as_planned.find(literal_tokens(sentence)):
        _moved_on(event, heading_evidence(old, old_path, "old"))
        event.why = "a start said to follow a plan: a matter announced before, moving on"
        return
    matter = matter_stems(sentence, rules)
    if is_one_matter(old.heading, rules):
        named = matter_stems(old.heading, rules)  # one word ("Vårdplatser") names a field, not a matter
        if len(matter & named) >= _SAME_MATTER_WORDS:
            _moved_on(event, heading_evidence(old, old_path, "old"))
            return
    for part_path, part in old.walk_with_path(old_path[:-1]):
        for block in part.blocks:
            for _, said in split_sentences(block.text):
                if said not in spoken:
                    spoken[said] = matter_stems(said, rules)
                shared = matter & spoken[said]
                if len(shared) >= _SAME_MATTER_WORDS and min(rarity.get(word, 0) for word in shared) <= _RARE:
                    _moved_on(event, evidence(block, said, part_path, "old"))
                    return


# A start or a proposal of a known matter is its next stage: the rule it moves to, and the stage's label.
_MOVES_ON = {
    "sentence.start": ("sentence.stage.started", "startat"),
    "sentence.proposal": ("sentence.stage.proposed", "föreslaget"),
}


def _moved_on(event: Event, said_before: Evidence) -> None:
    """``event``, a start or a proposal, made the status change of a known matter, with what the
    old report said of it."""
    event.rule, event.new_status = _MOVES_ON[event.rule]
    event.kind = EventKind.STATUS_CHANGE  # the title stays the sentence: it says what moved on
    event.evidence.append(said_before)
    event.why = "a start of a matter the old report's section already spoke of: it moved on"


def matter_stems(sentence: str, rules: Rules) -> set[str]:
    """The stems of what a sentence is about: its lower-case content words, less the cue words of
    starts and completions (names, capitalised inside the sentence, tell where or who)."""
    written = WORD.findall(sentence)
    lower = " ".join(word for index, word in enumerate(written) if index == 0 or not word[:1].isupper())
    cue_stems = set(rules.start.by_first) | set(rules.done.by_first)
    return content_stems(lower) - cue_stems


_RARE = 2  # a word in at most this many sections of a report names a matter of its own
