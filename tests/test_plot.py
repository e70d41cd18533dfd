"""Tests of discourse.plot: the shipped font, the style, export and the bar chart.

The central test turns matplotlib's "Glyph ... missing from font(s)" warnings into
failures while drawing Chinese, Vietnamese and French labels, and a second test proves it
has teeth: the same hanzi drawn with DejaVu Sans alone do warn.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import types
import unicodedata
import warnings
from pathlib import Path

import matplotlib
import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
ZH_CORPORA = [
    SHARED / "bench" / "zh_government_work_reports.jsonl",
    SHARED / "bench" / "zh_cpc_congress_reports.jsonl",
]

ZH = ["脱贫攻坚战", "军令状", "责任书", "中央统筹、省负总责", "《脱贫攻坚责任书》（2015）"]
VI = ["trách nhiệm", "thoát nghèo", "Đảng uỷ", "Quốc vụ viện", "xoá đói giảm nghèo", "ưỡ ặ ự"]
FR = ["responsabilité", "« acte d’engagement »"]
LABELS = ZH + VI + FR + ["poverty alleviation"]


pytestmark = pytest.mark.usefixtures("agg")  # the Agg backend, figures closed (conftest)


@pytest.fixture(scope="module")
def plot():
    from discourse import plot

    return plot


@pytest.fixture(scope="module")
def font_cmap(plot):
    from fontTools.ttLib import TTFont

    with TTFont(plot.font_path()) as font:
        return dict(font["cmap"].getBestCmap())


def _is_han(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


def _draw_everything(plot, fig, ax) -> None:
    """Put every label on *ax* (title, axis labels, ticks, text, legend)."""
    ax.barh(range(len(LABELS)), range(1, len(LABELS) + 1), label="脱贫 · thoát nghèo · « pauvreté »")
    ax.set_yticks(range(len(LABELS)), labels=LABELS)
    ax.set_title("中央统筹、省负总责 — Quốc vụ viện — responsabilité")
    ax.set_xlabel("频次 / tần suất / fréquence")
    ax.text(1, 1, "立下“军令状” · xoá đói giảm nghèo · d’un")
    ax.legend()


# --------------------------------------------------------------------------- the font


def test_font_is_shipped_small_and_licensed(plot):
    path = plot.font_path()
    assert path.is_file()
    size = path.stat().st_size
    assert size <= 5 * 1024 * 1024, f"font is {size / 1e6:.1f} MB"
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(path))
    assert font.family_name == plot.CJK_FAMILY
    assert font.postscript_name == "NotoSansCJKsc-Discourse-Regular"
    ofl = (path.parent / "OFL.txt").read_text(encoding="utf-8")
    for part in ("SIL OPEN FONT LICENSE Version 1.1", "PREAMBLE", "DEFINITIONS",
                 "PERMISSION & CONDITIONS", "TERMINATION", "DISCLAIMER", "Reserved Font Name 'Source'"):
        assert part in ofl
    assert (path.parent / "README.md").is_file()


def test_font_covers_gb2312_and_latin(font_cmap):
    gb2312 = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                gb2312.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert len(gb2312) == 6763
    assert [c for c in sorted(gb2312) if ord(c) not in font_cmap] == []
    punctuation = "，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕—…·　０１２ＡＢ"
    assert [c for c in punctuation if ord(c) not in font_cmap] == []


def test_font_covers_seed_hanzi(font_cmap):
    if len(SEEDS) < 2:
        pytest.skip(f"seed documents not found in {SHARED / 'seeds'}")
    text = "".join(p.read_text(encoding="utf-8") for p in SEEDS)
    han = {c for c in text if _is_han(c)}
    assert len(han) > 100
    assert "".join(sorted(c for c in han if ord(c) not in font_cmap)) == ""


def test_font_covers_bench_corpus_hanzi(font_cmap):
    if not all(p.is_file() for p in ZH_CORPORA):
        pytest.skip(f"zh bench corpora not found in {SHARED / 'bench'}")
    han: set[str] = set()
    for path in ZH_CORPORA:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                for value in json.loads(line).values():
                    if isinstance(value, str):
                        han.update(c for c in value if _is_han(c))
    assert len(han) > 3000
    assert "".join(sorted(c for c in han if ord(c) not in font_cmap)) == ""


# --------------------------------------------------------------------------- global state


def test_import_changes_no_matplotlib_state():
    code = (
        "import matplotlib\n"
        "from matplotlib import font_manager\n"
        "before = dict(matplotlib.rcParams)\n"
        "n_fonts = len(font_manager.fontManager.ttflist)\n"
        "import discourse.plot\n"
        "assert dict(matplotlib.rcParams) == before, 'rcParams changed'\n"
        "assert len(font_manager.fontManager.ttflist) == n_fonts, 'font registered at import'\n"
        "print('ok')\n"
    )
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_namespace_shows_the_public_plotting_api_only(plot):
    """Issue 14: tab completion (``dir``) lists the plotting API, not the imports and
    submodules it is built from; the frame plots are part of it."""
    assert dir(plot) == sorted(plot.__all__)
    for name in ("os", "threading", "tempfile", "contextlib", "np", "pd", "Path", "Any", "annotations",
                 "registry", "data_path", "base", "fonts", "terms", "frames"):
        assert name not in dir(plot), name
    assert not [name for name in plot.__all__ if isinstance(getattr(plot, name), types.ModuleType)]
    assert {"frame_heatmap", "frame_bars", "shifts", "frame_strip", "set_label_fonts"} <= set(plot.__all__)
    assert all(callable(getattr(plot, name)) for name in ("style", "savefig", "frame_heatmap", "shifts"))

def test_style_restores_rcparams_and_sets_export_params(plot):
    before = dict(matplotlib.rcParams)
    with plot.style():
        rc = matplotlib.rcParams
        assert rc["pdf.fonttype"] == 42 and rc["ps.fonttype"] == 42
        assert rc["svg.fonttype"] == "path"
        assert rc["font.family"][:2] == ["DejaVu Sans", plot.CJK_FAMILY]
    assert dict(matplotlib.rcParams) == before


def test_ensure_font_is_idempotent(plot):
    from matplotlib import font_manager

    path = plot.ensure_font()
    count = sum(e.fname == str(path) for e in font_manager.fontManager.ttflist)
    assert count >= 1
    assert plot.ensure_font() == path
    assert sum(e.fname == str(path) for e in font_manager.fontManager.ttflist) == count
    assert font_manager.findfont(plot.CJK_FAMILY, fallback_to_default=False) == str(path)


# --------------------------------------------------------------------------- no boxes


@pytest.mark.parametrize("families", ["style", "shipped font only"])
def test_multilingual_labels_draw_without_missing_glyphs(plot, families):
    """Fails on any 'Glyph ... missing from font(s)' warning, at draw time and on save."""
    rc = None
    if families == "shipped font only":  # no system CJK font may help
        rc = {"font.family": ["DejaVu Sans", plot.CJK_FAMILY],
              "font.sans-serif": ["DejaVu Sans", plot.CJK_FAMILY]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with plot.style(rc):
            fig, ax = plot.subplots()
            _draw_everything(plot, fig, ax)
            fig.canvas.draw()
            for fmt in ("pdf", "svg", "png"):
                fig.savefig(io.BytesIO(), format=fmt)


def test_hanzi_with_dejavu_alone_do_warn(plot):
    """The test above has teeth: without the shipped font, hanzi are missing glyphs."""
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("脱贫")
        with pytest.warns(UserWarning, match=r"Glyph \d+ .*missing from font\(s\) DejaVu Sans"):
            fig.canvas.draw()


def test_subplots_tick_labels_find_hanzi_outside_style(plot):
    fig, ax = plot.subplots()
    assert fig.get_size_inches().tolist() == list(plot.DEFAULT_FIGSIZE)
    ax.set_yticks([0, 1, 2], labels=["脱贫攻坚战", "军令状", "Đảng uỷ"])  # outside style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()


# --------------------------------------------------------------------------- savefig


def test_savefig_writes_png_pdf_svg_with_embedded_font(plot, tmp_path):
    fig, ax = plot.subplots(figsize=(4, 3))
    with plot.style():
        ax.set_title("脱贫攻坚 · thoát nghèo · « acte »")
    # Called outside style(): savefig must put the export rcParams in force itself.
    paths = plot.savefig(fig, tmp_path / "out" / "fig")
    assert [p.name for p in paths] == ["fig.png", "fig.pdf", "fig.svg"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["fig.pdf", "fig.png", "fig.svg"]
    png, pdf, svg = (p.read_bytes() for p in paths)
    assert png.startswith(b"\x89PNG")
    assert pdf.startswith(b"%PDF")
    assert b"NotoSansCJKsc-Discourse-Regular" in pdf
    assert b"/FontFile2" in pdf and b"/Type3" not in pdf  # TrueType (Type 42), not Type 3
    assert b"<svg" in svg and b"<text" not in svg  # text drawn as paths
    from matplotlib.image import imread

    height, width = imread(paths[0]).shape[:2]
    assert width > 1000  # 4 inches at 300 dpi, less the tight-bbox trim
    assert paths[1].stat().st_mode & 0o777 != 0o600  # not left with mkstemp's mode

    again = plot.savefig(fig, tmp_path / "out" / "fig.pdf")
    assert again == [tmp_path / "out" / "fig.pdf"]
    assert again[0].read_bytes() == pdf  # reproducible bytes (no creation date)


def test_savefig_formats_and_errors(plot, tmp_path):
    from discourse.errors import InputError

    fig, ax = plot.subplots(figsize=(2, 2))
    assert plot.savefig(ax, tmp_path / "a.png", formats=["svg"]) == [tmp_path / "a.svg"]
    assert plot.savefig(fig, tmp_path / "b.v2", formats="png") == [tmp_path / "b.v2.png"]
    with pytest.raises(InputError, match="docx"):
        plot.savefig(fig, tmp_path / "c", formats=["docx"])
    assert not list(tmp_path.glob(".*tmp"))


# --------------------------------------------------------------------------- bar_terms


def test_bar_terms_bars_order_colours_and_legend(plot):
    import pandas as pd

    df = pd.DataFrame({
        "term": ZH + VI + FR,
        "n": list(range(1, len(ZH + VI + FR) + 1)),
        "lang": ["zh"] * len(ZH) + ["vi"] * len(VI) + ["fr"] * len(FR),
    })
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot.bar_terms(df, term_col="term", value_col="n", lang_col="lang", top=10, title="脱贫")
        ax.figure.canvas.draw()
    assert len(ax.patches) == 10
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == FR[-1] and labels[:3] == [FR[1], FR[0], VI[-1]]  # largest first
    top_bar = min(ax.patches, key=lambda p: p.get_y())  # y axis inverted: top = smallest y
    assert top_bar.get_width() == len(ZH + VI + FR)
    assert matplotlib.colors.to_hex(ax.patches[0].get_facecolor()) == plot.lang_color("fr").lower()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["fr", "vi", "zh"]
    assert ax.get_title() == "脱贫"


def test_bar_terms_on_given_ax_all_rows_and_errors(plot):
    import pandas as pd

    from discourse.errors import InputError

    fig, ax = plot.subplots()
    df = pd.DataFrame({"w": ["a$b$", "US$", "c", "d"], "v": [3, None, 2, 1]})
    assert plot.bar_terms(df, term_col="w", value_col="v", ax=ax, top=None) is ax
    assert len(ax.patches) == 3  # the row without a value is left out
    assert ax.get_legend() is None
    with pytest.raises(InputError, match="'x'"):
        plot.bar_terms(df, term_col="x", value_col="v")
    with pytest.raises(InputError, match="top"):
        plot.bar_terms(df, term_col="w", value_col="v", top=0)
    empty = plot.bar_terms(df.iloc[:0], term_col="w", value_col="v")
    assert len(empty.patches) == 0


# --------------------------------------------------------------------------- colours


def test_lang_colors(plot):
    assert set(plot.LANG_COLORS) == {"zh", "vi", "fr", "en", "und"}
    assert len(set(plot.LANG_COLORS.values())) == 5
    assert plot.lang_color("ZH-hans") == plot.LANG_COLORS["zh"]
    assert plot.lang_color("vie") == plot.LANG_COLORS["vi"]
    assert plot.lang_color(None) == plot.lang_color("klingon") == plot.LANG_COLORS["und"]
    with pytest.raises(TypeError):
        plot.LANG_COLORS["xx"] = "#000000"


# --------------------------------------------------------------------------- every plot shows (issue 13)

#: A notebook's cells run by an IPython shell with the inline backend, as a Jupyter kernel
#: runs them: pyplot and the backend are first loaded by the package's first plot (inside
#: ``style()``), and each cell's figures are displayed (and closed) after the cell.
INLINE_SESSION = r'''
import json
import matplotlib
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

config = Config()
config.HistoryManager.enabled = False
shell = InteractiveShell.instance(config=config)
published = []
shell.display_pub.publish = lambda data, metadata=None, **kw: published.append(sorted(data))
assert not matplotlib.is_interactive()  # as in a fresh kernel: IPython turns it on with the backend
cells = [
    "import pandas as pd\nfrom discourse import plot\n"
    "df = pd.DataFrame({'term': ['脱贫', 'thoát nghèo'], 'n': [2, 1], 'lang': ['zh', 'vi'], 'per_10k': [2.0, 1.0]})",
    "plot.bar_terms(df, term_col='term', value_col='n', lang_col='lang');",
    "plot.top_terms(df, top=2);",
    "ax = plot.bar_terms(df, term_col='term', value_col='n')\nwith plot.style():\n    ax.set_title('责任')",
    "import matplotlib.pyplot as plt\nopen_before_flush = plt.get_fignums()\nplot.bar_terms(df, term_col='term', value_col='n');",
]
images, open_after = [], []
for src in cells:
    published.clear()
    shell.run_cell(src).raise_error()
    images.append(sum("image/png" in data for data in published))
    import matplotlib.pyplot as plt
    open_after.append(len(plt.get_fignums()))
print(json.dumps({"images": images, "interactive": matplotlib.is_interactive(), "open_after": open_after,
                  "open_before_flush": shell.user_ns["open_before_flush"]}))
'''


def test_every_plot_of_an_inline_session_is_displayed(tmp_path):
    """Issue 13: only the first plot of a notebook showed (interactive mode lost on leaving style())."""
    env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONPATH": str(REPO),
           "IPYTHONDIR": str(tmp_path / "ipython")}
    done = subprocess.run([sys.executable, "-c", INLINE_SESSION], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["interactive"] is True, "leaving plot.style() switched interactive mode off"
    assert result["images"] == [0, 1, 1, 1, 1], "a plot cell displayed no image"
    assert result["open_before_flush"] == [], "figures of earlier cells were left open in pyplot"
    assert result["open_after"] == [0, 0, 0, 0, 0]  # the inline backend closes them once shown


def test_style_keeps_interactive_mode_set_inside(plot):
    """The root cause, without a notebook: style() restored interactive mode on exit."""
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with plot.style():
            matplotlib.interactive(True)  # what IPython does when the inline backend loads
        assert matplotlib.is_interactive()
        with plot.style({"font.size": 9}):
            matplotlib.interactive(False)
        assert not matplotlib.is_interactive()
    finally:
        matplotlib.interactive(was)


def test_style_loads_the_backend_before_its_rc_context():
    code = (
        "import matplotlib\n"
        "import matplotlib.pyplot as plt\n"
        "from discourse import plot\n"
        "assert plt._backend_mod is None\n"
        "with plot.style():\n"
        "    assert plt._backend_mod is not None, 'backend not loaded on entry'\n"
        "    inside = matplotlib.rcParams['font.size']\n"
        "print(inside, matplotlib.get_backend())\n"
    )
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.lower().split() == ["14.0", "agg"]


def test_style_refuses_session_settings(plot):
    from discourse.errors import InputError

    for key, val in (("backend", "agg"), ("interactive", True)):
        with pytest.raises(InputError, match=key):
            with plot.style({key: val}):
                pass


# --------------------------------------------------------------------------- savefig of what a plot returns


def _freq():
    import pandas as pd

    return pd.DataFrame({"lang": ["zh", "zh", "vi", "fr"], "term": ["脱贫", "攻坚", "thoát nghèo", "pauvreté"],
                         "per_10k": [3.0, 2.0, 2.5, 1.0], "count": [3, 2, 5, 1]})


def test_savefig_takes_the_array_of_axes_a_plot_returns(plot, tmp_path):
    axes = plot.top_terms(_freq(), top=2)
    assert len(axes) == 3
    paths = plot.savefig(axes, tmp_path / "fig1")  # issue 13: crashed (an array of Axes)
    assert [p.name for p in paths] == ["fig1.png", "fig1.pdf", "fig1.svg"]
    assert all(p.stat().st_size > 1000 for p in paths)
    from matplotlib.image import imread

    width = imread(paths[0]).shape[1]
    assert width > 1500  # the whole figure (3 panels, 12.6 inches at 300 dpi), not one panel
    assert plot.savefig(list(axes), tmp_path / "fig2.png") == [tmp_path / "fig2.png"]
    assert plot.savefig(tuple(axes[:2]), tmp_path / "fig3.svg") == [tmp_path / "fig3.svg"]
    fig, grid = plot.subplots(2, 2)
    assert plot.savefig(grid, tmp_path / "grid.png") == [tmp_path / "grid.png"]  # a 2-D array


def test_savefig_refuses_axes_of_several_figures_and_other_objects(plot, tmp_path):
    from discourse.errors import InputError

    _, a = plot.subplots()
    _, b = plot.subplots()
    with pytest.raises(InputError, match="2 different figures"):
        plot.savefig([a, b], tmp_path / "two")
    with pytest.raises(InputError, match="empty"):
        plot.savefig([], tmp_path / "none")
    with pytest.raises(InputError, match="cannot save a str"):
        plot.savefig("fig", tmp_path / "str")
    assert not list(tmp_path.iterdir())


# --------------------------------------------------------------------------- keyness: negative keywords shown


def _bars(ax):
    return {t.get_text(): p for t, p in zip(ax.get_yticklabels(), ax.patches)}


def test_keyness_draws_a_wrong_signed_negative_keyword(plot):
    """Issue 13 item 10: a word absent from a small target has a positive Log Ratio (0.5 for 0)."""
    from discourse.keyness import keyness

    table = keyness({"脱贫": 6, "攻坚": 3, "the": 1}, {"脱贫": 20, "the": 5000, "发展": 3000, "rare": 2},
                    target_total=10, reference_total=10_000)
    rare = table.set_index("term").loc["rare"]
    assert rare["direction"] == "negative" and rare["target_count"] == 0 and rare["log_ratio"] > 7
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot.keyness(table, top=5)
        ax.figure.canvas.draw()
    bars = _bars(ax)
    assert set(bars) == {"脱贫", "攻坚", "the", "发展", "rare"}
    assert bars["rare"].get_width() == pytest.approx(-rare["log_ratio"])  # on the negative side
    assert matplotlib.colors.to_hex(bars["rare"].get_facecolor()).upper() == "#999999"
    assert bars["rare"].get_hatch() == "///"
    assert [bars[t].get_hatch() for t in ("脱贫", "攻坚", "the", "发展")] == [None] * 4
    assert bars["the"].get_width() < 0 and bars["发展"].get_width() < 0 and bars["脱贫"].get_width() > 0
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(widths, reverse=True)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == 3 and "0.5" in legend[2]


def test_keyness_draws_a_wrong_signed_positive_keyword_and_refuses_an_inconsistent_table(plot):
    from discourse.errors import InputError
    from discourse.keyness import keyness

    table = keyness({"脱贫": 300, "only": 2, "x": 700}, {"脱贫": 2, "x": 8}, target_total=1000, reference_total=10)
    only = table.set_index("term").loc["only"]
    assert only["direction"] == "positive" and only["reference_count"] == 0 and only["log_ratio"] < 0
    ax = plot.keyness(table.assign(lang="zh"))
    bars = _bars(ax)
    assert bars["only"].get_width() == pytest.approx(-only["log_ratio"])  # on the positive side
    assert bars["only"].get_hatch() == "///" and bars["x"].get_hatch() is None
    # after the measured positive keyword, although longer: its length ranks nothing
    assert [t.get_text() for t in ax.get_yticklabels()] == ["脱贫", "only", "x"]
    assert matplotlib.colors.to_hex(bars["only"].get_facecolor()).upper() == plot.lang_color("zh")  # positive
    # a sign that no count of 0 explains: the table was changed
    with pytest.raises(InputError, match="'x' contradicts its direction"):
        plot.keyness(table.assign(log_ratio=table["log_ratio"].abs()))
