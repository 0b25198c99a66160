"""The documentation builds with warnings as errors (MkDocs, ``--strict``) and every
``>>>`` example in its pages runs as a doctest, so CI checks both."""

from __future__ import annotations

import doctest
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"

pytestmark = pytest.mark.skipif(not CONFIG.exists(), reason="not a source checkout")

PAGES = sorted(DOCS.glob("*.md"))
EXAMPLE_PAGES = [p for p in PAGES if ">>>" in p.read_text(encoding="utf-8")]


def _nav_pages() -> list[str]:
    """The page files named in mkdocs.yml's nav (read without a YAML library)."""
    text = CONFIG.read_text(encoding="utf-8")
    nav = text[text.index("\nnav:"):]
    return re.findall(r":\s*([\w./-]+\.md)\s*$", nav, flags=re.MULTILINE)


def test_mkdocs_is_installed() -> None:
    assert importlib.util.find_spec("mkdocs") is not None, (
        "mkdocs is a test dependency (the `test` extra): pip install mkdocs")


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    nav = _nav_pages()
    assert sorted(nav) == sorted(p.name for p in PAGES)
    assert len(nav) == len(set(nav))


def test_the_docs_build_with_warnings_as_errors(tmp_path: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(CONFIG),
         "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "WARNING" not in res.stderr, res.stderr
    assert (tmp_path / "site" / "index.html").exists()
    for page in PAGES:
        name = "index.html" if page.stem == "index" else f"{page.stem}/index.html"
        assert (tmp_path / "site" / name).exists(), name


def test_the_pages_have_examples_to_run() -> None:
    names = {p.name for p in EXAMPLE_PAGES}
    assert {"getting-started.md", "testing.md", "limits.md", "dossier.md"} <= names


@pytest.mark.parametrize("page", EXAMPLE_PAGES, ids=lambda p: p.name)
def test_the_examples_of_a_page_run(page: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # an example that writes a file writes it here
    result = doctest.testfile(
        str(page), module_relative=False, report=True, verbose=False, encoding="utf-8",
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} example(s) of {page.name} failed (see output)"
