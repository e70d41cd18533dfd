"""How a concordance looks: the HTML table of a notebook (:func:`html_view`) and the
plain-text table of a terminal (:func:`text_view`), for :class:`discourse.Concordance`.

Both take the concordance's table of the hits shown (``to_frame`` rows) and its hit
table (for the spans of the equivalents found in the aligned texts); the HTML escapes
every text and needs no stylesheet; the text table aligns its columns for CJK text too
(a Chinese character takes two terminal columns).

>>> print(_text_table(pd.DataFrame({"left": ["立下“"], "match": ["军令状"], "right": ["”,实现"]})))
 left  match   right
立下“  军令状  ”,实现
"""

from __future__ import annotations

import html
import unicodedata

import pandas as pd

from ._terminal import visible

__all__ = ["html_view", "text_view", "ALIGNED_WIDTH"]

#: Width bounds of an aligned text in the HTML view (CSS lengths): it wraps within them and is
#: never narrower, however many hits or however long their contexts.
ALIGNED_WIDTH = ("24em", "40em")
_MARK_MATCH = '<mark style="background:#fde68a;font-weight:bold">'
_SPACES = str.maketrans("\t\n\r", "   ")  # a line break in a context is a space in the table
_MARK_EQUIV = '<mark style="background:#bfdbfe;font-weight:bold">'
_NOT_RENDERED = "(not rendered)"  # a dropped hit, in the terminal table
_MARK_RENDERING = '<mark class="discourse-rendering" style="background:#bbf7d0;font-weight:bold">'


def html_view(frame: pd.DataFrame, shown: pd.DataFrame, *, langs, title: str, total: int, query,
              page: bool = False) -> str:
    """The HTML of :meth:`discourse.Concordance.to_html`: ``frame`` its table of the hits
    shown (``shown``: their rows of the hit table, with the ``_spans_<lang>`` of the
    equivalents), ``langs`` the other languages of a parallel concordance, ``title`` its
    heading, ``total`` how many hits it has."""
    esc = html.escape
    cell = "padding:2px 6px;vertical-align:top;"
    ctx = cell + "white-space:nowrap;color:#333;"
    head = [f'<p><b>Concordance</b> of {esc(title)}</p>']
    if len(shown) < total:
        head.append(f"<p>showing {len(shown)} of {total} hits; <code>.to_frame()</code> has them all</p>")
    groups = _groups(frame, langs) if langs else [[i] for i in range(len(shown))]
    if langs and len(shown):
        head.append(f"<p>hits grouped by aligned unit ({len(groups)} unit{'s' * (len(groups) != 1)}): "
                    "below the hits of a unit, its text in each other language, once</p>")
    cols = ["doc", "seg", "left", "match", "right"]
    aligns = ["left", "right", "right", "center", "left"]
    fit = "width:1%;" if langs else ""  # a full-width table: the contexts take the room
    th = "".join(f'<th style="{cell}{fit * (c not in ("left", "right"))}text-align:{a}">{esc(c)}</th>'
                 for c, a in zip(cols, aligns))
    body = []
    for members in groups:
        for k, i in enumerate(members):
            row = frame.iloc[i]
            align = "" if pd.isna(row["align_id"]) else f" · unit {row['align_id']}"
            tds = [f'<td style="{cell}text-align:left;font-size:85%;white-space:nowrap">{esc(row["doc_id"])}</td>',
                   f'<td style="{cell}text-align:right;font-size:85%;white-space:nowrap">{esc(row["lang"])} '
                   f'{row["seg_id"]}{align}</td>',
                   f'<td style="{ctx}text-align:right">{esc(_one_line(row["left"]))}</td>',
                   f'<td style="{cell}text-align:center;white-space:nowrap">{_MARK_MATCH}{esc(row["match"])}'
                   '</mark></td>',
                   f'<td style="{ctx}text-align:left">{esc(_one_line(row["right"]))}</td>']
            first = k == 0 and langs
            body.append(('<tr style="border-top:1px solid #d4d4d4">' if first else "<tr>") + "".join(tds) + "</tr>")
        if langs:
            present = [lang for lang in langs if shown[f"text_{lang}"].iloc[members[0]]]
            absent = [lang for lang in langs if lang not in present]
            boxes = "".join(_aligned_html(shown, frame, members, lang) for lang in present)
            grid = (f'<div style="display:grid;grid-template-columns:repeat({len(present)},'
                    f'minmax({ALIGNED_WIDTH[0]},{ALIGNED_WIDTH[1]}));gap:4px 1.5em">{boxes}</div>') if present else ""
            none = (f'<div style="font-size:85%;color:#888"><i>no aligned segment</i> in '
                    f'{esc(", ".join(absent))}</div>') if absent else ""
            body.append(f'<tr class="discourse-aligned"><td colspan="{len(cols)}" style="{cell}padding-left:2em;'
                        f'padding-bottom:8px;text-align:left">{grid}{none}</td></tr>')
    width = "width:100%;" if langs else ""
    table = (f'<table class="discourse-kwic" style="border-collapse:collapse;table-layout:auto;{width}">'
             f'<thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody></table>') if len(frame) else "<p>(no hits)</p>"
    fragment = "<div>" + "".join(head) + table + "</div>"
    if not page:
        return fragment
    query = query if isinstance(query, str) else " | ".join(query)
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Concordance: {esc(query)}</title>'
            f'</head><body style="font-family:sans-serif">{fragment}</body></html>\n')


