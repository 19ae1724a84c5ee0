"""Which way is good news: the measures a report wants lower, and those it wants higher.

A figure that went up is not good news because it went up: falling sick leave, waiting times
and costs are. The colour of a moved figure (the diff page, the e-mail) follows this table; a
measure in neither list stays neutral, since guessing would colour half the figures wrongly.
Kept as data: a label matches when one of its words starts with a stem below (lower case).
"""

from __future__ import annotations

import re

# Measures where lower is better.
BETTER_LOW = (
    "sjukfrånvaro", "väntetid", "vistelsetid", "ledtid", "svarstid", "köer", "kötid", "väntande",
    "överbeläggning", "utlokaliser", "utskrivningsklar", "inhyr", "hyrpersonal", "bemanningsföretag",
    "övertid", "mertid", "personalomsättning", "vakans", "avvikelse", "vårdskad", "vårdrelaterad",
    "lex", "händelseanalys", "klagomål", "fallolyck", "trycksår", "smitt", "underskott", "kostnad",
    "nettokostnad", "nettokostnadsutveckling", "felärende", "strykning", "återinskriv", "inställd",
)  # fmt: skip
# Measures where higher is better.
BETTER_HIGH = (
    "resultat", "överskott", "måluppfyllelse", "tillgänglighet", "nöjd", "följsamhet",
    "vaccinationstäckning", "täckningsgrad", "sökande", "rekryter", "vårdgaranti",
)  # fmt: skip

_WORD = re.compile(r"[0-9a-zåäöéü]+")


def polarity(label: str) -> int:
    """-1 when lower is better, +1 when higher is better, 0 when the table does not know.

    A label with words of both kinds ("kostnad för resultat…") is neutral: the table cannot tell.
    """
    words = _WORD.findall(label.casefold())
    low = any(word.startswith(BETTER_LOW) for word in words)
    high = any(word.startswith(BETTER_HIGH) for word in words)
    return 0 if low == high else -1 if low else 1


def tone(label: str, direction: str) -> str:
    """``good``, ``bad`` or ``""`` (neutral) for a figure of ``label`` that moved ``direction``."""
    sign = {"up": 1, "down": -1}.get(direction, 0)
    value = polarity(label) * sign
    return "good" if value > 0 else "bad" if value < 0 else ""
