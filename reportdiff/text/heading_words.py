"""The organisation words of a report series: data, not rules, and never the only cue.

A regional report's skeleton is named with a few words: its parts (``Inledning``, ``Bilagor`` …),
its divisions (``Division …``), care areas (``VO …``, ``Verksamhetsområde …``) and departments
(``…avdelningen``, ``…enheten``). They give a heading its level; whether a line is a heading at
all is decided from its shape, the contents and what follows (docs/parsing.md). Another
organisation names its units otherwise, so the words can be extended or replaced in the
configuration:

    [tool.reportdiff.headings]
    parts = ["^miljöredovisning$"]     # regular expressions, any case, level 1 the first time
    divisions = ["Förvaltning"]        # a heading's first word: level 2
    care_areas = ["Område"]            # a heading's first word, case kept: one below its division
    departments = ["byrån"]            # how a heading's last word ends: level 2 outside a division
    replace = false                    # true: the lists given replace the built-in ones
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

from reportdiff.errors import ConfigError
from reportdiff.text.dates import MONTH_PATTERN

MONTHS = MONTH_PATTERN

DEFAULT_PARTS = (
    r"^inledning$",
    r"^sammanfattning$",
    rf"^(månadsrapport|resultat|månadsuppföljning|ekonomisk uppföljning)\b.*\b({MONTHS})\b",
    r"^aktuella händelser$",
    r"^avrapportering\b",
    r"^information från verksamhete[nr]a?$",
    r"^region ?gemensam[t]?$",
    r"^patientsäkerhet( och vårdhygien)?$",
    r"^smittskydd\b",
    r"^\S.*nämnden$",
    r"^analysrapport(er)?$",
    r"^(delårsrapport|årsredovisning|verksamhetsberättelse)\b",
    r"^bilag(a|or)$",
)


@dataclass(frozen=True)
class HeadingWords:
    """Which words name the report's parts, divisions, care areas and departments."""

    parts: tuple[str, ...] = DEFAULT_PARTS
    divisions: tuple[str, ...] = ("Division",)
    care_areas: tuple[str, ...] = ("VO", "Verksamhetsområde", "Verksamhetsområdet")
    departments: tuple[str, ...] = ("avdelningen", "enheten", "staben", "kansliet")

    def __hash__(self) -> int:  # computed once: pattern_kind's cache hashes the words on every call
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash((self.parts, self.divisions, self.care_areas, self.departments))

    @cached_property
    def part_patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(pattern, re.IGNORECASE) for pattern in self.parts)

    @cached_property
    def division_pattern(self) -> re.Pattern[str]:
        return _first_word(self.divisions, re.IGNORECASE)

    @cached_property
    def care_area_pattern(self) -> re.Pattern[str]:
        return _first_word(self.care_areas, 0)

    @cached_property
    def department_pattern(self) -> re.Pattern[str]:
        if not self.departments:
            return NEVER
        return re.compile("(" + "|".join(re.escape(word) for word in self.departments) + ")$", re.IGNORECASE)

    @classmethod
    def from_table(cls, table: dict[str, Any], where: str = "[tool.reportdiff.headings]") -> HeadingWords:
        """The built-in words extended (or, with ``replace = true``, replaced) by a configuration table."""
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(table) - known - {"replace"})
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))}, replace)")
        replace = table.get("replace", False)
        if not isinstance(replace, bool):
            raise ConfigError(f"{where}: replace must be true or false")
        base = cls()
        values: dict[str, tuple[str, ...]] = {}
        for name in known:
            given = table.get(name)
            if given is None:
                continue
            if not isinstance(given, list) or not all(isinstance(item, str) and item.strip() for item in given):
                raise ConfigError(f"{where}: {name} must be a list of words")
            old = () if replace else getattr(base, name)
            values[name] = old + tuple(item for item in given if item not in old)
        for pattern in values.get("parts", ()):
            try:
                re.compile(pattern)
            except re.error as error:
                raise ConfigError(f"{where}: parts: {pattern!r} is not a regular expression ({error})") from None
        return cls(**values)


NEVER = re.compile(r"(?!x)x")  # matches nothing: a kind switched off


def _first_word(words: tuple[str, ...], flags: int) -> re.Pattern[str]:
    if not words:
        return NEVER
    return re.compile(r"^(" + "|".join(re.escape(word) for word in words) + r")\s+\S", flags)


_BUILT_IN = HeadingWords()
_in_use: HeadingWords | None = None  # what the CLI configured for this run; None: the built-in words


def heading_words() -> HeadingWords:
    """The words a reader uses when it is given none: those the CLI configured for this run from
    ``[tool.reportdiff.headings]`` (:func:`use_heading_words`), else the built-in ones. The library
    itself never reads a configuration file."""
    return _BUILT_IN if _in_use is None else _in_use


def use_heading_words(words: HeadingWords | None) -> HeadingWords | None:
    """Make ``words`` the readers' default (None: the built-in words); returns the default before."""
    global _in_use
    previous, _in_use = _in_use, words
    return previous
