"""A drawing of the program's structure: its packages and the imports between them, with the count of import
circles between modules (0 is the rule; tests/test_import_contract.py enforces it). Run:

    python tools/structure.py            # Markdown with a Mermaid drawing, to stdout
    python tools/structure.py --write    # the same into docs/structure.md

The imports are read from the source the way the contract test reads them (its ``Program``), functions and
TYPE_CHECKING blocks included.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_import_contract import PROGRAM  # the contract's reader, not a copy of it

ORDER = ["cli", "commands", "ui", "app", "importers", "store", "compose", "render", "domain", "errors", "paths",
         "logsetup", "__init__"]


def node(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def drawing() -> str:
    edges: Counter[tuple[str, str]] = Counter()
    sizes: Counter[str] = Counter(node(m) for m in PROGRAM.modules)
    for module, targets in PROGRAM.dependencies.items():
        for target in targets:
            a, b = node(module), node(target)
            if a != b and b != "__init__":
                edges[(a, b)] += 1
    circles = PROGRAM.circles
    lines = ["# The structure of baocao-gui", "",
             "Made by `python tools/structure.py --write` from the source (the imports the contract test reads).",
             (f"Packages and top-level modules, with how many modules each holds; an arrow is “imports from”, with "
              f"the number of module pairs. **Import circles between modules: {len(circles)}.**"), "", "```mermaid",
             "flowchart TD"]
    present = [n for n in ORDER if n in sizes] + sorted(n for n in sizes if n not in ORDER)
    packages = {m.name.split(".")[1] for m in PROGRAM.modules.values() if m.is_package and "." in m.name}
    for n in present:
        label = f"{n}/ ({sizes[n]})" if n in packages else f"{n}.py"
        lines.append(f"    {n.strip('_') or 'init'}[\"{label}\"]")
    for (a, b), count in sorted(edges.items(), key=lambda e: (present.index(e[0][0]), present.index(e[0][1]))):
        lines.append(f"    {a.strip('_') or 'init'} -->|{count}| {b.strip('_') or 'init'}")
    lines += ["```", ""]
    for chain, _knot in circles:
        lines.append(f"- circle: {' → '.join(chain)}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write docs/structure.md")
    args = parser.parse_args()
    text = drawing()
    if args.write:
        (ROOT / "docs" / "structure.md").write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
