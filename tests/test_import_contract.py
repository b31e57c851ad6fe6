"""The import contract of baocao_gui, read from its source with ``ast`` (nothing is imported to check it).

One-way flow: window (``ui``) → application (``app``) → store → domain → compose → render; importers read files
into plain data. Three rules, each checked layer by layer so that a failure says where it lives:

1. No module imports another module's underscore name: a name others need is a public name of the module that
   owns it. A module's own ``_x`` and dunder names (``__version__``) are fine.
2. No circles in the module graph.
3. Each layer imports only the layers below it, and only the window imports Qt.

What counts as an import: every ``import`` and ``from … import`` statement of a module, at any depth: at the top,
inside a function (an import put there to dodge a circle still closes it the moment the function runs), and
under ``if TYPE_CHECKING:`` (never run, but the same dependency in a drawing of the structure; ``app/__init__``
names the modules its ``__getattr__`` loads lazily that way).

Which modules an import depends on, as Python imports them: ``import p.q.m``, ``from p.q import m`` (``m`` a
module) and ``from p.q.m import name`` depend on ``p.q.m`` and on each package above it that is not also above
the importing module. Python runs ``p/__init__`` before any module inside ``p``, so a module inside ``p`` only
ever runs once ``p/__init__`` has started: importing a sibling through it (``from .x import y`` inside ``p``) does
not make ``p/__init__`` part of a circle, even when ``p/__init__`` re-exports that sibling. ``from p import name``
where ``name`` is not a module reads a name that ``p/__init__`` defines: it depends on ``p`` itself, also from
inside ``p`` (``p/__init__`` importing ``p.x`` while ``p.x`` asks ``p`` for a name it has not defined yet is a real
circle: "cannot import name … from partially initialized module"). A package's ``__init__`` that imports its
submodules depends on them. The last tests below show the rule on small made-up packages.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = "baocao_gui"
SOURCE = Path(__file__).resolve().parents[1] / "src" / ROOT
PACKAGES = ("app", "compose", "domain", "importers", "render", "store", "ui")  # the layers
TOP_LEVEL = "top-level modules"  # cli, commands, errors, paths, logsetup, the package itself
GROUPS = (*PACKAGES, TOP_LEVEL)
QT = ("PySide6", "shiboken6")

# What each layer may import of the program (the standard library and third-party packages aside). The command
# line (cli, commands) is an entry point like the window: it may import any layer, and nothing imports it.
# The package itself (``baocao_gui``) holds only ``__version__`` and imports nothing: any layer may read it.
SHARED = ("errors", "paths", "logsetup", ROOT)
MAY_IMPORT = {
    "ui": ("ui", "app", "domain", *SHARED),
    "app": ("app", "store", "domain", "importers", "compose", "render", *SHARED),
    "store": ("store", "domain", *SHARED),
    "importers": ("importers", "domain", "compose", *SHARED),  # files into plain data: no store, no render
    "compose": ("compose", "domain", *SHARED),
    "render": ("render", "compose", "domain", *SHARED),
    "domain": ("domain",),  # plain data and pure functions
    "errors": (),
    "paths": (),
    "logsetup": ("paths",),
    ROOT: (),
}


@dataclass(frozen=True)
class Module:
    name: str  # baocao_gui.app.export
    path: Path
    is_package: bool

    @property
    def package(self) -> str:
        """The package a relative import starts from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]

    @property
    def layer(self) -> str:
        """app, ui…; a top-level module is a layer of its own (errors, cli…)."""
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 else parts[0]

    @property
    def group(self) -> str:
        return self.layer if self.layer in PACKAGES else TOP_LEVEL


@dataclass(frozen=True)
class Import:
    """One name (or module) an import statement brings in."""

    importer: str
    line: int
    source: str  # the module the statement names, absolute: baocao_gui.importers.word, PySide6.QtCore
    name: str | None  # the name imported from it; None for ``import a.b``
    bound: str  # the name it is known by in the importer
    module: str | None  # the program's module this is, or the one the name is read from; None outside the program

    @property
    def statement(self) -> str:
        return f"from {self.source} import {self.name}" if self.name else f"import {self.source}"

    def __str__(self) -> str:
        what = f"imports {self.name} from {self.source}" if self.name else f"imports {self.source}"
        return f"{self.importer}, line {self.line}: {what}"


