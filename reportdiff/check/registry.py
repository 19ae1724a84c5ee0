"""Every rule of ``reportdiff check``: its code, short name, default severity and what it means.

Kept as plain data so that the docs table, ``--select``/``--ignore`` validation and the JSON
output all read the same list. Codes are grouped like ruff's: RD1 stale text, RD2 table of
contents, RD3 figures, RD4 dates, RD5 structure, RD6 leftovers of conversion and drafting.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportdiff.model import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    description: str
    needs_previous: bool = False


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in [
        Rule(
            "RD101",
            "stale-section",
            Severity.WARNING,
            "A section of substantial text is word for word the same as in the previous report.",
            needs_previous=True,
        ),
        Rule(
            "RD102",
            "stale-introduction",
            Severity.ERROR,
            "The introduction (Inledning) is word for word the same as in the previous report.",
            needs_previous=True,
        ),
        Rule("RD201", "toc-missing", Severity.ERROR, "A heading is missing from the table of contents."),
        Rule("RD202", "toc-extra", Severity.ERROR, "A table of contents entry has no heading in the text."),
        Rule("RD203", "toc-renamed", Severity.ERROR, "A table of contents entry differs from its heading's wording."),
        Rule("RD204", "toc-order", Severity.WARNING, "The table of contents lists headings in another order."),
        Rule(
            "RD301",
            "figure-conflict",
            Severity.WARNING,
            "The same figure (label and unit) is given two different values in one section or in the summary parts.",
        ),
        Rule(
            "RD401",
            "past-as-future",
            Severity.WARNING,
            "A date before the report's date is written in the future tense.",
        ),
        Rule(
            "RD402",
            "date-before-previous",
            Severity.ERROR,
            "The report's date is not later than the previous report's date.",
            needs_previous=True,
        ),
        Rule(
            "RD501",
            "part-missing",
            Severity.WARNING,
            "A level-1 or level-2 part of the previous report has no counterpart in the draft.",
            needs_previous=True,
        ),
        Rule(
            "RD502",
            "part-dissolved",
            Severity.INFO,
            "A level-1 or level-2 part of the previous report is gone, but most of its subsections stand elsewhere.",
            needs_previous=True,
        ),
        Rule("RD601", "split-word", Severity.WARNING, "A word split by a hyphen and a space (utma- nade)."),
        Rule("RD602", "doubled-word", Severity.WARNING, "The same word twice in a row (att att)."),
        Rule("RD603", "placeholder", Severity.ERROR, "A placeholder left in the text: XX, TODO, ???, [xx], NN."),
        Rule(
            "RD604", "unbalanced", Severity.WARNING, "Brackets or quotation marks that do not pair up in a paragraph."
        ),
    ]
}


def matches_code(code: str, patterns: list[str]) -> bool:
    """``RD1`` selects RD101 and RD102, ``RD101`` only itself, ``ALL`` everything (as in ruff)."""
    return any(pattern == "ALL" or code.startswith(pattern) for pattern in patterns)
