"""The exporter interface and its registration through the plugin hook."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import BinaryIO

import pytest

from _export_helpers import host_with_findings, small_dossier
from thidua.errors import ExportError, PluginError
from thidua.export import (
    ExportData,
    Exporter,
    ExportKind,
    default_file_name,
    export_to_path,
    export_to_stream,
    exporters_by_name,
    find_exporter,
    prepare,
)
from thidua.plugins import PluginWarning, hookimpl
from thidua.plugins.builtin import BUILTIN_PLUGINS
from thidua.plugins.host import Host

BUILTIN_FORMATS = {"csv", "docx", "ics", "json", "xlsx"}


def _write_text(data: ExportData, stream: BinaryIO) -> None:
    stream.write(f"{data.what.value} {data.year}\n".encode())


def make(name: str = "txt", **kw: object) -> Exporter:
    args: dict[str, object] = {
        "name": name, "media_type": "text/plain", "extension": "txt",
        "kinds": ["registrations"], "write": _write_text,
        "description_vi": "Văn bản thuần", "description_en": "Plain text"}
    args.update(kw)
    return Exporter(**args)  # type: ignore[arg-type]


class TextPlugin:
    """A third-party plugin adding one format."""

    __name__ = "thidua-text"

    def __init__(self, exporter: Exporter | None = None) -> None:
        self.exporter = exporter or make()

    @hookimpl
    def thidua_exporters(self) -> list[Exporter]:
        return [self.exporter]


def test_the_builtin_formats_come_from_a_builtin_plugin_through_the_hook() -> None:
    assert ("thidua.exporters" in dict(BUILTIN_PLUGINS))
    host = Host(autoload=False)
    by_name = exporters_by_name(host)
    assert set(by_name) == BUILTIN_FORMATS
    assert {plugin for plugin, _ in by_name.values()} == {"thidua.exporters"}
    # without the built-in plugins there is no format at all: nothing is hard-wired
    assert exporters_by_name(Host(builtins=False, autoload=False)) == {}


def test_what_each_builtin_format_exports() -> None:
    by_name = {n: e for n, (_, e) in exporters_by_name(Host(autoload=False)).items()}
    assert by_name["docx"].kinds == {ExportKind.REGISTRATIONS}
    assert by_name["ics"].kinds == {ExportKind.OBLIGATIONS}
    assert by_name["json"].kinds == set(ExportKind)
    assert {ExportKind.REGISTRATIONS, ExportKind.FINDINGS} <= by_name["xlsx"].kinds
    assert {ExportKind.REGISTRATIONS, ExportKind.FINDINGS} <= by_name["csv"].kinds
    assert by_name["xlsx"].extension == "xlsx"
    assert by_name["ics"].media_type.startswith("text/calendar")


def test_a_third_party_exporter_is_registered_like_a_builtin() -> None:
    host = Host([TextPlugin()], autoload=False)
    by_name = exporters_by_name(host)
    assert set(by_name) == BUILTIN_FORMATS | {"txt"}
    assert by_name["txt"][0] == "thidua-text"
    buf = io.BytesIO()
    data = prepare(host, small_dossier(), "registrations", year=2024)
    export_to_stream(find_exporter(host, "txt"), data, buf)
    assert buf.getvalue() == b"registrations 2024\n"


def test_two_plugins_with_one_format_name_are_reported() -> None:
    clash = TextPlugin(make(name="csv"))
    host = Host([clash], autoload=False)
    with pytest.warns(PluginWarning, match="'csv' is registered by both"):
        by_name = exporters_by_name(host)
    assert by_name["csv"][0] == "thidua-text"  # first in plugin name order
    strict = Host([TextPlugin(make(name="csv"))], autoload=False, strict=True)
    with pytest.raises(PluginError, match="'csv' is registered by both"):
        exporters_by_name(strict)


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(ExportError, match="unknown export format 'pdf'; known formats: "
                                          "csv, docx, ics, json, xlsx"):
        find_exporter(Host(autoload=False), "pdf")


def test_a_format_refuses_what_it_cannot_export() -> None:
    host = host_with_findings()
    data = prepare(host, small_dossier(), "findings", year=2024)
    with pytest.raises(ExportError, match="the docx format cannot export findings; "
                                          "it exports: registrations"):
        export_to_stream(find_exporter(host, "docx"), data, io.BytesIO())


def test_unknown_what_is_a_clear_error() -> None:
    with pytest.raises(ExportError, match="cannot export 'awards'; choose one of"):
        prepare(host_with_findings(), small_dossier(), "awards")


def test_unknown_unit_is_a_clear_error() -> None:
    with pytest.raises(ExportError, match="--unit 'nowhere' is not a unit"):
        prepare(host_with_findings(), small_dossier(), "registrations", unit="nowhere")


def test_missing_optional_dependency_names_the_extra() -> None:
    ex = make(requires=("thidua_no_such_module",), install_hint="thidua[export]")
    assert not ex.available()
    assert ex.missing() == ("thidua_no_such_module",)
    with pytest.raises(ExportError) as info:
        ex.check_available()
    message = str(info.value)
    assert "\n" not in message
    assert 'pip install "thidua[export]"' in message
    assert "thidua_no_such_module" in message


def test_missing_dependency_is_reported_before_anything_is_written(tmp_path: Path) -> None:
    ex = make(requires=("thidua_no_such_module",), install_hint="thidua[export]")
    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2024)
    with pytest.raises(ExportError, match=r"pip install \"thidua\[export\]\""):
        export_to_path(ex, data, tmp_path / "out.txt")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_exporter_leaves_no_file(tmp_path: Path) -> None:
    def half(data: ExportData, stream: BinaryIO) -> None:
        stream.write(b"PK\x03\x04 half a zip")
        raise ValueError("cannot hold this")

    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2024)
    target = tmp_path / "out.txt"
    with pytest.raises(ExportError, match=r"nothing was written.*cannot hold this"):
        export_to_path(make(write=half), data, target)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "Excel!", "Exporter.name must look like"),
    ("extension", ".xlsx", "Exporter.extension must look like"),
    ("media_type", "excel", "Exporter.media_type must look like"),
    ("kinds", [], "Exporter.kinds must name at least one kind"),
    ("kinds", ["awards"], "unknown kind 'awards'"),
    ("description_vi", "  ", "Exporter.description_vi must not be empty"),
])
def test_exporter_validation_names_the_field(field: str, value: object, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        make(**{field: value})


def test_default_file_name() -> None:
    data = prepare(host_with_findings(), small_dossier(), "findings", year=2024,
                   unit="xa-lac-dao")
    assert default_file_name(make(extension="xlsx"), data) == "findings-2024-xa-lac-dao.xlsx"


def test_default_year_is_the_dossiers_latest() -> None:
    data = prepare(host_with_findings(), small_dossier(), "registrations")
    assert data.year == 2024


def test_registration_lists_are_in_hierarchy_then_vietnamese_order() -> None:
    data = prepare(host_with_findings(), small_dossier(), "registrations", year=2024)
    assert [r.sender.id for r in data.registration_lists()] == \
        ["huyen", "xa-dinh-du", "xa-lac-dao"]  # Đình Dù < Lạc Đạo


def test_findings_of_one_unit() -> None:
    data = prepare(host_with_findings(), small_dossier(), "findings", year=2024,
                   unit="xa-lac-dao")
    assert [f.subject for f in data.findings()] == ["s-2024-lac-dao"]


def test_builtin_exporters_import_no_optional_dependency() -> None:
    import subprocess
    import sys

    code = ("import sys; from thidua.plugins.host import Host; "
            "h = Host(autoload=False); h.exporters(); "
            "print(sorted(m for m in ('openpyxl', 'docx', 'icalendar') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_no_warning_from_loading_the_builtins() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        exporters_by_name(Host(autoload=False))
