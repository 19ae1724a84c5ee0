"""Configuration of ``reportdiff check``: ``[tool.reportdiff.check]`` or ``[check]`` in reportdiff.toml.

    [tool.reportdiff.check]
    select = ["RD1", "RD2"]          # codes or prefixes; default: all
    ignore = ["RD604"]
    severity = { RD101 = "error" }
    standing = ["Bilagor", "Lex Maria*"]   # headings whose text is meant to stay the same
    min_words = 40                   # how long a section must be before copied text counts

Flags win over the file: ``--select`` replaces ``select``, ``--ignore`` adds to ``ignore``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportdiff.check.registry import RULES, matches_code
from reportdiff.errors import ConfigError
from reportdiff.model import Severity

_KEYS = {"select", "ignore", "severity", "standing", "min_words"}
# Settings of the check command's own options (--format, --lang), which the CLI reads as defaults.
_COMMAND_KEYS = {"format", "lang"}


@dataclass(slots=True)
class CheckConfig:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    standing: list[str] = field(default_factory=list)
    min_words: int = 40
    source: str = ""  # the file it was read from, for messages
    warnings: list[str] = field(default_factory=list)  # unknown keys, named; shown, never fatal
    lang: str = ""  # the messages' language from the table ("sv", "en"); "" when not set

    def enabled(self, code: str) -> bool:
        return matches_code(code, self.select) and not matches_code(code, self.ignore)

    def severity_of(self, code: str) -> Severity:
        return self.severity.get(code, RULES[code].severity)

    def with_flags(self, select: list[str] | None, ignore: list[str] | None) -> CheckConfig:
        """A copy with command-line ``--select``/``--ignore`` applied: flags win over the file.

        ``--select`` replaces the configured ``select``, and a configured ``ignore`` no longer
        hides a rule that ``--select`` names as precisely or more (``--select RD101`` runs RD101
        even with ``ignore = ["RD101"]`` or ``["RD1"]``; ``--select RD1`` leaves ``ignore = ["RD101"]``).
        ``--ignore`` adds to the configured ``ignore``.
        """
        selected = _codes(select, "--select") if select else []
        kept = [code for code in self.ignore if not any(chosen.startswith(code) for chosen in selected)]
        return CheckConfig(
            select=selected or list(self.select),
            ignore=kept + (_codes(ignore, "--ignore") if ignore else []),
            severity=dict(self.severity),
            standing=list(self.standing),
            min_words=self.min_words,
            source=self.source,
            warnings=list(self.warnings),
            lang=self.lang,
        )


def parse_check_config(table: dict[str, Any], where: str = "") -> CheckConfig:
    prefix = f"{where}: " if where else ""
    config = CheckConfig(source=where)
    for key in sorted(set(table) - _KEYS - _COMMAND_KEYS):
        config.warnings.append(f"{prefix}unknown key {key!r} in the check table (ignored)")
    if "select" in table:
        config.select = _codes(_string_list(table["select"], "select", prefix), prefix + "select")
    if "ignore" in table:
        config.ignore = _codes(_string_list(table["ignore"], "ignore", prefix), prefix + "ignore")
    severities = table.get("severity", {})
    if not isinstance(severities, dict):
        raise ConfigError(f'{prefix}severity must be a table such as {{ RD101 = "error" }}')
    for code, value in severities.items():
        if code not in RULES:
            raise ConfigError(f"{prefix}severity: unknown rule {code}")
        try:
            config.severity[code] = Severity(str(value).lower())
        except ValueError:
            raise ConfigError(f"{prefix}severity of {code} must be error, warning or info, not {value!r}") from None
    if "lang" in table:
        if table["lang"] not in ("sv", "en"):
            raise ConfigError(f'{prefix}lang must be "sv" or "en", not {table["lang"]!r}')
        config.lang = table["lang"]
    if "standing" in table:
        config.standing = _string_list(table["standing"], "standing", prefix)
    if "min_words" in table:
        value = table["min_words"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{prefix}min_words must be a positive whole number")
        config.min_words = value
    return config


def split_codes(values: tuple[str, ...] | list[str]) -> list[str]:
    """``("RD101,RD102", "RD6")`` → ``["RD101", "RD102", "RD6"]``: flags may be repeated or comma-separated."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def _string_list(value: Any, name: str, prefix: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{prefix}{name} must be a list of strings")
    return list(value)


def _codes(values: list[str], where: str) -> list[str]:
    codes = [value.strip().upper() for value in values]
    for code in codes:
        if code != "ALL" and not any(known.startswith(code) for known in RULES):
            raise ConfigError(f"{where}: unknown rule code {code!r} (see `reportdiff check --list-rules`)")
    return codes
