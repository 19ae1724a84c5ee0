"""The Markdown renderer: marks, summary, and report text that never turns into markup."""

from __future__ import annotations

from diff_builder import make_diff
from markdown_it import MarkdownIt
from test_render_json import NEW, OLD, RENAMES, sample_summary

from reportdiff.render.dispatch import render

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def md(diff, **options) -> str:  # type: ignore[no-untyped-def]
    return render(diff, "md", **options)


def html(markdown: str) -> str:
    return str(PARSER.render(markdown))


def test_marks_and_sections() -> None:
    out = md(make_diff(OLD, NEW, RENAMES), lang="en")
    assert out.startswith("# Changes: ")
    assert "Regionen har 7 ~~419~~ **500** anställda" in out
    assert "## Changed: Information från verksamheten › Division Diagnostik › Bild- och funktionsmedicin" in out
    assert "- formerly “Bild och funktion”" in out
    assert "## Removed: Information från verksamheten › Division Funktion › Tas bort" in out
    assert "~~Detta avsnitt försvinner.~~" in out
    rendered = html(out)
    assert "<s>419</s> <strong>500</strong>" in rendered
    assert "<li>punkt ett</li>\n<li>punkt två</li>\n<li><strong>punkt tre</strong></li>" in rendered


def test_summary_with_figures_table() -> None:
    out = md(make_diff(OLD, NEW, RENAMES, summary=sample_summary()), lang="sv")
    assert "## Sammanfattning" in out and "- 2 ändrade avsnitt" in out
    assert "### Ändrad status" in out and "- Röntgen: mars → april (Inledning, rad 13)" in out
    assert "| anställda | 7 419 | 7 500 | +81 | Inledning |" in out
    assert "<table>" in html(out)


def test_summary_only() -> None:
    out = md(make_diff(OLD, NEW, RENAMES), summary_only=True, lang="en")
    assert "## Summary" in out and "## Changed" not in out


def test_report_text_is_escaped() -> None:
    hostile = "Se *inte* [länk](http://x) <script>alert(1)</script> ~~x~~ a|b &amp; `kod` _u_ \\ slut"
    diff = make_diff("# A\n\nett\n", "# A\n\nett\n\nplats\n")
    change = diff.pairs[-1].blocks[-1]
    change.new.text = hostile  # type: ignore[union-attr]
    change.ops = []
    body = html(md(diff)).split("<p>ett</p>")[-1]
    assert body.startswith("\n<p><strong>") and body.endswith("</strong></p>\n")
    inner = body.removeprefix("\n<p><strong>").removesuffix("</strong></p>\n")
    assert inner == (
        "Se *inte* [länk](http://x) &lt;script&gt;alert(1)&lt;/script&gt; ~~x~~ a|b &amp;amp; `kod` _u_ \\ slut"
    )


def test_line_starts_do_not_become_blocks() -> None:
    """Block text that would open a heading, list, quote, rule or ordered list is escaped."""
    for start in ("# Rubrik", "- punkt", "+ punkt", "> citat", "2024. Året", "=====", "---", "***"):
        diff = make_diff("# A\n\nett\n", "# A\n\nett\n\nplats\n")
        change = diff.pairs[-1].blocks[-1]
        change.new.text = start  # type: ignore[union-attr]
        change.ops = []
        section = html(md(diff)).split("<h2>")[-1]
        body = section.split("</h2>", 1)[1]
        assert "<h1>" not in body and "<ul>" not in body and "<blockquote>" not in body
        assert "<hr" not in body and "<ol" not in body, (start, body)
        assert start.replace(">", "&gt;") in body


def test_deterministic() -> None:
    diff = make_diff(OLD, NEW, RENAMES, summary=sample_summary())
    assert md(diff) == md(diff)


def test_toc_changes_on_request_and_long_lists_cut() -> None:
    summary = sample_summary()
    summary.events = summary.events * 12
    diff = make_diff(OLD, NEW, RENAMES, summary=summary)
    diff.toc_changes = ["removed: Gammal rubrik"]
    assert "Gammal rubrik" not in md(diff)
    out = md(diff, show_toc_changes=True, lang="en")
    assert "### Changes in the table of contents" in out and "- removed: Gammal rubrik" in out
    assert out.count("- Röntgen: mars → april") == 10 and "- … and 2 more" in out
