"""Sentence splitting: one engine, each language's facts in its module.

A language module gives a :class:`SentenceRules` (its sentence-final marks, closing
quotes and brackets, abbreviations, frequent sentence starters) and its
``split_sentences(text, start=0, end=None)`` calls :func:`split` with them. A sentence
is a ``(start, end)`` span of character offsets: the spans of a text cover every
non-space character exactly once, in order, and start and end on a non-space
character, so the text is rebuilt from the spans and the whitespace between them.

How a boundary is decided (the rules are measured in ``tests/test_sentence_eval.py``
on the Universal Dependencies test sets):

- A mark of ``unspaced`` (Chinese 。！？…) ends a sentence where it stands, with
  the closing quotes and brackets that follow it (``。」``, ``！”``), unless a comma or
  colon follows (``“好！”他说`` ends after ``”``; ``！”，`` does not end).
- A mark of ``spaced`` (Latin ``. ! ? …``) ends a sentence only before whitespace or
  the end of the text (so ``3.5``, ``3,5``, ``e.g.,`` and ``www.gov.cn`` never split),
  with the closing quotes and brackets after it, spaced or not (``! »``, ``."``,
  Vietnamese treebank ``? " .``); and not before a lower-case letter, a comma, a colon
  or a semicolon (a continuation), nor after:

  * an abbreviation that never ends a sentence (``M.``, ``Dr.``, ``art.``, ``cf.``);
  * an abbreviation that may (``etc.``, ``Inc.``, ``U.S.``) or an initial (``J.``,
    ``J.-P.``) unless a frequent sentence starter follows (``etc. Le``, ``Inc. The``);
  * the number or letter of a list item at the start of a sentence (``1. Le``);
  * an ellipsis in brackets (``(...)``, ``[…]``).
- A period glued to the next word ends a sentence when a lower-case word of two or more
  letters stands before it and a capitalised word after it (``trọng.Đảng``: text
  extraction loses the space), never inside ``U.S.A.``, ``3.5`` or ``China.org.cn``.
- A free-standing emoticon (``:)``, ``;-)``) ends a sentence before a capital, as in
  web text (``super ;) Un endroit``).
- A blank line always ends a sentence; a single line break does not (hard-wrapped text).

The candidate marks are found with one compiled regular expression; Python looks only
at each candidate, never at each character.

Examples
--------
>>> from discourse.languages.sentences import SentenceRules, split
>>> rules = SentenceRules(spaced=".!?", abbreviations=frozenset({"dr"}))
>>> text = "Dr. Lee came. He paid 3.5 (...) and left! So?"
>>> [text[s:e] for s, e in split(text, rules=rules)]
['Dr. Lee came.', 'He paid 3.5 (...) and left!', 'So?']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

__all__ = ["SentenceRules", "split", "boundary_prf", "joined_documents", "gold_documents", "unmarked_breaks",
           "score_documents"]

#: Closing quotes and brackets that stay with the sentence they close.
CLOSERS = "»”’\"')]}」』）》〉】〕"
_AMBIGUOUS_QUOTES = "\"'"  # open or close: closing only when one is open in the sentence
_OPENERS = "«“‘\"'([{「『（《〈【〔¿¡"
_HSPACE = " \t\u00a0\u202f\u2009"  # spaces that may stand before a French » or ! ?
_WORD_BEFORE = re.compile(r"(\S+) ?\Z")  # "tp ." in spaced (treebank) text too
_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)*[^\W\d_]\Z")
_ITEM = re.compile(r"(?:\d{1,3}|[IVXLC]{1,5}|[a-z])\Z")
_NEXT_WORD = re.compile(r"[^\W\d_]+[’']?")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_NON_SPACE = re.compile(r"\S")
_EMOTICON = r"(?<!\S)[:;]-?[()DP](?!\S)"  # :) ;) :-( :D, which end sentences in web text
_QUOTE_BEFORE = re.compile(r"([\"'])[ \u00a0]?\Z")
_DIGIT_BEFORE = re.compile(r"\d ?\Z")
_THOUSANDS = re.compile(r"\d{3}(?![\d.,])")


@dataclass(frozen=True)
class SentenceRules:
    """The facts one language's sentence splitting needs.

    Parameters
    ----------
    spaced : str
        Marks that end a sentence before whitespace (``.!?…``).
    unspaced : str
        Marks that end a sentence where they stand (Chinese ``。！？…``).
    closers : str
        Closing quotes and brackets that go with the sentence they close.
    abbreviations : frozenset of str
        Lower-case words (without their final period) whose period ends no sentence:
        ``m``, ``mme``, ``dr``, ``art``, ``e.g``.
    final_abbreviations : frozenset of str
        Lower-case words whose period ends a sentence only before a frequent sentence
        starter (``etc``, ``inc``, ``u.s``); initials (``J.``, ``J.-P.``) count as these.
    starters : frozenset of str
        Words that often begin a sentence, capitalised (``The``, ``Le``, ``Tôi``).
    lowercase_continues : bool
        A lower-case letter after a mark continues the sentence (after an ellipsis, a
        closed quotation or a short word's period: "approx. the"; not "bad. i").
    weak : str
        Marks that end a sentence only before a frequent sentence starter (French
        ``;`` before ``Il``: the end of a list item).

    Examples
    --------
    >>> SentenceRules(unspaced="。").unspaced
    '。'
    """

    spaced: str = ""
    unspaced: str = ""
    closers: str = CLOSERS
    abbreviations: frozenset = field(default_factory=frozenset)
    final_abbreviations: frozenset = field(default_factory=frozenset)
    starters: frozenset = field(default_factory=frozenset)
    lowercase_continues: bool = True
    weak: str = ""

    @cached_property
    def candidates(self) -> re.Pattern:
        """The compiled pattern of the marks that may end a sentence."""
        marks = re.escape(self.spaced + self.unspaced + self.weak)
        if not marks:
            return re.compile(r"(?!)")
        # a run of marks ("..." is a run of periods), or a free-standing emoticon
        return re.compile(f"[{marks}]+|{_EMOTICON}")


def _abbreviation_kind(word: str, rules: SentenceRules) -> str | None:
    """``"never"``, ``"maybe"`` or ``None``: whether the period after ``word`` may end a sentence."""
    word = re.split("[’'ʼ]", word.lstrip(_OPENERS))[-1]  # l’art -> art
    low = word.lower()
    if low in rules.abbreviations:
        return "never"
    if low in rules.final_abbreviations or (word[:1].isupper() and _INITIALS.match(word)):
        return "maybe"
    return None


def _continues(text: str, i: int, j: int, run_end: int, run: str, sentence_start: int) -> bool:
    """Whether a lower-case word after the mark run ``text[i:run_end]`` (closers to ``j``)
    continues the sentence: after an ellipsis, after a quotation closed by the mark
    (« Quoi ? » dit-il), and after a period that follows a short or dotted word (an
    abbreviation not listed: "approx. the"); not after a plain word's period ("bad. i")."""
    if run[-1] == "…" or len(run) > 1 or j > run_end:
        return True
    if run != ".":
        return False
    before = _WORD_BEFORE.search(text, max(sentence_start, i - 40), i)
    word = before.group(1) if before else ""
    return len(word) <= 3 or "." in word or not word.isalpha()


def _closing_end(text: str, mark_start: int, j: int, end: int, sentence_start: int, closers: str,
                 marks: str) -> int:
    """The end of the closing quotes, brackets and marks after a mark run ending at ``j``."""
    closed_quote = False
    while j < end:
        k = j
        while k < end and text[k] in _HSPACE:
            k += 1
        if k >= end:
            break
        c = text[k]
        if c in _AMBIGUOUS_QUOTES:
            if closed_quote:
                break  # ." " : the second one opens the next sentence
            closed_quote = True
            # closes only a quote opened in this sentence, and is not glued to a next word
            after = k + 1
            while after < end and text[after] in _HSPACE:
                after += 1
            if (after < end and text[after] not in marks and text[after] not in "\n\r"
                    and _QUOTE_BEFORE.search(text, max(0, mark_start - 3), mark_start)
                    and _QUOTE_BEFORE.search(text, max(0, mark_start - 3), mark_start).group(1) == c):
                break  # " . " Tôi : the mark closed the quotation, this one opens the next
            if not (after >= end or text[after] in marks or text[after] in "\n\r"):  # ? " . : closing
                if k + 1 < end and text[k + 1].isalnum():
                    break  # glued to the next word: it opens the next sentence
                if k > j and text.count(c, sentence_start, k) % 2 == 0:
                    break  # spaced, and no quotation open in this sentence: an opening quote
        elif c in closers:
            if k > j and k + 1 < end and text[k + 1].isalnum():
                break  # a spaced closer glued to a word: the next sentence's opener
        elif c in marks and k > j:
            pass  # a spaced final mark after a closer (Vietnamese treebank: ? " .)
        elif c in marks:
            pass
        else:
            break
        j = k + 1
    return j


def split(text: str, start: int = 0, end: int | None = None, *, rules: SentenceRules) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as ``(start, end)`` offsets into ``text``.

    Parameters
    ----------
    text : str
    start, end : int
        The part of ``text`` to split (default: all of it).
    rules : SentenceRules
        The language's facts (each language module's ``SENTENCE_RULES``).

    Returns
    -------
    list of (int, int)
        Spans in reading order; each starts and ends on a non-space character, and
        together they hold every non-space character of the part exactly once.

    Examples
    --------
    >>> rules = SentenceRules(unspaced="。！？")
    >>> split("他说：“好！”然后走了。  再见。", rules=rules)
    [(0, 7), (7, 12), (14, 17)]
    """
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    spaced, unspaced, closers = rules.spaced, rules.unspaced, rules.closers
    marks = spaced + unspaced
    cuts: list[int] = []
    sentence_start = start
    for m in _BLANK_LINE.finditer(text, start, end):
        cuts.append(m.start())
    blank_cuts = iter(sorted(cuts))
    next_blank = next(blank_cuts, end)
    for m in rules.candidates.finditer(text, start, end):
        i, j = m.span()
        while next_blank < i:  # a paragraph break before this mark started a sentence
            sentence_start = next_blank
            next_blank = next(blank_cuts, end)
        run = m.group()
        j = _closing_end(text, i, j, end, sentence_start, closers, marks)
        k = j
        while k < end and text[k].isspace():
            k += 1
        if k >= end:
            break  # the last sentence ends with the text
        nxt = text[k]
        if nxt in ",;:，、：；" or (nxt in "-–—" and k == j):
            continue
        if nxt in "-–—":  # a spaced dash: look at what follows it
            d = k + 1
            while d < end and text[d].isspace():
                d += 1
            if d < end and text[d].islower():
                continue
        if rules.lowercase_continues and nxt.islower() and _continues(text, i, j, m.end(), run, sentence_start):
            continue
        if nxt.isdigit() and run == "." and _THOUSANDS.match(text, k) and _DIGIT_BEFORE.search(text, i - 2, i):
            continue  # 28 . 000 (a spaced number)
        if nxt.isdigit() and run[-1] in "…." and len(run) > 1:
            continue  # "... 15 năm"
        if run in rules.weak:
            w = _NEXT_WORD.match(text, k)
            if k == j or not (w and w.group() in rules.starters):
                continue
        is_unspaced = run[-1] in unspaced or any(c in unspaced for c in run)
        if not is_unspaced:
            before = _WORD_BEFORE.search(text, max(sentence_start, i - 40), i)
            word = before.group(1) if before else ""
            if k == j:  # glued to the next character
                if not (run == "." and len(word) >= 2 and word.isalpha() and word.islower()
                        and nxt.isupper() and k + 1 < end and text[k + 1].islower()):
                    continue
            if run == ".":
                kind = _abbreviation_kind(word, rules)
                if kind == "never":
                    continue
                if kind == "maybe":
                    w = _NEXT_WORD.match(text, k)
                    if not (w and w.group() in rules.starters):
                        continue
                if _ITEM.match(word) and not text[sentence_start : i - len(word)].strip():
                    continue  # "1. Le texte", "a. The"
            if i > start and text[i - 1] in "([" and j < end and text[j - 1] in ")]":
                continue  # (...) [...]
        cuts.append(j)
        sentence_start = k
    cuts = sorted(set(cuts))
    spans = []
    prev = start
    for cut in [*cuts, end]:
        first = _NON_SPACE.search(text, prev, cut)
        if first is not None:
            last = cut
            while text[last - 1].isspace():
                last -= 1
            spans.append((first.start(), last))
        prev = cut
    return spans


# ------------------------------------------------------------------ evaluation
def gold_documents(path) -> list[list[str]]:
    """The gold sentences of a CoNLL-U file (its ``# text`` lines), one list per document.

    A ``# newdoc`` comment starts a document; a file without one is one document.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.conllu"
    >>> _ = p.write_text("# newdoc id = a\\n# text = Il pleut.\\n1\\tIl\\n\\n# text =Je pars.\\n1\\tJe\\n\\n"
    ...                  "# newdoc id = b\\n# text = Oui.\\n1\\tOui\\n\\n", encoding="utf-8")
    >>> gold_documents(p)
    [['Il pleut.', 'Je pars.'], ['Oui.']]
    """
    docs: list[list[str]] = [[]]
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# newdoc") and docs[-1]:
                docs.append([])
            elif line.startswith("# text") and line[6:].lstrip().startswith("="):
                docs[-1].append(line.split("=", 1)[1].strip())
    return [d for d in docs if d]


_MARKED = re.compile(r"[.!?…。！？;；:：][\"'»”’)\]」』）》\s]*\Z")


def unmarked_breaks(sentences) -> list[str]:
    """The joiner after each sentence but the last: ``"\\n\\n"`` after one that ends without a
    final mark (. ! ? … 。！？ ; : and closing quotes), ``None`` (the language's usual joiner)
    otherwise — headlines, list items and sign-offs stand on their own lines in real text.

    >>> unmarked_breaks(["Titre", "Il pleut.", "Fin"])
    ['\\n\\n', None]
    """
    return ["\n\n" if not _MARKED.search(s) else None for s in sentences[:-1]]


def score_documents(documents, split, *, joiner: str, unmarked_paragraphs: bool = False):
    """Boundary precision, recall and F1 of ``split`` on gold documents, and the errors.

    Each document's sentences are joined with ``joiner`` (``" "`` for Latin scripts,
    ``""`` for Chinese) — with ``unmarked_paragraphs``, a sentence without a final mark
    ends its paragraph (:func:`unmarked_breaks`) — and the end offsets of the sentences
    ``split(text)`` finds are scored against the gold ones. The end of each document is
    given, so it is not scored.

    Returns
    -------
    (precision, recall, f1), errors
        ``errors``: ``(kind, document, offset, text)`` with kind ``"missed"`` or ``"extra"``.

    Examples
    --------
    >>> rules = SentenceRules(spaced=".")
    >>> docs = [["Il pleut.", "Je pars.", "Fin."]]
    >>> score_documents(docs, lambda t: split(t, rules=rules), joiner=" ")[0]
    (1.0, 1.0, 1.0)
    """
    gold, predicted, errors = [], [], []
    for d, sents in enumerate(documents):
        joiners = unmarked_breaks(sents) if unmarked_paragraphs else [None] * (len(sents) - 1)
        parts, ends, pos = [], [], 0
        for k, sentence in enumerate(sents):
            if k:
                sep = joiners[k - 1] if joiners[k - 1] is not None else joiner
                parts.append(sep)
                pos += len(sep)
            parts.append(sentence)
            pos += len(sentence)
            ends.append(pos)
        text = "".join(parts)
        g = set(ends[:-1])
        p = {e for _, e in split(text)} - {len(text)}
        gold += [(d, e) for e in g]
        predicted += [(d, e) for e in p]
        for e in sorted(g ^ p):
            errors.append(("missed" if e in g else "extra", d, e, text[max(0, e - 60): e + 40]))
    return boundary_prf(gold, predicted), errors


def joined_documents(sentences, joiner: str) -> tuple[str, list[int]]:
    """Join gold sentences into one text; return it and the gold sentence end offsets.

    >>> joined_documents(["Il pleut.", "Je pars."], " ")
    ('Il pleut. Je pars.', [9, 18])
    """
    ends, pos = [], 0
    for k, sentence in enumerate(sentences):
        pos += (len(joiner) if k else 0) + len(sentence)
        ends.append(pos)
    return joiner.join(sentences), ends


def boundary_prf(gold_ends, predicted_ends) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted sentence ends against gold ends.

    Both are iterables of hashable ends (``(doc, offset)``); duplicates count once.

    >>> boundary_prf([("d", 9), ("d", 18)], [("d", 9), ("d", 12), ("d", 18)])
    (0.6666666666666666, 1.0, 0.8)
    """
    gold, pred = set(gold_ends), set(predicted_ends)
    hit = len(gold & pred)
    p = hit / len(pred) if pred else 0.0
    r = hit / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
