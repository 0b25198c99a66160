"""Safety of exports: formula neutralisation and atomic writes that never clobber the
input or leave half-written files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.errors import ExportError
from thidua.export.safety import FORMULA_TRIGGERS, atomic_write, is_formula_like, neutralise


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1)", "\t=1",
                                  "\r=1", "\uff1d1"])
def test_formula_like_text_gets_a_leading_apostrophe(text: str) -> None:
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Nguyễn Thị Hoa", "'quoted", "1+1", "a=b", " =x"])
def test_other_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    out = neutralise(text)
    assert not is_formula_like(out)
    assert out in (text, "'" + text)
    assert (out != text) == (text[:1] in FORMULA_TRIGGERS)


def _writes(payload: bytes):  # type: ignore[no-untyped-def]
    def write(fh: BinaryIO) -> None:
        fh.write(payload)
    return write


def test_atomic_write_writes_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert atomic_write(target, _writes(b"abc")) == target.resolve()
    assert target.read_bytes() == b"abc"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        target = tmp_path / "out.csv"
        atomic_write(target, _writes(b"x"))
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failing_exporter_leaves_no_file(tmp_path: Path) -> None:
    def boom(fh: BinaryIO) -> None:
        fh.write(b"half a workbook")
        raise RuntimeError("disk on fire")

    target = tmp_path / "out.xlsx"
    with pytest.raises(ExportError, match=r"nothing was written.*disk on fire"):
        atomic_write(target, boom)
    assert list(tmp_path.iterdir()) == []


def test_a_failing_exporter_leaves_an_existing_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"last year's good file")

    def boom(fh: BinaryIO) -> None:
        fh.write(b"partial")
        raise ExportError("cannot hold this")

    with pytest.raises(ExportError, match="cannot hold this"):
        atomic_write(target, boom)
    assert target.read_bytes() == b"last year's good file"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_keyboard_interrupt_also_cleans_up(tmp_path: Path) -> None:
    def interrupted(fh: BinaryIO) -> None:
        fh.write(b"x")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "out.ics", interrupted)
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_write_over_the_input(tmp_path: Path) -> None:
    dossier = tmp_path / "dossier.json"
    dossier.write_text("{}")
    called = []
    with pytest.raises(ExportError, match="refusing to write the export over the input"):
        atomic_write(dossier, lambda fh: called.append(fh), protect=[dossier])
    assert dossier.read_text() == "{}"
    assert called == []


def test_refuses_the_input_under_another_name(tmp_path: Path, monkeypatch:
                                               pytest.MonkeyPatch) -> None:
    dossier = tmp_path / "dossier.json"
    dossier.write_text("{}")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    with pytest.raises(ExportError, match="refusing"):
        atomic_write(Path("../dossier.json"), _writes(b"x"), protect=[dossier])
    link = tmp_path / "link.json"
    link.symlink_to(dossier)
    with pytest.raises(ExportError, match="refusing"):
        atomic_write(link, _writes(b"x"), protect=[dossier])
    os.link(dossier, tmp_path / "hard.json")
    with pytest.raises(ExportError, match="refusing"):
        atomic_write(tmp_path / "hard.json", _writes(b"x"), protect=[dossier])
    assert dossier.read_text() == "{}"


def test_a_missing_directory_or_a_directory_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        atomic_write(tmp_path / "no" / "such" / "out.csv", _writes(b"x"))
    with pytest.raises(ExportError, match="is a directory"):
        atomic_write(tmp_path, _writes(b"x"))
