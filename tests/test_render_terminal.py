"""The text (rich) renderer: summary, sections, marks with and without colour, context, safety."""

from __future__ import annotations

import re

from diff_builder import make_diff
from test_render_json import NEW, OLD, RENAMES, sample_summary

from reportdiff.model import BlockChange, BlockOp, DocumentDiff, SectionPair, SectionStatus
from reportdiff.render.dispatch import render
from reportdiff.render.segments import with_context
from reportdiff.text.normalize import safe_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def text(diff: DocumentDiff, **options: object) -> str:
    return render(diff, "text", width=100, **options)


def test_plain_output_marks_changes_and_has_no_escapes() -> None:
    out = text(make_diff(OLD, NEW, RENAMES))
    assert "\x1b" not in out
    assert "Regionen har 7 [-419-] {+500+} anställda" in out
    assert "Röntgen byter system i [-mars.-] {+april efter en upphandling.+}" in out
    assert "- {+punkt tre+}" in out
    assert "[-Detta avsnitt försvinner.-]" in out
    assert "{+Helt ny text här.+}" in out
    assert not any(line != line.rstrip() for line in out.splitlines())


def test_section_headers_show_path_rename_and_status_in_both_languages() -> None:
    diff = make_diff(OLD, NEW, RENAMES)
    sv = text(diff, lang="sv")
    assert "Ändrat: Information från verksamheten › Division Diagnostik › Bild- och funktionsmedicin" in sv
    assert "tidigare rubrik “Bild och funktion”" in sv
    assert "Omdöpt: Information från verksamheten › Division Diagnostik" in sv
    assert "Borttaget: Information från verksamheten › Division Funktion › Tas bort  (före, rad 18)" in sv
    en = text(diff, lang="en")
    assert "Changed: Information från verksamheten › Division Diagnostik › Bild- och funktionsmedicin" in en
    assert "formerly “Bild och funktion”" in en
    assert "Summary" in en and "Sammanfattning" not in en


def test_summary_counts_events_and_figures() -> None:
    out = text(make_diff(OLD, NEW, RENAMES, summary=sample_summary()), lang="en")
    head = out.split("Changed:")[0]
    assert "2 sections changed · 1 section added · 1 section removed · 2 sections renamed" in head
    assert "Status changes" in head and "• Röntgen: mars → april  (Inledning, line 13)" in head
    assert "• anställda: 7 419 → 7 500 (+81)  (Inledning)" in head


def test_summary_only_stops_after_the_summary() -> None:
    out = text(make_diff(OLD, NEW, RENAMES), summary_only=True, lang="en")
    assert "sections changed" in out
    assert "Changed:" not in out and "{+" not in out


def test_no_changes() -> None:
    out = text(make_diff(OLD, OLD), lang="en")
    assert "No changes." in out and "Changed:" not in out


def test_colour_uses_styles_instead_of_marks() -> None:
    out = text(make_diff(OLD, NEW, RENAMES), color=True)
    assert "\x1b[" in out
    assert "{+" not in out and "[-" not in out
    plain = ANSI.sub("", out)
    assert "Regionen har 7 419 500 anställda" in plain
    # the deleted run is struck through (SGR 9) and red, the inserted one underlined (SGR 4)
    assert re.search(r"\x1b\[[0-9;]*9[0-9;]*m419\x1b\[0m", out)
    assert re.search(r"\x1b\[[0-9;]*\b4\b[0-9;]*m500\x1b\[0m", out)


def test_context_elides_unchanged_paragraphs() -> None:
    paragraphs = [f"Stycke nummer {n} är oförändrat." for n in range(1, 9)]
    old = "# Avsnitt\n\n" + "\n\n".join(paragraphs) + "\n"
    new = old.replace("Stycke nummer 5 är", "Stycke nummer 5 blev")
    diff = make_diff(old, new)
    zero = text(diff, context=0, lang="en")
    assert "[-är-] {+blev+}" in zero and "Stycke nummer 4" not in zero
    assert "… (4 unchanged paragraphs)" in zero and "… (3 unchanged paragraphs)" in zero
    two = text(diff, context=2, lang="en")
    assert "Stycke nummer 3" in two and "Stycke nummer 7" in two and "Stycke nummer 2" not in two
    assert "… (2 unchanged paragraphs)" in two and "… (1 unchanged paragraph)" in two


def test_with_context_keeps_order_and_counts() -> None:
    equal = BlockChange(BlockOp.EQUAL, None, None)
    change = BlockChange(BlockOp.INSERT, None, None)
    items = list(with_context([equal, equal, change, equal, equal, equal, change], 1))
    shapes = [getattr(item, "count", None) if not isinstance(item, BlockChange) else item.op.value for item in items]
    assert shapes == [1, "equal", "insert", "equal", 1, "equal", "insert"]
    assert list(with_context([equal, equal], 3)) == []


def test_side_by_side_puts_old_left_and_new_right() -> None:
    out = text(make_diff(OLD, NEW, RENAMES), side_by_side=True, lang="en")
    row = next(line for line in out.splitlines() if "[-419-]" in line)
    left, right = row.index("[-419-]"), row.index("{+500+}")
    assert left < 50 < right
    assert "Before" in out and "After" in out


def test_section_filter() -> None:
    out = text(make_diff(OLD, NEW, RENAMES), section_pattern="*funktionsmedicin", lang="en")
    assert "Bild- och funktionsmedicin" in out
    assert "Regionen har" not in out and "Tas bort" not in out
    assert "1 section changed · 1 section renamed" in out
    # a substring of an old heading finds the renamed section too
    assert "april" in text(make_diff(OLD, NEW, RENAMES), section_pattern="bild och funktion")


