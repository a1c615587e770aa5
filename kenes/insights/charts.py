"""Charts drawn on the server: plain HTML/CSS bars and an inline SVG, no JavaScript. They repeat
what the tables next to them say (the tables are the data; charts are aria-hidden)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats

WIDTH, HEIGHT = 640, 220
TOP, BOTTOM, LEFT, RIGHT = 10, 30, 40, 10


@dataclass
class Bar:
    label: object  # a record with .name, or a text
    percent: int | None
    n: int


def share_bars(rows) -> list[Bar]:
    """One bar per table row: the share of appeals answered on time."""
    return [Bar(row.obj, row.figures.on_time.percent, row.figures.appeals_due) for row in rows]


@dataclass
class Column:
    x: float
    y: float
    width: float
    height: float
    label: str
    label_x: float
    percent: int | None


def trend_svg(trend) -> dict:
    """Columns of the monthly on-time share (0-100 %); a month below the minimum sample has no
    column, only its label."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(trend), 1)
    columns = []
    for i, point in enumerate(trend):
        percent = point.figures.on_time.percent
        height = plot_h * (percent or 0) / 100
        x = LEFT + i * step + step * 0.15
        columns.append(
            Column(
                x=round(x, 1),
                y=round(TOP + plot_h - height, 1),
                width=round(step * 0.7, 1),
                height=round(height, 1),
                label=formats.date_format(point.month, "m.y"),
                label_x=round(LEFT + i * step + step / 2, 1),
                percent=percent,
            )
        )
    grid = [{"y": round(TOP + plot_h * (1 - p / 100), 1), "label": f"{p}%"} for p in (0, 25, 50, 75, 100)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "columns": columns,
        "grid": grid,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "label_y": HEIGHT - 10,
        "any": any(c.percent is not None for c in columns),
    }
