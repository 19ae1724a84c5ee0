"""Diffing inside aligned sections: blocks and moves (``blocks``), words and sentences (``words``)."""
