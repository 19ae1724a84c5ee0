"""What every renderer may be asked for; one dataclass so the CLI and the API pass the same thing."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class RenderOptions:
    lang: str = "sv"  # "sv" or "en": the language of labels, never of report text
    color: bool = False  # terminal colour; marks like [-…-] / {+…+} are shown when False
    width: int = 100  # terminal width
    context: int = 1  # unchanged blocks shown around a change
    summary_only: bool = False
    side_by_side: bool = False
    section_pattern: str | None = None  # only sections whose path matches (case-insensitive substring or glob)
    show_toc_changes: bool = False
    show_layout: bool = False  # also list paragraphs split or merged with the same words
    full_report_link: str | None = None  # e-mail: where the full report or HTML diff can be read
    explain: bool = False  # text and md: each claim's evidence and rule, what was withheld and why
