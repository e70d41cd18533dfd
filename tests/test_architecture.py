"""The package's shape (issue 14, "one place for each concern"), checked from its source.

Each test reads ``discourse/**/*.py`` with :mod:`ast` (nothing is imported except for the
docstring examples) and fails on a violation, naming it:

(a) no import cycle among the package's modules, imports inside functions counted;
(b) no module over :data:`MAX_LINES` lines;
(c) no module reads or sets another module's private attributes (``obj._name`` where
    ``obj`` is not ``self``/``cls``, or ``from discourse.x import _name``);
(d) every docstring example in the package runs and gives what it shows;
(e) imports at module top: a function-level import of a package module is reported, and a
    function-level import of anything else must carry a comment saying why it is
    deferred (``# deferred: heavy``).

``ALLOWED_*`` below held the violations found on main when these tests were written
(issue 14's to-do list); they are empty now. A violation not in them fails; an entry whose
violation is gone fails too (``test_allow_lists_hold_no_fixed_entries``). Do not add to them.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import re
from functools import lru_cache
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "discourse"
#: A module longer than this fails (the target is about 400).
MAX_LINES = 420

# ----------------------------------------------------------------------------------------
# Allow-lists: empty since issue 14 landed. Keep them empty: fix a violation, never list it.
# ----------------------------------------------------------------------------------------

#: (a) Import edges (importer, imported) that lie on an import cycle; a cycle through each.
ALLOWED_CYCLE_EDGES: frozenset[tuple[str, str]] = frozenset({
})

#: (b) Modules over MAX_LINES lines (their length today).
ALLOWED_LONG_MODULES: frozenset[str] = frozenset({
})

#: (c) Private attributes of another module, read or set: "module: expression".
ALLOWED_PRIVATE_READS: frozenset[str] = frozenset({
})

#: (d) Docstring examples that fail: the doctest's name (module.object).
ALLOWED_FAILING_DOCTESTS: frozenset[str] = frozenset({
})

#: (e) Function-level imports: "module.function: imported" (package modules, or
#: anything else without a comment saying why it is deferred).
ALLOWED_FUNCTION_IMPORTS: frozenset[str] = frozenset({
})

#: Attribute names with a leading underscore that are protocols of other libraries, not
#: private: IPython's rich display (``_repr_html_`` …), pandas' extension hooks and the
#: public methods of :func:`collections.namedtuple` (``_replace``, ``_asdict`` …).
PROTOCOL_NAMES = re.compile(r"^_(repr_\w+_|ipython_\w+_|constructor\w*|metadata"
                            r"|replace|asdict|fields|field_defaults|make)$")  # namedtuple's public API


# ----------------------------------------------------------------------------------------
# The source, parsed
# ----------------------------------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@lru_cache(maxsize=None)
def _sources() -> dict[str, tuple[Path, str, ast.Module]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found[_module_name(path)] = (path, text, ast.parse(text, filename=str(path)))
    return found


def _is_package(module: str) -> bool:
    return _sources()[module][0].name == "__init__.py"


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _in_type_checking(node: ast.AST, parents: dict) -> bool:
    """True inside ``if TYPE_CHECKING:`` (never run, so no import at run time)."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                return True
    return False


def _enclosing_function(node: ast.AST, parents: dict) -> str | None:
    """The dotted name of the function a node is in (``Class.method``), or None at top."""
    names, inside = [], False
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside = True
            names.append(node.name)
        elif isinstance(node, ast.ClassDef):
            names.append(node.name)
    return ".".join(reversed(names)) if inside else None


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute module a ``from … import`` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not _is_package(module):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str):
    """Every import statement of a module: (node, [imported package modules], private names)."""
    path, text, tree = _sources()[module]
    modules = _sources()
    parents = _parents(tree)
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or _in_type_checking(node, parents):
            continue
        targets, private = [], []
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.name
                while name and name not in modules:  # import discourse.x.y -> deepest module
                    name = name.rpartition(".")[0]
                if name:
                    targets.append(name)
        else:
            source = _resolve(module, node)
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                if sub in modules:
                    targets.append(sub)
                elif source in modules:
                    targets.append(source)
                    if _private(alias.name):
                        private.append(alias.name)
        yield node, parents, sorted(set(targets) - {module}), private


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and not PROTOCOL_NAMES.match(name)


# ----------------------------------------------------------------------------------------
# (a) import cycles
# ----------------------------------------------------------------------------------------


