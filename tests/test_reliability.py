"""Bad input, odd text and faults: each case gets a clear outcome, never a traceback, and
no text is lost. The "bad input" table of docs/input-formats.md lists these cases by id."""

from __future__ import annotations

import codecs
import unicodedata
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discourse
from discourse.cli import main
from discourse.corpus import Corpus
from discourse.errors import DiscourseWarning

ZH = "脱贫攻坚战建立了分工明确、体系严谨的领导责任制，为各层级、各部门参与脱贫攻坚建立了基础性的工作机制。"
ZH_TRAD = "脫貧攻堅戰建立了分工明確、體系嚴謹的領導責任制，為各層級、各部門參與脫貧攻堅建立了基礎性的工作機制。"
VI = "Trong trận chiến công kiên thoát nghèo đã xây dựng chế độ trách nhiệm lãnh đạo được phân công rõ ràng."
FR = "La mise en place d’un mécanisme de travail destiné à l’assistance ciblée aux démunis est un projet systématique."


def cli(capsys, *argv):
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# ------------------------------------------------------------------ refused, exit 1, file named
REFUSED = {
    "binary-file": ("b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    "empty-file": ("e.txt", b"", "empty"),
    "whitespace-only": ("w.txt", b" \n\t\r\n  ", "empty"),
    "invalid-jsonl-line": ("t.jsonl", '{"doc_id": "a", "lang": "zh", "text": "脱贫"}\n{oops}\n', "line 2: is not valid JSON"),
    "jsonl-not-object": ("t.jsonl", '["a", "zh", "x"]\n', "line 1: is not a JSON object"),
    "bad-language-code": ("t.jsonl", '{"doc_id": "a", "lang": "xx", "text": "x"}\n', "line 1: language 'xx'"),
    "missing-text-column": ("t.csv", "id,words\n1,bonjour\n", "--text-col"),
    "missing-lang-column": ("t.csv", "doc_id,text\n1,bonjour\n", "--lang"),
    "csv-bad-quoting": ("t.csv", 'doc_id,lang,text\na,fr,"unterminated\n', "CSV"),
    "corrupt-saved-corpus": ("c.jsonl", '{"format": "discourse-corpus", "version": 1}\n{"segment": {"doc_id"\n', "line 2"),
    "future-corpus-version": ("c.jsonl", '{"format": "discourse-corpus", "version": 99}\n', "version"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_with_file_named(capsys, tmp_path, case):
    name, data, message = REFUSED[case]
    path = write(tmp_path, name, data)
    code, _, err = cli(capsys, "info", path)
    assert code == 1 and name in err and message in err, err


def test_missing_path(capsys, tmp_path):
    code, _, err = cli(capsys, "info", tmp_path / "nope.txt")
    assert code == 1 and "does not exist" in err


def test_undecodable_bytes_with_explicit_encoding_name_the_offset(capsys, tmp_path):
    path = write(tmp_path, "f.txt", FR.encode("cp1252"))
    code, _, err = cli(capsys, "info", path, "--encoding", "utf-8")
    offset = FR.encode("cp1252").index(b"\x92")  # the typographic apostrophe
    assert code == 1 and f"byte offset {offset}" in err and "--encoding-errors replace" in err


def test_unknown_encoding_name(capsys, tmp_path):
    code, _, err = cli(capsys, "info", write(tmp_path, "f.txt", FR), "--encoding", "klingon-8")
    assert code == 1 and "unknown encoding" in err


def test_replacing_undecodable_bytes_when_asked(tmp_path):
    path = write(tmp_path, "f.txt", FR.encode("cp1252"))
    with pytest.warns(DiscourseWarning, match="replaced by U\\+FFFD"):
        corpus = discourse.read(path, encoding="utf-8", encoding_errors="replace")
    assert "\ufffd" in corpus.segments["text"].iloc[0]


def test_output_is_not_overwritten_without_force(capsys, tmp_path):
    out = write(tmp_path, "c.jsonl", "keep me")
    code, _, err = cli(capsys, "import", "-o", out)
    assert code == 1 and "--force" in err and out.read_text() == "keep me"


@pytest.mark.parametrize("argv,code", [(["info", "--format", "xml"], 2), (["frobnicate"], 2), ([], 2),
                                       (["info", "--align", "sideways"], 2), (["info", "--lang", "de"], 1)])
def test_cli_misuse(capsys, argv, code):
    got, _, err = cli(capsys, *argv)
    assert got == code and err


def test_folder_skips_bad_files_with_a_warning(tmp_path):
    write(tmp_path, "good.txt", FR)
    write(tmp_path, "bad.txt", b"\x00\x01\x02\x03" * 100)
    write(tmp_path, "empty.txt", b"")
    with pytest.warns(DiscourseWarning) as record:
        corpus = discourse.read(tmp_path)
    assert corpus.doc_ids == ["good"]
    assert {"bad.txt", "empty.txt"} <= {m for w in record for m in ("bad.txt", "empty.txt") if m in str(w.message)}


# ------------------------------------------------------------------ decoded
@pytest.mark.parametrize("encoding,text", [
    ("utf-8-sig", ZH), ("utf-16", VI), ("utf-16-be", None), ("utf-32", FR), ("gb18030", ZH * 3), ("gbk", ZH * 3),
    ("big5", ZH_TRAD * 3), ("cp1252", FR * 3), ("utf-16-le-nobom", FR),
])
def test_encodings(tmp_path, encoding, text):
    if encoding == "utf-16-be":
        data, text = codecs.BOM_UTF16_BE + VI.encode("utf-16-be"), VI
    elif encoding == "utf-16-le-nobom":
        data = text.encode("utf-16-le")
    else:
        data = text.encode(encoding) if encoding != "utf-16" else text.encode("utf-16")
    corpus = discourse.read(write(tmp_path, "f.txt", data))
    assert corpus.segments["text"].iloc[0] == text


@pytest.mark.parametrize("ending", ["\r\n", "\r", "mixed"])
def test_line_endings(tmp_path, ending):
    lines = [FR, "脱贫攻坚责任书", ZH]
    raw = "\r\n".join(lines[:2]) + "\n" + lines[2] if ending == "mixed" else ending.join(lines)
    corpus = discourse.read(write(tmp_path, "f.txt", raw))
    assert corpus.segments["text"].tolist() == lines


# ------------------------------------------------------------------ odd text: kept, and handled
def test_nul_control_and_zero_width_characters_are_kept_but_not_tokens(tmp_path):
    text = FR.replace("mécanisme", "méca\u200bnisme").replace("travail", "tra\x00vail\x07")
    corpus = discourse.read(write(tmp_path, "f.txt", text))
    assert corpus.segments["text"].iloc[0] == text
    tokens = corpus.tokens().to_frame()
    assert not tokens["token"].str.contains("[\x00\x07\u200b]").any()


def test_nfd_and_nfc_give_the_same_counts():
    nfc = Corpus(pd.DataFrame({"doc_id": ["a"], "lang": ["vi"], "text": [VI]}))
    nfd = Corpus(pd.DataFrame({"doc_id": ["a"], "lang": ["vi"], "text": [unicodedata.normalize("NFD", VI)]}))
    assert nfc.tokens().to_frame()["norm"].tolist() == nfd.tokens().to_frame()["norm"].tolist()


def test_full_width_latin_and_digits_count_as_ascii():
    corpus = Corpus(pd.DataFrame({"doc_id": ["a", "b"], "lang": ["zh", "fr"],
                                  "text": ["ＧＤＰ增长２０２０年", "Le ＰＩＢ en ２０２０."]}))
    norms = set(corpus.tokens().to_frame()["norm"])
    assert {"gdp", "2020", "pib"} <= norms


def test_html_remnants_are_flagged_and_kept(tmp_path):
    path = write(tmp_path, "f.txt", f"{FR}&nbsp;<br/>\n{ZH}")
    with pytest.warns(DiscourseWarning, match="HTML remnants"):
        corpus = discourse.read(path)
    assert "&nbsp;<br/>" in corpus.segments["text"].iloc[0]


def test_html_view_escapes_document_text():
    corpus = Corpus(pd.DataFrame({"doc_id": ["x"], "lang": ["en"], "role": ["title"],
                                  "text": ["<script>alert(1)</script><img src=x onerror=alert(2)>"]}))
    html = corpus._repr_html_()
    assert "<script>" not in html and "<img" not in html and "&lt;img" in html


def test_very_long_line(tmp_path):
    text = (FR + " ") * 20000  # ~2.3 MB on one line
    corpus = discourse.read(write(tmp_path, "long.txt", text))
    assert len(corpus) == 1 and len(corpus.tokens()) > 300000


def test_emoji_and_other_scripts_are_tokens(tmp_path):
    corpus = Corpus(pd.DataFrame({"doc_id": ["a"], "lang": ["fr"], "text": ["Bravo 🎉🎉 pour 脱贫 ! Ελλάδα"]}))
    tokens = corpus.tokens().to_frame()["token"].tolist()
    assert "🎉🎉" in tokens and "Ελλάδα" in tokens and "脱" in tokens


def test_traditional_chinese_is_identified_and_segmented(tmp_path):
    corpus = discourse.read(write(tmp_path, "t.txt", ZH_TRAD))
    assert corpus.langs == ["zh"]
    words = corpus.tokens().to_frame(punct=False)["token"]
    assert words.str.len().mean() > 1.3  # words, not one token per character


def test_unknown_language_is_kept_as_und(tmp_path):
    path = write(tmp_path, "ru.txt", f"{FR}\nЭто абзац на русском языке, который мы не умеем разбирать.")
    with pytest.warns(DiscourseWarning, match="und"):
        corpus = discourse.read(path)
    assert corpus.segments["lang"].tolist() == ["fr", "und"]


def test_reading_a_clean_file_is_silent(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        discourse.read(write(tmp_path, "f.txt", f"{FR}\n{ZH}"))


# ------------------------------------------------------------------ nothing lost (properties)
PARAGRAPHS = st.lists(st.sampled_from([ZH, ZH_TRAD, VI, FR, "Poverty alleviation is a priority for the state.",
                                       "14-01-2021 | China.org.cn", "(Thoát nghèo chuẩn xác)", "脱贫攻坚责任书",
                                       "🎉 ###", "Это абзац."]), min_size=1, max_size=8)
NOISE = st.text(alphabet=st.sampled_from(list(" \t\u3000\u00a0\u200b")), max_size=3)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paras=PARAGRAPHS, noise=NOISE, ending=ENDINGS, bom=st.booleans())
def test_importer_accounts_for_every_character(tmp_path, paras, noise, ending, bom):
    text = ending.join(noise + p + noise for p in paras)
    path = tmp_path / "p.txt"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DiscourseWarning)
        corpus = discourse.read(path)
    seg = corpus.segments.sort_values("start")
    last, rebuilt = 0, []
    for s, e, t in zip(seg["start"], seg["end"], seg["text"]):
        assert text[s:e] == t and s >= last
        assert text[last:s].strip() == "" or set(text[last:s].strip()) <= {"\u200b"}
        last = e
    assert text[last:].strip() in ("", "\u200b")
    tokens = corpus.tokens()
    texts = corpus._segments["text"].to_numpy()
    for r, s, e in zip(tokens.seg_row, tokens.start, tokens.end):
        assert 0 <= s < e <= len(texts[r])
    for r in set(tokens.seg_row.tolist()):
        starts = tokens.start[tokens.seg_row == r]
        assert (starts[1:] > starts[:-1]).all()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 400), min_size=0, max_size=12), st.lists(st.integers(0, 400), min_size=0, max_size=12))
