"""The commands of ``discourse``: for each, ``add_<command>(parser)`` declares its options
and ``run_<command>(args, corpus)`` calls the library and returns a table (a DataFrame)
or a view (a Concordance); :data:`COMMANDS` lists them.

A new command is one pair of functions and one line of :data:`COMMANDS`.

Examples
--------
>>> import argparse, discourse
>>> text, add, run = COMMANDS["freq"]
>>> parser = argparse.ArgumentParser(prog="discourse freq")
>>> add(parser)
>>> args = parser.parse_args(["--lang", "fr", "--n", "2", "--top", "2"])
>>> run(args, discourse.load_corpus().filter(lang="fr"))[["term", "count"]].values.tolist()
[['assistance ciblée', 4], ['divers échelons', 4]]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import discourse  # its functions load on first use: `discourse --help` imports no pandas
from discourse.cli.options import (
    Renamed,
    chars_regex,
    corpus_args,
    form,
    load,
    min_count,
    n,
    note,
    note_unknown,
    punct,
    read_options,
    reading,
    top,
    window,
)
from discourse.cli.corpus_commands import add_clusters, add_sequences, run_clusters, run_sequences
from discourse.cli.model_commands import MODEL_COMMANDS
from discourse.errors import InputError

__all__ = ["COMMANDS"]


def run_info(args, corpus):
    note_unknown(corpus)
    return corpus.summary()


def add_segments(p):
    reading(p)
    p.add_argument("--role", choices=("title", "body", "meta"), help="keep only segments of this role")
    aligned_unit(p, "one row per segment (paragraph, the default) or per sentence (align_id: the sentence unit)")


def aligned_unit(p, text):
    p.add_argument("--unit", choices=("paragraph", "sentence"), default="paragraph", help=text)


def run_segments(args, corpus):
    corpus = corpus.to_sentences() if args.unit == "sentence" else corpus
    return (corpus.filter(role=args.role) if args.role else corpus).to_frame()


def add_tokens(p):
    reading(p)
    p.add_argument("--no-punct", action="store_true", help="leave out punctuation")


def run_tokens(args, corpus):
    return corpus.tokens().to_frame(punct=not args.no_punct)


def run_repairs(args, corpus):
    return corpus.repairs()


def add_import(p):
    reading(p)
    p.add_argument("-o", "--output", help="save the corpus to this .jsonl file")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")


def run_import(args, corpus):
    if args.output:
        corpus.name = corpus.name or Path(args.output).stem
        path = corpus.save(args.output, force=args.force)
        note(f"saved {len(corpus.doc_ids)} documents, {len(corpus)} segments to {path}")
    note_unknown(corpus)
    repairs = corpus.repairs()
    if len(repairs):
        note(f"{len(repairs)} text repairs (list them with `discourse repairs`)")
    return corpus.summary()


def add_kwic(p):  # issue 5
    p.add_argument("query", metavar="QUERY", help="a word, a phrase, a wildcard pattern (respons*) or, with "
                                                  "--regex, a regular expression")
    corpus_args(p)
    p.add_argument("--format", choices=("table", "csv", "json", "html", "xlsx"), default="table",
                   help="output format (default: table; html is a page to open in a browser)")
    p.add_argument("--window", type=window, default=5, metavar="N",
                   help="context size on each side, 0-1000 (default: 5; never beyond the segment)")
    p.add_argument("--unit", choices=("tokens", "chars"), default="tokens",
                   help="count the window in tokens (default) or characters")
    p.add_argument("--chars", action="store_true", help="match the raw characters, also inside words "
                                                        "(攻坚 in 脱贫攻坚战)")
    p.add_argument("--sort", choices=("position", "L1", "L2", "L3", "R1", "R2", "R3"), default="position",
                   help="order: corpus position (default) or the 1st-3rd word left (L) or right (R) of the hit")
    p.add_argument("--parallel", action="store_true", help="add the aligned text in each other language "
                                                           "(text_<lang> columns; the table shows an excerpt) and "
                                                           "how each frame-term hit is rendered there "
                                                           "(rendering_<lang>, status_<lang>)")
    p.add_argument("--parallel-unit", choices=("paragraph", "sentence"),
                   help="the aligned unit beside each hit: paragraph (default) or sentence (implies --parallel)")
    p.add_argument("--glossary", metavar="LEXICON",
                   help="highlight equivalents in the aligned texts (implies --parallel): a frame lexicon, "
                        "bundled (poverty_alleviation, media_frames) or a CSV file (frame, lang, term, kind); "
                        "the table shows them in [brackets], csv/json add equiv_<lang> columns")
    p.add_argument("--regex", action="store_true", help="QUERY is a regular expression on a whole token")
    p.add_argument("--case", action="store_true", help="match case")
    p.add_argument("--no-diacritics", action="store_true", help="ignore accents and tone marks (xoa finds xoá)")


def run_kwic(args, corpus):
    glossary = discourse.load_lexicon(args.glossary) if args.glossary else None
    parallel = args.parallel or glossary is not None or args.parallel_unit is not None
    if parallel and args.lang:  # --lang picks the hits; the other languages stay for the parallel view
        corpus = load(argparse.Namespace(**{**vars(args), "lang": None}))
    return discourse.kwic(corpus, args.query, lang=args.lang, window=args.window, unit=args.unit,
                          chars=args.chars, sort=args.sort, glossary=glossary, lexicon=glossary,
                          parallel="sentence" if args.parallel_unit == "sentence" else parallel,
                          regex=args.regex, case=args.case, diacritics=not args.no_diacritics)


def add_frames(p):  # issue 6
    reading(p)
    p.add_argument("--lexicon", help="frame lexicon: a CSV file (frame, lang, term, kind) or a bundled name "
                                     "(poverty_alleviation, the default; media_frames)")


def add_frames_by_unit(p):
    add_frames(p)
    aligned_unit(p, "the aligned unit: paragraph (default) or sentence (sentence units)")
    form(p)


def run_frames(args, corpus):
    return discourse.frame_profile(corpus, discourse.load_lexicon(args.lexicon),
                                   unit=args.unit, form=args.form).round({"per_1k": 3, "unit_share": 4})


def add_shifts(p):
    add_frames(p)
    p.add_argument("--source", default="zh", help="language translated from (default: zh)")
    p.add_argument("--target", help="language translated into (default: every other language)")


def add_shifts_by_unit(p):
    add_shifts(p)
    aligned_unit(p, "the aligned unit compared: paragraph (default) or sentence (sentence units)")


def run_shifts(args, corpus):
    return discourse.translation_shifts(corpus, discourse.load_lexicon(args.lexicon), source=args.source,
                                        target=args.target, unit=args.unit)


def add_renderings(p):  # issue 15
    add_shifts(p)
    p.add_argument("--unit", choices=("sentence", "paragraph"), default="sentence",
                   help="aligned units searched (default: sentence)")
    p.add_argument("--summary", action="store_true",
                   help="kept / softened / dropped shares per frame and language pair, with 95%% intervals")


def run_renderings(args, corpus):
    table = discourse.renderings(corpus, discourse.load_lexicon(args.lexicon), source=args.source,
                                 target=args.target, unit=args.unit, n_jobs=getattr(args, "jobs", None))
    return discourse.rendering_summary(table).round(4) if args.summary else table


def add_freq(p):  # issue 4
    reading(p)
    top(p, None, "the first N terms of each language (and --by group)")
    p.add_argument("--by", action="append", metavar="COLUMN",
                   help="also split by a segment or metadata column (doc_id, role, year …); repeatable")
    n(p)
    min_count(p)
    punct(p)
    form(p)


def run_freq(args, corpus):  # the stoplist is the corpus's (--stopwords, --no-stopwords)
    return discourse.frequencies(corpus, n=args.n, by=args.by, min_count=args.min_count, top=args.top,
                                 punct=args.punct, form=args.form)


def add_keyness(p):
    reading(p)
    top(p, 20, "the N strongest positive and the N strongest negative keywords (default: 20 of each; 0: all)")
    n(p)
    min_count(p)
    punct(p)
    form(p)
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
    p.add_argument("--by", metavar="COLUMN",
                   help="keyness of every group of this column (year, doc_id …) against the rest, in one "
                        "table with a group column first (--top and --max-p apply per group)")
    p.add_argument("--reference-group", metavar="VALUE",
                   help="with --by: compare every group with this one (e.g. --reference-group 1954)")
    p.add_argument("--bonferroni", action="store_true", help="Bonferroni-correct the p-values")
    p.add_argument("--max-p", type=float, default=0.05, metavar="P",
                   help="keep the keywords with p_value ≤ P (default: 0.05, i.e. G² ≥ 3.84, as AntConc; "
                        "with --bonferroni the corrected p; 1: no filter)")


def run_keyness(args, corpus):
    reference = args.reference
    if args.reference_corpus:
        name = args.reference_corpus  # read as the corpus is (--text-col, --lang, --user-dict …)
        reference = discourse.load_corpus(name if name in discourse.BUNDLED and not Path(name).exists() else [name],
                                           lang=args.lang, user_dict=args.user_dict, **read_options(args))
    elif args.reference_list:
        reference = discourse.read_frequency_list(args.reference_list)
    elif args.reference_total is not None:
        raise InputError("--reference-total goes with --reference-list (the size of its corpus)")
    table = discourse.keywords(corpus, reference, target=args.target, n=args.n, measure=args.measure,
                               bonferroni=args.bonferroni, min_count=args.min_count,
                               reference_total=args.reference_total, top=args.top or None, max_p=args.max_p,
                               punct=args.punct, by=args.by, reference_group=args.reference_group, form=args.form)
    if not len(table) and args.max_p < 1:
        note(f"no keyword has p_value ≤ {args.max_p:g}; --max-p 1 lists every term")
    return table


def add_collocates(p):
    p.add_argument("node", metavar="NODE", help="the node: a word or phrase (trách nhiệm), a wildcard "
                                                "pattern (respons*) or, with --regex, a regular expression")
    reading(p)
    top(p, None, "the first N collocates of each language")
    min_count(p)
    punct(p)
    form(p)
    chars_regex(p)
    p.add_argument("--window", type=window, default=4, metavar="N",
                   help="tokens on each side, 0-1000 (default: 4; never beyond the segment)")
    p.add_argument("--left", type=window, metavar="N", help="tokens on the left (default: --window)")
    p.add_argument("--right", type=window, metavar="N", help="tokens on the right (default: --window)")
    p.add_argument("--sort", choices=("log_dice", "mi", "t_score", "log_likelihood", "co_freq"),
                   default="log_dice", help="order of the collocates (default: log_dice)")


def run_collocates(args, corpus):
    window = (args.window if args.left is None else args.left, args.window if args.right is None else args.right)
    return discourse.collocates(corpus, args.node, window=window, min_count=args.min_count, sort=args.sort,
                                top=args.top, regex=args.regex, chars=args.chars, punct=args.punct,
                                form=args.form)


def add_dispersion(p):
    reading(p)
    top(p, 20, "without --terms: the N most frequent terms of each language (default: 20)")
    p.add_argument("--by", default="doc_id", metavar="PART",
                   help="what a corpus part is: doc_id (default), segment, or a metadata column (year)")
    p.add_argument("--terms", action="append", metavar="TERM",
                   help="a term to measure (repeat for more; default: the --top most frequent terms)")
    p.add_argument("--term", dest="terms", action=Renamed, new="--terms", repeat=True)
    p.add_argument("--positions", action="store_true",
                   help="list every occurrence of the --terms terms (the data of a dispersion plot)")
    punct(p)
    chars_regex(p)


def run_dispersion(args, corpus):
    if args.positions:
        if not args.terms:
            raise InputError("--positions lists the occurrences of terms: name them with --terms")
        return discourse.positions(corpus, args.terms, chars=args.chars, regex=args.regex, punct=args.punct)
    return discourse.dispersions(corpus, args.terms, by=args.by, top=args.top, chars=args.chars,
                                 regex=args.regex, punct=args.punct)


#: The commands: name -> (help line, add_<command>(parser), run_<command>(args, corpus)).
COMMANDS = {
    "info": ("documents × languages: segments and tokens", reading, run_info),
    "segments": ("one row per segment (paragraph)", add_segments, run_segments),
    "tokens": ("one row per token, with offsets", add_tokens, run_tokens),
    "repairs": ("text repairs made while tokenizing (glued words)", reading, run_repairs),
    "import": ("read files into a corpus, show it and save it", add_import, run_import),
    "kwic": ("keyword in context: a concordance, optionally beside the translations", add_kwic, run_kwic),
    "frames": ("frame profile: how present each frame is per document and language", add_frames_by_unit, run_frames),
    "shifts": ("translation shifts: each frame kept, softened, dropped or added per aligned unit", add_shifts_by_unit,
               run_shifts),
    "renderings": ("how each frame hit is rendered: kept, softened, dropped or added, with offsets and calques",
                   add_renderings, run_renderings),
    "freq": ("frequency list per language: count, per 10k / per million, document frequency, rank", add_freq,
             run_freq),
    "keyness": ("keywords of a target against a reference (G² 4-cell, Log Ratio, χ², %%DIFF, Simple Maths)",
                add_keyness, run_keyness),
    "collocates": ("collocates of a node in a token window (logDice, MI, t-score, G²)", add_collocates,
                   run_collocates),
    "dispersion": ("how evenly terms spread over documents or segments (Juilland's D, Gries' DP)",
                   add_dispersion, run_dispersion),
    "clusters": ("clusters: the n-grams containing a term, by its position (left, right), with count and range",
                 add_clusters, run_clusters),
    "sequences": ("collocations with no node word: two-word sequences scored with λ and z (quanteda)",
                  add_sequences, run_sequences),
    **MODEL_COMMANDS,  # issue 17: diversity, similarity, doc-clusters, topics, ca, network
}
