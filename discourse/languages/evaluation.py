"""Evaluation on gold data: span precision/recall/F1 and CoNLL-U (Universal Dependencies) files.

Used by the segmentation and stopword tests (``tests/test_segmentation_eval.py``,
``tests/test_stopwords.py``) and the benchmarks; nothing here is specific to one language.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable

from discourse.errors import InputError
from discourse.languages.base import Tokenizer

__all__ = ["FUNCTION_TAGS", "gold_tags", "read_conllu", "read_conllu_tags", "span_prf"]


def span_prf(gold_spans: Iterable, pred_spans: Iterable) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted word spans against gold spans.

    Spans are any hashable items, usually ``(start, end)`` or, over a corpus,
    ``(sentence, start, end)``; a span counts as right only if it is exactly in the gold set.

    Examples
    --------
    >>> span_prf([(0, 2), (2, 3)], [(0, 2), (2, 3)])
    (1.0, 1.0, 1.0)
    >>> span_prf([(0, 2), (2, 3)], [(0, 1), (1, 2), (2, 3)])
    (0.3333333333333333, 0.5, 0.4)
    """
    gold, pred = set(gold_spans), set(pred_spans)
    hits = len(gold & pred)
    p = hits / len(pred) if pred else 0.0
    r = hits / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if hits else 0.0)


def read_conllu(path: str | os.PathLike) -> list[tuple[str, list[tuple[int, int]]]]:
    """Read a CoNLL-U file as ``(text, gold word spans)`` per sentence.

    The text is the sentence's ``# text =`` line (with or without a space after ``=``);
    each surface token (multiword-token ranges rather than their parts) is found in it in
    order, skipping whitespace, and becomes a ``(start, end)`` span. A FORM may contain
    spaces (Vietnamese multi-syllable words).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.conllu"
    >>> _ = p.write_text("# text =Hà Nội đẹp .\\n1\\tHà Nội\\n2\\tđẹp\\n3\\t.\\n\\n", encoding="utf-8")
    >>> read_conllu(p)
    [('Hà Nội đẹp .', [(0, 6), (7, 10), (11, 12)])]
    """
    sentences: list[tuple[str, list[tuple[int, int]]]] = []
    text, spans, pos, skip_to = None, [], 0, 0
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("# text") and line[6:].lstrip().startswith("="):
                text, spans, pos, skip_to = line.split("=", 1)[1].strip(), [], 0, 0
            elif not line.strip():
                if text is not None:
                    sentences.append((text, spans))
                text = None
            elif not line.startswith("#") and text is not None:
                cols = line.split("\t")
                first, _, last = cols[0].partition("-")
                if "." in first or int(first) <= skip_to:
                    continue  # empty node, or a word inside a multiword token
                skip_to = int(last) if last else 0
                start = len(text) - len(text[pos:].lstrip())
                if not text.startswith(cols[1], start):
                    raise InputError(
                        f"token {cols[1]!r} not found in the # text line at {start}", path=path, line=lineno
                    )
                pos = start + len(cols[1])
                spans.append((start, pos))
    if text is not None:
        sentences.append((text, spans))
    return sentences


#: Universal POS tags of function words (determiners, pronouns, adpositions, conjunctions,
#: auxiliaries, particles): a stopword should carry one of them in most of its occurrences.
FUNCTION_TAGS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PART"})


def read_conllu_tags(path: str | os.PathLike) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Read the surface tokens of a CoNLL-U file with the forms and UPOS tags of their words.

    Returns one ``(form, word_forms, word_tags)`` per surface token, in file order: a
    multiword token (a ``1-2`` range line: French ``du``, English ``it's``) gives its
    surface form and those of its words; any other token is one word. Empty nodes are
    skipped.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.conllu"
    >>> rows = ["1-2\\tdu\\t_\\t_", "1\\tde\\tde\\tADP", "2\\tle\\tle\\tDET", "3\\tpain\\tpain\\tNOUN"]
    >>> _ = p.write_text("# text = du pain\\n" + "\\n".join(rows) + "\\n\\n", encoding="utf-8")
    >>> read_conllu_tags(p)
    [('du', ('de', 'le'), ('ADP', 'DET')), ('pain', ('pain',), ('NOUN',))]
    """
    out: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    multi: tuple[str, int, list, list] | None = None  # surface, last word, forms, tags
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 4:
                raise InputError("a token line needs at least ID, FORM, LEMMA and UPOS", path=path, line=lineno)
            first, _, last = cols[0].partition("-")
            if "." in first:
                continue  # empty node
            if last:
                multi = (unicodedata.normalize("NFC", cols[1]), int(last), [], [])
                continue
            form, tag = unicodedata.normalize("NFC", cols[1]), cols[3]
            if multi is not None and int(first) <= multi[1]:
                multi[2].append(form)
                multi[3].append(tag)
                if int(first) == multi[1]:
                    out.append((multi[0], tuple(multi[2]), tuple(multi[3])))
                    multi = None
                continue
            out.append((form, (form,), (tag,)))
    return out


def gold_tags(tokenizer: Tokenizer, path: str | os.PathLike) -> dict[str, dict[str, int]]:
    """How often each norm form occurs in a CoNLL-U gold file, by UPOS tag.

    Each surface token is normalised with the tokenizer (:meth:`Tokenizer.normalize`); a
    multiword token that the tokenizer keeps whole (French ``du``) counts as one form
    tagged with its words' tags joined by ``+`` (``ADP+DET``), one that it splits
    (English ``it's``: ``it`` + ``'s``) as its words. Used to check that stopwords are
    function words (:data:`FUNCTION_TAGS`).

    Returns
    -------
    dict
        ``{norm: {tag: count}}``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.conllu"
    >>> rows = ["1-2\\tIt's\\t_\\t_", "1\\tIt\\tit\\tPRON", "2\\t's\\tbe\\tAUX", "3\\tok\\tok\\tADJ"]
    >>> _ = p.write_text("# text = It's ok\\n" + "\\n".join(rows) + "\\n\\n", encoding="utf-8")
    >>> from discourse.languages import get_tokenizer
    >>> gold_tags(get_tokenizer("en"), p)
    {'it': {'PRON': 1}, "'s": {'AUX': 1}, 'ok': {'ADJ': 1}}
    """
    counts: dict[str, dict[str, int]] = {}

    def add(norm: str, tag: str) -> None:
        by_tag = counts.setdefault(norm, {})
        by_tag[tag] = by_tag.get(tag, 0) + 1

    for form, words, tags in read_conllu_tags(path):
        if len(words) > 1 and len(tokenizer.tokenize(form)) != 1:
            for word, tag in zip(words, tags):
                add(tokenizer.normalize(word), tag)
        else:
            add(tokenizer.normalize(form), "+".join(tags))
    return counts
