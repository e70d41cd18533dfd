"""Render the published benchmark figures from ``benchmarks/results/*.csv``.

``python benchmarks/report.py`` rewrites every generated block of ``benchmarks/README.md``
(and of ``README.md`` if it has one): the text between ``<!-- NAME:begin -->`` and
``<!-- NAME:end -->`` for each NAME in ``BLOCKS``. ``--check`` rewrites nothing and exits 1
when a block differs from what the CSVs give (so a published figure can never drift from
the committed results); ``--print NAME`` prints one block (e.g. ``summary``, the short
table meant for the main README). Every figure is formatted from a CSV column, every
ratio with its peer named; the static text (what each benchmark measures) is ``WHAT``.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
READMES = (HERE / "README.md", HERE.parent / "README.md")
REQUIRED = {HERE / "README.md": ("results",)}  # blocks a file must hold

#: What each benchmark measures (static), by the stem of its CSV; the script is
#: ``bench_<stem>.py`` (``run.py`` for ``results``).
WHAT = {
    "results": "the pipeline per language at 1 %, 10 % and 100 % of the corpora in `../shared/bench/` "
               "(table above), and KWIC on three copies of the French corpus",
    "sentences": "sentence splitting: speed and boundary F1 against pySBD "
                 "(`pysbd.Segmenter(language=…, clean=False)`, a peer only: `pip install pysbd`)",
    "renderings": "renderings on ≈ 1 M aligned tokens (the seeds repeated) against `translation_shifts` "
                  "on the same corpus, each call the first on its corpus object; fixed cost = median of 20 "
                  "first calls on a corpus of one aligned unit (and on the bundled seeds)",
    "frames": "`frame_profile`, `translation_shifts`, `frame_hits` on ≈ 1 M tokens (the seeds repeated; "
              "tokens built first) against `Counter` over every token's norm, the first call on a corpus "
              "object and a second one (which reads the lexicon's hits back); fixed cost = median of 20 "
              "first calls on a 1-segment corpus (and of 20 calls on one)",
    "kwic": "KWIC on the French ELTeC against NLTK `ConcordanceIndex.find_concordance(word, width=80)` on "
            "our own tokens (it builds each hit's left and right context strings); ours with the context "
            "built is `kwic(…).lines()` (the strings, a list like NLTK's) and `kwic(…).to_frame()` (the table); "
            "best of rounds in turn, the garbage collector off during each timed call, as `timeit` has it",
    "sentence_align": "sentence alignment: link F1 on degraded NTREX news (and the UDHR), time at two sizes",
    "cli": "a cached `discourse freq` re-run on the 1.5 M-character zh reports against "
           "`python -c \"import pandas\"`",
    "zh": "zh tokenization (the whole pipeline, one worker) on the Government Work Reports against bare "
          "jieba 0.42.1 (`Tokenizer().lcut(t, HMM=False)`) and bare rjieba 0.2.2 (`Jieba().cut(t, hmm=False)`), "
          "one call per segment; start-up in fresh processes; first checks every segment's words are jieba's",
    "startup": "tokenizer start-up in fresh processes (the model and dictionaries loaded, one text tokenized) "
               "against the peer's own: vi `from pyvi import ViTokenizer` (its model loads at import), fr and en "
               "`from nltk.tokenize import RegexpTokenizer` with our pattern; best of rounds in turn",
    "stem": "Snowball stems, fr and en (ours, NLTK's exactly) against NLTK `SnowballStemmer`: the first stem of a "
            "fresh process (our module's import; NLTK's `from nltk.stem.snowball import SnowballStemmer`), and "
            "every distinct word of the ELTeC novels (fr) and of UD EWT + NTREX (en) stemmed once, best of rounds",
    "jobs": "tokenizing with 1 and 2 workers (and the default) on 3 M characters of fr and vi, idle and with "
            "one core kept busy",
    "notebooks": "each notebook against a kernel that only imports pandas (the tests assert no timing)",
    "groups": "keyness of every group in one `keywords(…, by=)` call against one `keywords` call per group "
              "(the complement as reference), Government Work Reports",
    "models": "issue 17 on the 72 Government Work Reports (tokens cached) against `discourse.tfidf` of the "
              "same corpus",
}
CORPORA = {"zh": "zh Government Work Reports", "fr": "fr ELTeC novels", "vi": "vi Wikipedia"}
PEERS = {"zh": "jieba `Tokenizer().lcut(t, HMM=False)`", "fr": "NLTK `RegexpTokenizer(pattern).span_tokenize`",
         "vi": "pyvi `ViTokenizer.tokenize`"}


# ----------------------------------------------------------------------------- formatting
def sig(value, digits: int = 3) -> str:
    """``value`` to ``digits`` significant figures, thousands separated, never in e-notation.

    >>> sig(0.73680), sig(6.2423), sig(171.64), sig(224727.0), sig("0.0140"), sig(2.0)
    ('0.737', '6.24', '172', '224,727', '0.0140', '2.00')
    """
    x = float(value)
    if x == 0 or not math.isfinite(x):
        return f"{x:g}"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    return f"{x:,.{decimals}f}"


def ms(seconds) -> str:
    """Seconds as milliseconds, e.g. ``ms(0.0140) == '14.0 ms'``."""
    return f"{sig(float(seconds) * 1000)} ms"


def faster(ratio, peer: str) -> str:
    """A peer's time ÷ ours, in words that stay true below 1.

    >>> faster(25.64, "NLTK"), faster(0.8799, "NLTK")
    ('25.6 × faster than NLTK', '1.14 × slower than NLTK')
    """
    x = float(ratio)
    return f"{sig(x)} × faster than {peer}" if x >= 1 else f"{sig(1 / x)} × slower than {peer}"


def read_results(folder: Path = RESULTS) -> dict[str, list[dict]]:
    """Every ``*.csv`` of ``folder`` as its rows (dicts of strings), by file stem."""
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            tables[path.stem] = list(csv.DictReader(fh))
    return tables


def _run(rows: list[dict]) -> str:
    """The load average(s) and date(s) of a run, from the CSV's columns if it has them."""
    loads = sorted({float(r["load_average"]) for r in rows if r.get("load_average")})
    dates = sorted({r["date"] for r in rows if r.get("date")})
    parts = []
    if loads:
        parts.append("load " + ("–".join(f"{x:g}" for x in (loads[0], loads[-1])) if len(loads) > 1 else f"{loads[0]:g}"))
    parts.append("–".join(dict.fromkeys((dates[0], dates[-1]))) if dates else "date not recorded")
    return ", ".join(parts)


