"""The layout holds: apps import only downwards, the base imports no app, no import circle crosses a subpackage,
and every module imports on its own."""

import ast
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Lowest first: an app may import the apps before it, never those after it.
APPS = ["hotelsales", "clienthistory", "reservations", "receivables", "marketing", "overview"]
# Imports made inside a function because the imported module imports this one; each carries a comment saying so.
DOCUMENTED_LAZY = {
    ("hotelsales.emails", "hotelsales.tasks"),
    ("hotelsales.exports", "hotelsales.tasks"),
    ("reservations.functionspace.beo", "reservations.tasks"),  # a print queues the keeping of its PDFs
}


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


MODULES = project_modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> dict[str, bool]:
    """The project modules `module` imports, each with whether the import is made inside a function (lazy)."""
    found: dict[str, bool] = {}
    tree = ast.parse(MODULES[module].read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target and target != module:
                found[target] = found.get(target, True) and node.col_offset > 0
    return found


def subpackage(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def test_the_base_package_imports_no_app():
    offending = [
        f"{module} imports {target}"
        for module in MODULES
        if module.startswith("hotelsales")
        for target in imports_of(module)
        if not target.startswith("hotelsales")
    ]
    assert offending == []


def test_apps_import_only_the_apps_below_them():
    rank = {app: position for position, app in enumerate(APPS)}
    offending = [
        f"{module} imports {target}"
        for module in MODULES
        for target in imports_of(module)
        if rank[target.split(".")[0]] > rank[module.split(".")[0]]
    ]
    assert offending == []


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_crosses_a_subpackage_except_through_a_documented_lazy_import():
    graph = {
        module: {target for target, lazy in imports_of(module).items() if (module, target) not in DOCUMENTED_LAZY}
        for module in MODULES
    }
    crossing = [sorted(cycle) for cycle in _cycles(graph) if len({subpackage(m) for m in cycle}) > 1]
    assert crossing == []
    for module, target in DOCUMENTED_LAZY:
        assert imports_of(module).get(target) is True, f"{module} no longer imports {target} lazily"


ISOLATED_IMPORTS = """
import importlib, os, sys
import django
django.setup()
# Modules whose import has effects that a second import would repeat (models, admin registrations, settings).
KEEP = ("models", "admin", "apps", "settings", "celery", "migrations")
failed = []
for name in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:
        for loaded in [m for m in sys.modules if m.split(".")[0] in {APPS}]:
            if not any(part in KEEP for part in loaded.split(".")):
                del sys.modules[loaded]
        try:
            importlib.import_module(name)
        except BaseException as error:
            print(f"{{name}}: {{type(error).__name__}}: {{error}}", flush=True)
            os._exit(1)
        os._exit(0)
    if os.waitpid(pid, 0)[1] != 0:
        failed.append(name)
sys.exit(1 if failed else 0)
"""


def test_every_module_imports_on_its_own():
    """Each module in a fresh process of its own (Django set up, no other module of the project loaded but the
    models), so a module that only works when something else was imported first is found."""
    names = sorted(name for name in MODULES if name != "hotelsales.settings")
    result = subprocess.run(
        [sys.executable, "-c", ISOLATED_IMPORTS.format(APPS=set(APPS)), *names],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
