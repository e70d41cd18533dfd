"""The options every command shares, and the corpus they describe.

Each command of :data:`discourse.cli.COMMANDS` declares its options with these helpers
(``reading`` gives the corpus positionals, the reading options and ``--format``); a flag
is spelled like the keyword of the library function it sets, and a flag's old spelling
is kept for one release with :class:`Renamed`.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="demo")
>>> n(parser)
>>> parser.parse_args(["-n", "2"]).n
2
>>> args = parser.parse_args(["--ngram", "3"])  # the old spelling: same option, and noted
>>> args.n, args.renamed
(3, (('--ngram', '--n'),))
"""

from __future__ import annotations

import argparse
import sys

import discourse  # its functions load on first use: `discourse --help` imports no pandas
from discourse.cli.output import output_path
from discourse.errors import InputError

__all__ = ["LangFile", "Renamed", "corpus_args", "output_args", "reading", "top", "n", "min_count", "punct",
           "chars_regex", "form", "window", "jobs", "read_options", "load", "note", "note_unknown", "output_file"]


class LangFile(argparse.Action):
    """``--user-dict LANG=FILE`` / ``--stopwords LANG=FILE``, repeatable: ``{lang: file}``."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs="?", default=None, **kwargs)

    def __call__(self, parser, namespace, value, option_string=None):
        lang, sep, path = (value or "").partition("=")
        if not sep or not lang.strip() or not path.strip():
            example = "fr=my_stopwords.txt" if self.dest == "stopwords" else "zh=my_terms.txt"
            given = f", not {value!r}" if value else ""
            hint = "; to list every word, stopwords too, use --no-stopwords" if self.dest == "stopwords" else ""
            parser.error(f"{option_string} takes LANG=FILE, e.g. {option_string} {example}{given}{hint}")
        found = dict(getattr(namespace, self.dest) or {})
        found[lang.strip()] = path.strip()
        setattr(namespace, self.dest, found)


class Renamed(argparse.Action):
    """A flag's old spelling, kept for one release: hidden from ``--help``, it sets what the
    new spelling sets (``repeat``: appends, as a repeatable flag) and the command line says on
    stderr ``discourse: OLD is now NEW`` (:func:`discourse.cli.main`)."""

    def __init__(self, option_strings, dest, *, new: str, repeat: bool = False, **kwargs):
        super().__init__(option_strings, dest, help=argparse.SUPPRESS, **kwargs)
        self.new, self.repeat = new, repeat

    def __call__(self, parser, namespace, value, option_string=None):
        if self.repeat:
            value = [*(getattr(namespace, self.dest) or []), value]
        setattr(namespace, self.dest, value)
        namespace.renamed = (*getattr(namespace, "renamed", ()), (option_string, self.new))


def corpus_args(parser: argparse.ArgumentParser) -> None:
    """The corpus positionals (``CORPUS…``) and the reading options (:func:`discourse.load_corpus`'s)."""
    parser.add_argument("corpus", nargs="*", metavar="CORPUS",
                        help="files or folders to read (default: the bundled corpus)")
    group = parser.add_argument_group("reading")
    group.add_argument("--lang", help="keep only this language (and, for a one-language file or table "
                                      "without a language column, the language of its text)")
    group.add_argument("--text-col", default="text", help="table column holding the text (default: text)")
    group.add_argument("--id-col", default="doc_id", help="table column holding the document id (default: doc_id)")
    group.add_argument("--lang-col", default="lang", help="table column holding the language code (default: lang)")
    group.add_argument("--encoding", help="encoding of the input files (default: detected)")
    group.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                       help="undecodable bytes: refuse the file (default) or replace them with U+FFFD")
    group.add_argument("--recursive", action="store_true",
                       help="read the sub-folders of a folder too (default: skipped, with a warning)")
    group.add_argument("--align", choices=("length", "order"), default="length",
                       help="align versions by paragraph length (default) or pair them by position")
    group.add_argument("--user-dict", action=LangFile, metavar="LANG=FILE",
                       help="words to keep whole (zh, vi), one per line, added to the tokenizer's dictionary; "
                            "repeatable (--user-dict zh=terms.txt --user-dict vi=tu.txt)")
    group.add_argument("--stopwords", action=LangFile, metavar="LANG=FILE",
                       help="your stoplist for a language (one word per line) instead of the package's function "
                            "words; repeatable")
    group.add_argument("--no-stopwords", action="store_true",
                       help="apply no stoplist: list every word, stopwords too (default: the package's function "
                            "words are left out of frequency, keyword and collocate tables)")
    group.add_argument("--jobs", type=jobs, metavar="N",
                       help="worker processes for tokenizing and for pairing renderings (default: $DISCOURSE_JOBS if "
                            "set, else one up to 2 M characters of a language (renderings: 0.4 M of aligned text) "
                            "and above that the free cores: CPU affinity less load)")


def output_args(parser: argparse.ArgumentParser) -> None:
    """``--format table|csv|json|xlsx``."""
    parser.add_argument("--format", choices=("table", "csv", "json", "xlsx"), default="table",
                        help="output format (default: table); xlsx is a spreadsheet whose cells are text or "
                             "numbers, never formulas (redirect it to a file: > out.xlsx)")


