"""Checks for report authors: ``reportdiff check`` and the pre-commit hook share this module.

``check(draft, previous, config)`` runs every selected rule and returns findings sorted by
line, column and code, with inline ``ignore`` directives applied. The findings are shown as
``path:line:col: CODE message`` or as JSON (schema ``reportdiff.check/1``) by
``reportdiff/render/check.py``, so the CLI and the hook print exactly the same thing.
"""

from __future__ import annotations

from pathlib import Path

from reportdiff.check.config import CheckConfig, split_codes
from reportdiff.check.context import Context
from reportdiff.check.directives import collect
from reportdiff.check.registry import RULES, Rule, matches_code
from reportdiff.check.rules import RULE_FUNCTIONS
from reportdiff.errors import ExitStatus
from reportdiff.model import Finding, Report, Severity

__all__ = [
    "RULES",
    "CheckConfig",
    "Rule",
    "check",
    "exit_status",
    "read_source_text",
    "split_codes",
]

_TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text", ""}


def check(
    draft: Report,
    previous: Report | None,
    config: CheckConfig | None = None,
    source_text: str | None = None,
    lang: str = "en",
) -> list[Finding]:
    """Findings for ``draft``; rules that need the previous report are skipped without one.

    ``source_text`` is the draft as written (Markdown or text), used for inline directives
    and exact columns; without it directives are read from the blocks. ``lang``: the language
    of the messages, ``en`` or ``sv``.
    """
    config = config or CheckConfig()
    context = Context(
        draft=draft,
        previous=previous,
        config=config,
        directives=collect(draft, source_text),
        source_lines=source_text.splitlines() if source_text is not None else None,
        lang=lang,
    )
    findings: list[Finding] = []
    for prefix, function in RULE_FUNCTIONS.items():
        codes = [code for code in RULES if code.startswith(prefix)]
        if not any(config.enabled(code) for code in codes):
            continue
        if previous is None and all(RULES[code].needs_previous for code in codes):
            continue
        for finding in function(context):
            if config.enabled(finding.code) and not context.directives.silences(finding):
                findings.append(finding)
    unique = {(f.line, f.col, f.code, f.message): f for f in findings}
    return [unique[key] for key in sorted(unique)]


def exit_status(findings: list[Finding]) -> ExitStatus:
    """CHANGED (1) when an error-severity finding is present, else SAME (0); ERROR (2), trouble, is the caller's."""
    return ExitStatus.CHANGED if any(finding.severity == Severity.ERROR for finding in findings) else ExitStatus.SAME


def read_source_text(path: str | Path) -> str | None:
    """The draft's text for directives and columns, when it is a text format; None for DOCX/PDF.

    Only line breaks matter for line numbers, so a lenient decode is enough: the reader has
    already refused binary files and chosen the encoding for the report itself.
    """
    file = Path(path)
    if file.suffix.lower() not in _TEXT_SUFFIXES or not file.is_file():
        return None
    try:
        data = file.read_bytes()
    except OSError:
        return None
    if data.startswith((b"%PDF-", b"PK\x03\x04")):
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def selected(codes: list[str]) -> list[str]:
    return [code for code in RULES if matches_code(code, codes)]
