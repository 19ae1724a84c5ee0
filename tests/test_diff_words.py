"""Word- and sentence-level edits inside one changed paragraph, and the tokens they are made of."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.diff.words import diff_words
from reportdiff.model import TextOpKind
from reportdiff.text.tokens import _UNIFY, _unify, normalise, sentences, tokenize


def changed(ops):
    return [(op.old, op.new) for op in ops if op.op is not TextOpKind.EQUAL]


def test_numbers_with_thousands_separators_and_decimals_are_one_token() -> None:
    texts = [t.text for t in tokenize("Regionen hade 7 419 anställda, 5,7 procent och 1 234 567 kronor.")]
    assert texts == ["Regionen", "hade", "7 419", "anställda,", "5,7", "procent", "och", "1 234 567", "kronor."]


def test_a_number_group_stops_at_punctuation_and_at_long_numbers() -> None:
    assert [t.text for t in tokenize("år 2024 123 och 7 419, 300 st")] == [
        "år",
        "2024",
        "123",
        "och",
        "7 419,",
        "300",
        "st",
    ]


def test_changed_figure_is_one_whole_token_op() -> None:
    result = diff_words("Regionen hade 7 419 anställda i januari.", "Regionen hade 7 512 anställda i januari.")
    assert result.granularity == "word"
    assert changed(result.ops) == [("7 419", "7 512")]


def test_changed_decimal_keeps_its_comma() -> None:
    result = diff_words("Sjukfrånvaron var 5,7 procent under året.", "Sjukfrånvaron var 6,1 procent under året.")
    assert changed(result.ops) == [("5,7", "6,1")]


def test_short_equal_words_between_changes_are_folded_into_one_change() -> None:
    result = diff_words(
        "Kostnaden ökade kraftigt och snabbt under våren enligt prognosen.",
        "Intäkten minskade kraftigt och långsamt under våren enligt prognosen.",
    )
    # "kraftigt och" is 12 characters: kept as equal; "och" alone would be folded
    assert changed(result.ops) == [("Kostnaden ökade", "Intäkten minskade"), ("snabbt", "långsamt")]
    folded = diff_words("Vi ser att alfa och beta ökar i år.", "Vi ser att gamma och delta ökar i år.")
    assert changed(folded.ops) == [("alfa och beta", "gamma och delta")]


def test_long_equal_runs_separate_changes() -> None:
    result = diff_words(
        "Första ordet står här och sedan kommer en lång mening innan sista ordet.",
        "Andra ordet står här och sedan kommer en lång mening innan slutliga ordet.",
    )
    assert changed(result.ops) == [("Första", "Andra"), ("sista", "slutliga")]


def test_dashes_quotes_and_odd_spaces_are_not_changes() -> None:
    result = diff_words("Vården – den ”nära” vården\u00a0växer.", 'Vården - den "nära" vården växer.')
    assert changed(result.ops) == []


def test_mostly_rewritten_paragraph_falls_back_to_sentences() -> None:
    old = "Arbetet går enligt plan. Budgeten håller. Personalen är nöjd med utbildningen. Nästa steg tas i maj."
    new = (
        "Projektet har försenats kraftigt. Kostnaderna ökar snabbt. Ledningen utreder orsakerna nu. "
        "Nästa steg tas i maj."
    )
    result = diff_words(old, new)
    assert result.granularity == "sentence"
    assert result.ops[-1].op is TextOpKind.EQUAL and result.ops[-1].new == "Nästa steg tas i maj."
    assert all(op.old.endswith(".") and op.new.endswith(".") for op in result.ops)


def test_ops_spell_out_both_texts() -> None:
    old = "Ett två tre fyra fem sex sju åtta nio tio."
    new = "Ett tre fyra FEM sex åtta nio elva tio."
    result = diff_words(old, new)
    assert " ".join(op.old for op in result.ops if op.old).split() == old.split()
    assert " ".join(op.new for op in result.ops if op.new).split() == new.split()


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = "Det gäller bl.a. Luleå och t.ex. Piteå. Beslutet togs av U. Sundquist i mars. Klart!"
    assert [" ".join(t.text for t in s) for s in sentences(tokenize(text))] == [
        "Det gäller bl.a. Luleå och t.ex. Piteå.",
        "Beslutet togs av U. Sundquist i mars.",
        "Klart!",
    ]


def test_normalise_collapses_whitespace_and_soft_hyphens() -> None:
    assert normalise("  vård\u00adcentral \n  och\tmer ") == "vårdcentral och mer"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab åä.\n" + "".join(chr(code) for code in _UNIFY))))
def test_unify_gives_exactly_what_the_translation_table_gives(text: str) -> None:
    """The fast path (no translate when nothing needs it) changes nothing in what is compared."""
    assert _unify(text) == text.translate(_UNIFY)
    assert normalise(text) == " ".join(text.translate(_UNIFY).split())
