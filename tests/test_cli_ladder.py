"""The ladder's commands: awards, ladder, roadmap, budget (text and JSON, vi and en,
errors as one line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thidua.cli.main import main
from thidua.data import example_dossier_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--no-plugins", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_awards_lists_the_catalogue_with_citations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "awards", "--date", "2025-08-01")
    assert code == 0
    assert "Bằng khen của Thủ tướng Chính phủ (bang_khen_thu_tuong)" in out
    assert "hệ số 3,5 (Điều 54 khoản 1, Nghị định 152/2025/NĐ-CP)" in out
    assert "Điều 73 khoản 1 điểm b" in out
    assert "[chưa xác nhận]" in out


def test_awards_json_by_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "awards", "--date", "2019-08-01", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    awards = {a["id"]: a for a in doc["awards"]}
    pm = awards["bang_khen_thu_tuong"]
    assert pm["coefficient"]["value"] == "3.5"
    assert pm["coefficient"]["document"] == "Nghị định 91/2017/NĐ-CP"
    assert pm["regime"] is None  # no criteria encoded before 2024
    assert awards["chien_si_thi_dua_co_so"]["regime"]["from"] == "2017-10-01"
    assert pm["authority"]["clause"] == "Điều 78 khoản 2"


def test_ladder_text_vi_and_en(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ladder", "--example", "--subject", "e-018")
    assert code == 0
    assert out.startswith("Phạm Văn Hùng (e-018), cá nhân — đề nghị cho năm 2024")
    assert "✗ Bằng khen của Thủ tướng Chính phủ: chưa đủ điều kiện" in out
    assert "cần thêm 1 lần “Chiến sĩ thi đua cơ sở” trong 2020–2024" in out
    code, out, _ = run(capsys, "ladder", "--example", "--subject", "e-018", "--lang", "en")
    assert "needs 1 more “Grassroots emulation fighter” (chien_si_thi_dua_co_so) in " \
           "2020–2024 (Điều 73 khoản 1 điểm b)" in out


def test_ladder_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ladder", str(example_dossier_path()), "--subject", "e-005",
                       "--year", "2024", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "thidua.ladder/1"
    results = {r["award"]: r for r in doc["results"]}
    assert results["bang_khen_thu_tuong"]["eligible"] is True
    assert results["huan_chuong_lao_dong_hang_ba"]["eligible"] is False
    assert results["huan_chuong_lao_dong_hang_ba"]["unmet"][0]["clause"] == \
        "Điều 44 khoản 1 điểm e"


def test_ladder_reads_standard_input(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = example_dossier_path().read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(capsys, "ladder", "-", "--subject", "e-077", "--lang", "en")
    assert code == 0
    assert "✓ Excellent labour collective: eligible" in out


@pytest.mark.parametrize(("argv", "message"), [
    (("ladder", "--example", "--subject", "nobody"), "no exemplar 'nobody'"),
    (("ladder", "--subject", "e-005"), "give a DOSSIER"),
    (("ladder", str(example_dossier_path()), "--example", "--subject", "e-005"),
     "either DOSSIER or --example"),
    (("roadmap", "--example", "--subject", "e-005", "--target", "nope"), "unknown award 'nope'"),
    (("budget", "no-such-file.json", "--year", "2025"), "cannot read dossier"),
])
def test_errors_are_one_line_without_traceback(capsys: pytest.CaptureFixture[str],
                                               argv: tuple[str, ...], message: str) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert err.startswith("thidua: error:")


def test_roadmap_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "roadmap", "--example", "--subject", "e-018", "--target",
                       "bang_khen_thu_tuong")
    assert code == 0
    assert "sớm nhất đề nghị cho năm 2026" in out
    assert "2025: hoàn thành xuất sắc nhiệm vụ" in out
    assert "đề nghị “Bằng khen của bộ, ban, ngành, tỉnh”" in out
    code, out, _ = run(capsys, "roadmap", "--example", "--subject", "e-018", "--target",
                       "bang_khen_thu_tuong", "--format", "json")
    doc = json.loads(out)
    assert doc["reachable"] is True
    assert doc["year"] == 2026
    assert doc["steps"][0]["proposals"] == ["bang_khen_tinh"]


def test_roadmap_unreachable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "roadmap", "--example", "--subject", "e-077", "--target",
                       "co_thi_dua_tinh", "--lang", "en")
    assert code == 0
    assert "unreachable" in out
    assert "no criteria checkable from the data" in out


def test_budget_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "budget", "--example", "--year", "2025")
    assert code == 0
    assert "Tổng cộng: 8.190.000 đ" in out
    assert "3,5 × 2.340.000 đ = 8.190.000 đ" in out
    code, out, _ = run(capsys, "budget", "--example", "--year", "2025", "--lang", "en")
    assert "Total: 8,190,000 VND" in out
    code, out, _ = run(capsys, "budget", "--example", "--year", "2023", "--decided",
                       "--format", "json")
    doc = json.loads(out)
    assert doc["total"] == 1_490_000
    assert doc["unknown"] == 2
    assert doc["decided"] is True


def test_budget_needs_a_year(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--no-plugins", "budget", "--example"])
    assert "--year" in capsys.readouterr().err


def test_dossier_file_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "d.json"
    target.write_bytes(example_dossier_path().read_bytes())
    code, out, _ = run(capsys, "budget", str(target), "--year", "2025", "--format", "json")
    assert code == 0
    assert json.loads(out)["total"] == 8_190_000
