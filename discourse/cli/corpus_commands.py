"""Commands of issue 17 (groups, clusters, sequences): ``add_<command>(parser)`` and
``run_<command>(args, corpus)`` pairs, listed in :data:`discourse.cli.commands.COMMANDS`.

Examples
--------
>>> import argparse, discourse
>>> parser = argparse.ArgumentParser(prog="discourse clusters")
>>> add_clusters(parser)
>>> args = parser.parse_args(["trách nhiệm", "--n", "2", "--position", "right", "--top", "1"])
>>> run_clusters(args, discourse.load_corpus())[["cluster", "count"]].values.tolist()
[['chế độ trách nhiệm', 5]]
"""

from __future__ import annotations

import argparse

import discourse  # its functions load on first use: `discourse --help` imports no pandas
from discourse.cli.options import form, min_count, punct, reading, top

__all__ = ["add_clusters", "run_clusters", "add_sequences", "run_sequences", "sizes"]


def sizes(text: str):
    """The value of ``--n`` for clusters: one size (``3``) or a range (``2-4``).

    >>> sizes("3"), sizes("2-4")
    (3, (2, 4))
    """
    lo, sep, hi = text.partition("-")
    try:
        return (int(lo), int(hi)) if sep else int(lo)
    except ValueError:
        raise argparse.ArgumentTypeError(f"takes a size in tokens (3) or a range of sizes (2-4), not {text!r}") \
            from None


def add_clusters(p):  # issue 17
    p.add_argument("term", metavar="TERM", help="the search term: a word, a phrase, a wildcard pattern "
                                                "(respons*) or, with --regex, a regular expression")
    reading(p)
    p.add_argument("--n", type=sizes, default=(2, 4), metavar="N",
                   help="cluster size in tokens: 3, or a range 2-4 (default: 2-4)")
    p.add_argument("--position", choices=("any", "left", "right"), default="any",
                   help="where the term stands in the cluster: left (clusters starting with it), right "
                        "(ending with it) or any (default)")
    top(p, None, "the first N clusters of each language")
    min_count(p)
    punct(p)
    p.add_argument("--regex", action="store_true", help="TERM is a regular expression on a whole token")
    p.add_argument("--case", action="store_true", help="match case")
    form(p)


def run_clusters(args, corpus):
    return discourse.clusters(corpus, args.term, n=args.n, position=args.position, lang=args.lang,
                              min_count=args.min_count, punct=args.punct, top=args.top, regex=args.regex,
                              case=args.case, form=args.form)


def add_sequences(p):  # issue 17
    reading(p)
    top(p, None, "the first N sequences of each language")
    p.add_argument("--size", type=int, choices=(2, 3), default=2,
                   help="sequence length in words: 2 (default) or 3 (λ the three-way interaction, as quanteda)")
    p.add_argument("--min-count", type=int, default=2, metavar="N",
                   help="leave out sequences seen fewer times (default: 2, as quanteda)")
    punct(p)
    form(p)


def run_sequences(args, corpus):
    return discourse.sequences(corpus, lang=args.lang, size=args.size, min_count=args.min_count, punct=args.punct,
                               top=args.top, form=args.form)
