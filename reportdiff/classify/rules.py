"""The rule file: cue words kept as data, stemmed once when loaded.

The built-in rules (``reportdiff/classify/builtin_rules.py``) always apply; a user's own TOML
file, named in the configuration (``[tool.reportdiff.rules] file = "..."``), extends them: lists
are added to, scalars replaced. A rule file that cannot be read is a :class:`ConfigError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportdiff.errors import ConfigError
from reportdiff.text.stem import WORD, stem

COMPOUND_CUE = 7  # a cue word this long can open a compound; shorter ones ("avtal", "avslut") open too many words
COMPOUND_HEAD = 4  # ... and a word of at least this many letters must follow it (after a linking "s")


@dataclass(slots=True)
class Cues:
    """Cue phrases as tuples of stems; a phrase matches a run of equal stems in a sentence."""

    phrases: list[tuple[str, ...]] = field(default_factory=list)
    by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    # One word of each phrase, its longest: a sentence without any of them holds none of the
    # phrases. Sharper than the first words, which are often "i", "har", "till".
    needles: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        self.needles = frozenset(max(phrase, key=len) for phrase in self.phrases)

    @classmethod
    def of(cls, words: list[str], ambiguous: frozenset[str] = frozenset()) -> Cues:
        seen: set[tuple[str, ...]] = set()
        phrases: list[tuple[str, ...]] = []
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for word in words:
            phrase = _key(word, ambiguous)
            if phrase and phrase not in seen:
                seen.add(phrase)
                phrases.append(phrase)
                by_first.setdefault(phrase[0], []).append(phrase)
        return cls(phrases, by_first)

    @classmethod
    def literal(cls, words: list[str]) -> Cues:
        """Phrases matched word for word, lower-cased, not by stem: ``pausades`` is a stage
        reached, while the stem would also match ``pausas`` read as a plan."""
        phrases = list(dict.fromkeys(tuple(literal_tokens(word)) for word in words if literal_tokens(word)))
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            by_first.setdefault(phrase[0], []).append(phrase)
        return cls(phrases, by_first)

    def find(self, tokens: list[str]) -> list[int]:
        """Indexes in ``tokens`` (stems) where one of the phrases starts."""
        if self.needles.isdisjoint(tokens):  # most sentences hold no cue of a kind: one test in C
            return []
        by_first = self.by_first
        hits: list[int] = []
        for index, token in enumerate(tokens):
            for phrase in by_first.get(token, ()):
                if len(phrase) == 1 or tuple(tokens[index : index + len(phrase)]) == phrase:
                    hits.append(index)
                    break
        return hits


@dataclass(slots=True)
class Rules:
    start: Cues
    done: Cues
    negations: frozenset[str]
    future: frozenset[str]
    ahead: frozenset[str]
    initiative_nouns: Cues
    list_order: list[str]
    list_cues: dict[str, Cues]
    list_ignore: Cues
    status_order: list[str]
    status_labels: dict[str, str]
    status_cues: dict[str, Cues]
    status_min_hits: int
    roles: tuple[str, ...]  # role words as written; a word that is one or ends in one (a compound) is a role
    people_cues: Cues
    acting: frozenset[str]
    date_future: Cues
    date_past: frozenset[str]
    date_past_endings: tuple[str, ...]
    weights: dict[str, float]
    figure_importance: dict[str, float]
    people_new: frozenset[str] = frozenset()
    held: Cues = field(default_factory=Cues)
    matters: Cues = field(default_factory=Cues)
    partial: Cues = field(default_factory=Cues)
    matter_lists: tuple[str, ...] = ()  # words as written; a compound ending in one counts ("tillsynsärenden")
    ongoing: Cues = field(default_factory=Cues)
    trend: Cues = field(default_factory=Cues)
    in_place: Cues = field(default_factory=Cues)
    start_literal: Cues = field(default_factory=Cues)
    forming: frozenset[str] = frozenset()
    time_clause: Cues = field(default_factory=Cues)
    reported_speech: frozenset[str] = frozenset()
    perfect: frozenset[str] = frozenset()
    trend_past: Cues = field(default_factory=Cues)
    comparison: Cues = field(default_factory=Cues)
    restating: Cues = field(default_factory=Cues)
    underway_lead: Cues = field(default_factory=Cues)
    underway: Cues = field(default_factory=Cues)
    proposal: Cues = field(default_factory=Cues)
    decision: Cues = field(default_factory=Cues)
    as_planned: Cues = field(default_factory=Cues)
    routine: Cues = field(default_factory=Cues)
    new_heading: Cues = field(default_factory=Cues)
    recurring_text: Cues = field(default_factory=Cues)
    recurring_headings: Cues = field(default_factory=Cues)
    unit_words: Cues = field(default_factory=Cues)
    unit_endings: tuple[str, ...] = ()
    stage_order: list[str] = field(default_factory=list)
    stage_labels: dict[str, str] = field(default_factory=dict)
    stage_cues: dict[str, Cues] = field(default_factory=dict)
    ambiguous: frozenset[str] = frozenset()
    source: str = "builtin"
    status_index: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    # one-word phase cues as written, long enough to open a compound ("förbättring" of "förbättringsprojektet")
    status_compounds: dict[str, str] = field(default_factory=dict)
    # The needles of every cue a sentence's reading starts from (classify.sentences.read_sentence):
    # a sentence with none of these stems and none of these words states no event. A person in a
    # role is read only beside a cue of a change, a word of newness or an acting word: theirs.
    sentence_stems: frozenset[str] = field(init=False, default=frozenset())
    sentence_words: frozenset[str] = field(init=False, default=frozenset())
    quick_reading: bool = field(init=False, default=True)  # False: an acting word without letters

    def __post_init__(self) -> None:
        for phase in self.status_order:
            for phrase in self.status_cues[phase].phrases:
                entry = (phase, phrase)
                if entry not in self.status_index.setdefault(phrase[0], []):
                    self.status_index[phrase[0]].append(entry)
        by_stem = (self.done, self.held, self.start)
        by_word = (self.trend, self.trend_past, self.proposal, self.start_literal, self.underway_lead, self.people_cues)
        acting = [literal_tokens(word) for word in self.acting]  # matched on the sentence's words as split
        self.quick_reading = all(acting)
        self.sentence_stems = frozenset().union(*(cues.needles for cues in by_stem))
        self.sentence_words = frozenset().union(
            *(cues.needles for cues in by_word),
            *(self.stage_cues[stage].needles for stage in self.stage_order),
            self.people_new,
            (max(tokens, key=len) for tokens in acting if tokens),
        )

    def tokens(self, text: str) -> list[str]:
        """The words of ``text`` as cues see them (see :func:`cue_token`)."""
        return _tokens(text, self.ambiguous)


def cue_token(word: str, ambiguous: frozenset[str]) -> str:
    """A word as cues see it: its stem, or for an ambiguous word the word itself, marked, so that
    it matches only itself: ``inför`` (ahead of) is a cue of the future, never ``införande``."""
    lowered = word.lower()
    return "=" + lowered if lowered in ambiguous else stem(lowered)


def literal_tokens(text: str) -> list[str]:
    """The words of ``text`` lower-cased, as literal cues see them."""
    return [word.lower() for word in WORD.findall(text)]


def _key(phrase: str, ambiguous: frozenset[str]) -> tuple[str, ...]:
    return tuple(cue_token(word, ambiguous) for word in WORD.findall(phrase))


@lru_cache(maxsize=4096)
def _tokens(text: str, ambiguous: frozenset[str]) -> list[str]:
    return list(_key(text, ambiguous))


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only for a user's rule file: the built-in rules are Python data

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read rule file ({error})") from None


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list) and key != "order":
            merged[key] = merged[key] + [item for item in value if item not in merged[key]]
        else:
            merged[key] = value
    return merged


def load_rules(extra_file: str | Path | None = None) -> Rules:
    """The built-in rules, extended by ``extra_file`` when given (merging copies; RULES stays as it is)."""
    from reportdiff.classify.builtin_rules import RULES

    data = RULES
    source = "builtin"
    if extra_file:
        data = _merge(data, _read(Path(extra_file)))
        source = str(extra_file)
    return _build(data, source)


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The built-in rules, built once. A user's rule file is the caller's to load (:func:`load_rules`):
    the CLI reads the configuration and passes the rules on; the library reads no configuration."""
    return load_rules()


