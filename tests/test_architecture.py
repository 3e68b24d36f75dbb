"""The architecture of docs/architecture.md, enforced: no import cycle between modules or between
subpackages, and every import goes down the layers (a lazy import inside a function counts too:
it is for start-up speed only, never to hide a cycle)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "summarygen"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("data",),
    ("document", "ooxml"),
    ("workspace",),
    ("templating",),
    ("writer",),
    ("build",),
    ("verify", "archive"),
    ("adopt", "doctor"),
    ("cli",),
)
"""Bottom to top. A package may import its own modules and those of lower layers only. ``core``
is the package's top-level modules (errors, i18n, output …); ``__main__`` belongs to ``cli``."""
LAYER_OF = {name: level for level, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports anywhere (at the top, in a function, or for
    type checking), resolved to module names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {name for name in names if name in known}
    return found


def graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {name: imports(path, known) - {name} for name, path in paths.items()}


def package_of(module: str) -> str:
    """``data`` for ``summarygen.data.yamlio``; ``core`` for ``summarygen.errors`` and
    ``summarygen`` itself; ``cli`` for ``summarygen.__main__``."""
    parts = module.split(".")
    if len(parts) == 2 and (PACKAGE / parts[1]).is_dir():
        return parts[1]
    if len(parts) > 2:
        return parts[1]
    return "cli" if module == "summarygen.__main__" else "core"


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_cycle_between_modules() -> None:
    assert cycles(graph()) == []


def test_no_cycle_between_subpackages() -> None:
    packages: dict[str, set[str]] = {}
    for module, targets in graph().items():
        packages.setdefault(package_of(module), set()).update(
            package_of(t) for t in targets if package_of(t) != package_of(module))
    assert cycles(packages) == []


def test_every_subpackage_has_a_layer() -> None:
    packages = {package_of(module) for module in graph()}
    assert packages == set(LAYER_OF)


def test_imports_go_down_the_layers() -> None:
    wrong = []
    for module, targets in sorted(graph().items()):
        here = package_of(module)
        for target in sorted(targets):
            there = package_of(target)
            if here != there and LAYER_OF[there] >= LAYER_OF[here]:
                wrong.append(f"{module} ({here}) imports {target} ({there})")
    assert wrong == []


def test_the_architecture_document_names_every_subpackage_and_layer() -> None:
    text = (REPO / "docs/architecture.md").read_text(encoding="utf-8")
    for names in LAYERS[1:]:
        for name in names:
            assert re.search(rf"`{name}/?`", text), name
    assert "tests/test_architecture.py" in text


def test_build_is_used_through_its_public_surface() -> None:
    """``archive``, ``adopt`` and ``cli`` import ``summarygen.build``, never its modules."""
    inside = [f"{module} imports {target}" for module, targets in sorted(graph().items())
              if package_of(module) != "build"
              for target in sorted(targets) if target.startswith("summarygen.build.")]
    assert inside == []
