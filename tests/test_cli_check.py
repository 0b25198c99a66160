"""The command line of the plan rules: ``thidua check``, ``thidua calendar`` and
``thidua obligations``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thidua.cli.main import main
from thidua.data import example_dossier_text


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--no-plugins", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "dossier.json"
    path.write_text(example_dossier_text(), encoding="utf-8")
    return path


# -- check -------------------------------------------------------------------------------

def test_check_example_2024_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--example", "--year", "2024")
    assert code == 0, err  # findings are the result; only --fail-on turns them into exit 1
    assert "UBND xã Đình Dù (xa-dinh-du)" in out
    assert "trễ 7 ngày (5 ngày làm việc)" in out
    assert "UBND xã Minh Hải (xa-minh-hai)" in out
    assert "[IV.1.d.1]" in out
    assert out.rstrip().splitlines()[-2].startswith("Tổng cộng: 2 lỗi, 0 cảnh báo")
    assert "16 dòng không hiện" in out.rstrip().splitlines()[-1]
    assert "subjects.honoured" not in out  # info lines only with --severity info
    # grouped by unit: the late finding sits under its commune's heading
    block = out.split("UBND xã Đình Dù (xa-dinh-du)")[1].split("\n\n")[0]
    assert "registration.deadline" in block
    assert "xa-minh-hai" not in block


def test_check_json_follows_the_results_format(capsys: pytest.CaptureFixture[str],
                                               example: Path) -> None:
    code, out, _ = run(capsys, "check", str(example), "--year", "2023", "--format", "json",
                       "--fail-on", "error")
    assert code == 1
    doc = json.loads(out)
    assert (doc["plan"], doc["year"]) == ("vn-hy-district-exemplars-2022", 2023)
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f["subject"], f["clause"]) for f in errors] == [
        ("registration.quota", "s-2023-xa-chi-dao", "IV.1.d.1")]
    for f in doc["findings"]:
        assert {"rule", "severity", "subject", "clause", "message_vi", "message_en"} <= set(f)
    assert "trace" not in doc


def test_check_english_trace_and_severity_filter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--example", "--year", "2024", "--lang", "en",
                       "--severity", "warning", "--trace", "--fail-on", "warning")
    assert code == 1
    assert "7 days (5 working days) late" in out
    assert "subjects.honoured)" not in out.split("Trace:")[0]
    assert "Total: 2 errors, 0 warnings, 16 info" in out
    assert "registration.commune.quota = 5–6  [IV.1.d.1] from 2022-04-21; verified" in out
    assert "deadline.roll = next_working_day  [Điều 148, Bộ luật Dân sự 2015" in out


def test_check_trace_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--example", "--year", "2024", "--format", "json",
                    "--trace")
    trace = json.loads(out)["trace"]
    quota = next(p for p in trace["parameters"] if p["id"] == "registration.commune.quota")
    assert (quota["citation"]["clause"], quota["effective_from"]) == ("IV.1.d.1", "2022-04-21")


def test_check_a_clean_year_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = json.loads(example_dossier_text())
    for s in doc["submissions"]:
        if s["id"] == "s-2023-xa-chi-dao":
            s["exemplars"] = s["exemplars"][:6]
    path = tmp_path / "clean.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--year", "2023", "--fail-on", "error")
    assert code == 0
    assert "0 lỗi" in out
    assert "không có lỗi" in out


def test_check_as_of_and_default_year(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--example", "--as-of", "2024-01-10",
                       "--severity", "warning", "--fail-on", "error")
    # judged on 10 January 2024: Minh Hải's short list is already wrong, Đình Dù's list
    # is not yet sent but not yet due
    assert code == 1
    assert "năm 2024, tính đến ngày 10/01/2024" in out
    assert "xa-minh-hai" in out
    assert "xa-dinh-du" not in out


def test_check_2026_says_no_plan_is_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--example", "--year", "2026", "--format", "json")
    assert code == 0
    (f,) = json.loads(out)["findings"]
    assert f["rule"] == "plan.in_force"


@pytest.mark.parametrize("argv", [
    ["check"],
    ["check", "--example", "nothing.json"],
    ["check", "/nonexistent/dossier.json"],
])
def test_check_bad_input_exits_2_without_traceback(capsys: pytest.CaptureFixture[str],
                                                   argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in err
    assert err.startswith("thidua:")


def test_check_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--no-plugins", "check", "--example", "--as-of", "2024-13-01"])
    assert exc.value.code == 2
    assert "not a date" in capsys.readouterr().err


# -- calendar ----------------------------------------------------------------------------

def _deadlines(capsys: pytest.CaptureFixture[str], year: int) -> dict[str, dict[str, object]]:
    code, out, _ = run(capsys, "calendar", str(year), "--format", "json")
    assert code == 0
    return {d["id"]: d for d in json.loads(out)["deadlines"]}


def test_calendar_2022_shows_the_one_year_dates(capsys: pytest.CaptureFixture[str]) -> None:
    d = _deadlines(capsys, 2022)
    commune = d["registration.commune.deadline"]
    assert (commune["nominal"], commune["due"], commune["exception_year"]) == (
        "2022-05-30", "2022-05-30", 2022)
    district = d["registration.district.deadline"]
    assert (district["nominal"], district["due"], district["shifted"]) == (
        "2022-06-11", "2022-06-13", True)
    assert [s["reason_en"] for s in district["shifted_over"]] == ["Saturday", "Sunday"]
    occasion = d["commendation.occasion"]
    assert (occasion["due"], occasion["kind"], occasion["clause"]) == (
        "2022-06-11", "occasion", "IV.1.đ")


def test_calendar_2024_shows_the_yearly_dates(capsys: pytest.CaptureFixture[str]) -> None:
    d = _deadlines(capsys, 2024)
    assert d["registration.commune.deadline"]["due"] == "2024-01-15"
    assert d["registration.commune.deadline"]["exception_year"] is None
    assert d["registration.district.deadline"]["due"] == "2024-02-15"
    assert d["commendation.occasion"]["due"] == "2024-06-11"
    code, out, _ = run(capsys, "calendar", "2024")
    assert code == 0
    assert "15/01/2024 (thứ Hai)" in out
    assert "15/02/2024 (thứ Năm)" in out
    assert "11/06/2024" in out
    assert "[IV.1.đ]" in out


def test_calendar_text_explains_a_shift(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "2023", "--lang", "en")
    assert code == 0
    # 15 January 2023 is a Sunday
    assert "2023-01-15 → 2023-01-16 (Mon)" in out
    assert "moved over: 2023-01-15 Sunday" in out


def test_calendar_outside_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "2026", "--plan", "vn-hy-district-exemplars-2022")
    assert code == 0
    assert "Không có kế hoạch nào có hiệu lực cho năm 2026" in out
    code, _, err = run(capsys, "calendar", "2024", "--plan", "no-such-plan")
    assert code == 2
    assert "unknown plan" in err


# -- obligations -------------------------------------------------------------------------

def test_obligations_schedule_of_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "obligations", "--example", "--year", "2024", "--format",
                       "json")
    assert code == 0
    items = json.loads(out)["items"]
    by = {(i["obligation"], i["unit"]): i for i in items}
    late = by[("registration.commune", "xa-dinh-du")]
    assert (late["status"], late["days_late"], late["working_days_late"]) == ("late", 7, 5)
    assert by[("registration.district", "huyen-van-lam")]["status"] == "done"
    assert by[("home_affairs.appraisal", "phong-noi-vu")]["status"] == "tracked"
    assert {i["check"] for i in items} == {"C", "T"}


def test_obligations_text_grouped_by_unit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "obligations", "--example", "--year", "2024",
                       "--as-of", "2024-01-10")
    assert code == 0
    assert "Nghĩa vụ báo cáo năm 2024, tính đến ngày 10/01/2024" in out
    block = out.split("UBND xã Đình Dù (xa-dinh-du)")[1].split("\n\n")[0]
    assert "chưa đến hạn" in block
    assert "Phòng Nội vụ (phong-noi-vu)" in out
    assert "chỉ theo dõi" in out
    assert out.rstrip().splitlines()[-1].startswith("Tổng cộng:")


def test_obligations_needs_a_year(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--no-plugins", "obligations", "--example"])
    assert exc.value.code == 2
    capsys.readouterr()


def test_check_shows_info_lines_on_request_and_gates_only_when_asked(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--example", "--year", "2024", "--severity", "info")
    assert code == 0
    assert "subjects.honoured" in out
    assert "không hiện" not in out
    code, _, _ = run(capsys, "check", "--example", "--year", "2026", "--fail-on", "error")
    assert code == 0  # no plan in force: a warning, not an error
    code, _, _ = run(capsys, "check", "--example", "--year", "2026", "--fail-on", "warning")
    assert code == 1