# ----------------------------------------------------------------------------- headlines
def _pipeline(rows):
    full = {r["lang"]: r for r in rows if r["fraction"] == "1.0"}
    parts = [f"{lang} {sig(r['segment_overhead'])} × the time of {PEERS[lang]}" for lang, r in full.items()]
    parts.append("frequency tables " + ", ".join(f"{lang} {sig(r['freq_vs_freqdist'])} ×" for lang, r in full.items())
                 + " faster than NLTK `FreqDist`")
    scale = [r for r in rows if r.get("kwic_top_word")]
    for r in scale:
        parts.append(f"KWIC on {sig(float(r['tokens']) / 1e6)} M fr tokens: {ms(r['kwic_top_warm_s'])} for "
                     f"\"{r['kwic_top_word']}\" ({sig(r['kwic_top_hits'])} hits, "
                     f"{faster(r['kwic_top_vs_nltk'], 'NLTK')} `ConcordanceIndex.find_concordance(word, width=80)`), "
                     f"{ms(r['kwic_rank100_warm_s'])} for \"{r['kwic_rank100_word']}\" (rank 100, "
                     f"{sig(r['kwic_rank100_hits'])} hits, {faster(r['kwic_rank100_vs_nltk'], 'NLTK')}); peak RSS "
                     f"{sig(r['peak_rss_mb'])} MB ({sig(float(r['peak_rss_mb']) * 2**20 / float(r['tokens']))} bytes a token)")
    return "; ".join(parts)


def _sentences(rows):
    speed = ", ".join(f"{r['lang']} {sig(r['speed_up'])} ×" for r in rows)
    f1 = ", ".join(f"{r['lang']} {sig(r['f1_ntrex_joined'])} (pySBD {sig(r['pysbd_f1_ntrex_joined'])})" for r in rows)
    return f"{speed} pySBD's speed; boundary F1 on NTREX (paragraphs joined) {f1}"


