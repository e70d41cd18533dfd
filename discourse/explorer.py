"""An interactive concordance for Jupyter (:func:`kwic_explorer`), on ipywidgets.

ipywidgets is an optional dependency (``pip install "discourse[widgets]"``), imported
only when an explorer is made; nothing else in the package needs it.
"""

from __future__ import annotations

import html

from .concordance import SORT_KEYS, kwic
from .errors import InputError
from .io import load_corpus

__all__ = ["kwic_explorer"]


def kwic_explorer(corpus=None, *, query: str = "", window: int = 5):
    """An interactive concordance for Jupyter: query box, language, window, sort order,
    "inside words" and "parallel" switches, the concordance below ("parallel": the aligned
    paragraphs, with each frame-term hit's rendering highlighted, see
    :meth:`discourse.Concordance.parallel`).

    Needs the optional package ipywidgets (``pip install ipywidgets``, or
    ``pip install "discourse[widgets]"``); nothing else in the package does.

    Parameters
    ----------
    corpus : Corpus, optional
        Default: the bundled corpus.
    query : str
        The query to start with.
    window : int
        The context size to start with (tokens).

    Returns
    -------
    ipywidgets.VBox
        Display it in a notebook cell. Where widgets cannot run (an HTML export such as
        ``python -m discourse.report``, a notebook viewer, a front end without
        ipywidgets), it shows as static HTML: the concordance it showed when displayed,
        the settings that made it, and a note that the controls are interactive in
        JupyterLab (its mimebundle has a ``text/html`` entry beside the widget view).

    Examples
    --------
    >>> import discourse
    >>> explorer = discourse.kwic_explorer(query="责任")  # doctest: +SKIP
    >>> bundle = explorer._repr_mimebundle_()  # doctest: +SKIP
    >>> "interactive in JupyterLab" in bundle["text/html"]  # doctest: +SKIP
    True
    """
    try:
        import ipywidgets as widgets  # deferred: optional, only for an explorer
    except ImportError:
        raise ImportError("the concordance explorer needs ipywidgets, which is not installed: "
                          "run `pip install ipywidgets` (or `pip install \"discourse[widgets]\"`) and restart "
                          "the kernel; discourse.kwic(...) works without it") from None
    if corpus is None:
        corpus = load_corpus()
    box = widgets.Text(value=query, description="query", continuous_update=False,
                       placeholder="责任, trách nhiệm, respons* …")
    lang = widgets.Dropdown(options=[("all", None)] + [(code, code) for code in corpus.langs], description="language")
    size = widgets.IntSlider(value=window, min=0, max=30, description="window")
    order = widgets.Dropdown(options=list(SORT_KEYS), value="position", description="sort")
    inside = widgets.Checkbox(value=False, description="inside words")
    beside = widgets.Checkbox(value=False, description="parallel")
    view = widgets.HTML()

    def update(_change=None):
        if not box.value.strip():
            view.value = "<p>Type a word, a phrase or a pattern in the query box.</p>"
            return
        try:
            conc = kwic(corpus, box.value, lang=lang.value, window=size.value, sort=order.value,
                        chars=inside.value, parallel=beside.value)
            view.value = conc._repr_html_()
        except InputError as err:
            view.value = f'<p style="color:#b91c1c">{html.escape(str(err))}</p>'

    for control in (box, lang, size, order, inside, beside):
        control.observe(update, names="value")
    update()
    explorer = widgets.VBox([widgets.HBox([box, lang, order]), widgets.HBox([size, inside, beside]), view])
    widget_bundle = explorer._repr_mimebundle_

    def static_bundle(**kwargs):
        # the widget view for front ends that run widgets, and beside it (for those that
        # cannot: HTML exports, viewers) what the explorer shows now, as plain HTML
        data = dict(widget_bundle(**kwargs) or {})
        switches = [name for name, on in (("inside words", inside.value), ("parallel", beside.value)) if on]
        settings = (f"query <code>{html.escape(box.value)}</code>, language {html.escape(lang.value or 'all')}, "
                    f"window {size.value}, sorted by {html.escape(order.value)}"
                    + "".join(f", {name}" for name in switches))
        data["text/html"] = (f'<div class="discourse-kwic-explorer"><p><em>Concordance explorer '
                             f"({settings}): a static copy; the controls are interactive in JupyterLab "
                             f"(with ipywidgets).</em></p>{view.value}</div>")
        return data

    explorer._repr_mimebundle_ = static_bundle
    return explorer
