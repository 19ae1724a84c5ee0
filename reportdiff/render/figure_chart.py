"""A small chart of each moved figure, for the diff page (inline SVG) and the e-mail (table bars).

Like the trend page's sparklines, but a diff has two values, so the chart is a slope from the
old value to the new one with both values written at its ends. E-mail programs do not show SVG
(Gmail and Outlook drop it), so the e-mail gets the same picture as two bars made of table
cells, which every client draws; the values stand beside them in text anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from reportdiff.model.findings import FigureShift

WIDTH, HEIGHT, PAD = 150, 34, 5
LABEL_ROOM = 40  # room on each side for the value


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the e-mail chart: its share of the row (2-100 %) and the value it stands for."""

    percent: int
    value: str
    new: bool


def slope_chart(shift: FigureShift, old_text: str, new_text: str, tone: str) -> Markup:
    """Old value on the left, new on the right, a line between, scaled to the two values."""
    if shift.old is None or shift.new is None:
        return Markup("")
    low, high = min(shift.old.value, shift.new.value), max(shift.old.value, shift.new.value)

    def y(value: float) -> float:
        if high == low:
            return HEIGHT / 2
        return HEIGHT - PAD - (value - low) / (high - low) * (HEIGHT - 2 * PAD)

    x_old, x_new = LABEL_ROOM, WIDTH - LABEL_ROOM
    y_old, y_new = y(shift.old.value), y(shift.new.value)
    label = f"{old_text} → {new_text}"
    css = f"slope {tone}".strip()
    return Markup(
        f'<svg class="{css}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img"'
        f' aria-label="{escape(label)}">'
        f'<line x1="{x_old}" y1="{y_old:.1f}" x2="{x_new}" y2="{y_new:.1f}" class="line"/>'
        f'<circle cx="{x_old}" cy="{y_old:.1f}" r="3" class="dot old"/>'
        f'<circle cx="{x_new}" cy="{y_new:.1f}" r="3" class="dot"/>'
        f'<text x="{x_old - 6}" y="{y_old + 4:.1f}" text-anchor="end">{escape(_short(shift.old.value))}</text>'
        f'<text x="{x_new + 6}" y="{y_new + 4:.1f}">{escape(_short(shift.new.value))}</text>'
        "</svg>"
    )


def bars(shift: FigureShift, old_text: str, new_text: str) -> list[Bar]:
    """The e-mail's two bars, old and new, on one scale (the larger magnitude is the full width)."""
    if shift.old is None or shift.new is None:
        return []
    scale = max(abs(shift.old.value), abs(shift.new.value)) or 1.0
    return [
        Bar(max(2, round(abs(shift.old.value) / scale * 100)), old_text, new=False),
        Bar(max(2, round(abs(shift.new.value) / scale * 100)), new_text, new=True),
    ]


def _short(value: float) -> str:
    """A value short enough for the chart's end: 7436, 5,9, −61 (the full figure is in the table)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".") if not float(value).is_integer() else str(int(value))
    return text.replace(".", ",").replace("-", "−")