def _renderings(rows):
    return "; ".join(f"{sig(r['renderings_s'])} s on {sig(float(r['tokens']) / 1e6)} M tokens ({r['corpus']}), "
                     f"{sig(r['ratio'])} × the time of `translation_shifts` ({sig(r['translation_shifts_s'])} s "
                     f"in the same run)" + _renderings_fixed(r) + _renderings_more(r) for r in rows)


def _renderings_fixed(r):
    """The fixed cost of a call: on one aligned unit, and on the seeds, when measured."""
    if r.get("fixed_ms"):
        return f", fixed cost {sig(r['fixed_ms'])} ms a call ({sig(r['seeds_call_ms'])} ms on the seeds)"
    return f", fixed cost {sig(r['seeds_call_ms'])} ms a call on the seeds" if r.get("seeds_call_ms") else ""


def _renderings_more(r):
    """The varied corpus and the default (sentence) unit, when measured."""
    out = f"; {sig(r['varied_renderings_s'])} s on the varied copies" if r.get("varied_renderings_s") else ""
    if r.get("varied_jobs2_s"):
        out += f" ({sig(r['varied_jobs2_s'])} s with two worker processes, {sig(r['jobs2_speedup'])} × faster)"
    if r.get("sentence_units_s"):
        cached = (f", {sig(r['sentence_units_cached_s'])} s read back in a new session"
                  if r.get("sentence_units_cached_s") else "")
        out += (f"; at the default sentence unit: the corpus's sentence units {sig(r['sentence_units_s'])} s "
                f"(aligned in one process, once per corpus{cached}) and their tokens {sig(r['sentence_tokenize_s'])} s, then "
                f"{sig(r['sentence_renderings_s'])} s a call")
    return out


def _frames(rows):
    return (f"on {sig(float(rows[0]['tokens']) / 1e6)} M tokens, against the `Counter` peer's "
            f"{sig(rows[0]['peer_s'])} s: "
            + ", ".join(f"`{r['function']}` {sig(r['seconds'])} s ({sig(r['ratio'])} ×"
                        + (f"; {sig(r['repeat_s'])} s a second call" if r.get("repeat_s") else "") + ")"
                        for r in rows)
            + "; fixed cost "
            + " / ".join(sig(r["fixed_ms"]) for r in rows) + " ms"
            + (" (a second call " + " / ".join(sig(r["fixed_repeat_ms"]) for r in rows) + " ms)"
               if rows[0].get("fixed_repeat_ms") else ""))


def _kwic(rows):
    parts = []
    for r in rows:
        if r["case"] == "floor":
            parts.append(f"rare words ({r['words']}): {sig(r['ours_kwic_ms'])} ms a `kwic` query against NLTK's "
                         f"{sig(r['nltk_ms'])} ms ({faster(r['nltk_vs_kwic'], 'NLTK')}); with the context built, "
                         f"{sig(r['ours_lines_ms'])} ms with `lines` ({faster(r['nltk_vs_lines'], 'NLTK')}), "
                         f"{sig(r['ours_table_ms'])} ms with `to_frame` ({faster(r['nltk_vs_table'], 'NLTK')})")
        else:
            parts.append(f"{r['case']} \"{r['words']}\" ({sig(r['hits'])} hits), context built on both sides: "
                         f"{faster(r['nltk_vs_lines'], 'NLTK')} with `lines` ({sig(r['ours_lines_ms'])} ms), "
                         f"{faster(r['nltk_vs_table'], 'NLTK')} with `to_frame` ({sig(r['ours_table_ms'])} ms), "
                         f"NLTK {sig(r['nltk_ms'])} ms")
    return f"on {sig(float(rows[0]['tokens']) / 1e6)} M tokens: " + "; ".join(parts)


