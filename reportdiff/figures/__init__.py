"""Figures: find every quantity in report text, say what it measures, and pair them across versions.

The package follows the pipeline:

- :mod:`.words` — the vocabulary: number patterns, units, number words, word lists;
- :mod:`.labels` — what a figure measures (the noun it counts, the phrase it qualifies);
- :mod:`.extract` — every figure of a block or a whole report (:func:`extract_figures`);
- :mod:`.pairing` — figures of OLD paired with those of NEW in a diff (:func:`figure_shifts`).

The ``reportdiff figures`` listing (text, JSON, CSV) is a renderer: ``reportdiff/render/figures.py``.

Only the names other modules use are re-exported here.
"""

from reportdiff.figures.extract import extract_figures, figures_in_text
from reportdiff.figures.pairing import figure_shifts
from reportdiff.figures.words import parse_number, split_sentences

__all__ = [
    "extract_figures",
    "figure_shifts",
    "figures_in_text",
    "parse_number",
    "split_sentences",
]