def _lazy_exports(package: str) -> dict[str, str]:
    """A package's ``_EXPORTS`` (public name -> module it is loaded from on first use)."""
    _, _, tree = _sources()[package]
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and target.id == "_EXPORTS" and isinstance(node.value, ast.Dict):
            base = package if _is_package(package) else package.rpartition(".")[0]
            pairs = []
            for k, v in zip(node.value.keys, node.value.values):
                if k is None and isinstance(v, ast.Call) and len(v.args) == 2:  # **dict.fromkeys((names), "module")
                    pairs += [(name.value, v.args[1].value) for name in getattr(v.args[0], "elts", ())]
                elif isinstance(k, ast.Constant) and isinstance(v, ast.Constant):
                    pairs.append((k.value, v.value))
            return {k: (f"{base}.{v}" if f"{base}.{v}" in _sources() else base) for k, v in pairs}
    return {}


def _lazy_uses(module: str):
    """(line, module) for each ``discourse.a.b…`` attribute chain of `module` that reaches a
    module loaded on first use (a submodule, or a package's ``_EXPORTS`` entry): an import too."""
    _, _, tree = _sources()[module]
    modules = _sources()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        chain, value = [node.attr], node.value
        while isinstance(value, ast.Attribute):
            chain.insert(0, value.attr)
            value = value.value
        if not (isinstance(value, ast.Name) and value.id == "discourse"):
            continue
        owner = "discourse"
        for name in chain:
            if f"{owner}.{name}" in modules:
                owner = f"{owner}.{name}"
                yield node.lineno, owner
            else:
                exported = _lazy_exports(owner).get(name)
                if exported:
                    yield node.lineno, exported
                break


def _graph() -> dict[str, dict[str, int]]:
    """importer -> {imported: first line}, imports inside functions included, and the modules
    reached through the package's lazy attributes (``discourse.sentence_align.…``, ``discourse.kwic``)."""
    graph: dict[str, dict[str, int]] = {m: {} for m in _sources()}
    for module in _sources():
        for node, _, targets, _ in _imports(module):
            for target in targets:
                graph[module].setdefault(target, node.lineno)
        for line, target in _lazy_uses(module):
            if target != module:
                graph[module].setdefault(target, line)
    return graph


def _components(graph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, out, counter = {}, {}, set(), [], [], [0]

    def visit(start):
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        comp.append(top)
                        if top == node:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return out


def _cycle_through(graph, a: str, b: str) -> list[str]:
    """A shortest cycle using the edge a -> b: a -> b -> … -> a."""
    previous, queue = {b: None}, [b]
    for node in queue:
        if node == a:
            break
        for child in sorted(graph[node]):
            if child not in previous:
                previous[child] = node
                queue.append(child)
    path, node = [], a
    while node is not None:
        path.append(node)
        node = previous[node]
    return [a] + list(reversed(path))[:-1] + [a] if a in previous else []


def cycle_edges() -> dict[tuple[str, str], str]:
    """Every import edge on a cycle, with a cycle through it (file:line of each import)."""
    graph = _graph()
    found = {}
    for comp in _components(graph):
        members = set(comp)
        for a in comp:
            for b in sorted(graph[a]):
                if b in members:
                    cycle = _cycle_through(graph, a, b)
                    steps = [f"{x} (line {graph[x][y]}) -> {y}" for x, y in zip(cycle, cycle[1:])]
                    found[(a, b)] = "; ".join(steps)
    return found


def test_no_import_cycle():
    found = cycle_edges()
    new = {edge: how for edge, how in found.items() if edge not in ALLOWED_CYCLE_EDGES}
    assert not new, "import cycles (imports inside functions count):\n" + "\n".join(
        f"  {a} -> {b}: {how}" for (a, b), how in sorted(new.items()))


def test_modules_loaded_on_first_use_count_as_imports():
    # `import discourse` + `discourse.sentence_align.align_sentences(...)` imports the aligner as
    # surely as an import statement: a cycle through it must not hide
    graph = _graph()
    assert {"discourse.sentence_align", "discourse.sentences"} <= set(graph["discourse.sentence_units"])
    assert "discourse.io.html" in graph["discourse.io.files"]  # through discourse.io's _EXPORTS
    assert "discourse.concordance" in graph["discourse.cli.commands"]  # discourse.kwic, via _EXPORTS


def test_the_cycle_finder_finds_a_cycle_and_resolves_relative_imports():
    graph = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}}
    assert _components(graph) == [["a", "b", "c"]]
    assert _cycle_through(graph, "c", "a") == ["c", "a", "b", "c"]
    node = ast.parse("from ..base import x").body[0]
    assert _resolve("discourse.languages.zh", node) == "discourse.base"
    node = ast.parse("from . import base").body[0]
    assert _resolve("discourse.languages", node) == "discourse.languages"