def _sentence_align(rows):
    quality = [r for r in rows if r["setting"] in ("clean", "merge_omit") and r.get("documents")]
    f1 = ", ".join(f"{r['case']} {r['setting']} {sig(r['f1'])}" for r in quality)
    scale = sorted((r for r in rows if r["setting"] == "scale"), key=lambda r: float(r["zh_chars"]))
    parts = [f"link F1 {f1}"] if f1 else []
    if scale:
        big = scale[-1]
        parts.append(f"{sig(float(big['zh_chars']) / 1e6)} M zh + {sig(float(big['other_chars']) / 1e6)} M fr "
                     f"characters in {sig(big['seconds'])} s")
    if len(scale) > 1:
        small = scale[0]
        parts.append(f"{sig(float(big['zh_chars']) / float(small['zh_chars']))} × the size, "
                     f"{sig(float(big['seconds']) / float(small['seconds']))} × the time")
    corpus = sorted((r for r in rows if r["setting"] == "corpus"), key=lambda r: float(r["tokens"]))
    if corpus:
        big = corpus[-1]
        parts.append(f"a corpus's sentence units (`to_sentences`) on {sig(float(big['tokens']) / 1e6)} M tokens "
                     f"({big['case']}) in {sig(big['seconds'])} s"
                     + (f" in one process, {sig(big['seconds_jobs2'])} s with two workers "
                        f"({sig(float(big['seconds']) / float(big['seconds_jobs2']))} × faster)"
                        if big.get("seconds_jobs2") else ""))
    if len(corpus) > 1:
        parts.append(f"{sig(float(big['tokens']) / float(corpus[0]['tokens']))} × the tokens, "
                     f"{sig(float(big['seconds']) / float(corpus[0]['seconds']))} × the time")
    return "; ".join(parts)


def _cli(rows):
    r = rows[0]
    cold = f"; a cold run {sig(r['cold_s'])} s ({sig(r['cold_vs_cached'])} × the cached)" if r.get("cold_s") else ""
    faults = (f"; minor page faults {r['cached_page_faults']} against {r['floor_page_faults']}"
              if r.get("cached_page_faults") else "")
    return (f"{sig(r['cached_s'])} s against {sig(r['floor_s'])} s: {sig(r['cached_vs_floor'])} × wall clock, "
            f"{sig(r['cached_vs_floor_cpu'])} × CPU (best of {r['rounds']}){cold}{faults}")


def _zh(rows):
    r = rows[0]
    return (f"{faster(r['jieba_over_ours'], 'jieba')}, {sig(r['ours_over_rjieba'])} × rjieba's time "
            f"({sig(r['ours_over_rjieba_cpu'])} × in CPU; {r['segments_not_jiebas']} segments differ from jieba's "
            f"words); start-up {_zh_startup(r)}{sig(r['startup_ours_s'])} s from a bare interpreter "
            f"= {sig(r['startup_ours_over_rjieba'])} × rjieba's, {sig(r['startup_ours_over_jieba'])} × jieba's "
            f"(in CPU {sig(r['startup_ours_cpu_s'])} s: one rjieba dictionary "
            f"{sig(r['startup_rjieba_dictionary_cpu_s'])} s, numpy's import {sig(r['startup_numpy_cpu_s'])} s, "
            f"ours {sig(r['startup_ours_own_cpu_s'])} s)")


def _zh_startup(r):
    """The tokenizer's start-up with its module imported first (as jieba's is timed), when measured."""
    if not r.get("startup_ours_imported_s"):
        return ""
    return (f"{sig(r['startup_ours_imported_s'])} s with the module imported (in CPU "
            f"{sig(r['startup_ours_imported_cpu_s'])} s), ")


def _startup(rows):
    return "; ".join(f"{r['lang']} {sig(r['ours_s'])} s against {r['peer']}'s {sig(r['peer_s'])} s "
                     f"({sig(r['ours_over_peer'])} × its time)" for r in rows)


def _stem(rows):
    return "; ".join(f"{r['lang']} start-up {sig(r['startup_ours_s'])} s against NLTK's {sig(r['startup_nltk_s'])} s, "
                     f"{int(r['types']):,} words {faster(r['speedup'], 'NLTK')} (same stems: "
                     f"{'yes' if r['same_stems'] == 'True' else 'NO'})" for r in rows)


def _jobs(rows):
    return "one worker's time ÷ two workers': " + ", ".join(
        f"{r['lang']} {r['condition']} {sig(r['two_vs_one'])} ×" for r in rows) + " (table below)"


def _notebooks(rows):
    return ", ".join(f"`{Path(r['notebook']).stem}` {sig(r['ratio'])} × ({sig(r['seconds'])} s against "
                     f"{sig(r['bare_kernel_seconds'])} s)" for r in rows)


