"""Property: every word of a report's body lands in exactly one heading, block or aside.

Report-like documents (headings, paragraphs of Swedish words and figures, list items) are laid
out as Word-style text and as PDF text (wrapped, hyphenated, paginated) and read back; the
multiset of words (list markers included: a dash may be read as a marker or as text) must be the
input's, whatever the reader decides about headings, paragraphs and lists.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.ingest.text import read_text
from reportdiff.ingest.tree import RawBlock, build_tree
from reportdiff.model import BlockKind, Report, Span
from reportdiff.text.normalize import strip_control
from tests.rewrap import to_pdf, to_word

VOCABULARY = [
    "regionen", "sjukvården", "hälso-", "och", "utmaning", "verksamheterna", "patienter", "medarbetare",
    "förbättringsarbete", "tillgängligheten", "vårdplatser", "under", "med", "för", "på", "att", "är",
    "har", "inom", "samt", "procent", "mnkr", "12", "3,5", "2024", "1 177", "e-tjänster", "IVA-patienter",
    "–", "(BUP)", "”Tillgängliga", "norrbottningen”", "Norrbotten", "Luleå", "Kiruna", "övergripande",
    "schemaläggningsstöd", "kompetensförsörjningen", "ökade", "minskade", "-14", "+8,2", "40-,", "50-",
]  # fmt: skip
CAPITALISED = ["Division", "Regionen", "Vårdhygien", "Ekonomi", "Sommarrekrytering", "Cosmic", "Patientsäkerhet"]

words = st.sampled_from(VOCABULARY)
sentences = st.builds(
    lambda first, rest: " ".join([first] + rest) + ".",
    st.sampled_from(CAPITALISED),
    st.lists(words, min_size=2, max_size=16),
)
paragraphs = st.lists(sentences, min_size=1, max_size=5).map(" ".join)
headings = st.lists(st.sampled_from(CAPITALISED + ["Information", "Bilagor", "Lägesbild"]), min_size=1, max_size=4).map(
    " ".join
)
items = st.lists(words, min_size=2, max_size=12).map(lambda rest: "Arbete " + " ".join(rest))
parts = st.lists(
    st.one_of(
        st.tuples(st.just("heading"), headings, st.integers(min_value=1, max_value=3)),
        st.tuples(st.just("paragraph"), paragraphs, st.just(0)),
        st.tuples(st.just("list"), items, st.just(0)),
    ),
    min_size=1,
    max_size=25,
)


def _report(generated: list[tuple[str, str, int]]) -> Report:
    raw = []
    for number, (kind, text, level) in enumerate(generated, start=1):
        if kind == "heading":
            raw.append(RawBlock(text, Span(number, number), level=level))
        elif kind == "list":
            raw.append(RawBlock(text, Span(number, number), kind=BlockKind.LIST_ITEM, marker="-"))
        else:
            raw.append(RawBlock(text, Span(number, number)))
    return Report(source="<generated>", root=build_tree(raw))


def _words_read(report: Report) -> Counter[str]:
    """Headings, block texts, list markers and asides: everything the reader kept."""
    found = Counter(report.words())
    found.update(block.marker for block in report.blocks() if block.marker)
    for aside in report.asides:
        if not aside.text.startswith("Sida "):  # the page furniture the layout added
            found.update(aside.text.split())
    return found


def _words_written(generated: list[tuple[str, str, int]]) -> Counter[str]:
    """The words laid out, with the ``-`` that marks each list item."""
    written = Counter(word for _, text, _ in generated for word in text.split())
    written["-"] += sum(1 for kind, _, _ in generated if kind == "list")
    return +written


@settings(max_examples=80, deadline=None)
@given(parts)
def test_word_style_loses_and_duplicates_nothing(generated: list[tuple[str, str, int]]) -> None:
    report = read_text(to_word(_report(generated)))
    assert _words_read(report) == _words_written(generated)


@settings(max_examples=80, deadline=None)
@given(parts, st.sampled_from(["double", "single"]), st.integers(min_value=45, max_value=90))
def test_pdf_style_loses_and_duplicates_nothing(
    generated: list[tuple[str, str, int]], spacing: str, width: int
) -> None:
    report = read_text(to_pdf(_report(generated), spacing, width=width))
    assert _words_read(report) == _words_written(generated)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
            st.sampled_from([" ", "", "\t3", " Sida 2 (9)", "- ", "1. ", "Innehållsförteckning", "Regiondirektör"]),
        ),
        max_size=40,
    )
)
def test_any_text_reads_without_error_and_keeps_its_words(lines: list[str]) -> None:
    """Arbitrary input never raises, and no word appears in the model that the input lacks."""
    text = "\n".join(lines)
    report = read_text(text)
    assert report.style in ("word", "pdf-double", "pdf-single")
    bare = str.maketrans("", "", "*_")  # emphasis marks are dropped
    source_words = set(strip_control(text).translate(bare).split())
    for block in report.blocks():
        for word in block.text.translate(bare).split():
            # a word is in the input, or is two input words rejoined at a line-end hyphen
            assert word in source_words or any(word.startswith(part.rstrip("-")) for part in source_words if part)
