"""The corpora that ship with the package (:data:`BUNDLED`) and :func:`load_corpus`, the
one way to pick a corpus: bundled by default, a name, or your own files."""

from __future__ import annotations

import os
from pathlib import Path

import discourse  # the UDHR (XML) reader loads on first use

from .. import _data
from ..corpus import Corpus
from ..errors import InputError
from .files import read

__all__ = ["BUNDLED", "load_corpus"]

#: Bundled corpora, by name: the data files each is read from (paths in the package's data
#: folder; a saved ``.jsonl`` corpus, or UDHR XML files read with :func:`discourse.read_udhr`).
#: The first is the default.
BUNDLED = {
    "poverty_alleviation": ("corpora/poverty_alleviation.jsonl",),
    "gov_work_reports": ("corpora/gov_work_reports.jsonl",),
    "udhr": ("udhr/udhr_cmn_hans.xml", "udhr/udhr_fra.xml", "udhr/udhr_vie.xml", "udhr/udhr_eng.xml"),
}


def load_corpus(source=None, *, user_dict=None, stopwords=None, **options) -> Corpus:
    """The one way to pick a corpus: bundled by default, a name, or your own files.

    Parameters
    ----------
    source : str, Path, list of them, or None
        ``None`` gives the default bundled corpus (the poverty-alleviation explainers);
        a name from :data:`BUNDLED` gives that bundled corpus (``"gov_work_reports"``,
        ``"udhr"``: the Universal Declaration of Human Rights in zh, fr, vi and en); a
        path (or list of paths) is read with :func:`discourse.read`. A file or folder of
        that name in the working folder wins over a bundled name.
    user_dict : mapping, optional
        ``{"zh": file or terms, "vi": …}``: words the tokenizer keeps whole (防汛抗洪),
        added to the shipped domain dictionaries, in every analysis of the corpus.
    stopwords : None, False or mapping
        The stoplist of every analysis that leaves stopwords out of its table: ``None``
        the package's function words; ``False`` none; ``{"fr": file or words, …}`` your
        lists for those languages, the package's for the others.
    **options
        Passed to :func:`discourse.read` (``text_col``, ``lang`` …).

    Raises
    ------
    InputError
        When ``source`` is neither an existing path nor a bundled name, or a bundled
        corpus's data file is missing from the installation.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> corpus.name
    'poverty_alleviation'
    >>> len(corpus.doc_ids)
    2
    >>> load_corpus("udhr").langs
    ['en', 'fr', 'vi', 'zh']
    >>> load_corpus(user_dict={"zh": ["脱贫攻坚战"]}).tokens().tokenizer("zh").user_terms
    ('脱贫攻坚战',)
    """
    if user_dict is not None or stopwords is not None:
        return load_corpus(source, **options).with_tokenizer_options(user_dict=user_dict, stopwords=stopwords)
    if source is None:
        source = next(iter(BUNDLED))
    if isinstance(source, (list, tuple)):
        if not any(_is_bundled(x) for x in source):
            return read(*source, **options)
        return Corpus.concat([load_corpus(x, **options) for x in source])
    if _is_bundled(source):
        return _load_bundled(source)
    if isinstance(source, (str, os.PathLike)) and not Path(source).exists():
        raise InputError(f"does not exist, and is not the name of a bundled corpus ({', '.join(BUNDLED)}); "
                         "check the path", path=source)
    return read(source, **options)


def _is_bundled(source) -> bool:
    """A bundled corpus's name, and no file or folder of that name here."""
    return isinstance(source, str) and source in BUNDLED and not Path(source).exists()


def _load_bundled(name: str) -> Corpus:
    paths = [_data.data_path(*part.split("/")) for part in BUNDLED[name]]  # looked up at call time
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"the data file of the bundled corpus {name!r} is missing from this installation; "
                         "reinstall discourse (in a checkout of its repository: restore the folder with "
                         "`git checkout -- data`)", path=missing[0])
    if all(p.suffix == ".xml" for p in paths):
        corpus = discourse.io.read_udhr(*paths, doc_id=name)
    else:
        corpus = Corpus.concat([Corpus.load(p) for p in paths])
    corpus.name = name
    return corpus