def test_aligner_covers_both_sides_in_order(src_lens, tgt_lens):
    src = ["字" * n for n in src_lens]
    tgt = ["mot " * (n // 4) for n in tgt_lens]
    links = discourse.align_paragraphs(src, tgt)
    assert [i for link in links for i in link.src] == list(range(len(src)))
    assert [j for link in links for j in link.tgt] == list(range(len(tgt)))
    assert all(0.0 <= link.score <= 1.0 for link in links)


CELLS = st.sampled_from(["battle", "responsibility", "zh", "vi", "fr", "xx", "", "军令状", "trận chiến", "*攻坚*",
                         "acte d'engagement", "literal", "neutral", "metaphor", '"', ",", "\t", "*", "?"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=6), max_size=8), header=st.booleans(),
       junk=st.binary(max_size=8))
def test_lexicon_loader_never_crashes(tmp_path, rows, header, junk):
    """Fuzzing the lexicon loader: any file is either a lexicon or an InputError naming it."""
    from discourse.errors import InputError
    from discourse.frames import load_lexicon

    lines = (["frame,lang,term,kind"] if header else []) + [",".join(r) for r in rows]
    path = tmp_path / "lex.csv"
    path.write_bytes("\n".join(lines).encode("utf-8") + junk)
    try:
        lexicon = load_lexicon(path)
    except InputError as err:
        assert "lex.csv" in str(err)
    else:
        assert set(lexicon.to_frame()["lang"]) <= {"zh", "vi", "fr", "en", "und"}


def _cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: â ê ô ă ơ ư precomposed, tone marks combining."""
    quality = {"\u0302", "\u0306", "\u031b"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in parts if not unicodedata.combining(c) or c in quality)
        out.append(unicodedata.normalize("NFC", base) + "".join(c for c in parts if unicodedata.combining(c)
                                                             and c not in quality))
    return "".join(out).encode("cp1258")


def test_windows_1258_vietnamese_is_detected_and_counts_like_utf8(tmp_path):
    corpus = discourse.read(write(tmp_path, "vi.txt", _cp1258((VI + "\n") * 5)))
    assert corpus.documents["encoding"].iloc[0] == "cp1258"
    utf8 = discourse.read(write(tmp_path, "vi8.txt", (VI + "\n") * 5))
    assert corpus.tokens().to_frame()["norm"].tolist() == utf8.tokens().to_frame()["norm"].tolist()
