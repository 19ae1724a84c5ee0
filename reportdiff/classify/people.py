"""The signing director and their role."""

from __future__ import annotations

from collections.abc import Iterator

from reportdiff.classify.rules import Rules
from reportdiff.model import (
    AsideKind,
    DocumentDiff,
    Event,
    EventKind,
    Evidence,
    Report,
)


def director_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """The signing director or their role changed (a new or an acting regional director)."""
    old, new = diff.old, diff.new
    if not new.author and not new.author_role:
        return
    old_acting = _is_acting(old.author_role, rules)
    new_acting = _is_acting(new.author_role, rules)
    if old.author and new.author and old.author != new.author:
        old_status = f"{old.author}, {old.author_role}".strip(", ")
        new_status = f"{new.author}, {new.author_role}".strip(", ")
        same_role = old.author_role == new.author_role or not old.author_role or not new.author_role
        yield Event(
            kind=EventKind.PEOPLE,
            # "Regiondirektör: A → B", or with both roles when the role changed too ("…, Tf Regiondirektör")
            title=f"{new.author_role or old.author_role}: {old.author} → {new.author}"
            if same_role
            else f"{old_status} → {new_status}",
            text=new_status,
            section_path=(),
            line=_signature(new, "new").line,
            rule="people.director",
            topic=new.author_role or old.author_role,
            old_status=old_status,
            new_status=new_status,
            side="new",
            evidence=[_signature(new, "new"), _signature(old, "old")],
            why="the report is signed by another director",
        )
    elif old.author_role and new.author_role and old_acting != new_acting:
        yield Event(
            kind=EventKind.PEOPLE,
            title=f"{new.author}: {old.author_role} → {new.author_role}",
            text=f"{new.author}, {new.author_role}".strip(", "),
            section_path=(),
            line=_signature(new, "new").line,
            evidence=[_signature(new, "new"), _signature(old, "old")],
            why="the director's role became or stopped being acting",
            rule="people.acting",
            topic=new.author_role,
            old_status=old.author_role,
            new_status=new.author_role,
            side="new",
        )


def _signature(report: Report, side: str) -> Evidence:
    """The lines that sign ``report``: the director's name and role, where the reader found them."""
    lines = [aside for aside in report.asides if aside.kind is AsideKind.SIGNATURE]
    line = lines[0].span.start if lines else 1
    said = " ".join(aside.text for aside in lines) or f"{report.author}, {report.author_role}".strip(", ")
    return Evidence(side=side, line=line, section_path=(), sentence=said)


def _is_acting(role: str, rules: Rules) -> bool:
    words = {word.strip(".,").lower() for word in role.split()}
    return bool(words & rules.acting) or role.lower().startswith(("tf ", "t.f. ", "tillförordnad"))