# ----------------------------------------------------------------------------------------
# (b) module length
# ----------------------------------------------------------------------------------------


def long_modules() -> dict[str, int]:
    return {m: len(text.splitlines()) for m, (_, text, _) in _sources().items()
            if len(text.splitlines()) > MAX_LINES}


def test_no_module_is_over_420_lines():
    new = {m: n for m, n in long_modules().items() if m not in ALLOWED_LONG_MODULES}
    assert not new, f"modules over {MAX_LINES} lines: " + ", ".join(f"{m} ({n})" for m, n in sorted(new.items()))


def test_every_module_compiles_without_a_warning():
    # an invalid escape in a string ("\\W" outside a raw string) warns at compile time on 3.11 and 3.12
    # and will be an error; a test run only shows it once, among other warnings
    import warnings

    for path in sorted(PACKAGE.rglob("*.py")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compile(path.read_text(encoding="utf-8"), str(path), "exec")


# ----------------------------------------------------------------------------------------
# (c) private attributes of other modules
# ----------------------------------------------------------------------------------------


def _own_private_names(tree: ast.Module) -> set[str]:
    """Private names a module defines itself: functions, classes, attributes it assigns."""
    own = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                own.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            own.add(node.target.id)
    for slots in (n for n in ast.walk(tree) if isinstance(n, ast.Assign)):
        if any(isinstance(t, ast.Name) and t.id == "__slots__" for t in slots.targets):
            own.update(e.value for e in ast.walk(slots.value)
                       if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return {name for name in own if name.startswith("_")}


def _owner(node: ast.Attribute, module: str) -> str | None:
    """Why ``node`` is allowed (its own object), or None if it reads someone else's."""
    value = node.value
    if isinstance(value, ast.Name) and value.id in ("self", "cls", module.rpartition(".")[2]):
        return value.id
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("super", "type"):
        return value.func.id
    return None


def private_reads() -> dict[str, list[str]]:
    """``module: expression`` -> the lines where the module touches another's private."""
    found: dict[str, list[str]] = {}
    for module, (path, text, tree) in _sources().items():
        own = _own_private_names(tree)
        for node in ast.walk(tree):
            # another object's __dict__ is its private attributes wholesale (a cache kept in
            # it is a private attribute set from outside): ask the object, e.g. Tokens.memo
            if isinstance(node, ast.Attribute) and (_private(node.attr) and node.attr not in own
                                                    or node.attr == "__dict__"):
                if _owner(node, module) is None:
                    key = f"{module}: {ast.unparse(node.value)}.{node.attr}"
                    found.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
        for node, _, targets, private in _imports(module):
            for name in private:
                key = f"{module}: from {_resolve(module, node)} import {name}"
                found.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_module_reads_another_modules_private_attributes():
    new = {k: v for k, v in private_reads().items() if k not in ALLOWED_PRIVATE_READS}
    assert not new, "private attributes read from outside their module:\n" + "\n".join(
        f"  {k}  ({', '.join(v)})" for k, v in sorted(new.items()))


def test_the_private_check_sees_what_it_must_and_only_that():
    tree = ast.parse(
        "import frequency\n"
        "class A:\n"
        "    def f(self, corpus, toks, probe, obj):\n"
        "        self._mine = 1\n"
        "        a = corpus._segments; b = toks._segment_bounds(); c = frequency._select(corpus)\n"
        "        probe._segments = a\n"
        "        d = obj._repr_html_(); e = self._mine; f = obj.__class__; g = toks.corpus._segments\n"
    )
    own = _own_private_names(tree)
    seen = sorted(ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                  and _private(n.attr) and n.attr not in own and _owner(n, "discourse.x") is None)
    assert seen == ["corpus._segments", "frequency._select", "probe._segments", "toks._segment_bounds",
                    "toks.corpus._segments"]


# ----------------------------------------------------------------------------------------
# (e) imports at module top
# ----------------------------------------------------------------------------------------


def _commented(text: str, node: ast.AST) -> bool:
    """A comment on the import's lines or on the line just above it."""
    lines = text.splitlines()
    span = lines[max(node.lineno - 2, 0): node.end_lineno]
    return any("#" in line for line in span)


def function_imports() -> dict[str, str]:
    """``module.function: imported`` -> where and why, for every function-level import of a
    package module, and of anything else without a comment saying why it is deferred."""
    found = {}
    for module, (path, text, tree) in _sources().items():
        for node, parents, targets, _ in _imports(module):
            where = _enclosing_function(node, parents)
            if where is None:
                continue
            if targets:
                names, why = targets, "a package module"
            elif not _commented(text, node):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [_resolve(module, node)]
                why = "no comment saying why it is deferred"
            else:
                continue
            for name in names:
                found[f"{module}.{where}: {name}"] = f"{path.relative_to(ROOT)}:{node.lineno}, {why}"
    return found


def test_imports_are_at_module_top():
    new = {k: v for k, v in function_imports().items() if k not in ALLOWED_FUNCTION_IMPORTS}
    assert not new, "imports inside functions (package modules; others need a '# deferred: …' comment):\n" + \
        "\n".join(f"  {k}  ({v})" for k, v in sorted(new.items()))


# ----------------------------------------------------------------------------------------
# (d) docstring examples
# ----------------------------------------------------------------------------------------

#: As `pytest --doctest-modules` (its default doctest_optionflags), so both agree.
DOCTEST_FLAGS = doctest.ELLIPSIS


def _doctests(module: str) -> list[doctest.DocTest]:
    mod = importlib.import_module(module)
    return [t for t in doctest.DocTestFinder(exclude_empty=True).find(mod, module) if t.examples]


@pytest.mark.parametrize("module", sorted(m for m in _sources() if not m.endswith("__main__")))  # runs on import
def test_docstring_examples_run(module, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that save a file write it here
    monkeypatch.setenv("MPLBACKEND", "Agg")
    failed = []
    for test in _doctests(module):
        runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
        out: list[str] = []
        result = runner.run(test, out=out.append)
        if result.failed and test.name not in ALLOWED_FAILING_DOCTESTS:
            failed.append(f"{test.name}:\n{''.join(out)}")
        elif not result.failed and test.name in ALLOWED_FAILING_DOCTESTS:
            failed.append(f"{test.name} passes now: remove it from ALLOWED_FAILING_DOCTESTS")
        try:
            import matplotlib.pyplot as plt  # deferred: heavy, and only to close the examples' figures
        except ImportError:  # pragma: no cover
            pass
        else:
            plt.close("all")
    assert not failed, "docstring examples that fail:\n" + "\n".join(failed)


# ----------------------------------------------------------------------------------------
# The allow-lists only shrink
# ----------------------------------------------------------------------------------------


def test_allow_lists_hold_no_fixed_entries():
    stale = {
        "ALLOWED_CYCLE_EDGES": sorted(ALLOWED_CYCLE_EDGES - set(cycle_edges())),
        "ALLOWED_LONG_MODULES": sorted(ALLOWED_LONG_MODULES - set(long_modules())),
        "ALLOWED_PRIVATE_READS": sorted(ALLOWED_PRIVATE_READS - set(private_reads())),
        "ALLOWED_FUNCTION_IMPORTS": sorted(ALLOWED_FUNCTION_IMPORTS - set(function_imports())),
    }
    stale = {k: v for k, v in stale.items() if v}
    assert not stale, f"fixed: remove these entries from tests/test_architecture.py: {stale}"


# ----------------------------------------------------------------------------------------
# The README and the docs it links
# ----------------------------------------------------------------------------------------


def test_readme_is_short_and_every_local_link_resolves():
    readme = ROOT / "README.md"
    assert readme.stat().st_size <= 10 * 1024, f"README.md is {readme.stat().st_size} bytes (at most 10 KB)"
    docs = [readme, ROOT / "CONTRIBUTING.md", ROOT / "benchmarks" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            path = (doc.parent / target.split("#")[0]).resolve()
            assert path.exists(), f"{doc.relative_to(ROOT)} links to {target}, which does not exist"
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme.read_text(encoding="utf-8"))
    assert len(images) == 1 and (ROOT / images[0]).stat().st_size < 150 * 1024
