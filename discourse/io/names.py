"""File names: which files are tables or text, and which name a language version.

A text file named ``NAME.LANG.txt``, ``NAME_LANG.txt`` or ``NAME-LANG.txt`` is the
``LANG`` version of document ``NAME`` (:func:`language_suffix`); :func:`plan` groups the
files given into documents, warning about the names it cannot read one way.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from ..errors import DiscourseWarning
from ..languages.registry import LANGS, normalize_code

__all__ = ["DOCX_SUFFIXES", "HTML_SUFFIXES", "MEMORY_SUFFIXES", "TABLE_SUFFIXES", "TEXT_SUFFIXES", "language_suffix", "name_list", "plan", "suffix_codes"]

#: File suffixes read as tables, and as text (no suffix: text).
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".tab", ".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
#: Translation memories: TMX, XLIFF.
MEMORY_SUFFIXES = frozenset({".tmx", ".xlf", ".xliff"})
#: Word documents, and web pages.
DOCX_SUFFIXES = frozenset({".docx"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
#: A file-name stem ending in a language code: NAME.zh, NAME_zh, NAME-zh (three letters
#: are matched too, to warn about codes that are not ours).
_LANG_SUFFIX = re.compile(r"^(?P<name>.+)[._-](?P<code>[A-Za-z]{2,3})$")


def suffix_codes() -> list[str]:
    """The codes that make a file-name suffix: ISO 639-1 codes of the languages read.

    >>> suffix_codes()
    ['zh', 'vi', 'fr', 'en']
    """
    return [code for code in LANGS if len(code) == 2]


def language_suffix(path: Path) -> tuple[str, str] | None:
    """``(NAME, LANG)`` of a text file named ``NAME.LANG.txt``, ``NAME_LANG.txt`` or
    ``NAME-LANG.txt`` (any text extension, or none), ``LANG`` one of
    :func:`suffix_codes` in any case; ``None`` for any other file.

    Examples
    --------
    >>> language_suffix(Path("flood_ZH.txt")), language_suffix(Path("a.b-fr.md"))
    (('flood', 'zh'), ('a.b', 'fr'))
    >>> language_suffix(Path("my_fr_notes.txt")), language_suffix(Path("speech.de.txt"))
    (None, None)
    """
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return None
    match = _LANG_SUFFIX.match(path.stem)
    if match and match["code"].lower() in suffix_codes():
        return match["name"], match["code"].lower()
    return None


def name_list(names: list, most: int = 5) -> str:
    """A list of file names for a message: the first ``most``, then how many more.

    >>> name_list(["a.txt", "b.txt", "c.txt"], most=2)
    'a.txt, b.txt and 1 more'
    """
    names = [str(n) for n in names]
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def plan(files: list[Path], *, depth: int) -> list[tuple]:
    """What to read, in the order of the files: ``("versions", NAME, {lang: path})`` for
    the language versions of one document, ``("file", path, None)`` for any other file.
    Ambiguous names warn, naming the files (``depth``: frames from the caller of
    :func:`plan`'s caller to the user's code). The rules: :func:`discourse.io.read_versions`.

    >>> files = [Path("a.zh.txt"), Path("notes.txt"), Path("a_fr.txt")]
    >>> [(kind, str(name), versions and list(versions)) for kind, name, versions in plan(files, depth=0)]
    [('versions', 'a', ['fr', 'zh']), ('file', 'notes.txt', None)]
    """
    def warn(message):
        warnings.warn(message, DiscourseWarning, stacklevel=depth + 3)

    codes = suffix_codes()
    suffixed = {p: language_suffix(p) for p in files}
    groups: dict[str, list[tuple[str, Path]]] = {}
    for path, found in suffixed.items():
        if found:
            groups.setdefault(found[0], []).append((found[1], path))
    plain = {p.stem: p for p, found in suffixed.items() if not found and p.suffix.lower() in TEXT_SUFFIXES}
    apart: set[Path] = set()  # suffixed files read as documents of their own, named as the file
    for name, members in groups.items():
        langs = [lang for lang, _ in members]
        names = [p.name for _, p in members]
        twice = sorted({lang for lang in langs if langs.count(lang) > 1})
        if twice:
            same = [p.name for lang, p in members if lang in twice]
            warn(f"{name_list(same)} are all the {'/'.join(twice)} version of document '{name}'; "
                 f"{name_list(names)} are read as documents of their own, named as the files — rename or remove "
                 "one of them to make them one document")
        elif name in plain:
            warn(f"{plain[name].name} and the versions {name_list(names)} would all be document '{name}'; the "
                 f"versions are read as documents of their own, named as the files — rename {plain[name].name} "
                 "to make them one document")
        else:
            continue
        apart.update(p for _, p in members)
    for path, found in suffixed.items():  # codes that look like a language we do not read
        match = None if found or path.suffix.lower() not in TEXT_SUFFIXES else _LANG_SUFFIX.match(path.stem)
        if match is None:
            continue
        name, code = match["name"], match["code"].lower()
        meant = normalize_code(code, default="")
        if meant in codes:
            warn(f"{path.name}: '{code}' is not an ISO 639-1 code, so the file is read as document "
                 f"'{path.stem}' with its paragraphs' languages identified; name it "
                 f"{name}_{meant}{path.suffix} to make it the {meant} version of '{name}'")
        elif len(code) == 2 and name in groups:
            warn(f"{path.name}: '{code}' is not a language the package reads ({', '.join(codes)}), so the file "
                 f"is not a version of '{name}': it is read as document '{path.stem}' with its paragraphs' "
                 "languages identified")
    alone = [(name, members[0][1]) for name, members in groups.items()
             if len(members) == 1 and members[0][1] not in apart]
    if alone:
        warn(f"{name_list([p.name for _, p in alone])}: the name ends in a language code but no other version of "
             f"the document is here; read as one-language document(s) {name_list([repr(n) for n, _ in alone])}, "
             "named without the code — rename the file if the code is part of its name")
    plan, done = [], set()
    for path in files:
        found = suffixed[path]
        if found is None:
            plan.append(("file", path, None))
        elif path in apart:
            plan.append(("versions", path.stem, {found[1]: path}))
        elif found[0] not in done:
            done.add(found[0])
            plan.append(("versions", found[0], dict(sorted(groups[found[0]]))))  # languages in code order
    return plan

