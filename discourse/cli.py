"""The ``discourse`` command.

Every command takes corpus paths as positional arguments (mixed-language files, folders,
tables, or a corpus saved by ``discourse import -o``) and reads the bundled corpus when
none is given; every command prints a table with ``--format table|csv|json``.

Options may come anywhere among a command's positional arguments
(``discourse kwic 责任 --parallel FILE``).

Exit status: 0 on success, 1 when the input cannot be used (the message names the file
and says what to do), 2 when the command line itself is wrong. No traceback is shown
unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
import sys
import warnings

__all__ = ["main"]

_TEXT_WIDTH = 60


def _corpus_args(parser: argparse.ArgumentParser) -> None:
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
    group.add_argument("--align", choices=("length", "order"), default="length",
                       help="align versions by paragraph length (default) or pair them by position")
    group.add_argument("--user-dict", action=_LangFile, metavar="LANG=FILE",
                       help="words to keep whole (zh, vi), one per line, added to the tokenizer's dictionary; "
                            "repeatable (--user-dict zh=terms.txt --user-dict vi=tu.txt)")
    group.add_argument("--stopwords", action=_LangFile, metavar="LANG=FILE",
                       help="your stoplist for a language (one word per line) instead of the package's function "
                            "words; repeatable")
    group.add_argument("--no-stopwords", action="store_true",
                       help="apply no stoplist: list every word, stopwords too (default: the package's function "
                            "words are left out of frequency, keyword and collocate tables)")


class _LangFile(argparse.Action):
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


def _output_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="output format (default: table)")


def _build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    parser = argparse.ArgumentParser(
        prog="discourse",
        description="Comparative, cross-language discourse analysis (zh, vi, fr, en).",
        epilog="Run `discourse COMMAND --help` for a command's options.",
    )
    # its own dest: a command's defaults would overwrite a "debug" given before the command
    parser.add_argument("--debug", action="store_true", dest="main_debug", help="show the full traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("info", parents=[common], help="documents × languages: segments and tokens")
    _corpus_args(p)
    _output_args(p)

    p = sub.add_parser("segments", parents=[common], help="one row per segment (paragraph)")
    _corpus_args(p)
    _output_args(p)
    p.add_argument("--role", choices=("title", "body", "meta"), help="keep only segments of this role")

    p = sub.add_parser("tokens", parents=[common], help="one row per token, with offsets")
    _corpus_args(p)
    _output_args(p)
    p.add_argument("--no-punct", action="store_true", help="leave out punctuation")

    p = sub.add_parser("repairs", parents=[common], help="text repairs made while tokenizing (glued words)")
    _corpus_args(p)
    _output_args(p)

    p = sub.add_parser("import", parents=[common], help="read files into a corpus, show it and save it")
    _corpus_args(p)
    _output_args(p)
    p.add_argument("-o", "--output", help="save the corpus to this .jsonl file")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")

    # kwic (issue 5): keyword in context
    p = sub.add_parser("kwic", parents=[common], help="keyword in context: a concordance, optionally beside "
                                                    "the translations")
    p.add_argument("query", metavar="QUERY", help="a word, a phrase, a wildcard pattern (respons*) or, with "
                                                  "--regex, a regular expression")
    _corpus_args(p)
    p.add_argument("--format", choices=("table", "csv", "json", "html"), default="table",
                   help="output format (default: table; html is a page to open in a browser)")
    p.add_argument("--window", type=int, default=5, metavar="N", help="context size on each side (default: 5)")
    p.add_argument("--unit", choices=("tokens", "chars"), default="tokens",
                   help="count the window in tokens (default) or characters")
    p.add_argument("--chars", action="store_true", help="match the raw characters, also inside words "
                                                        "(攻坚 in 脱贫攻坚战)")
    p.add_argument("--sort", choices=("position", "L1", "L2", "L3", "R1", "R2", "R3"), default="position",
                   help="order: corpus position (default) or the 1st-3rd word left (L) or right (R) of the hit")
    p.add_argument("--parallel", action="store_true", help="add the aligned text in each other language "
                                                           "(text_<lang> columns; the table shows an excerpt)")
    p.add_argument("--glossary", metavar="LEXICON",
                   help="highlight equivalents in the aligned texts (implies --parallel): a frame lexicon, "
                        "bundled (poverty_alleviation, media_frames) or a CSV file (frame, lang, term, kind); "
                        "the table shows them in [brackets], csv/json add equiv_<lang> columns")
    p.add_argument("--regex", action="store_true", help="QUERY is a regular expression on a whole token")
    p.add_argument("--case", action="store_true", help="match case")
    p.add_argument("--no-diacritics", action="store_true", help="ignore accents and tone marks (xoa finds xoá)")

    # frames, shifts (issue 6): frame profiles and translation shifts
    for name, text in (("frames", "frame profile: how present each frame is per document and language"),
                       ("shifts", "translation shifts: each frame kept, softened, dropped or added per aligned unit")):
        p = sub.add_parser(name, parents=[common], help=text)
        _corpus_args(p)
        _output_args(p)
        p.add_argument("--lexicon", help="frame lexicon: a CSV file (frame, lang, term, kind) or a bundled name "
                                         "(poverty_alleviation, the default; media_frames)")
        if name == "shifts":
            p.add_argument("--source", default="zh", help="language translated from (default: zh)")
            p.add_argument("--target", help="language translated into (default: every other language)")

    # freq, keyness, collocates, dispersion (issue 4): frequency lists and their statistics
    for name, text in (("freq", "frequency list per language: count, per 10k / per million, document frequency, "
                                "rank"),
                       ("keyness", "keywords of a target against a reference (G² 4-cell, Log Ratio, χ², %%DIFF, "
                                   "Simple Maths)"),
                       ("collocates", "collocates of a node in a token window (logDice, MI, t-score, G²)"),
                       ("dispersion", "how evenly terms spread over documents or segments (Juilland's D, "
                                      "Gries' DP)")):
        p = sub.add_parser(name, parents=[common], help=text)
        if name == "collocates":
            p.add_argument("node", metavar="NODE", help="the node: a word or phrase (trách nhiệm), a wildcard "
                                                        "pattern (respons*) or, with --regex, a regular expression")
        _corpus_args(p)
        _output_args(p)
        p.add_argument("--top", type=int, default=20 if name in ("keyness", "dispersion") else None, metavar="N",
                       help={"freq": "the first N terms of each language (and --by group)",
                             "keyness": "the N strongest positive and the N strongest negative keywords "
                                        "(default: 20 of each; 0: all)",
                             "collocates": "the first N collocates of each language",
                             "dispersion": "without --term: the N most frequent terms of each language "
                                           "(default: 20)"}[name])
        if name == "dispersion":
            p.add_argument("--by", default="doc_id", metavar="PART",
                           help="what a corpus part is: doc_id (default), segment, or a metadata column (year)")
            p.add_argument("--term", action="append", metavar="TERM",
                           help="a term to measure (repeat for more; default: the --top most frequent terms)")
            p.add_argument("--positions", action="store_true",
                           help="list every occurrence of the --term terms (the data of a dispersion plot)")
        if name == "freq":
            p.add_argument("--by", action="append", metavar="COLUMN",
                           help="also split by a segment or metadata column (doc_id, role, year …); repeatable")
        if name in ("freq", "keyness"):
            p.add_argument("-n", "--ngram", type=int, default=1, choices=range(1, 6), metavar="N",
                           help="count n-grams of N words, 1-5 (default: 1, words)")
        if name in ("freq", "keyness", "collocates"):
            p.add_argument("--min-count", type=int, default=1, metavar="N",
                           help="leave out terms counted fewer times (default: 1)")
        p.add_argument("--punct", action="store_true", help="count punctuation as tokens (default: no)")
        if name in ("collocates", "dispersion"):
            p.add_argument("--chars", action="store_true", help="match raw characters, also inside words")
            p.add_argument("--regex", action="store_true", help="a regular expression on a whole token")
        if name == "collocates":
            p.add_argument("--window", type=int, default=4, metavar="N", help="tokens on each side (default: 4)")
            p.add_argument("--left", type=int, metavar="N", help="tokens on the left (default: --window)")
            p.add_argument("--right", type=int, metavar="N", help="tokens on the right (default: --window)")
            p.add_argument("--sort", choices=("log_dice", "mi", "t_score", "log_likelihood", "co_freq"),
                           default="log_dice", help="order of the collocates (default: log_dice)")
        if name == "keyness":
            p.add_argument("--target", action="append", metavar="COLUMN=VALUE",
                           help="the target: doc_id=X, year=2020, year=2015-2020 … (repeat to combine; "
                                "default: the whole corpus)")
            ref = p.add_mutually_exclusive_group()
            ref.add_argument("--reference", action="append", metavar="COLUMN=VALUE",
                             help="the reference within the corpus (default: the rest of the corpus in the "
                                  "target's language)")
            ref.add_argument("--reference-corpus", metavar="CORPUS",
                             help="the reference is another corpus: a bundled name (gov_work_reports) or a path")
            ref.add_argument("--reference-list", metavar="CSV",
                             help="the reference is a frequency list: a CSV file with columns term,count")
            p.add_argument("--reference-total", type=float, metavar="N",
                           help="corpus size in tokens of --reference-list (default: the sum of its counts)")
            p.add_argument("--measure", default="g2", help="ranking: g2 (default, 4-cell log-likelihood), "
                           "g2_2cell, chi2, chi2_yates, log_ratio, pct_diff, simple_maths")
            p.add_argument("--bonferroni", action="store_true", help="Bonferroni-correct the p-values")
            p.add_argument("--max-p", type=float, default=0.05, metavar="P",
                           help="keep the keywords with p_value ≤ P (default: 0.05, i.e. G² ≥ 3.84, as AntConc; "
                                "with --bonferroni the corrected p; 1: no filter)")

    # -- more commands: add their parsers above this line (one block each) --
    return parser


def _read_options(args) -> dict:
    """The reading options of the command line, for every corpus it reads."""
    return dict(text_col=args.text_col, id_col=args.id_col, lang_col=args.lang_col,
                encoding=args.encoding, encoding_errors=args.encoding_errors, align=args.align)


def _load(args):
    from .io import load_corpus

    options = _read_options(args)
    if args.no_stopwords and args.stopwords:
        from .errors import InputError

        raise InputError("--no-stopwords applies no stoplist and --stopwords gives one; use one of them")
    tokenizing = dict(user_dict=args.user_dict, stopwords=False if args.no_stopwords else args.stopwords)
    if args.corpus:
        source = args.corpus[0] if len(args.corpus) == 1 else list(args.corpus)
        corpus = load_corpus(source, lang=args.lang, **options, **tokenizing)
    else:
        corpus = load_corpus(**tokenizing)
    if args.lang:
        corpus = corpus.filter(lang=args.lang)
        if len(corpus) == 0:
            from .errors import InputError

            raise InputError(f"the corpus has no text in language {args.lang!r}; leave --lang out or pick "
                             "another language")
    return corpus


def _emit(df, fmt: str, out) -> None:
    import pandas as pd

    if fmt == "csv":
        df.to_csv(out, index=False, lineterminator="\n")
    elif fmt == "json":
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        shown = df.copy()
        for col in shown.columns:
            if not pd.api.types.is_numeric_dtype(shown[col]):
                shown[col] = shown[col].map(_shorten)
        out.write(shown.to_string(index=False) + "\n" if len(shown) else "(no rows)\n")


def _shorten(value):
    if isinstance(value, str) and len(value) > _TEXT_WIDTH:
        return value[: _TEXT_WIDTH - 1] + "…"
    return value


def _note_unknown(corpus) -> None:
    """Say on stderr how many segments are of unknown language (the rows ``und`` of the summary)."""
    if (corpus.segments["lang"] == "und").any():
        print(f"discourse: {corpus.unknown_note()}; `discourse segments` lists them with lang und", file=sys.stderr)


def _run(args, out) -> None:
    corpus = _load(args)
    if args.command == "info":
        _emit(corpus.summary(), args.format, out)
        _note_unknown(corpus)
    elif args.command == "segments":
        if args.role:
            corpus = corpus.filter(role=args.role)
        _emit(corpus.to_frame(), args.format, out)
    elif args.command == "tokens":
        _emit(corpus.tokens().to_frame(punct=not args.no_punct), args.format, out)
    elif args.command == "repairs":
        _emit(corpus.repairs(), args.format, out)
    elif args.command == "import":
        if args.output:
            corpus.name = corpus.name or Path(args.output).stem
            path = corpus.save(args.output, force=args.force)
            print(f"discourse: saved {len(corpus.doc_ids)} documents, {len(corpus)} segments to {path}",
                  file=sys.stderr)
        _emit(corpus.summary(), args.format, out)
        _note_unknown(corpus)
        repairs = corpus.repairs()
        if len(repairs):
            print(f"discourse: {len(repairs)} text repairs (list them with `discourse repairs`)", file=sys.stderr)
    elif args.command == "kwic":  # issue 5
        from .concordance import kwic
        from .frames import load_lexicon

        glossary = load_lexicon(args.glossary) if args.glossary else None
        parallel = args.parallel or glossary is not None
        if parallel and args.lang:  # --lang picks the hits; the other languages stay for the parallel view
            corpus = _load(argparse.Namespace(**{**vars(args), "lang": None}))
        conc = kwic(corpus, args.query, lang=args.lang, window=args.window, unit=args.unit, chars=args.chars,
                    sort=args.sort, parallel=parallel, glossary=glossary, regex=args.regex, case=args.case,
                    diacritics=not args.no_diacritics)
        if args.format == "html":
            out.write(conc.to_html(page=True))
        elif args.format == "table":
            out.write(conc.to_text() + "\n")
        else:
            _emit(conc.to_frame(), args.format, out)
    elif args.command in ("frames", "shifts"):  # issue 6
        from .frames import frame_profile, load_lexicon, translation_shifts

        lexicon = load_lexicon(args.lexicon)
        if args.command == "frames":
            _emit(frame_profile(corpus, lexicon).round({"per_1k": 3, "unit_share": 4}), args.format, out)
        else:
            _emit(translation_shifts(corpus, lexicon, source=args.source, target=args.target), args.format, out)
    elif args.command in ("freq", "keyness", "collocates", "dispersion"):  # issue 4
        import pandas as pd

        from .collocations import collocates
        from .dispersion import dispersions, positions
        from .frequency import frequencies
        from .keyness import keywords

        common = dict(punct=args.punct)  # the stoplist is the corpus's (--stopwords, --no-stopwords)
        if args.command == "freq":
            table = frequencies(corpus, n=args.ngram, by=args.by, min_count=args.min_count, top=args.top, **common)
        elif args.command == "keyness":
            reference = args.reference
            if args.reference_corpus:
                from .io import BUNDLED, load_corpus

                name = args.reference_corpus  # read as the corpus is (--text-col, --lang, --user-dict …)
                reference = load_corpus(name if name in BUNDLED and not Path(name).exists() else [name],
                                        lang=args.lang, user_dict=args.user_dict, **_read_options(args))
            elif args.reference_list:
                from .errors import InputError

                try:
                    reference = pd.read_csv(args.reference_list, dtype={"term": str}, keep_default_na=False)
                except (OSError, ValueError, pd.errors.ParserError) as err:
                    raise InputError(f"cannot be read as a CSV frequency list ({err})", path=args.reference_list)
                if not {"term", "count"} <= set(reference.columns):
                    raise InputError("a frequency list needs the columns term,count (a header line)",
                                     path=args.reference_list)
            elif args.reference_total is not None:
                from .errors import InputError

                raise InputError("--reference-total goes with --reference-list (the size of its corpus)")
            table = keywords(corpus, reference, target=args.target, n=args.ngram, measure=args.measure,
                             bonferroni=args.bonferroni, min_count=args.min_count,
                             reference_total=args.reference_total, top=args.top or None, max_p=args.max_p,
                             **common)
            if not len(table) and args.max_p < 1:
                print(f"discourse: no keyword has p_value ≤ {args.max_p:g}; --max-p 1 lists every term",
                      file=sys.stderr)
        elif args.command == "collocates":
            window = (args.window if args.left is None else args.left, args.window if args.right is None else args.right)
            table = collocates(corpus, args.node, window=window, min_count=args.min_count, sort_by=args.sort,
                               top=args.top, regex=args.regex, chars=args.chars, **common)
        elif args.positions:
            if not args.term:
                from .errors import InputError

                raise InputError("--positions lists the occurrences of terms: name them with --term")
            table = positions(corpus, args.term, chars=args.chars, regex=args.regex, punct=args.punct)
        else:
            table = dispersions(corpus, args.term, parts=args.by, top=args.top, chars=args.chars, regex=args.regex,
                                **common)
        _emit(table, args.format, out)
    # -- more commands: add their branches above this line (one elif each) --


def _commands(parser: argparse.ArgumentParser) -> dict:
    """The parser of each command of ``parser``, by name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _parse_args(parser: argparse.ArgumentParser, argv) -> argparse.Namespace:
    """The command line read with options anywhere among the positional arguments.

    argparse does not mix options and positionals within a sub-command
    (``kwic 责任 --parallel FILE`` would leave ``FILE`` unrecognized) and its
    ``parse_intermixed_args`` does not take sub-commands. So the main parser finds the
    command first (a missing or unknown command, ``--help``: argparse's own message and
    exit status), then the command's parser reads the rest intermixed; a usage error
    exits with status 2 and the command's usage line.
    """
    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    first, _ = parser.parse_known_args(argv)
    # Before the command come only the main parser's flags (they take no values), so the
    # first word that is not an option is the command.
    at = next(i for i, word in enumerate(argv) if not word.startswith("-"))
    rest = argv[at + 1:]
    args = _commands(parser)[first.command].parse_intermixed_args(rest)
    args.command = first.command
    args.debug = args.debug or first.main_debug  # `discourse --debug CMD` or `discourse CMD --debug`
    return args


def main(argv=None) -> int:
    """Run the command line; returns the exit status."""
    from .errors import DiscourseError

    parser = _build_parser()
    args = _parse_args(parser, argv)  # exits with status 2 on a usage error

    def show(message, category, filename, lineno, file=None, line=None):
        print(f"discourse: warning: {message}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.showwarning = show
        try:
            _run(args, sys.stdout)
        except DiscourseError as err:
            if args.debug:
                raise
            print(f"discourse: error: {err}", file=sys.stderr)
            return 1
        except BrokenPipeError:
            return 0
        except KeyboardInterrupt:
            return 130
        except Exception as err:  # a bug of ours: say so plainly
            if args.debug:
                raise
            print(f"discourse: internal error: {type(err).__name__}: {err}\n"
                  "Please report it; run again with --debug for the traceback.", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
