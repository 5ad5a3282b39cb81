"""Module-level imports inside matchforum form no cycle, and one module sends e-mail.

A service imports the tasks it enqueues at module level; a task imports its service
inside the task function. Read at module level only (imports inside functions and
under `if TYPE_CHECKING:` run later or never), the package's imports then form a
graph without cycles, so any module can be imported first. import-linter sees
function-level imports too, so it cannot state this rule; this test does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "matchforum"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted name -> (file, is a package's __init__)."""
    modules = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        modules[".".join(parts)] = (path, is_package)
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements that run when the module is imported (not in functions or
    classes' methods, not under `if TYPE_CHECKING:`)."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _module_level_imports(node.body)
            yield from _module_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            yield from _module_level_imports(node.body)
            for handler in node.handlers:
                yield from _module_level_imports(handler.body)
            yield from _module_level_imports(node.orelse)
            yield from _module_level_imports(node.finalbody)
        elif isinstance(node, ast.With | ast.ClassDef):
            yield from _module_level_imports(node.body)


def _imported_names(node: ast.Import | ast.ImportFrom, name: str, is_package: bool) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level:
        base = name.split(".") if is_package else name.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    # `from package import module` imports the module; `from module import name` the module.
    return {module} | {f"{module}.{alias.name}" for alias in node.names}


def import_graph() -> dict[str, set[str]]:
    """Module -> the matchforum modules it imports at module level."""
    modules = _modules()
    graph = {}
    for name, (path, is_package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        imported: set[str] = set()
        for node in _module_level_imports(tree.body):
            imported |= _imported_names(node, name, is_package)
        graph[name] = {m for m in imported if m in modules and m != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path [a, b, ..., a], or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(graph):
        if state.get(start):
            continue
        path = [start]
        state[start] = 1
        stack = [iter(sorted(graph[start]))]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                return [*path[path.index(following) :], following]
            elif not state.get(following):
                state[following] = 1
                path.append(following)
                stack.append(iter(sorted(graph[following])))
    return None


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_import_reader_skips_function_and_type_checking_imports():
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "from . import services\n"
        "if TYPE_CHECKING:\n    from .models import A\n"
        "def f():\n    from .tasks import t\n"
    )
    names = set()
    for node in _module_level_imports(tree.body):
        names |= _imported_names(node, "matchforum.app.views", is_package=False)
    assert "matchforum.app.services" in names
    assert not {"matchforum.app.models", "matchforum.app.tasks"} & names


def test_module_level_imports_of_matchforum_form_no_cycle():
    graph = import_graph()
    assert "matchforum.notifications.services" in graph
    assert "matchforum.notifications.tasks" in graph["matchforum.notifications.services"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_one_module_hands_mail_to_django():
    """Every e-mail leaves through notifications/mail.py (recorded, deduplicated, digest,
    in the recipient's language, or to a bare address through its one helper)."""
    mail_module = "django.core.mail"
    senders = set()
    for name, (path, is_package) in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                imported = _imported_names(node, name, is_package)
                if any(m == mail_module or m.startswith(mail_module + ".") for m in imported):
                    senders.add(name)
    assert senders == {"matchforum.notifications.mail"}
