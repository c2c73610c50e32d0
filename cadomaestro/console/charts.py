"""The dashboard's charts, drawn on the server as inline SVG (no JavaScript), their numbers in
French (formats.py).

The console's Content Security Policy forbids inline styles: the SVG carries presentation
attributes (`fill`) and classes that static/dashboard.css styles. Each chart is an image
(`role="img"`) named by its `<title>` and described by its `<desc>` (what it shows, its
largest value); the page puts the table of the same figures beside it. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from cadomaestro.console.formats import integer

BAR = "#5b2169"  # the console's purple (console.css)
AXIS = "#8a8a8a"
MAX_LABEL_CHARS = 56
WIDTH = 960  # user units; the page scales the chart to its width
MAX_DAY_LABELS = 10


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _frame(ident: str, title: str, description: str, width: int, height: int, body: str) -> Markup:
    name = escape(ident)
    return Markup(
        f'<svg class="chart" role="img" aria-labelledby="{name}-title {name}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{name}-title">{escape(title)}</title>'
        f'<desc id="{name}-desc">{escape(description)}</desc>{body}</svg>'
    )


def columns(
    ident: str,
    title: str,
    description: str,
    points: Sequence[tuple[str, int]],
    width: int = WIDTH,
    height: int = 240,
) -> Markup:
    """Vertical bars, one per point (a day and its count), left to right; the largest value
    marked on the axis, at most MAX_DAY_LABELS labels under the bars."""
    left, right, top, bottom = 44, 8, 12, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    largest = max((value for _, value in points), default=0)
    scale = plot_h / largest if largest else 0.0
    step = plot_w / max(len(points), 1)
    every = max(1, -(-len(points) // MAX_DAY_LABELS))
    parts = [
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
        f'y2="{top + plot_h}" stroke="{AXIS}"/>',
        f'<text class="tick" x="{left - 6}" y="{top + 4}" text-anchor="end">'
        f"{escape(integer(largest))}</text>",
        f'<text class="tick" x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    if largest:
        parts.append(
            f'<line class="grid" x1="{left}" y1="{top}" x2="{width - right}" y2="{top}" '
            f'stroke="{AXIS}" stroke-dasharray="3 3"/>'
        )
    for n, (label, value) in enumerate(points):
        bar_h = value * scale
        x = left + n * step
        parts.append(
            f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{top + plot_h - bar_h:.1f}" '
            f'width="{step * 0.8:.1f}" height="{bar_h:.1f}" fill="{BAR}">'
            f"<title>{escape(label)} : {escape(integer(value))}</title></rect>"
        )
        if n % every == 0:
            parts.append(
                f'<text class="tick" x="{x + step / 2:.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    return _frame(ident, title, description, width, height, "".join(parts))


def bars(
    ident: str,
    title: str,
    description: str,
    items: Sequence[tuple[str, float]],
    show: Callable[[float], str] = lambda value: integer(int(value)),
    largest: float | None = None,
    width: int = WIDTH,
) -> Markup:
    """Horizontal bars, one per item (a label and its value) top to bottom, each with its value
    written after it (`show`); bar lengths relative to `largest` (default: the largest value;
    1 for rates)."""
    label_w, value_w, row_h, gap = 380, 80, 22, 6
    plot_w = width - label_w - value_w
    top = max([largest or 0.0, *(value for _, value in items)])
    height = max(len(items), 1) * (row_h + gap) + gap
    parts = []
    for n, (label, value) in enumerate(items):
        y = gap + n * (row_h + gap)
        length = plot_w * value / top if top else 0.0
        parts.append(
            f'<text class="label" x="{label_w - 8}" y="{y + row_h * 0.7:.1f}" '
            f'text-anchor="end">{escape(_short(label))}</text>'
            f'<rect class="bar" x="{label_w}" y="{y}" width="{length:.1f}" height="{row_h}" '
            f'fill="{BAR}"/>'
            f'<text class="value" x="{label_w + length + 6:.1f}" y="{y + row_h * 0.7:.1f}">'
            f"{escape(show(value))}</text>"
        )
    return _frame(ident, title, description, width, height, "".join(parts))
