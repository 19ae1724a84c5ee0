"""Pick a renderer by format name. Renderers are imported lazily: each command loads only what it shows."""

from __future__ import annotations

import importlib
from typing import Any

from reportdiff.errors import ReportdiffError
from reportdiff.model import DocumentDiff
from reportdiff.render.options import RenderOptions

RENDERERS = {
    "text": ("reportdiff.render.terminal", "render_terminal"),
    "json": ("reportdiff.render.json", "render_json"),
    "md": ("reportdiff.render.markdown", "render_markdown"),
    "html": ("reportdiff.render.html", "render_html"),
    "email-html": ("reportdiff.render.email_html", "render_email_html"),
}


def render(diff: DocumentDiff, fmt: str = "text", options: RenderOptions | None = None, **overrides: Any) -> str:
    """Render ``diff`` in format ``fmt``; keyword overrides set fields of :class:`RenderOptions`."""
    if fmt not in RENDERERS:
        raise ReportdiffError(f"unknown format {fmt!r}; choose one of {', '.join(RENDERERS)}")
    options = options or RenderOptions()
    for name, value in overrides.items():
        setattr(options, name, value)
    module_name, function_name = RENDERERS[fmt]
    function = getattr(importlib.import_module(module_name), function_name)
    return str(function(diff, options))