def test_moves_are_labelled() -> None:
    diff = make_diff(OLD, NEW, RENAMES)
    pair = next(p for p in diff.pairs if p.new_path[-1:] == ("Nytt avsnitt",))
    moved = pair.blocks[0]
    moved.op, moved.old, moved.moved_from = BlockOp.MOVE, moved.new, ("Inledning",)
    out = text(diff, lang="en")
    assert "↪ moved from Inledning" in out
    assert "Helt ny text här." in out and "{+Helt ny" not in out


HOSTILE = (
    "Text med [bold red]x[/] och \x1b[31mröd\x1b[0m och \x1b]8;;http://evil\x07länk\x1b]8;;\x07 pling\x07 \u202eslut."
)


def test_report_text_cannot_inject_markup_or_escapes() -> None:
    old = "# Avsnitt\n\nFörsta stycket.\n"
    new = f"# Avsnitt [italic]rubrik[/]\n\nFörsta stycket. {HOSTILE}\n"
    diff = make_diff(old, new, renames={"Avsnitt [italic]rubrik[/]": "Avsnitt"})
    for color in (False, True):
        out = text(diff, color=color)
        visible = ANSI.sub("", out)
        assert "[bold red]x[/]" in visible and "[italic]rubrik[/]" in visible
        assert "\x07" not in out and "\u202e" not in out and "]8;;" not in out
        # only SGR colour sequences of our own are left
        assert re.sub(r"\x1b\[[0-9;]*m", "", out).count("\x1b") == 0
    assert "{+Text med [bold red]x[/] och röd och länk pling slut.+}" in text(diff)


def test_text_that_looks_like_a_mark_is_escaped() -> None:
    diff = make_diff("# A\n\nett två\n", "# A\n\nett {+tre+} [-fyra-]\n")
    out = text(diff)
    assert r"{+{\+tre+\} [\-fyra-\]+}" in out


def test_safe_text_removes_controls() -> None:
    assert safe_text("a\x1b[1;31mb\x1b[0mc\x00d\te\u2066f") == "abcd ef"


def test_removed_section_without_listed_blocks_shows_its_text() -> None:
    diff = make_diff(OLD, NEW, RENAMES)
    removed = next(p for p in diff.pairs if p.status is SectionStatus.REMOVED)
    removed.blocks = []
    assert "[-Detta avsnitt försvinner.-]" in text(diff)
    assert isinstance(removed, SectionPair)


def test_same_input_same_output() -> None:
    first = text(make_diff(OLD, NEW, RENAMES, summary=sample_summary()), color=True)
    second = text(make_diff(OLD, NEW, RENAMES, summary=sample_summary()), color=True)
    assert first == second


def test_toc_changes_only_on_request_and_notes_always() -> None:
    diff = make_diff(OLD, NEW, RENAMES)
    diff.toc_changes = ["removed: Gammal rubrik"]
    diff.notes = ["paragraph too long, sentence diff"]
    plain = text(diff, lang="en")
    assert "Gammal rubrik" not in plain
    assert "Notes" in plain and "• paragraph too long, sentence diff" in plain
    shown = text(diff, lang="en", show_toc_changes=True)
    assert "Changes in the table of contents" in shown and "• removed: Gammal rubrik" in shown


def test_long_summary_lists_are_cut_with_a_count() -> None:
    summary = sample_summary()
    summary.figure_shifts = summary.figure_shifts * 13
    out = text(make_diff(OLD, NEW, RENAMES, summary=summary), lang="en")
    assert out.count("anställda: 7 419 → 7 500") == 10
    assert "… and 3 more" in out


# -- property: whatever a report holds, only our own escapes reach the terminal ------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_NASTY = st.text(
    alphabet=st.sampled_from(list("ab åÖ[]/{}+-*_~`<>&#|\\") + ["\x1b", "\x07", "\x00", "\x9b", "\u202e", "\t", "\r"]),
    max_size=40,
)


@settings(max_examples=80, deadline=None)
@given(_NASTY, _NASTY, _NASTY, st.booleans())
def test_property_no_foreign_control_characters(heading: str, old_text: str, new_text: str, color: bool) -> None:
    diff = make_diff("# A\n\nett\n\nplats\n", "# A\n\nett\n\nplats två\n")
    pair = diff.pairs[-1]
    pair.new.heading = heading  # type: ignore[union-attr]
    pair.new_path = (heading,)
    change = pair.blocks[-1]
    change.old.text, change.new.text = old_text, new_text  # type: ignore[union-attr]
    for side_by_side in (False, True):
        out = text(diff, color=color, side_by_side=side_by_side)
        without_sgr = re.sub(r"\x1b\[[0-9;]*m", "", out)
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", without_sgr)
        if not color:
            assert "\x1b" not in out


def test_an_injected_console_is_used_as_given() -> None:
    import io

    from rich.console import Console

    from reportdiff.render.options import RenderOptions
    from reportdiff.render.terminal import write_terminal

    buffer = io.StringIO()
    console = Console(file=buffer, width=60, color_system="truecolor", force_terminal=True, highlight=False)
    write_terminal(make_diff(OLD, NEW, RENAMES), RenderOptions(color=True, width=60), console)
    out = buffer.getvalue()
    assert "\x1b[" in out
    assert max(len(line) for line in ANSI.sub("", out).splitlines()) <= 60