class Program:
    """The modules under ``source`` (a package folder), their imports and the graph of what depends on what."""

    def __init__(self, source: Path):
        self.modules: dict[str, Module] = {}
        for path in sorted(source.rglob("*.py")):
            parts = list(path.relative_to(source.parent).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            self.modules[".".join(parts)] = Module(".".join(parts), path, is_package)
        self.trees = {name: ast.parse(m.path.read_text(encoding="utf-8"), str(m.path))
                      for name, m in self.modules.items()}
        self.imports = {name: self._imports_of(m) for name, m in self.modules.items()}

    def _imports_of(self, module: Module) -> list[Import]:
        out = []
        for node in ast.walk(self.trees[module.name]):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    known = alias.name if alias.name in self.modules else None
                    bound = alias.asname or alias.name.split(".")[0]
                    out.append(Import(module.name, node.lineno, alias.name, None, bound, known))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.package.split(".")
                    base = base[:len(base) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for alias in node.names:
                    submodule = f"{source}.{alias.name}"
                    known = submodule if submodule in self.modules else source if source in self.modules else None
                    out.append(Import(module.name, node.lineno, source, alias.name, alias.asname or alias.name,
                                      known))
        return sorted(out, key=lambda i: i.line)

    def in_group(self, group: str) -> list[Module]:
        return [m for m in self.modules.values() if m.group == group]

    # --- rule 1 ------------------------------------------------------------------------------------------------
    def private_imports(self, module: Module) -> list[str]:
        """Underscore names imported from another module of the program, and underscore attributes read from a
        name so imported (``migrations._migrations``)."""
        others = [imp for imp in self.imports[module.name] if imp.module not in (None, module.name)]
        out = [str(imp) for imp in others if _private(imp.name or imp.source.rpartition(".")[2])]
        by_name = {imp.bound: imp for imp in others}
        for node in ast.walk(self.trees[module.name]):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and _private(node.attr) \
                    and node.value.id in by_name:
                imp = by_name[node.value.id]
                out.append(f"{module.name}, line {node.lineno}: reads {node.value.id}.{node.attr} "
                           f"({node.value.id} imported from {imp.module}, line {imp.line})")
        return out

    # --- rule 2 ------------------------------------------------------------------------------------------------
    @cached_property
    def dependencies(self) -> dict[str, dict[str, Import]]:
        """Module → the modules it depends on (the rule in this file's docstring), each with the first import
        that makes it so."""
        graph: dict[str, dict[str, Import]] = {name: {} for name in self.modules}
        for name, imports in self.imports.items():
            above_me = set(_packages_above(name))
            for imp in imports:
                if imp.module is None:
                    continue
                for target in [imp.module, *(p for p in _packages_above(imp.module) if p not in above_me)]:
                    if target != name:
                        graph[name].setdefault(target, imp)
        return graph

    @cached_property
    def circles(self) -> list[tuple[list[str], set[str]]]:
        """For each knot of the graph (modules that all reach each other): its shortest circle through its first
        module, as a chain of modules, and every module of the knot (more circles may run through it)."""
        graph = self.dependencies
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        knots: list[set[str]] = []

        def visit(v: str) -> None:  # Tarjan's strongly connected components
            index[v] = low[v] = len(index)
            stack.append(v)
            for w in graph[v]:
                if w not in index:
                    visit(w)
                    low[v] = min(low[v], low[w])
                elif w in stack:
                    low[v] = min(low[v], index[w])
            if low[v] == index[v]:
                knot = set()
                while v not in knot:
                    knot.add(stack.pop())
                if len(knot) > 1:
                    knots.append(knot)

        for v in sorted(graph):
            if v not in index:
                visit(v)
        out = []
        for knot in knots:
            start = min(knot)
            came_from: dict[str, str | None] = {start: None}
            queue, chain = deque([start]), None
            while chain is None:
                v = queue.popleft()
                for w in sorted(graph[v]):
                    if w == start:
                        chain = [v]
                        while came_from[chain[-1]] is not None:
                            chain.append(came_from[chain[-1]])
                        chain = [*reversed(chain), start]
                        break
                    if w in knot and w not in came_from:
                        came_from[w] = v
                        queue.append(w)
            out.append((chain, knot))
        return sorted(out, key=lambda c: c[0])

    def describe(self, chain: list[str], knot: set[str]) -> str:
        steps = [chain[0]]
        for a, b in pairwise(chain):
            imp = self.dependencies[a][b]
            steps.append(f"→ {b}   ({a}, line {imp.line}: {imp.statement})")
        if len(knot) > len(chain) - 1:
            steps.append(f"(the same knot holds {', '.join(sorted(knot))})")
        return "\n    ".join(steps)


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _packages_above(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


PROGRAM = Program(SOURCE)


def _per_group(groups):
    return [pytest.param(g, id=g) for g in groups]


# --- 1. private names ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("group", _per_group(GROUPS))
def test_no_module_imports_an_underscore_name_of_another_module(group):
    found = [line for module in PROGRAM.in_group(group) for line in PROGRAM.private_imports(module)]
    assert not found, "names private to another module (make them public where they belong):\n" + "\n".join(found)


# --- 2. circles ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("group", _per_group(GROUPS))
def test_the_module_graph_has_no_circles(group):
    """A circle counts for every layer it passes through; an import inside a function or under TYPE_CHECKING
    closes it too."""
    circles = [(chain, knot) for chain, knot in PROGRAM.circles
               if any(PROGRAM.modules[m].group == group for m in knot)]
    assert not circles, "import circles (each module imports the next):\n" + "\n".join(
        "  " + PROGRAM.describe(chain, knot) for chain, knot in circles)


# --- 3. layers ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layer", _per_group(MAY_IMPORT))
def test_each_layer_imports_only_the_layers_below_it(layer):
    allowed = MAY_IMPORT[layer]
    found = [f"{imp} — {layer} may import only {', '.join(allowed) or 'no module of the program'}"
             for module in PROGRAM.modules.values() if module.layer == layer for imp in PROGRAM.imports[module.name]
             if imp.module is not None and PROGRAM.modules[imp.module].layer not in allowed]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("group", _per_group(g for g in GROUPS if g != "ui"))
def test_only_the_window_imports_qt(group):
    found = [str(imp) for module in PROGRAM.in_group(group) for imp in PROGRAM.imports[module.name]
             if imp.source.split(".")[0] in QT]
    assert not found, "Qt outside ui/:\n" + "\n".join(found)


# --- the reader itself --------------------------------------------------------------------------------------------

def test_the_contract_reads_every_layer_and_every_form_of_import():
    """A wrong path or a missed form would make the checks above pass on nothing."""
    assert {m.group for m in PROGRAM.modules.values()} == set(GROUPS)
    assert set(MAY_IMPORT) <= {m.layer for m in PROGRAM.modules.values()}
    edges = PROGRAM.dependencies
    assert "baocao_gui.compose.report" in edges["baocao_gui.compose"]  # a package re-exporting its submodule
    assert "baocao_gui.render.word" in edges["baocao_gui.app.writers.docx"]  # an import inside a function
    assert "baocao_gui.app.document" in edges["baocao_gui.app"]  # under TYPE_CHECKING
    assert "baocao_gui.compose" in edges["baocao_gui.app.export"]  # a package above the module imported
    assert "baocao_gui.app" not in edges["baocao_gui.app.export"]  # a sibling, through its own package


def _write(root: Path, files: dict[str, str]) -> Program:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Program(root / "p")


def test_a_sibling_imported_through_its_package_closes_no_circle(tmp_path):
    """p/__init__ imports p.a, p.a imports p.b: Python runs p/__init__ first and p.a finds p already running."""
    program = _write(tmp_path, {"p/__init__.py": "from .a import A\n", "p/a.py": "from .b import B\nA = B\n",
                                "p/b.py": "B = 1\n"})
    assert program.circles == []


def test_a_name_read_from_a_package_that_imports_the_reader_is_a_circle(tmp_path):
    """p/__init__ imports p.a before it defines VERSION, which p.a asks it for: an ImportError when run."""
    program = _write(tmp_path, {"p/__init__.py": "from .a import A\nVERSION = 1\n",
                                "p/a.py": "from . import VERSION\nA = VERSION\n"})
    assert [chain for chain, _ in program.circles] == [["p", "p.a", "p"]]
    assert "p.a, line 1: from p import VERSION" in program.describe(*program.circles[0])


def test_a_module_outside_a_package_depends_on_the_package_it_imports_from(tmp_path):
    """p.q imports p.r.b: Python runs p/r/__init__ first, which imports p.r.a, which asks p.q for Q."""
    program = _write(tmp_path, {"p/__init__.py": "", "p/r/__init__.py": "from .a import A\n",
                                "p/r/a.py": "from ..q import Q\nA = Q\n", "p/r/b.py": "B = 1\n",
                                "p/q.py": "from .r.b import B\nQ = B\n"})
    assert [chain for chain, _ in program.circles] == [["p.q", "p.r", "p.r.a", "p.q"]]


def test_an_underscore_name_of_another_module_is_named_with_its_line(tmp_path):
    program = _write(tmp_path, {"p/__init__.py": "__version__ = '1'\n", "p/a.py": "_x = 1\nmigrations = 2\n",
                                "p/b.py": "from . import __version__\nfrom .a import _x, migrations\n"
                                          "y = migrations._known\n"})
    assert program.private_imports(program.modules["p.b"]) == [
        "p.b, line 2: imports _x from p.a",
        "p.b, line 3: reads migrations._known (migrations imported from p.a, line 2)"]
