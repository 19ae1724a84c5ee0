"""Align: sections of OLD paired with sections of NEW, each pair with its score and reason.

- :mod:`.sections` — the evidence (heading, own text, place) and :func:`align`;
- :mod:`.assign` — the best pairing over the whole document (Hungarian method per group);
- :mod:`.result` — what alignment returns: :class:`SectionInfo`, :class:`Match`, :class:`Alignment`.
"""

from reportdiff.align.assign import assign, hungarian
from reportdiff.align.result import Alignment, Match, SectionInfo
from reportdiff.align.sections import THRESHOLD, align, heading_similarity, section_infos, section_key

__all__ = [
    "THRESHOLD",
    "Alignment",
    "Match",
    "SectionInfo",
    "align",
    "assign",
    "heading_similarity",
    "hungarian",
    "section_infos",
    "section_key",
]
