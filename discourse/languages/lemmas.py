"""Lemmas: a word's dictionary form, per language.

A language module may define ``lemmas(norms) -> list[str]``, the lemma of each normalised
form (``norm``) given; French and English use simplemma (MIT, its dictionaries are inside
the wheel: no download). A language without it has **its norm as its lemma**: Chinese and
Vietnamese words do not inflect (复数, tense or agreement are separate words), so their norm
is already the dictionary form, and simplemma is never called for them; ``und`` text is left
as it is too.

Lemmas are a function of (language, norm) only — no context, no part of speech — so
:class:`discourse.Corpus.tokens` lemmatises each distinct norm of a language once
(:func:`lemma_ids`) and counting by lemma is a remap of type ids. A punctuation norm is its
own lemma, and a lemma is lowercased, as norms are.

Examples
--------
>>> lemmas("fr", ["responsabilités", "assumé", "l'", "«"])
['responsabilité', 'assumer', 'le', '«']
>>> lemmas("zh", ["责任"]), lemmas("vi", ["trách nhiệm"])
(['责任'], ['trách nhiệm'])
"""

from __future__ import annotations

import os

import numpy as np

from discourse.errors import InputError
from discourse.languages.base import is_punct
from discourse.languages.registry import get_tokenizer, language

__all__ = ["FORMS", "check_form", "lemmas", "lemma_ids", "read_conllu_lemmas", "lemma_accuracy"]

#: The forms a word is counted by: its normalised form, or its lemma.
FORMS = ("norm", "lemma")


def check_form(form) -> str:
    """Check a ``form`` option: ``"norm"`` (the default) or ``"lemma"``.

    >>> check_form("lemma")
    'lemma'
    """
    if form not in FORMS:
        raise InputError(f"form must be 'norm' (count words as written, lowercased) or 'lemma' (count "
                         f"« responsabilités » with « responsabilité »), not {form!r}")
    return form


def lemmas(lang: str, norms) -> list[str]:
    """The lemma of each norm of language ``lang``: the language module's ``lemmas`` hook
    (French and English), else the norm itself (zh, vi, und). Punctuation is its own lemma.

    >>> lemmas("en", ["children", "was", "n't"])
    ['child', 'be', 'not']
    """
    norms = list(norms)
    hook = getattr(language(lang), "lemmas", None)
    words = [i for i, norm in enumerate(norms) if not is_punct(norm)]
    if hook is None or not words:
        return norms
    out = list(norms)
    for i, lemma in zip(words, hook([norms[i] for i in words])):
        out[i] = lemma.lower() or norms[i]
    return out


def lemma_ids(vocab, type_id: np.ndarray, lang_code: np.ndarray, langs) -> tuple[np.ndarray, list[str]]:
    """Per token, the id of its lemma, and the lemma vocabulary those ids index.

    ``type_id`` indexes ``vocab`` (the norms); ``lang_code`` is each token's language as an
    index into ``langs``. Each distinct (language, norm) is lemmatised once; the lemma
    vocabulary is shared by the languages, as the norm vocabulary is.

    >>> ids, lemma_vocab = lemma_ids(["les", "maisons", "maison"], np.array([0, 1, 2, 1]),
    ...                              np.array([0, 0, 0, 1]), ["fr", "zh"])
    >>> ids.tolist(), lemma_vocab
    ([0, 1, 1, 2], ['le', 'maison', 'maisons'])
    """
    size = max(len(vocab), 1)
    pairs, inverse = np.unique(lang_code.astype(np.int64) * size + type_id, return_inverse=True)
    pair_lemma = np.zeros(len(pairs), dtype=np.int64)
    index: dict[str, int] = {}
    for code in np.unique(pairs // size):
        block = np.flatnonzero(pairs // size == code)
        forms = lemmas(langs[int(code)], [vocab[t] for t in (pairs[block] % size).tolist()])
        pair_lemma[block] = [index.setdefault(form, len(index)) for form in forms]
    return pair_lemma[np.asarray(inverse).ravel()].astype(np.int32), list(index)


def read_conllu_lemmas(path: str | os.PathLike) -> list[tuple[str, str]]:
    r"""The ``(FORM, LEMMA)`` of every scored word of a CoNLL-U file: the syntactic words
    (integer ids: the parts of a multiword token such as French *du* = *de* + *le*, not the
    token itself), leaving out punctuation (UPOS ``PUNCT``) and words without a gold lemma
    (``_``).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.conllu"
    >>> rows = ["1-2\tdu\t_\t_", "1\tde\tde\tADP", "2\tle\tle\tDET", "3\tpays\tpays\tNOUN", "4\t.\t.\tPUNCT"]
    >>> _ = p.write_text("\n".join(r + "\t_" * 6 for r in rows) + "\n\n", encoding="utf-8")
    >>> read_conllu_lemmas(p)
    [('de', 'de'), ('le', 'le'), ('pays', 'pays')]
    """
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 10 and cols[0].isdigit() and cols[3] != "PUNCT" and cols[2] != "_":
                out.append((cols[1], cols[2]))
    return out


def lemma_accuracy(path: str | os.PathLike, lang: str) -> dict:
    r"""Lemma accuracy of language ``lang`` on a CoNLL-U file's gold lemmas.

    Protocol: each word of :func:`read_conllu_lemmas` is normalised by the language's
    tokenizer (``norm``: lowercase, ``’`` as ``'``), lemmatised by :func:`lemmas`, and
    right when its lemma equals the gold LEMMA after case folding; the accuracy is the
    share of words right (``words``: how many were scored).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.conllu"
    >>> rows = ["1\tLes\tle\tDET", "2\tmaisons\tmaison\tNOUN", "3\tsont\têtre\tAUX", "4\tmise\tmettre\tVERB"]
    >>> _ = p.write_text("\n".join(r + "\t_" * 6 for r in rows) + "\n\n", encoding="utf-8")
    >>> lemma_accuracy(p, "fr")
    {'words': 4, 'right': 3, 'accuracy': 0.75}
    """
    pairs = read_conllu_lemmas(path)
    tokenizer = get_tokenizer(lang)
    found = lemmas(lang, [tokenizer.normalize(form) for form, _ in pairs])
    right = sum(mine.casefold() == gold.casefold() for mine, (_, gold) in zip(found, pairs))
    return {"words": len(pairs), "right": right, "accuracy": right / len(pairs) if pairs else float("nan")}
