"""The 1+N+X plan tree as a build-time SVG (no Mermaid, no CDN: works offline and in China).

Top: the county 总体 plan (1). Below it three columns: 专项 plans (N), 部门 and unit plans (X),
and the township plans with the village plans (一村一案) under them. Every coordinate is
computed here, so the same content always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
LINE = 20  # px per text line
COLUMN = 236  # column width
GAP = 24
PAD = 12


@dataclass(frozen=True)
class Column:
    heading: str
    lines: list[tuple[str, bool]]  # (text, verified title?)


def _fit(text: str, width: int, size: int) -> str:
    """Cut text to the box width (a CJK character is about one font size wide)."""
    room = (width - 2 * PAD) // size
    return text if len(text) <= room else text[: room - 1] + "…"


def _text(x: float, y: float, text: str, size: int = 13, weight: str = "normal", anchor: str = "start") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


def _box(x: float, y: float, w: float, h: float, dashed: bool = False, fill: str = "#f5f7fb") -> str:
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    return f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="6" fill="{fill}" stroke="#3f51b5"{dash}/>'


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<path d="M{x1:g} {y1:g} V{(y1 + y2) / 2:g} H{x2:g} V{y2:g}" fill="none" stroke="#3f51b5" stroke-width="1.5"/>'


def tree_svg(root: tuple[str, bool], columns: list[Column], villages: Column | None) -> str:
    """root = (title, verified); columns = N, X, townships; villages hangs under the last column."""
    width = len(columns) * COLUMN + (len(columns) - 1) * GAP
    parts: list[str] = []
    root_h = 44
    root_w = min(width, 420)
    root_x = (width - root_w) / 2
    parts.append(_box(root_x, 0, root_w, root_h, dashed=not root[1], fill="#e8eaf6"))
    parts.append(_text(width / 2, 27, _fit("1　" + root[0], root_w, 15), 15, "bold", "middle"))
    top = root_h + 36
    bottoms = []
    for n, column in enumerate(columns):
        x = n * (COLUMN + GAP)
        height = 34 + LINE * len(column.lines) + 8
        parts.append(_line(width / 2, root_h, x + COLUMN / 2, top))
        parts.append(_box(x, top, COLUMN, height))
        parts.append(_text(x + PAD, top + 22, _fit(column.heading, COLUMN, 14), 14, "bold"))
        for k, (text, verified) in enumerate(column.lines):
            mark = "●" if verified else "○"
            parts.append(_text(x + PAD, top + 34 + LINE * (k + 1) - 4, _fit(f"{mark} {text}", COLUMN, 13)))
        bottoms.append((x, top + height))
    height = max(b for _, b in bottoms)
    if villages is not None:
        x, bottom = bottoms[-1]
        v_top = bottom + 32
        v_h = 34 + LINE * len(villages.lines) + 8
        parts.append(_line(x + COLUMN / 2, bottom, x + COLUMN / 2, v_top))
        parts.append(_box(x, v_top, COLUMN, v_h, fill="#fff8e1"))
        parts.append(_text(x + PAD, v_top + 22, _fit(villages.heading, COLUMN, 14), 14, "bold"))
        for k, (text, _) in enumerate(villages.lines):
            parts.append(_text(x + PAD, v_top + 34 + LINE * (k + 1) - 4, _fit(text, COLUMN, 13)))
        height = max(height, v_top + v_h)
    legend_y = height + 24
    parts.append(_text(0, legend_y, "● 名称已核实　○ 示例（名称和内容待以原文为准）", 12))
    total_h = legend_y + 8
    body = "\n".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 {width + 4} {total_h + 4}" width="{width + 4}" '
        f'height="{total_h + 4}" role="img" aria-label="1+N+X 应急预案体系图" font-family="{FONT}" fill="#1a1a1a">\n'
        f"<title>1+N+X 应急预案体系图</title>\n{body}\n</svg>"
    )
