"""How the assessments app's modules import each other, read from the source: imports
inside functions count too, because a cycle hidden in a function is still a cycle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = "assessments"


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path):
    """Every dotted name an import statement anywhere in the file may refer to."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            # `from assessments import scoring` imports the module assessments.scoring
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def app_modules():
    """The app's modules by dotted name; migrations are history, not the app's code."""
    return {
        module_name(path): path
        for path in (ROOT / APP).rglob("*.py")
        if "migrations" not in path.parts
    }


def import_graph():
    modules = app_modules()
    return {
        name: {target for target in imported_names(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def find_cycle(graph):
    """One cycle as a list of module names (first == last), or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return stack[stack.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_reports_a_cycle_hidden_in_a_function():
    graph = {"a.services": {"a.imports"}, "a.imports": {"a.services"}, "a.views": {"a.services"}}
    assert find_cycle(graph) == ["a.imports", "a.services", "a.imports"]


def test_no_module_of_the_app_imports_itself_back_even_inside_a_function():
    graph = import_graph()
    assert {"assessments.services", "assessments.imports", "assessments.errors"} <= set(graph)
    assert find_cycle(graph) is None


def test_services_and_file_reading_share_their_errors_instead_of_importing_each_other():
    graph = import_graph()
    assert "assessments.errors" in graph["assessments.imports"]
    assert "assessments.services" not in graph["assessments.imports"]


def test_the_app_never_imports_the_apps_built_on_it():
    built_on_it = ("oit", "measures", "ops")
    offenders = {
        module: name
        for module, path in app_modules().items()
        for name in imported_names(path)
        if name.split(".")[0] in built_on_it
    }
    assert offenders == {}