def _groups(rows):
    return "; ".join(f"by {r['by']} ({r['groups']} groups) {sig(r['groups_call_s'])} s, {sig(r['ratio'])} × "
                     f"faster than the separate calls' {sig(r['separate_calls_s'])} s (same table: "
                     f"{'yes' if r['same_table'] == 'True' else 'NO'})" for r in rows) + \
        f", {sig(float(rows[0]['tokens']) / 1e6)} M tokens"


def _models(rows):
    peer = next(r for r in rows if r["task"].startswith("tfidf"))
    return f"`tfidf` {sig(peer['seconds'])} s; " + ", ".join(
        f"{r['task']} {sig(r['seconds'])} s ({sig(r['ratio_to_tfidf'])} ×)" for r in rows if r is not peer)


HEADLINES = {"results": _pipeline, "sentences": _sentences, "renderings": _renderings, "frames": _frames,
             "kwic": _kwic, "sentence_align": _sentence_align, "cli": _cli, "zh": _zh, "startup": _startup,
             "stem": _stem, "jobs": _jobs, "notebooks": _notebooks, "groups": _groups, "models": _models}


# ----------------------------------------------------------------------------- blocks
def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


def _headline(stem: str, rows: list[dict]) -> str:
    if stem not in HEADLINES:
        return f"see `results/{stem}.csv` (no headline in `report.py` yet)"
    try:
        return HEADLINES[stem](rows)
    except (KeyError, ValueError, StopIteration) as exc:
        raise SystemExit(f"benchmarks/results/{stem}.csv: cannot format its headline ({exc!r}); "
                         "its columns changed: update HEADLINES in benchmarks/report.py") from None


def last_run(tables: dict[str, list[dict]]) -> str:
    """One row per benchmark: script, what it measures, the headline figures, the run."""
    order = [s for s in WHAT if s in tables] + sorted(s for s in tables if s not in WHAT)
    rows = [[f"`{'run.py' if stem == 'results' else f'bench_{stem}.py'}`", WHAT.get(stem, ""),
             _headline(stem, tables[stem]), _run(tables[stem])] for stem in order if tables[stem]]
    return _table(["script", "what", "last run (this 2-core machine)", "run (load average, date)"], rows)


def languages(tables: dict[str, list[dict]]) -> str:
    """The pipeline table of ``run.py``: one row per language at 100 %."""
    rows = []
    for r in (r for r in tables.get("results", []) if r["fraction"] == "1.0"):
        lang, tokens = r["lang"], float(r["tokens"])
        overhead = f"**{sig(r['segment_overhead'])}** × {PEERS[lang]}"
        if r.get("segment_overhead_vs_regex"):
            overhead += f"; {sig(r['segment_overhead_vs_regex'])} × the bare pattern (`re`)"
        growth = (f"{sig(r['growth_100_vs_10'])} × for {sig(r['token_growth_100_vs_10'])} × the tokens "
                  f"(bare segmenter {sig(r['peer_growth_100_vs_10'])} ×)" if r.get("growth_100_vs_10") else "")
        rows.append([f"{CORPORA[lang]} ({sig(float(r['chars']) / 1e6)} M chars)", f"{sig(tokens / 1e6)} M", overhead,
                     f"{sig(r['parallel_speedup'])} × ({sig(r['cores_ceiling'])} ×)", f"{sig(r['cache_speedup'])} ×",
                     f"{sig(r['freq_vs_freqdist'])} ×", f"{sig(r['kwic_warm_vs_nltk'])} ×", ms(r["kwic_warm_s"]),
                     growth, f"{sig(r['peak_rss_mb'])} MB ({sig(float(r['peak_rss_mb']) * 2**20 / tokens)} bytes a token)"])
    header = ["corpus (100 %)", "tokens", "pipeline ÷ bare segmenter",
              "2 cores vs 1 (a pure-Python loop, same rounds)", "cached re-run vs first",
              "frequency table vs NLTK `FreqDist`", "warm KWIC vs NLTK `ConcordanceIndex.find_concordance`",
              "warm KWIC", "100 % vs 10 % time", "peak RSS"]
    return _table(header, rows) + f"\n\nThe run: {_run(tables.get('results', []))}."


