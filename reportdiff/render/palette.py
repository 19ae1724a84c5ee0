"""One palette for every renderer: named styles for the terminal (rich) and colours for HTML.

Insertions and deletions are never told apart by colour alone: every renderer also marks them
(underline / strike-through in HTML, ``{+…+}`` / ``[-…-]`` in plain text).
"""

from __future__ import annotations

# name: (rich style, HTML foreground, HTML background)
PALETTE: dict[str, tuple[str, str, str]] = {
    "insert": ("bold green", "#0b5d1e", "#d7f5dd"),
    "delete": ("red strike", "#8e1b1b", "#fbe0e0"),
    "move": ("cyan", "#0b4f71", "#ddeff8"),
    "rename": ("magenta", "#6b2a7a", "#f1e4f5"),
    "heading": ("bold", "#1a1a1a", "#ffffff"),
    "path": ("bold blue", "#1d3f8f", "#ffffff"),
    "muted": ("dim", "#5f6368", "#ffffff"),
    "figure_up": ("green", "#0b5d1e", "#ffffff"),
    "figure_down": ("red", "#8e1b1b", "#ffffff"),
    "event": ("yellow", "#7a5200", "#fff4d6"),
}


def rich_style(name: str) -> str:
    return PALETTE[name][0]


def html_colors(name: str) -> tuple[str, str]:
    """(foreground, background) for an HTML mark."""
    _, foreground, background = PALETTE[name]
    return foreground, background
