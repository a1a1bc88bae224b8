"""The project's shape: folders exist and imports flow one way.

pages → services → (store, reports, charts, scoring, questionnaires); reports → charts →
scoring → questionnaires. Only app.py and pages/ import streamlit; scoring/ and
questionnaires/ never touch the database.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from questionnaires import INSTRUMENT_IDS, load_bank

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pages", "services", "store", "reports", "charts", "scoring", "questionnaires")
# What each folder may import from the project (besides itself).
ALLOWED = {
    "pages": {"services", "questionnaires", "charts", "store", "scoring", "reports"},
    "services": {"store", "reports", "charts", "scoring", "questionnaires"},
    "reports": {"charts", "scoring", "questionnaires"},
    "charts": {"scoring", "questionnaires"},
    "scoring": {"questionnaires"},
    "questionnaires": set(),
    "store": set(),
}
NEVER = {
    "scoring": {"streamlit", "sqlalchemy", "alembic"},
    "questionnaires": {"streamlit", "sqlalchemy", "alembic"},
    "charts": {"streamlit", "sqlalchemy"},
    "services": {"streamlit"},
    "reports": {"streamlit"},
    "store": {"streamlit"},
}


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Ids of import nodes under ``if TYPE_CHECKING:`` (types for readers, not dependencies)."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            ids |= {id(child) for child in ast.walk(node)}
    return ids


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    roots = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def python_files(package: str) -> list[Path]:
    return [p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("name", ["app.py", "requirements.txt", "README.md", ".ci/run", *PACKAGES])
def test_the_agreed_layout_exists(name):
    assert (ROOT / name).exists()


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_flow_one_way(package):
    project = set(PACKAGES)
    for path in python_files(package):
        used = imported_roots(path) & project - {package}
        assert used <= ALLOWED[package], (
            f"{path.relative_to(ROOT)} imports {used - ALLOWED[package]}"
        )


@pytest.mark.parametrize("package", sorted(NEVER))
def test_only_pages_touch_streamlit_and_pure_layers_skip_the_database(package):
    for path in python_files(package):
        banned = imported_roots(path) & NEVER[package]
        assert not banned, f"{path.relative_to(ROOT)} imports {banned}"


@pytest.mark.parametrize("instrument", INSTRUMENT_IDS)
def test_every_instrument_is_in_the_docs_and_on_the_start_page(instrument):
    from tests.apptest import open_app

    title = load_bank(instrument).title
    assert instrument in (ROOT / "docs" / "science.md").read_text(encoding="utf-8")
    at = open_app()
    expander_text = " ".join(m.value for m in at.markdown)
    assert title in expander_text


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci
    assert "bash scripts/test.sh" in readme
    assert "bash scripts/run-app.sh" in readme
