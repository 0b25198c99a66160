"""The Markdown exporter: registered through the hook, listed once installed, and its
report holds the rows of thidua's table views with the dossier's text escaped."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import io

import pytest
import thidua_markdown_exporter as plugin
from thidua_markdown_exporter import EXPORTER, escape, render

from thidua import Dossier, Exemplar, Host, Submission, Unit
from thidua.cli.main import main
from thidua.export import ExportData, exporters_by_name, find_exporter, prepare

PLAN = "vn-hy-district-exemplars-2022"


def dossier(name: str = "Nguyễn Thị Hoa") -> Dossier:
    return Dossier(
        plan=PLAN,
        units=[Unit(id="huyen", name="UBND huyện Văn Lâm", level="huyen"),
               Unit(id="xa", name="UBND xã Lạc Đạo", level="xa", parent="huyen")],
        exemplars=[Exemplar(id="e-1", name=name, kind="ca_nhan", unit="xa"),
                   Exemplar(id="e-2", name="Đào Văn Bình", kind="ca_nhan", unit="xa"),
                   Exemplar(id="e-3", name="Anh Văn Nam", kind="ca_nhan", unit="xa")],
        submissions=[Submission(id="s-1", year=2024, from_unit="xa", to_unit="huyen",
                                submitted_on=dt.date(2024, 1, 12),
                                exemplars=["e-1", "e-2", "e-3"])],
    )


def _data(d: Dossier) -> ExportData:
    return prepare(Host([plugin], autoload=False), d, "registrations", year=2024)


def test_the_plugin_adds_the_format_through_the_hook() -> None:
    host = Host([plugin], autoload=False)
    by_name = exporters_by_name(host)
    assert by_name["markdown"] == ("thidua_markdown_exporter", EXPORTER)
    assert {"csv", "xlsx"} <= set(by_name)  # the built-ins are still there


def test_report_rows_are_the_registration_entries_in_vietnamese_order() -> None:
    text = render(_data(dossier()))
    rows = [line for line in text.splitlines() if line.startswith("| 2024 ")]
    assert [r.split(" | ")[7] for r in rows] == ["Anh Văn Nam", "Đào Văn Bình",
                                                 "Nguyễn Thị Hoa"]
    assert "| 12/01/2024 |" in rows[0]
    assert text.startswith("# Báo cáo thi đua, khen thưởng 2024")


def test_text_from_the_dossier_cannot_break_the_table_or_inject_html() -> None:
    text = render(_data(dossier("<script>x</script> | **A**")))
    assert "<script>" not in text
    assert "&lt;script&gt;x&lt;/script&gt; \\| \\*\\*A\\*\\*" in text
    header = next(line for line in text.splitlines() if line.startswith("| Năm"))
    for line in text.splitlines():
        if line.startswith("| 2024 "):
            assert line.replace("\\|", "").count("|") == header.count("|")


@pytest.mark.parametrize(("raw", "escaped"), [
    ("a|b", "a\\|b"), ("x\ny", "x<br>y"), ("a & b", "a &amp; b"), ("", ""),
    ("_em_", "\\_em\\_"),
])
def test_escape(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped


def test_write_goes_through_thiduas_export_path() -> None:
    buf = io.BytesIO()
    find_exporter(Host([plugin], autoload=False), "markdown").write(_data(dossier()), buf)
    assert buf.getvalue().decode("utf-8").count("Đào Văn Bình") == 1


def _installed() -> bool:
    return any(ep.name == "markdown" and ep.value == "thidua_markdown_exporter"
               for ep in importlib.metadata.entry_points(group="thidua"))


@pytest.mark.skipif(not _installed(), reason="the package is not installed (pip install -e)")
def test_once_installed_it_appears_in_thidua_export_list(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert "markdown" in exporters_by_name(Host())
    assert main(["export", "--list"]) == 0
    listing = capsys.readouterr().out
    assert any(line.startswith("markdown ") and "(markdown)" in line
               for line in listing.splitlines())
