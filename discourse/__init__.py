"""discourse: comparative, cross-language discourse analysis.

The pipeline: files → :class:`Corpus` (aligned segments with ``doc_id``, ``lang``,
``align_id``) → tokens with character offsets → tidy tables and views → plots.

>>> import discourse
>>> corpus = discourse.load_corpus()          # the bundled corpus
>>> corpus.summary()[["doc_id", "lang", "body"]].shape
(4, 3)

Importing the package does no work: submodules (and jieba, NLTK, matplotlib) load on
first use.
"""

from __future__ import annotations

from discourse._lazy import lazy_exports

__version__ = "0.1.0"

# public name -> submodule that defines it (loaded on first access)
_EXPORTS = {
    "Corpus": "corpus",
    "load_corpus": "io",
    "BUNDLED": "io",
    "read": "io",
    "read_mixed": "io",
    "read_versions": "io",
    "read_parallel": "io",
    "read_table": "io",
    "read_udhr": "io",
    "read_tmx": "io",
    "read_xliff": "io",
    "write_tmx": "io",
    "write_xliff": "io",
    "write_xlsx": "spreadsheet",
    "Tokens": "tokens",
    "tokenize": "tokens",
    "find": "query",
    # issue 4: frequencies, keyness, dispersion, collocations
    "frequencies": "frequency",
    "document_term_matrix": "frequency",
    "tfidf": "frequency",
    "trend": "frequency",
    "keywords": "keyness",
    "read_frequency_list": "reference",
    "positions": "dispersion",
    "dispersions": "dispersion",
    "collocates": "collocations",
    "Lexicon": "frames",
    "load_lexicon": "frames",
    "frame_hits": "frames",
    "frame_profile": "frames",
    "translation_shifts": "frames",
    "shift_summary": "frames",
    "renderings": "frames",
    "rendering_summary": "frames",
    "lexicon_coverage": "frames",
    "plot_frame_heatmap": "plot.frames",  # deprecated: discourse.plot.frame_heatmap
    "plot_frame_bars": "plot.frames",  # deprecated: discourse.plot.frame_bars
    "plot_shifts": "plot.frames",  # deprecated: discourse.plot.shifts
    "plot_frame_strip": "plot.frames",  # deprecated: discourse.plot.frame_strip
    "equivalents": "equivalence",
    "frequencies_dask": "scale",
    "keywords_dask": "scale",
    "kwic": "concordance",
    "Concordance": "concordance",
    "kwic_explorer": "explorer",
    "align_paragraphs": "align",
    # issue 20: the corpus at sentence level
    "export_links": "alignment_view",
    "AlignmentView": "alignment_view",
    "get_tokenizer": "languages",
    "identify": "languages",
    "identify_lines": "languages",
    "data_path": "_data",
    "DiscourseError": "errors",
    "DiscourseWarning": "errors",
    "InputError": "errors",
    # issue 17: groups, clusters, sequences
    "clusters": "term_clusters",
    "sequences": "word_sequences",
    # issue 17: diversity, models, networks
    "lexical_diversity": "diversity",
    "text_profile": "diversity",
    "similarity": "models",
    "correspondence_analysis": "models",
    "CorrespondenceAnalysis": "models",
    "topics": "topic_models",
    "Topics": "topic_models",
    "collocation_network": "network",
    "CollocationNetwork": "network",
    "document_clusters": "doc_clusters",
    "DocumentClusters": "doc_clusters",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


_SUBMODULES = {"align", "alignment_view", "anchors", "collocations", "concordance", "corpus", "counting", "dispersion",
               "equivalence", "errors", "explorer", "frames", "frequency", "importers", "io", "keyness", "languages",
               "plot", "query", "report", "scale", "sentence_align", "sentence_units", "sentences", "tokens"}


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS, _SUBMODULES)
