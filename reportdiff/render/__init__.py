"""Renderers: they show a DocumentDiff and never recompute it."""
