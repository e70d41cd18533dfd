"""Rebuild lexicalrichness_0_5_1.json: an independent implementation's values on fixed tokens.

Run from the repository root (with lexicalrichness 0.5.1 installed, ``pip install lexicalrichness==0.5.1``):

    python tests/data/diversity/make_golden.py

The token lists are the non-punctuation norms of the bundled corpus (each document ×
language), frozen into the file when it was made, plus two short constructed lists; the
values are lexicalrichness's ``ttr``, ``mattr(window_size=50)``, ``mtld(threshold=0.72)``
and ``hdd(draws=42)`` on exactly those tokens (``preprocessor=None, tokenizer=None``).
"""

import json
from pathlib import Path

import lexicalrichness
from lexicalrichness import LexicalRichness

import discourse

HERE = Path(__file__).parent


def main():
    corpus = discourse.load_corpus()
    frame = corpus.tokens().to_frame(columns=["doc_id", "lang", "role", "norm", "is_punct"])
    frame = frame[~frame["is_punct"] & frame["role"].isin(["title", "body"])]
    texts = [{"name": f"{doc}/{lang}", "tokens": rows["norm"].tolist()}
             for (doc, lang), rows in frame.groupby(["doc_id", "lang"], sort=False)]
    texts.append({"name": "repeats", "tokens": ("a b c a b c d e a f g a b h " * 5).split()})
    texts.append({"name": "all_distinct", "tokens": [f"w{i}" for i in range(60)]})
    for text in texts:
        lex = LexicalRichness(text["tokens"], preprocessor=None, tokenizer=None)
        text["ttr"] = lex.ttr
        text["mattr_50"] = lex.mattr(window_size=50)
        text["mtld_0.72"] = lex.mtld(threshold=0.72)
        text["hdd_42"] = lex.hdd(draws=42)
    out = {"made_by": f"lexicalrichness {lexicalrichness.__version__}" if hasattr(lexicalrichness, "__version__")
           else "lexicalrichness 0.5.1",
           "command": "python tests/data/diversity/make_golden.py", "texts": texts}
    (HERE / "lexicalrichness_0_5_1.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")


if __name__ == "__main__":
    main()