def jobs(tables: dict[str, list[dict]]) -> str:
    """The worker table of ``bench_jobs.py``."""
    rows = [[r["lang"], "busy core" if r["condition"] == "busy" else r["condition"], r.get("load_average", ""),
             sig(r["one_s"]), sig(r["two_s"]), sig(r["two_vs_one"]), f"{sig(r['default_s'])} s ({r['default_workers']})"]
            for r in tables.get("jobs", [])]
    return _table(["lang", "condition", "load average", "one_s", "two_s", "two_vs_one", "default (workers)"], rows)


def summary(tables: dict[str, list[dict]]) -> str:
    """A short table for the main README: the headline ratios, each with its peer."""
    full = {r["lang"]: r for r in tables.get("results", []) if r["fraction"] == "1.0"}
    rows = [[f"tokenizing {lang} (whole pipeline)", f"{sig(r['segment_overhead'])} × the time of {PEERS[lang]}"]
            for lang, r in full.items()]
    if "zh" in tables:
        r = tables["zh"][0]
        rows.append(["tokenizing zh, one worker", f"{faster(r['jieba_over_ours'], 'jieba')}, "
                     f"{sig(r['ours_over_rjieba'])} × the time of rjieba, {sig(r['ours_over_rjieba_cpu'])} × in CPU "
                     "(same words)"])
    for r in tables.get("startup", []):
        if r["lang"] == "vi":
            rows.append(["tokenizer start-up, vi (fresh process)", f"{sig(r['ours_s'])} s against "
                         f"{sig(r['peer_s'])} s for `from pyvi import ViTokenizer`"])
    for r in tables.get("stem", []):
        rows.append([f"first Snowball stem, {r['lang']} (fresh process)", f"{sig(r['startup_ours_s'])} s against "
                     f"{sig(r['startup_nltk_s'])} s for NLTK's `SnowballStemmer` (same stems)"])
    if full:
        rows.append(["frequency table", ", ".join(f"{lang} {sig(r['freq_vs_freqdist'])} ×" for lang, r in full.items())
                     + " faster than NLTK `FreqDist`"])
    for r in tables.get("kwic", []):
        if r["case"] == "rank 1":
            rows.append(["KWIC, most frequent fr word", faster(r["nltk_vs_table"], "NLTK")
                         + " `ConcordanceIndex.find_concordance` (context built on both sides)"])
    if "cli" in tables:
        r = tables["cli"][0]
        rows.append(["cached `discourse freq` re-run", f"{sig(r['cached_vs_floor'])} × the time of "
                     f"`python -c \"import pandas\"` (wall clock; {sig(r['cached_vs_floor_cpu'])} × in CPU)"])
    return _table(["task", "last run ([benchmarks](benchmarks/README.md))"], rows)


BLOCKS = {"results": last_run, "results-languages": languages, "results-jobs": jobs, "summary": summary}


def render(text: str, tables: dict[str, list[dict]], *, required=()) -> str:
    """``text`` with every ``<!-- NAME:begin -->`` … ``<!-- NAME:end -->`` block of ``BLOCKS``
    regenerated from ``tables``.

    >>> render("a\\n<!-- jobs:begin -->\\nold\\n<!-- jobs:end -->\\n", {}, required=())
    'a\\n<!-- jobs:begin -->\\nold\\n<!-- jobs:end -->\\n'
    """
    for name, build in BLOCKS.items():
        begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
        pattern = re.compile(re.escape(begin) + r"\n.*?" + re.escape(end), re.DOTALL)
        if not pattern.search(text):
            if name in required:
                raise SystemExit(f"the markers {begin} / {end} are missing: put them back around the table")
            continue
        block = f"{begin}\n{build(tables)}\n{end}"
        text = pattern.sub(lambda _: block, text)
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a block differs from the CSVs")
    parser.add_argument("--print", dest="show", choices=list(BLOCKS), help="print one block and stop")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder of the CSVs")
    parser.add_argument("files", nargs="*", type=Path, help="Markdown files (default: the two READMEs)")
    args = parser.parse_args(argv)
    tables = read_results(args.results)
    if args.show:
        print(BLOCKS[args.show](tables))
        return 0
    stale = []
    for path in args.files or [p for p in READMES if p.exists()]:
        text = path.read_text(encoding="utf-8")
        new = render(text, tables, required=REQUIRED.get(path.resolve(), ()))
        if new != text:
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    for path in stale:
        print(f"{path}: {'differs from' if args.check else 'rewritten from'} {args.results}", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