def _groups(frame: pd.DataFrame, langs) -> list[list[int]]:
    """Positions of ``hits`` grouped by aligned unit, in the order of each unit's first
    hit. Hits share a group when they share document and ``align_id`` and so the
    same aligned texts; a hit outside any unit is a group of its own."""
    docs, units = frame["doc_id"].to_numpy(), frame["align_id"].to_numpy()
    texts = list(zip(*(frame[f"text_{lang}"] for lang in langs)))
    groups: dict = {}
    for i, (doc, unit) in enumerate(zip(docs, units)):
        key = ("hit", i) if pd.isna(unit) else (doc, int(unit), texts[i])
        groups.setdefault(key, []).append(i)
    return list(groups.values())


def _aligned_html(hits: pd.DataFrame, frame: pd.DataFrame, members: list[int], lang: str) -> str:
    """The aligned text of one unit in ``lang``, every equivalent and rendering of its hits
    highlighted, a dropped hit marked "— not rendered", in a box whose width is bounded by
    :data:`ALIGNED_WIDTH` (the text wraps)."""
    esc = html.escape
    box = (f'<div style="min-width:{ALIGNED_WIDTH[0]};max-width:{ALIGNED_WIDTH[1]};white-space:normal;'
           'overflow-wrap:anywhere;line-height:1.45;text-align:left">'
           f'<div style="font-size:85%;color:#555">aligned {esc(lang)}</div>')
    text = hits[f"text_{lang}"].iloc[members[0]]
    spans, missing, dropped = [], [], []
    for i in members:
        spans += [(s, e, _MARK_RENDERING) for s, e in _column(hits, f"_rspans_{lang}", i, [])]
        spans += [(s, e, _MARK_EQUIV) for s, e in _column(hits, f"_spans_{lang}", i, [])]
        equiv = _column(frame, f"equiv_{lang}", i, pd.NA)
        if isinstance(equiv, str) and not equiv:  # looked for an equivalent and found none
            missing.append(frame["match"].iloc[i])
        if _dropped(_column(frame, f"status_{lang}", i, pd.NA)):
            dropped.append(frame["match"].iloc[i])
    pieces, pos = [], 0
    for s, e, mark in sorted(set(spans)):
        if s < pos:  # overlaps a mark already made
            continue
        pieces += [esc(text[pos:s]), f"{mark}{esc(text[s:e])}</mark>"]
        pos = e
    pieces.append(esc(text[pos:]))
    note = ""
    if missing:
        of = f" of {', '.join(esc(m) for m in dict.fromkeys(missing))}" if spans else ""
        note = f'<b style="color:#b91c1c">no equivalent{of}</b> · '
    note += "".join(f'<b class="discourse-not-rendered" style="color:#b91c1c">{esc(m)} — not rendered</b> · '
                    for m in dropped)
    return f"{box}{note}{''.join(pieces)}</div>"


def _dropped(status) -> bool:
    """Whether a ``status_<lang>`` value (a string or NA) says the hit is not rendered."""
    return isinstance(status, str) and status == "dropped"


def _column(table: pd.DataFrame, col: str, i: int, default):
    """``table[col].iloc[i]``, or ``default`` when the table has no such column."""
    return table[col].iloc[i] if col in table else default


