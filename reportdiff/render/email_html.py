"""The change summary as an e-mail (``--format email-html``) and its plain-text twin.

Mail clients are the strictest HTML readers there are: Outlook on Windows lays out with Word,
Gmail drops ``<style>`` in many cases and strips ``<ins>``/``<del>``, phones are ~360 px wide.
So this markup uses only what all of them keep: tables for layout (``role="presentation"``), inline
``style=""`` on every element that needs a look, no classes, no scripts, no external resources, and
change marks that survive losing their colours (``{+tillagt+}`` / ``[-borttaget-]``).

The content is the page's view model (:func:`reportdiff.render.html.build_page`) without unchanged
text; when the message's two parts, as sent, would pass :data:`SIZE_LIMIT` the list of changed
sections is cut and a note says how many were left out, with the link to the full page (Gmail clips
messages over ~102 KB).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import replace

from reportdiff.model import DocumentDiff
from reportdiff.render.email_mime import body_size
from reportdiff.render.html import BlockView, EventView, PageView, SectionView, build_page, render_template
from reportdiff.render.labels import labels
from reportdiff.render.options import RenderOptions

# Bytes of both parts as the message carries them (quoted-printable, see email_mime.body_size).
# Gmail clips at about 102 KB, counted by some on the HTML alone, by others on the whole message:
# 90 000 keeps the whole message, headers included, under 100 KB either way.
SIZE_LIMIT = 90_000
FONT = "Arial,Helvetica,sans-serif"
INSERT_MARKS = ("{+", "+}")
DELETE_MARKS = ("[-", "-]")


def email_page(diff: DocumentDiff, options: RenderOptions) -> PageView:
    """The page's view with only changed sections and changed blocks (no folded text)."""
    page = build_page(diff, replace(options, context=0))
    sections = []
    for section in page.sections:
        if not section.changed:
            continue
        blocks = [item for item in section.items if isinstance(item, BlockView) and item.kind != "equal"]
        if blocks or section.notes or section.status in ("added", "removed"):
            sections.append(replace(section, items=list(blocks)))
    page.sections = sections
    # The first screen holds the most important items; the groups below hold the rest.
    first = {(view.title, view.line, view.where) for view in page.top}
    for group in page.groups:
        group.events = [view for view in group.events if (view.title, view.line, view.where) not in first]
    page.groups = [group for group in page.groups if group.events]
    return page


def render_email_html(diff: DocumentDiff, options: RenderOptions) -> str:
    """Inline-styled, table-laid-out HTML for Outlook, Gmail and Apple Mail; under :data:`SIZE_LIMIT`."""
    page, shown = _fitted(diff, options)
    return _html(page, shown)


def render_email_text(diff: DocumentDiff, options: RenderOptions) -> str:
    """The text/plain part: the same content as the HTML part, with the same cut."""
    page, shown = _fitted(diff, options)
    return _text(page, shown)


def render_email_parts(diff: DocumentDiff, options: RenderOptions) -> tuple[str, str]:
    """The text/plain and the text/html part, fitted once (what a message needs)."""
    page, shown = _fitted(diff, options)
    return _text(page, shown), _html(page, shown)


def _fitted(diff: DocumentDiff, options: RenderOptions) -> tuple[PageView, int]:
    """The mail's view and how many changed sections fit. Sections go first; if the summary alone is
    too long (hundreds of events), each list is cut too, to a length that fits."""
    page = email_page(diff, options)
    cap = max([len(group.events) for group in page.groups] + [len(page.figures), len(page.absent)], default=0)
    while cap > 1 and _sent_size(page, 0) > SIZE_LIMIT:
        cap //= 2
        page = _capped(email_page(diff, options), cap)
    return page, _fitting_count(page, lambda count: _sent_size(page, count))


def _sent_size(page: PageView, shown: int) -> int:
    """What the message's body takes with ``shown`` sections: both parts, encoded as sent."""
    return body_size(_text(page, shown), _html(page, shown))


def _capped(page: PageView, cap: int) -> PageView:
    for group in page.groups:
        group.more = max(0, len(group.events) - cap)
        group.events = group.events[:cap]
    page.figures_more = max(0, len(page.figures) - cap)
    page.figures = page.figures[:cap]
    page.absent = page.absent[:cap]
    return page


