"""The findings of ``reportdiff check`` as ``path:line:col: CODE message`` lines or JSON, and the rule table.

The CLI and the pre-commit hook print exactly the same thing because both call these.
"""

from __future__ import annotations

from reportdiff.check.registry import RULES
from reportdiff.model import Finding, Severity
from reportdiff.render.jsontext import dumps

SCHEMA = "reportdiff.check/1"


def format_text(findings: list[Finding]) -> str:
    """One line per finding, ``path:line:col: CODE message``, as compilers and linters print them."""
    from reportdiff.text.normalize import safe_text

    return "".join(f"{f.path}:{f.line}:{f.col}: {f.code} {safe_text(f.message)}{_severity_note(f)}\n" for f in findings)


def _severity_note(finding: Finding) -> str:
    return "" if finding.severity == RULES[finding.code].severity else f" [{finding.severity}]"


def format_json(findings: list[Finding], draft: str, previous: str | None) -> str:
    """The findings as JSON: schema ``reportdiff.check/1`` (see docs/check.md and check.schema.json)."""
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    document = {
        "schema": SCHEMA,
        "draft": draft,
        "previous": previous,
        "counts": counts,
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "col": f.col,
                "code": f.code,
                "rule": RULES[f.code].name,
                "severity": f.severity.value,
                "message": f.message,
            }
            for f in findings
        ],
    }
    return dumps(document, depth=2)  # one finding a line


def rule_table() -> str:
    """The rule table as text, for ``reportdiff check --list-rules``."""
    return "".join(f"{r.code}  {r.severity.value:<7}  {r.name:<22} {r.description}\n" for r in RULES.values())
