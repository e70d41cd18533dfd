"""The commands of issue 17: ``diversity``, ``similarity``, ``doc-clusters``, ``topics``, ``ca`` and
``network``.

Each is an ``add_<command>(parser)`` / ``run_<command>(args, corpus)`` pair, listed in
:data:`MODEL_COMMANDS` (which :data:`discourse.cli.commands.COMMANDS` includes).

Examples
--------
>>> import argparse, discourse
>>> text, add, run = MODEL_COMMANDS["diversity"]
>>> parser = argparse.ArgumentParser(prog="discourse diversity")
>>> add(parser)
>>> args = parser.parse_args(["--measure", "ttr"])
>>> run(args, discourse.load_corpus().filter(lang="fr"))[["lang", "measure", "tokens"]].values.tolist()
[['fr', 'ttr', 403]]
"""

from __future__ import annotations

import discourse  # its functions load on first use: `discourse --help` imports no pandas
from discourse.cli.options import min_count, reading, top, window

__all__ = ["MODEL_COMMANDS"]

_MEASURES = ("mtld", "mattr", "hdd", "ttr", "all")


def add_diversity(p):  # issue 17, item 4
    reading(p)
    p.add_argument("--measure", action="append", choices=_MEASURES, metavar="MEASURE",
                   help="mtld (default), mattr, hdd, ttr or all; repeatable")
    p.add_argument("--by", default="doc_id", metavar="COLUMN",
                   help="what a text is: doc_id (default) or a segment or metadata column (year …)")
    p.add_argument("--window", type=int, default=50, metavar="N", help="MATTR's window in tokens (default: 50)")
    p.add_argument("--threshold", type=float, default=0.72, metavar="T",
                   help="MTLD's factor threshold (default: 0.72)")
    p.add_argument("--sample", type=int, default=42, metavar="N", help="HD-D's sample in tokens (default: 42)")
    p.add_argument("--profile", action="store_true",
                   help="instead: the length profile (tokens per sentence, sentences per paragraph)")


def run_diversity(args, corpus):
    if args.profile:
        return discourse.text_profile(corpus, by=args.by).round(4)
    measure = args.measure or ["mtld"]
    measure = "all" if "all" in measure else measure
    return discourse.lexical_diversity(corpus, measure=measure, by=args.by, window=args.window,
                                       threshold=args.threshold, sample=args.sample).round(6)


def add_similarity(p):  # issue 17, item 6
    reading(p)
    p.add_argument("--by", default="doc_id", metavar="COLUMN",
                   help="what a document is: doc_id (default) or a segment or metadata column (year …)")


def run_similarity(args, corpus):
    return discourse.similarity(corpus, by=args.by).round(6)


def add_doc_clusters(p):  # not `clusters`, AntConc's n-grams around a term
    reading(p)
    p.add_argument("--by", default="doc_id", metavar="COLUMN",
                   help="what a document is: doc_id (default) or a segment or metadata column (year …)")
    cut = p.add_mutually_exclusive_group(required=True)  # one of them: no default number of clusters
    cut.add_argument("--n-clusters", type=int, metavar="K", help="cut the tree into K clusters per language")
    cut.add_argument("--distance-threshold", type=float, metavar="D",
                     help="cut the tree at merge height D (cosine distance; Ward's height with --method ward)")
    p.add_argument("--method", choices=("average", "complete", "ward"), default="average",
                   help="linkage: average (default) or complete on cosine distance, or ward")


def run_doc_clusters(args, corpus):
    return discourse.document_clusters(corpus, by=args.by, n_clusters=args.n_clusters,
                                       distance_threshold=args.distance_threshold, method=args.method).table


def add_topics(p):
    reading(p)
    p.add_argument("--n-topics", type=int, default=5, metavar="K", help="topics per language (default: 5)")
    p.add_argument("--method", choices=("nmf", "lda"), default="nmf",
                   help="nmf (default: NMF of TF-IDF) or lda (latent Dirichlet allocation of the counts)")
    top(p, 10, "terms listed per topic (default: 10)")
    p.add_argument("--shares", action="store_true", help="instead: each document's share of each topic")
    p.add_argument("--random-state", type=int, default=0, metavar="SEED", help="seed of the fit (default: 0)")


def run_topics(args, corpus):
    model = discourse.topics(corpus, n_topics=args.n_topics, method=args.method, top=args.top,
                             random_state=args.random_state)
    return (model.shares if args.shares else model.terms).round(6)


def add_ca(p):
    reading(p)
    top(p, 50, "terms per language in the documents × terms table (default: 50)")
    p.add_argument("--by", default="doc_id", metavar="COLUMN",
                   help="what a document is: doc_id (default) or a segment or metadata column (year …)")
    p.add_argument("--dims", type=int, default=2, metavar="K", help="dimensions listed (default: 2)")
    p.add_argument("--inertia", action="store_true", help="instead: the principal inertias and their shares")


def run_ca(args, corpus):
    result = discourse.correspondence_analysis(corpus, top=args.top, by=args.by, dims=args.dims)
    return (result.inertia if args.inertia else result.coordinates).round(6)


def add_network(p):  # issue 17, item 2
    p.add_argument("node", metavar="NODE", help="the word to start from: a word, a phrase or a pattern (respons*)")
    reading(p)
    p.add_argument("--node", dest="more_nodes", action="append", metavar="NODE",
                   help="another word to start from; repeatable")
    p.add_argument("--window", type=window, default=4, metavar="N", help="tokens on each side (default: 4)")
    p.add_argument("--measure", choices=("log_dice", "mi", "t_score", "log_likelihood", "co_freq"),
                   default="log_dice", help="what ranks and thresholds the edges (default: log_dice)")
    p.add_argument("--threshold", type=float, metavar="X", help="keep edges with measure ≥ X (default: none)")
    p.add_argument("--steps", type=int, default=2, metavar="K", help="expansion steps, 1-5 (default: 2)")
    top(p, 10, "collocates kept per word (default: 10)")
    min_count(p)
    p.add_argument("--nodes-table", action="store_true", help="instead of the edges: the nodes (words) table")


def run_network(args, corpus):
    net = discourse.collocation_network(corpus, [args.node, *(args.more_nodes or [])], window=args.window, measure=args.measure,
                                        threshold=args.threshold, steps=args.steps, top=args.top,
                                        min_count=args.min_count)
    return net.nodes if args.nodes_table else net.edges.round(6)


#: name -> (help line, add_<command>(parser), run_<command>(args, corpus)).
MODEL_COMMANDS = {
    "diversity": ("lexical diversity per document × language (MTLD, MATTR, HD-D, TTR) or a length profile",
                  add_diversity, run_diversity),
    "similarity": ("cosine similarity of the documents of each language on TF-IDF", add_similarity,
                   run_similarity),
    "doc-clusters": ("clusters of documents per language (hierarchical, TF-IDF); not n-gram clusters",
                     add_doc_clusters, run_doc_clusters),
    "topics": ("topics per language (NMF or LDA): top terms per topic, or document × topic shares", add_topics,
               run_topics),
    "ca": ("correspondence analysis of documents × terms: coordinates, or --inertia", add_ca, run_ca),
    "network": ("collocation network grown from node words, a step at a time: edges (or --nodes-table)",
                add_network, run_network),
}
