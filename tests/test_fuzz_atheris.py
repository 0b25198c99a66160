"""Coverage-guided fuzzing with atheris (libFuzzer for Python), bounded for CI.

Run as a test, it starts this file as a fuzzer in a subprocess for a fixed number of
runs per target, seeded with small valid inputs; an input on which the target raises
anything but a ``ThiduaError`` is a crash, and the test fails showing it. Run by hand
for a longer campaign::

    python tests/test_fuzz_atheris.py dossier -runs=1000000 -max_len=8192 CORPUS_DIR
    python tests/test_fuzz_atheris.py parameters -max_total_time=600 CORPUS_DIR

atheris ships binary wheels for CPython on Linux x86-64; where it does not install,
these tests are skipped (the Hypothesis fuzz tests still run).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

RUNS = 20_000
"""libFuzzer runs per target in CI (a few seconds each)."""
HERE = Path(__file__).resolve()

SEED_DOSSIER = {
    "format": "thidua.dossier/1", "plan": "p",
    "units": [{"id": "h", "name": "UBND huyện", "level": "huyen"},
              {"id": "x", "name": "UBND xã A", "level": "xa", "parent": "h", "bloc": "K1"}],
    "movements": [{"id": "m", "name": "Dân vận khéo", "lead": "h"}],
    "exemplars": [{"id": "e", "name": "Hoa", "kind": "ca_nhan", "unit": "x",
                   "honoured": [{"year": 2020, "movement": "m"}]}],
    "submissions": [{"id": "s", "year": 2024, "from": "x", "to": "h",
                     "submitted_on": "2024-01-12", "exemplars": ["e"],
                     "attachments": ["ke_hoach_boi_duong"]}],
    "records": [{"subject": "e", "year": 2023, "assessment": "hoan_thanh",
                 "titles": ["lao_dong_tien_tien"], "initiatives": 1,
                 "initiative_scope": "co_so", "members": {"total": 3, "completed": 2}}],
    "awards": [{"subject": "e", "award": "giay_khen", "decided_on": "2023-06-11",
                "decision": "1/QĐ-UBND", "achievement_years": [2022], "payer": "h"}],
    "events": [{"obligation": "o", "unit": "x", "year": 2024, "on": "2024-02-01",
                "note": "n"}],
}
SEED_PARAMETERS = """document = "KH"

[[parameter]]
id = "registration.commune.quota"
description = "quota"
unit = "exemplars"
kind = "range"
clause = "IV.1.d.1"
status = "verified"
values = [{ from = 2022-04-21, value = { min = 5, max = 6 } }]

[[parameter]]
id = "registration.commune.deadline"
description = "deadline"
unit = "day of year"
kind = "month_day"
clause = "IV.1.d.1"
status = "verified"
values = [{ from = 2022-04-21, value = "01-15" }]
exceptions = [{ year = 2022, value = "05-30", note = "2022" }]
"""


def _fuzz(target: str) -> None:  # pragma: no cover - runs in the fuzzer process
    import atheris

    with atheris.instrument_imports():
        from thidua.errors import ThiduaError
        from thidua.parameters import load_parameter_file
        from thidua.serialization import loads_dossier

    scratch = Path(tempfile.mkdtemp()) / "fuzz.toml"

    def dossier(data: bytes) -> None:
        with contextlib.suppress(ThiduaError):
            loads_dossier(data)

    def parameters(data: bytes) -> None:
        scratch.write_bytes(data)
        with contextlib.suppress(ThiduaError):
            load_parameter_file(scratch)

    atheris.Setup(sys.argv[:1] + sys.argv[2:], {"dossier": dossier,
                                                "parameters": parameters}[target])
    atheris.Fuzz()


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None,
                    reason="atheris is not installed (binary wheels: Linux x86-64)")
@pytest.mark.parametrize(("target", "seed"), [
    ("dossier", json.dumps(SEED_DOSSIER, ensure_ascii=False)),
    ("parameters", SEED_PARAMETERS),
])
def test_atheris_finds_no_crash(target: str, seed: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed").write_text(seed, encoding="utf-8")
    res = subprocess.run(
        [sys.executable, str(HERE), target, f"-runs={RUNS}", "-max_len=4096",
         "-max_total_time=120", "-seed=1", str(corpus)],
        capture_output=True, text=True, check=False, timeout=600)
    assert res.returncode == 0, res.stderr[-4000:]
    assert "DONE" in res.stderr


if __name__ == "__main__":  # pragma: no cover
    _fuzz(sys.argv[1])