def _words(table: dict[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"rules: {key} must be a list of words")
    return value


def _build(data: dict[str, Any], source: str) -> Rules:
    """The :class:`Rules` of merged rule data. Over 60 lines: one line per table and key of the
    rule file, read and checked in the order docs/figures-and-events.md lists them."""
    events = data.get("events", {})
    lists = data.get("lists", {})
    status = data.get("status", {})
    people = data.get("people", {})
    dates = data.get("dates", {})
    sections = data.get("sections", {})
    stages = data.get("stages", {})
    stage_order = _words(stages, "order")
    list_order = _words(lists, "order")
    status_order = _words(status, "order")
    try:
        weights = {str(key): float(value) for key, value in data.get("weights", {}).items()}
        importance = {str(key): float(value) for key, value in data.get("figures", {}).get("importance", {}).items()}
        min_hits = int(status.get("min_hits", 2))
    except (TypeError, ValueError) as error:
        raise ConfigError(f"rules: weights must be numbers ({error})") from None
    ambiguous = frozenset(word.lower() for word in _words(events, "ambiguous"))

    def cues(table: dict[str, Any], key: str) -> Cues:
        return Cues.of(_words(table, key), ambiguous)

    def single_words(table: dict[str, Any], key: str) -> frozenset[str]:
        return frozenset(" ".join(_key(word, ambiguous)) for word in _words(table, key))

    return Rules(
        start=cues(events, "start"),
        done=cues(events, "done"),
        negations=single_words(events, "negations"),
        future=single_words(events, "future"),
        ahead=single_words(events, "ahead"),
        initiative_nouns=cues(events, "initiative_nouns"),
        list_order=list_order,
        list_cues={name: cues(lists, name) for name in list_order},
        list_ignore=cues(lists, "ignore_sections"),
        status_order=status_order,
        status_labels={name: str(status.get("labels", {}).get(name, name)) for name in status_order},
        status_cues={name: cues(status.get("cues", {}), name) for name in status_order},
        status_min_hits=min_hits,
        status_compounds={
            word.lower(): name
            for name in reversed(status_order)
            for word in _words(status.get("cues", {}), name)
            if " " not in word and len(word) >= COMPOUND_CUE
        },
        roles=tuple(word.lower() for word in _words(people, "roles")),
        people_cues=Cues.literal(_words(people, "cues")),
        people_new=frozenset(word.lower() for word in _words(people, "new")),
        acting=frozenset(word.lower() for word in _words(people, "acting")),
        date_future=cues(dates, "future"),
        date_past=frozenset(word.lower() for word in _words(dates, "past")),
        date_past_endings=tuple(ending.lower() for ending in _words(dates, "past_endings")),
        weights=weights,
        figure_importance=importance,
        held=cues(events, "held"),
        matters=cues(events, "matters"),
        partial=cues(events, "partial"),
        matter_lists=tuple(word.lower() for word in _words(sections, "matter_lists")),
        ongoing=Cues.literal(_words(events, "ongoing")),
        trend=Cues.literal(_words(events, "trend")),
        in_place=cues(events, "in_place"),
        start_literal=Cues.literal(_words(events, "start_literal")),
        forming=frozenset(word.lower() for word in _words(events, "forming")),
        time_clause=Cues.literal(_words(events, "time_clause")),
        reported_speech=frozenset(word.lower() for word in _words(events, "reported_speech")),
        perfect=frozenset(word.lower() for word in _words(events, "perfect")),
        trend_past=Cues.literal(_words(events, "trend_past")),
        comparison=Cues.literal(_words(events, "comparison")),
        restating=Cues.literal(_words(events, "restating")),
        underway_lead=Cues.literal(_words(events, "underway_lead")),
        underway=Cues.literal(_words(events, "underway")),
        proposal=Cues.literal(_words(events, "proposal")),
        decision=cues(events, "decision"),
        as_planned=Cues.literal(_words(events, "as_planned")),
        routine=Cues.literal(_words(events, "routine")),
        new_heading=cues(events, "new_heading"),
        recurring_text=cues(events, "recurring"),
        recurring_headings=cues(sections, "recurring"),
        unit_words=cues(sections, "units"),
        unit_endings=tuple(word.lower() for word in _words(sections, "unit_endings")),
        stage_order=stage_order,
        stage_labels={name: str(label) for name, label in stages.get("labels", {}).items()},
        stage_cues={name: Cues.literal(_words(stages.get("cues", {}), name)) for name in stage_order},
        ambiguous=ambiguous,
        source=source,
    )