def text_view(frame: pd.DataFrame, hits: pd.DataFrame, *, langs, width: int = 36, text_width: int = 32) -> str:
    """The text of :meth:`discourse.Concordance.to_text`: ``frame`` its table of the hits
    shown (``hits``: their rows of the hit table), ``langs`` the other languages of a
    parallel concordance."""
    keep = ["doc_id", "lang", "seg_id", "left", "match", "right"]
    if langs:
        keep[3:3] = ["align_id", "start", "end"]
        for lang in langs:
            spans = [[*_column(hits, f"_spans_{lang}", i, []), *_column(hits, f"_rspans_{lang}", i, [])]
                     for i in range(len(hits))]
            equiv = [_column(frame, f"equiv_{lang}", i, pd.NA) for i in range(len(hits))]
            dropped = [_dropped(_column(frame, f"status_{lang}", i, pd.NA)) for i in range(len(hits))]
            frame[f"text_{lang}"] = [f"{_NOT_RENDERED} {_excerpt(t, sp, e, text_width - len(_NOT_RENDERED) - 1)}"
                                     if d else _excerpt(t, sp, e, text_width)
                                     for t, sp, e, d in zip(frame[f"text_{lang}"], spans, equiv, dropped)]
            keep.append(f"text_{lang}")
    return _text_table(frame[keep], width=width, text_width=text_width)


def _one_line(text: str) -> str:
    return " ".join(text.split()) if any(c in text for c in "\n\r\t") else text


def _cells(text: str) -> int:
    """Terminal columns ``text`` takes (CJK characters take two)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int, *, keep_end: bool = False) -> str:
    """``text`` on one line, cut to ``width`` terminal columns with "…" on the cut side."""
    text = " ".join(text.split())
    if _cells(text) <= width:
        return text
    chars = list(reversed(text)) if keep_end else list(text)
    out, used = [], 1
    for c in chars:
        used += _cells(c)
        if used > width:
            break
        out.append(c)
    return "…" + "".join(reversed(out)) if keep_end else "".join(out) + "…"


def _excerpt(text: str, spans, equiv, width: int) -> str:
    """An aligned text for the terminal, at most ``width`` columns: around its first
    equivalent, every equivalent in brackets; ``(no equivalent)`` when one was looked for
    and none found; the text's beginning when none was looked for."""
    if not text:
        return ""
    if not spans:
        return "(no equivalent)" if isinstance(equiv, str) else _fit(text, width)
    pieces, pos, first = [], 0, None
    for s, e in sorted(set(spans)):
        if s < pos:
            continue
        pieces.append(text[pos:s])
        first = len("".join(pieces)) if first is None else first
        pieces.append(f"[{text[s:e]}]")
        pos = e
    marked = "".join(pieces) + text[pos:]
    left, rest = " ".join(marked[:first].split(" ")), marked[first:]
    mark = rest[:rest.index("]") + 1]
    budget = max((width - _cells(mark)) // 3, 0)  # a third of the room before the equivalent
    if _cells(" ".join(left.split())) > budget:
        space = " " if left[-1:].isspace() else ""
        left = (_fit(left, budget - len(space), keep_end=True) if budget > len(space) else "…") + space
    return _fit(left + rest, width)


def _text_table(frame: pd.DataFrame, *, width: int = 36, text_width: int = 60) -> str:
    """A plain-text concordance: left context right-aligned and cut on its left, the
    match, the right context cut on its right; columns aligned for CJK text too; control
    characters and bidi overrides escaped (:func:`discourse._terminal.visible`)."""
    columns = []
    for col in frame.columns:  # control characters and bidi overrides shown escaped (\x1b, \u202e)
        values = ["" if pd.isna(v) else visible(str(v).translate(_SPACES)) for v in frame[col]]
        if col == "left":
            values, right_aligned = [_fit(v, width, keep_end=True) for v in values], True
        elif col == "right":
            values, right_aligned = [_fit(v, width) for v in values], False
        else:
            values = [_fit(v, text_width) for v in values]
            right_aligned = pd.api.types.is_numeric_dtype(frame[col])
        columns.append((col, values, right_aligned))
    # each cell's width measured once, and each column's width from those: linear in the rows
    widths = [[_cells(v) for v in values] for _, values, _ in columns]
    sizes = [max([_cells(col), *cells]) for (col, _, _), cells in zip(columns, widths)]
    lines = []
    for i in range(-1, len(frame)):
        cells = []
        for (col, values, right_aligned), used, size in zip(columns, widths, sizes):
            value, taken = (col, _cells(col)) if i < 0 else (values[i], used[i])
            pad = " " * (size - taken)
            cells.append(pad + value if right_aligned else value + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