def _fitting_count(page: PageView, size: Callable[[int], int]) -> int:
    """The largest number of leading sections whose rendering stays under the size limit."""
    total = len(page.sections)
    if size(total) <= SIZE_LIMIT:
        return total
    low, high = 0, total - 1  # the answer is in [low, high]; ``low`` is assumed to fit
    while low < high:
        middle = (low + high + 1) // 2
        if size(middle) <= SIZE_LIMIT:
            low = middle
        else:
            high = middle - 1
    return low


def _html(page: PageView, shown: int) -> str:
    view = replace(page, sections=page.sections[:shown])
    return render_template(
        "email.html.j2",
        page=view,
        words=labels(page.lang),
        hidden=len(page.sections) - shown,
        font=FONT,
        ins_marks=INSERT_MARKS,
        del_marks=DELETE_MARKS,
    )


# -- plain text --------------------------------------------------------------------------------------


def _text(page: PageView, shown: int) -> str:
    words = labels(page.lang)
    lines = [page.title, "=" * min(len(page.title), 72), ""]
    lines.append(f"{words['old']}: {_version(page.old.title, page.old.date)}")
    lines.append(f"{words['new']}: {_version(page.new.title, page.new.date)}")
    lines.append("")
    if page.link:
        lines += [f"{words['read_full']}: {page.link}", ""]
    lines += [words["summary"], "-" * len(words["summary"])]
    lines += [f"- {line}" for line in page.stats] or [words["no_changes"]]
    if page.top:
        lines += ["", words["most_important"]]
        for event in page.top:
            lines += _text_event(event)
    for group in page.groups:
        lines += ["", group.label]
        for event in group.events:
            lines += _text_event(event)
        if group.more:
            lines.append(words["more_items"].format(count=group.more))
    if page.figures:
        lines += ["", words["figures"]]
        for row in page.figures:
            lines += _wrap(f"- {row.what} ({row.where}): {row.old} → {row.new}, {row.change}", "  ")
        if page.figures_more:
            lines.append(words["more_items"].format(count=page.figures_more))
    if page.absent:
        names = ", ".join(event.title for event in page.absent)
        lines += ["", *_wrap(f"{words['not_in_report']}: {names}", "")]
    if not page.top and not page.groups and not page.figures:
        lines += ["", words["no_summary"]]
    if page.sections[:shown]:
        heading = words["changes_by_section"]
        lines += ["", "", heading, "-" * len(heading)]
        lines.append(
            f"({words['legend_inserted']}: {INSERT_MARKS[0]}…{INSERT_MARKS[1]}, "
            f"{words['legend_deleted']}: {DELETE_MARKS[0]}…{DELETE_MARKS[1]})"
        )
    for section in page.sections[:shown]:
        lines += ["", *_section_text(section, words)]
    hidden = len(page.sections) - shown
    if hidden:
        lines += ["", words["truncated"].format(count=hidden)]
    lines += ["", f"{words['read_full']}: {page.link}" if page.link else words["full_report_note"]]
    return "\n".join(lines).rstrip() + "\n"


def _text_event(event: EventView) -> list[str]:
    """One summary item as text: title, status, where, and the sentence that states it."""
    detail = f" ({event.detail})" if event.detail else ""
    place = ", ".join(part for part in (event.where, event.line) if part)  # the signature has no section
    where = f" [{place}]" if place else ""
    lines = _wrap(f"- {event.title}{detail}{where}", "  ")
    if event.quote:
        lines += _wrap(f"  “{event.quote}”", "   ")
    return lines


def _section_text(section: SectionView, words: dict[str, str]) -> list[str]:
    badges = [section.status_label] if section.status != "unchanged" else []
    lines = [f"## {section.path} ({', '.join(badges + section.badges)})"]
    lines += [f"   {note}" for note in section.notes]
    for item in section.items:
        if not isinstance(item, BlockView):
            continue
        text = " ".join(_marked(run.kind, run.text) for run in item.runs)
        prefix = {"insert": words["inserted"], "delete": words["deleted"]}.get(item.kind, "")
        if item.note:
            lines += _wrap(f"* ({item.note})", "  ")
        lines += _wrap(f"* {prefix.capitalize() + ': ' if prefix else ''}{text}", "  ")
    return lines


def _marked(kind: str, text: str) -> str:
    if kind == "insert":
        return f"{INSERT_MARKS[0]}{text}{INSERT_MARKS[1]}"
    if kind == "delete":
        return f"{DELETE_MARKS[0]}{text}{DELETE_MARKS[1]}"
    return text


def _version(title: str, date: str) -> str:
    return ", ".join(part for part in (title, date) if part)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=76, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False) or [
        ""
    ]
