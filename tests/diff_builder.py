"""Build DocumentDiffs by hand for the renderer tests, independent of the real comparison engine.

Reports come from small Markdown strings (so they have real spans); sections are paired by heading,
or by an explicit ``renames`` map; blocks and words are diffed with difflib. It is deliberately
simple: the renderers must show whatever a DocumentDiff holds, not what a clever engine would find.
"""

from __future__ import annotations

import difflib

from reportdiff.diff.stats import diff_stats
from reportdiff.ingest.markdown import read_markdown
from reportdiff.model import (
    BlockChange,
    BlockOp,
    ChangeSummary,
    DocumentDiff,
    Report,
    Section,
    SectionPair,
    SectionStatus,
    TextOp,
    TextOpKind,
)


def word_ops(old: str, new: str) -> list[TextOp]:
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    return [
        TextOp(TextOpKind(tag), " ".join(old_words[i1:i2]), " ".join(new_words[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def block_changes(old: Section | None, new: Section | None) -> list[BlockChange]:
    old_blocks = old.blocks if old is not None else []
    new_blocks = new.blocks if new is not None else []
    matcher = difflib.SequenceMatcher(None, [b.text for b in old_blocks], [b.text for b in new_blocks], autojunk=False)
    changes: list[BlockChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            equal = zip(old_blocks[i1:i2], new_blocks[j1:j2], strict=True)
            changes.extend(BlockChange(BlockOp.EQUAL, o, n) for o, n in equal)
            continue
        olds, news = old_blocks[i1:i2], new_blocks[j1:j2]
        for o, n in zip(olds, news, strict=False):
            changes.append(BlockChange(BlockOp.REPLACE, o, n, ops=word_ops(o.text, n.text)))
        changes.extend(BlockChange(BlockOp.DELETE, o, None) for o in olds[len(news) :])
        changes.extend(BlockChange(BlockOp.INSERT, None, n) for n in news[len(olds) :])
    return changes


def make_diff(
    old_md: str,
    new_md: str,
    renames: dict[str, str] | None = None,
    summary: ChangeSummary | None = None,
    old_source: str = "old.md",
    new_source: str = "new.md",
) -> DocumentDiff:
    """Pair sections by heading (``renames`` maps a new heading to its old one) and diff their blocks."""
    old, new = read_markdown(old_md, old_source), read_markdown(new_md, new_source)
    return diff_reports(old, new, renames, summary)


def diff_reports(
    old: Report, new: Report, renames: dict[str, str] | None = None, summary: ChangeSummary | None = None
) -> DocumentDiff:
    renames = renames or {}
    old_by_heading = {section.heading: (path, section) for path, section in old.root.walk_with_path()}
    partner: dict[int, Section] = {}  # id(new section) -> old section
    pairs: list[SectionPair] = []
    used: set[int] = set()
    for new_path, new_section in new.root.walk_with_path():
        found = old_by_heading.get(renames.get(new_section.heading, new_section.heading))
        if found is None or id(found[1]) in used:
            added = SectionPair(SectionStatus.ADDED, None, new_section, new_path=new_path, score=1.0)
            added.blocks = block_changes(None, new_section)
            pairs.append(added)
            continue
        old_path, old_section = found
        used.add(id(old_section))
        partner[id(new_section)] = old_section
        changes = block_changes(old_section, new_section)
        changed = any(change.op is not BlockOp.EQUAL for change in changes)
        pairs.append(
            SectionPair(
                SectionStatus.CHANGED if changed else SectionStatus.UNCHANGED,
                old_section,
                new_section,
                old_path=old_path,
                new_path=new_path,
                renamed=old_section.heading != new_section.heading,
                moved=old_path[:-1] != new_path[:-1] and not _parents_paired(old_path, new_path, renames),
                score=1.0,
                reason="by hand",
                blocks=changes,
            )
        )
    previous_old: Section | None = None
    for old_path, old_section in old.root.walk_with_path():
        if id(old_section) not in used:
            at = next((i + 1 for i, p in enumerate(pairs) if previous_old is not None and p.old is previous_old), 0)
            pairs.insert(
                at,
                SectionPair(
                    SectionStatus.REMOVED,
                    old_section,
                    None,
                    old_path=old_path,
                    score=1.0,
                    blocks=block_changes(old_section, None),
                ),
            )
        previous_old = old_section
    diff = DocumentDiff(old=old, new=new, pairs=pairs, summary=summary or ChangeSummary())
    diff.stats = diff_stats(pairs)
    return diff


def _parents_paired(old_path: tuple[str, ...], new_path: tuple[str, ...], renames: dict[str, str]) -> bool:
    if len(old_path) != len(new_path):
        return False
    return all(renames.get(n, n) == o for o, n in zip(old_path[:-1], new_path[:-1], strict=True))
