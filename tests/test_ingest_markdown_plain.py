"""The plain-Markdown reader (headings and paragraphs without a CommonMark parse) reads as markdown-it does.

Random texts are made of pieces that are plain (words, numbers, headings, blank lines) and pieces
that are not (list and quote marks, emphasis, setext lines, tabs, white space at a line's end); the
fast reader must either decline the text or give exactly markdown-it's blocks, spans included.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportdiff.ingest.markdown import _parsed_blocks, _plain_blocks, read_markdown

PLAIN = [
    "Regionen", "vårdplatser", "ökade", "med", "12", "3,5", "procent.", "2024", "(BUP)", "–", "e-tjänster",
    "Kiruna:", "”citat”", "!", "?", "{x}", "$", "%", "@", "^", "\u00a0", "\u2028", "\ufeff", "\u200b",
    " ", "  ", "\n", "\n\n", "\n# ", "\n## ", "\n###### ", "# ", " #", " ##", ">", ":", "-", "+", "=",
]  # fmt: skip
TROUBLE = [
    "\n####### ", "\n#", "\n- ", "\n+ ", "\n* ", "\n1. ", "\n2) ", "\n> ", "\n=", "\n---", "\n***",
    "\n   ", "\n    ", "\t", "*", "_", "`", "[", "]", "<", "&amp;", "\\", "|", "~", "\r", "\x00", " \n",
]  # fmt: skip

# mostly plain pieces, so that many texts are plain and the rest are plain but for one or two pieces
texts = st.lists(st.sampled_from(PLAIN * 8 + TROUBLE), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
@example("# Rubrik 1\n\nText 1 om vården.\n\n# Rubrik 2\nText utan tom rad\nsom fortsätter.\n## Under\n")
@example("Första stycket\n# Rubrik mitt i\nsista")
@example("\u00a0\n\nText")
@example("# 1. Inledning\n\n2024 var ett år.")
def test_plain_reader_gives_markdown_its_blocks(text: str) -> None:
    plain = _plain_blocks(text)
    if plain is not None:
        assert plain == _parsed_blocks(text)


def test_headings_and_paragraphs_are_read_without_commonmark() -> None:
    text = "# Ekonomi\n\nResultatet är 12 mnkr\nför perioden.\n\n## Personal\nAntalet anställda ökade.\n"
    blocks = _plain_blocks(text)
    assert blocks is not None
    assert [(b.text, b.level, b.span.start, b.span.end) for b in blocks] == [
        ("Ekonomi", 1, 1, 1),
        ("Resultatet är 12 mnkr för perioden.", 0, 3, 4),
        ("Personal", 2, 6, 6),
        ("Antalet anställda ökade.", 0, 7, 7),
    ]
    assert blocks == _parsed_blocks(text)


def test_anything_else_goes_to_markdown_it() -> None:
    for text in ("# A\n\n- punkt\n", "Text med *betoning*.", "Rubrik\n======\n", "a | b\n--|--\n1 | 2\n", "rad  \nny"):
        assert _plain_blocks(text) is None, text
    report = read_markdown("# Mål\n\n1. första\n2. andra\n")
    assert [block.marker for block in report.root.children[0].blocks] == ["1.", "2."]
