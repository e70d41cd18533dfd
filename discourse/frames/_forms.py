"""The forms a group of hits matched, for every group at once: :func:`form_codes` and
:func:`forms_by_group`.

A profile lists per document, language and frame the forms found with their counts
(``"脱贫攻坚 (6); 打赢 (2)"``), a shifts table per aligned unit the distinct forms in order
of first occurrence. Both are made here from one factorisation of the matched texts and
integer group codes, instead of a Python function per group.

>>> import numpy as np
>>> code, forms = form_codes(np.array(["Lutte", "combat", "lutte", "lutte"], dtype=object))
>>> forms_by_group(np.array([0, 0, 0, 1]), code, forms, 2, counted=True)
['lutte (2); combat (1)', 'lutte (1)']
>>> forms_by_group(np.array([0, 0, 0, 1]), code, forms, 2)
['lutte; combat', 'lutte']
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from ._codes import sequence_codes

__all__ = ["form", "form_codes", "forms_by_group"]


def form(match: str) -> str:
    """A matched text as listed: NFC, lowercase, single spaces.

    >>> form("Acte  d’Engagement")
    'acte d’engagement'
    """
    return unicodedata.normalize("NFC", " ".join(match.lower().split()))


def form_codes(matches: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Per matched text, the index of its :func:`form`; and the distinct forms, in order
    of first occurrence (each distinct text is made a form once).

    >>> form_codes(np.array(["Lutte", "combat", "lutte"], dtype=object))[1]
    ['lutte', 'combat']
    """
    match_code, distinct = pd.factorize(matches)
    form_code, forms = pd.factorize(pd.Series([form(m) for m in distinct], dtype=object))
    return (form_code[match_code].astype(np.int64) if len(matches) else np.zeros(0, dtype=np.int64)), list(forms)


def forms_by_group(group: np.ndarray, form_code: np.ndarray, forms: list[str], n_groups: int, *,
                   counted: bool = False, suffix: str = "") -> list[str]:
    """Per group ``0 … n_groups - 1``, its distinct forms joined by ``"; "`` (``""`` for a
    group without hits): in order of first occurrence or, with ``counted=True``, as
    ``"form (n)"`` by count and then first occurrence; ``suffix`` after each form.

    >>> forms_by_group(np.array([0, 0, 0, 2]), np.array([1, 0, 1, 1]), ["x", "y"], 3, counted=True)
    ['y (2); x (1)', '', 'y (1)']
    """
    if not len(group):
        return [""] * n_groups
    n_forms = max(len(forms), 1)
    pair, first, count = np.unique(group.astype(np.int64) * n_forms + form_code, return_index=True,
                                   return_counts=True)
    pair_group, pair_form = pair // n_forms, pair % n_forms
    order = np.lexsort((first, -count, pair_group)) if counted else np.lexsort((first, pair_group))
    pair_group, pair_form, count = pair_group[order], pair_form[order], count[order]
    # each distinct piece ("form (n)") made once, each distinct list of pieces joined once
    limit = int(count.max()) + 1 if counted else 1
    piece_code, piece_keys = pd.factorize(pair_form * limit + (count if counted else 0))
    names = np.asarray(forms, dtype=object)[piece_keys // limit].tolist()
    pieces = [f"{f} ({n}){suffix}" for f, n in zip(names, (piece_keys % limit).tolist())] if counted else \
        [f + suffix for f in names]
    size = np.bincount(pair_group, minlength=n_groups)
    coded = sequence_codes(piece_code.astype(np.int64), size)
    bounds = np.r_[0, np.cumsum(size)]
    if coded is None:  # two lists with one hash: join every group's
        return ["; ".join(pieces[k] for k in piece_code[bounds[g]:bounds[g + 1]].tolist()) for g in range(n_groups)]
    code, first = coded
    lists = piece_code.tolist()
    joined = ["; ".join([pieces[k] for k in lists[bounds[g]:bounds[g + 1]]]) for g in first.tolist()]
    return np.asarray(joined, dtype=object)[code].tolist()