def output_file(parser: argparse.ArgumentParser) -> None:
    """``-o FILE`` / ``--output FILE``: write the table to FILE, in the format its suffix names
    (.csv, .json, .xlsx; :mod:`discourse.cli.output`). A command with an ``-o`` of its own
    (``import``: the saved corpus) keeps it."""
    try:
        parser.add_argument("-o", "--output", type=output_path, dest="table_file", metavar="FILE",
                            help="write the table to FILE instead of printing it, in the format its suffix names: "
                                 ".csv, .json or .xlsx (e.g. -o table.xlsx)")
    except argparse.ArgumentError:  # the command's own -o
        pass


def reading(parser: argparse.ArgumentParser) -> None:
    """The corpus positionals, the reading options and ``--format``: every command's."""
    corpus_args(parser)
    output_args(parser)


def top(parser, default, text) -> None:
    """``--top N`` (``top=``), with the command's default and help line."""
    parser.add_argument("--top", type=int, default=default, metavar="N", help=text)


def n(parser) -> None:
    """``-n N`` / ``--n N`` (``n=``, n-gram length); ``--ngram`` is its old spelling."""
    parser.add_argument("-n", "--n", type=int, default=1, choices=range(1, 6), metavar="N",
                        help="count n-grams of N words, 1-5 (default: 1, words)")
    parser.add_argument("--ngram", dest="n", type=int, choices=range(1, 6), action=Renamed, new="--n")


def min_count(parser) -> None:
    """``--min-count N`` (``min_count=``)."""
    parser.add_argument("--min-count", type=int, default=1, metavar="N",
                        help="leave out terms counted fewer times (default: 1)")


def punct(parser) -> None:
    """``--punct`` (``punct=True``)."""
    parser.add_argument("--punct", action="store_true", help="count punctuation as tokens (default: no)")


def form(parser) -> None:
    """``--form norm|lemma`` (``form=``: what a term is)."""
    parser.add_argument("--form", choices=("norm", "lemma"), default="norm",
                        help="count words as normalised forms (norm, the default) or by lemma (fr, en: "
                             "responsabilités counts with responsabilité; zh, vi: a word's lemma is its norm)")


def chars_regex(parser) -> None:
    """``--chars`` and ``--regex`` (``chars=True``, ``regex=True``: how a term is matched)."""
    parser.add_argument("--chars", action="store_true", help="match raw characters, also inside words")
    parser.add_argument("--regex", action="store_true", help="a regular expression on a whole token")


def window(text: str) -> int:
    """The value of ``--window`` (``--left``, ``--right``): a whole number.

    ``1e20`` and ``2.5`` are usage errors; a negative value or one above the library's
    limit (:data:`discourse.query.MAX_WINDOW`) is refused by the library, with the reason.

    >>> window("4")
    4
    >>> window("1e20")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: takes a whole number of tokens or characters, 0 to 1000 (e.g. 5), not '1e20'
    """
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("takes a whole number of tokens or characters, 0 to 1000 (e.g. 5), "
                                         f"not {text!r}") from None


def jobs(text: str) -> int:
    """The value of ``--jobs``: a whole number of worker processes, 1 or more.

    >>> jobs("2")
    2
    >>> jobs("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: takes a whole number of worker processes, 1 or more (e.g. --jobs 2), not '0'
    """
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"takes a whole number of worker processes, 1 or more (e.g. --jobs 2), "
                                         f"not {text!r}")
    return number


def read_options(args) -> dict:
    """The reading options of the command line, for every corpus it reads."""
    return dict(text_col=args.text_col, id_col=args.id_col, lang_col=args.lang_col,
                encoding=args.encoding, encoding_errors=args.encoding_errors, align=args.align,
                recursive=args.recursive)


def load(args):
    """The corpus the command line describes: its paths (default: the bundled corpus), read
    with its reading and tokenizing options, kept to ``--lang`` if given."""
    if args.no_stopwords and args.stopwords:
        raise InputError("--no-stopwords applies no stoplist and --stopwords gives one; use one of them")
    tokenizing = dict(user_dict=args.user_dict, stopwords=False if args.no_stopwords else args.stopwords)
    if args.corpus:
        source = args.corpus[0] if len(args.corpus) == 1 else list(args.corpus)
        corpus = discourse.load_corpus(source, lang=args.lang, **read_options(args), **tokenizing)
    else:
        corpus = discourse.load_corpus(**tokenizing)
    if args.lang and not (corpus.column("lang") == args.lang).all():  # read in that language: nothing to drop
        corpus = corpus.filter(lang=args.lang)
        if len(corpus) == 0:
            raise InputError(f"the corpus has no text in language {args.lang!r}; leave --lang out or pick "
                             "another language")
    if getattr(args, "jobs", None) is not None:  # tokenized now with --jobs workers, kept for the command
        corpus.tokens(n_jobs=args.jobs)
    return corpus


def note(message: str) -> None:
    """Say something on stderr, as ``discourse: message``."""
    print(f"discourse: {message}", file=sys.stderr)


def note_unknown(corpus) -> None:
    """Say on stderr how many segments are of unknown language (the rows ``und`` of the summary)."""
    if (corpus.column("lang") == "und").any():
        note(f"{corpus.unknown_note()}; `discourse segments` lists them with lang und")
