"""Properties of the dossier layer over every dossier the public strategies build:
the JSON round trip is lossless, every generated dossier passes validation (library
and CLI) and validates against the published JSON Schema."""

from __future__ import annotations

import io
import json
import tempfile
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings

from thidua.cli.main import main
from thidua.model import Dossier
from thidua.serialization import dossier_to_dict, dump_dossier, json_schema, loads_dossier
from thidua.testing import any_dossiers, dossiers

REALISTIC = settings(deadline=None, max_examples=min(settings.default.max_examples, 60),
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SCHEMA = jsonschema.Draft202012Validator(
    json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _round_trip(d: Dossier) -> None:
    text = dump_dossier(d)
    assert unicodedata.is_normalized("NFC", text)
    again = loads_dossier(text)
    assert again == d
    assert dump_dossier(again) == text  # and the text is stable


@given(any_dossiers())
def test_json_round_trip_is_lossless_for_any_dossier(d: Dossier) -> None:
    _round_trip(d)


@REALISTIC
@given(dossiers())
def test_json_round_trip_is_lossless_for_realistic_dossiers(d: Dossier) -> None:
    _round_trip(d)


@REALISTIC
@given(dossiers(late=False, messy_names=True))
def test_messy_names_are_written_as_nfc(d: Dossier) -> None:
    data = json.loads(dump_dossier(d))
    for section in ("units", "exemplars", "movements"):
        for entry in data[section]:
            assert unicodedata.is_normalized("NFC", entry["name"])
            assert entry["name"] == entry["name"].strip()


@given(any_dossiers())
def test_any_dossier_validates_against_the_schema(d: Dossier) -> None:
    SCHEMA.validate(dossier_to_dict(d))


@REALISTIC
@given(dossiers())
def test_realistic_dossiers_validate_against_the_schema(d: Dossier) -> None:
    SCHEMA.validate(json.loads(dump_dossier(d)))


@settings(max_examples=min(settings.default.max_examples, 25), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(any_dossiers())
def test_thidua_validate_accepts_every_generated_dossier(d: Dossier) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dossier.json"
        path.write_text(dump_dossier(d), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--no-plugins", "validate", "--format", "json", str(path)])
    assert code == 0, err.getvalue()
    doc = json.loads(out.getvalue())
    assert doc["valid"] is True
    assert (doc["units"], doc["exemplars"], doc["submissions"]) == (
        len(d.units), len(d.exemplars), len(d.submissions))
