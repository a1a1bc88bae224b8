"""Data downloads: long answers, wide scores, the attempt as JSON, the data dictionary, the ZIP.

Behaviours:
- the answers CSV has one row per stored answer, role-model rows name the model;
- exported answers, scored by ``python -m scoring score --format csv``, give exactly the exported
  scores (every questionnaire, and every role model);
- text cells that a spreadsheet would run as formulas are neutralised, numbers (−2) are not;
- the JSON holds scores, bands, verdicts, drivers, versions, scoring version and answers;
- the data dictionary lists every item with text, scales, reverse keys, range and labels;
- the ZIP holds every file; file names are predictable; an unknown attempt gives a clear error;
- the downloads work on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from questionnaires import load_bank
from questionnaires.errors import NoSuchAttemptError
from reports.exports import answers_frame, neutralise, to_csv_bytes, wide_answers
from scoring import SCORING_VERSION
from services import downloads
from services.results import SCORED_QUESTIONNAIRES
from store.db import make_engine, migrate
from tests.report_data import make_attempt

ROOT = Path(__file__).resolve().parent.parent
INJECTION_LABEL = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('exports') / 'pedestal.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def attempt(db) -> str:
    return make_attempt(db, 3, labels=("<b>Bold</b> mate", INJECTION_LABEL, "@coach +1"))


@pytest.fixture(scope="module")
def data(db, attempt):
    return downloads.load_attempt_data(db, attempt)


@pytest.fixture(scope="module")
def answers_text(db, attempt) -> str:
    return downloads.answers_csv(db, attempt).decode("utf-8")


@pytest.fixture(scope="module")
def scores(db, attempt) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO(downloads.scores_csv(db, attempt).decode())))
    assert len(rows) == 1
    return rows[0]


def read_answers(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype={"attempt": str})


def test_answers_csv_has_one_row_per_stored_answer(answers_text, data):
    frame = read_answers(answers_text)
    assert len(frame) == len(data.answers)
    expected = sum(len(load_bank(q).items) for q in data.results.versions if q != "role_model")
    expected += 3 * len(load_bank("role_model").items)
    assert len(frame) == expected
    assert list(frame.columns[:6]) == [
        "attempt",
        "questionnaire",
        "version",
        "item",
        "item_text",
        "value",
    ]
    assert frame["item_text"].notna().all()
    models = frame[frame["questionnaire"] == "role_model"]
    assert sorted(models["role_model_position"].unique()) == [1, 2, 3]
    assert set(models["role_model_label"]) == {
        "<b>Bold</b> mate",
        "'" + INJECTION_LABEL,
        "'@coach +1",
    }
    assert frame[frame["questionnaire"] != "role_model"]["role_model_position"].isna().all()


def test_bipolar_answers_stay_negative_numbers(answers_text):
    frame = read_answers(answers_text)
    assert pd.api.types.is_integer_dtype(frame["value"])
    assert frame["value"].min() == -3
    assert ",-3," in answers_text
    assert ",'-3," not in answers_text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+41 79", "'+41 79"),
        ("-2 km", "'-2 km"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tlead", "'\tlead"),
        ("\rlead", "'\rlead"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        (-2, -2),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_formula_like_text_cells_are_neutralised_but_numbers_are_not(cell, expected):
    assert neutralise(cell) == expected


def test_csv_writer_neutralises_text_columns_only():
    frame = pd.DataFrame(
        {"label": ["=1+1", "-x", "ok"], "value": [-2, 3, -1], "pomp": [-0.5, 1.0, 2.0]}
    )
    rows = list(csv.reader(io.StringIO(to_csv_bytes(frame).decode())))
    assert rows[1:] == [["'=1+1", "-2", "-0.5"], ["'-x", "3", "1"], ["ok", "-1", "2"]]


def run_cli(questionnaire: str, wide: pd.DataFrame, tmp_path: Path) -> list[dict[str, str]]:
    responses = tmp_path / f"{questionnaire}.csv"
    wide.reset_index().to_csv(responses, index=False)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scoring",
            "score",
            "--questionnaire",
            str(ROOT / "questionnaires" / f"{questionnaire}.yaml"),
            "--responses",
            str(responses),
            "--format",
            "csv",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_exported_answers_scored_by_the_cli_give_exactly_the_exported_scores(
    answers_text, scores, tmp_path
):
    answers = read_answers(answers_text)
    compared = 0
    for qid in (*SCORED_QUESTIONNAIRES, "role_model"):
        rows = run_cli(qid, wide_answers(answers, qid), tmp_path)
        for row in rows:
            respondent = row.pop("respondent")
            if ":" in respondent:
                prefix = f"role_model_{respondent.split(':')[1]}."
            else:
                prefix = f"{qid}."
                assert respondent == scores["attempt"]
            for column, value in row.items():
                assert scores[prefix + column] == value, (prefix + column, value)
                compared += 1
    assert compared >= 3 * 7 * 3 + 6 * 3


def test_scores_csv_names_versions_verdicts_and_the_scoring_version(scores):
    assert scores["scoring_version"] == SCORING_VERSION
    assert scores["comparison.version"] == str(load_bank("comparison").version)
    assert [scores[f"role_model_{n}.verdict"] for n in (1, 2, 3)] == [
        "inspiring",
        "discouraging",
        "mixed",
    ]
    assert scores["role_model_2.label"] == "'" + INJECTION_LABEL
    assert float(scores["role_model_2.net"]) < 0


def test_attempt_json_holds_the_whole_attempt(db, attempt, data):
    document = json.loads(downloads.attempt_json(db, attempt))
    assert document["format"] == "pedestal-attempt"
    assert document["attempt_id"] == attempt
    assert document["scoring_version"] == SCORING_VERSION
    assert document["versions"] == data.results.versions
    assert document["submitted_at"].endswith("+00:00")
    assert len(document["scales"]) == len(data.results.scales)
    first = document["scales"][0]
    assert {"score", "pomp", "n_answered", "band", "meaning"} <= set(first)
    assert set(first["band"]) == {"level", "low", "high", "pomp_low", "pomp_high"}
    models = document["role_models"]
    assert [m["verdict"]["label"] for m in models] == ["inspiring", "discouraging", "mixed"]
    assert all(m["verdict"]["drivers"] for m in models)
    assert models[1]["label"] == INJECTION_LABEL  # JSON keeps text exactly as typed
    assert {p["value"] for p in models[1]["pairs"]} <= {-3, -2, -1, 0, 1, 2, 3}
    assert len(document["answers"]) == len(data.answers)
    assert any(a["value"] < 0 for a in document["answers"])


def test_data_dictionary_lists_every_item_with_its_scales_range_and_labels(db, attempt):
    frame = pd.read_csv(io.BytesIO(downloads.data_dictionary(db, attempt)), keep_default_na=False)
    items = frame[frame["kind"] == "item"]
    for qid in ("comparison", "role_model", "self_efficacy"):
        bank = load_bank(qid)
        rows = items[items["questionnaire"] == qid]
        assert list(rows["id"]) == bank.item_ids
        assert set(rows["version"]) == {bank.version}
    att3 = items[items["id"] == "att3"].iloc[0]
    assert att3["reverse_in"] == "attainability;proximity"
    assert "attainability" in att3["scales"].split(";")
    pair = items[items["id"] == "bp_envy_curiosity"].iloc[0]
    assert (pair["min"], pair["max"]) == (-3, 3)
    assert "-3=Envy" in pair["labels"]
    scales = frame[frame["kind"] == "scale"]
    assert "inspiration" in set(scales["id"])


def test_zip_holds_every_data_file(db, attempt):
    with zipfile.ZipFile(io.BytesIO(downloads.data_zip(db, attempt))) as archive:
        names = set(archive.namelist())
        assert names == {
            "README.txt",
            "answers.csv",
            "scores.csv",
            "attempt.json",
            "data_dictionary.csv",
        }
        json.loads(archive.read("attempt.json"))


def test_download_names_are_predictable():
    name = downloads.download_filename("pdf", "1a2b3c4d-5e6f", when=pd.Timestamp("2025-11-25"))
    assert name == "pedestal-2025-11-25-1a2b3c4d-report.pdf"
    assert downloads.download_filename("zip", "x").endswith("-x-data.zip")
    with pytest.raises(ValueError, match="Unknown download kind"):
        downloads.download_filename("docx", "x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "build",
    [
        downloads.answers_csv,
        downloads.scores_csv,
        downloads.attempt_json,
        downloads.data_dictionary,
        downloads.data_zip,
        downloads.report_html,
        downloads.report_pdf,
    ],
)
def test_an_unknown_attempt_gives_a_clear_error(db, build):
    with pytest.raises(NoSuchAttemptError, match="no longer exist"):
        build(db, "00000000-0000-4000-8000-000000000000")


def test_downloads_work_on_sqlite_and_postgresql(engine):
    attempt = make_attempt(engine, 2)
    answers = read_answers(downloads.answers_csv(engine, attempt).decode())
    assert set(answers["role_model_position"].dropna()) == {1, 2}
    document = json.loads(downloads.attempt_json(engine, attempt))
    assert [m["verdict"]["label"] for m in document["role_models"]] == ["inspiring", "discouraging"]


def test_answers_frame_orders_rows_by_questionnaire_then_model(data):
    frame = answers_frame(data.results.attempt_id, data.answers)
    models = frame["role_model_position"].fillna(0).tolist()
    assert models == sorted(models)
