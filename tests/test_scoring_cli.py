"""The scoring command line, run as a real subprocess: layouts, keys and one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pingouin as pg
import pytest
import yaml

from questionnaires.errors import CommandLineInputError
from scoring import SCORING_VERSION, score_questionnaire
from scoring.cli import read_responses
from tests.test_scoring_fixtures import comparison_data, comparison_questionnaire

ROOT = Path(__file__).resolve().parent.parent
RESPONSES = (
    "respondent,c1,c2,c3,c4,c5,c6,c7,conf,age\n"
    "r1,1,2,3,4,5,1,2,3,30\n"
    "r2,5,5,4,1,5,3,,10,41\n"
    "r3,2,2,,,3,4,4,,50\n"
    "r4,3,4,4,2,3,2,3,5,22\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    questionnaire = tmp_path / "q.yaml"
    questionnaire.write_text(yaml.safe_dump(comparison_data(), sort_keys=False), encoding="utf-8")
    responses = tmp_path / "r.csv"
    responses.write_text(RESPONSES, encoding="utf-8")
    return {"q": questionnaire, "r": responses, "dir": tmp_path}


def test_score_csv_has_one_row_per_respondent_with_score_n_and_pomp(files: dict) -> None:
    result = run(
        "score",
        "--questionnaire",
        str(files["q"]),
        "--responses",
        str(files["r"]),
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout), dtype={"respondent": str})
    q = comparison_questionnaire()
    expected_columns = ["respondent"] + [
        c for s in q.scales for c in (s.id, f"{s.id}_n", f"{s.id}_pomp")
    ]
    assert list(out.columns) == expected_columns
    assert out["respondent"].tolist() == ["r1", "r2", "r3", "r4"]
    direct = score_questionnaire(
        pd.read_csv(io.StringIO(RESPONSES), dtype={"respondent": str}).set_index("respondent"), q
    )
    pd.testing.assert_series_equal(
        out.set_index("respondent")["ability"], direct["ability"], check_exact=False, rtol=1e-5
    )
    assert out["ability_n"].tolist() == direct["ability_n"].tolist()


def test_without_a_respondent_column_rows_are_numbered_from_one(files: dict) -> None:
    plain = files["dir"] / "plain.csv"
    plain.write_text("c6,c7\n1,2\n3,4\n5,5\n", encoding="utf-8")
    result = run(
        "score", "--questionnaire", str(files["q"]), "--responses", str(plain), "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout))
    assert out["respondent"].tolist() == [1, 2, 3]
    assert out["opinion"].tolist() == [1.5, 3.5, 5.0]


def test_score_json_holds_every_scale_with_nulls_for_missing_scores(files: dict) -> None:
    result = run(
        "score",
        "--questionnaire",
        str(files["q"]),
        "--responses",
        str(files["r"]),
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["respondent"] for r in records] == ["r1", "r2", "r3", "r4"]
    assert records[0]["scoring_version"] == SCORING_VERSION
    assert set(records[0]["scales"]) == {"ability", "opinion", "mixed"}
    r3 = records[2]["scales"]["ability"]
    assert r3["score"] is None
    assert r3["n_answered"] == 3
    assert r3["reason"] == "3 of 5 items answered; 4 needed"


def test_score_table_is_readable_and_names_unscored_scales(files: dict) -> None:
    result = run("score", "--questionnaire", str(files["q"]), "--responses", str(files["r"]))
    assert result.returncode == 0, result.stderr
    assert "Comparing yourself" in result.stdout
    assert "r3" in result.stdout
    assert "ability: 1 not scored" in result.stdout


@pytest.mark.parametrize("missing", ["pairwise", "listwise"])
def test_reliability_json_has_the_documented_keys_and_matches_pingouin(
    files: dict, missing: str
) -> None:
    data = pg.read_dataset("cronbach_wide_missing")
    data.insert(0, "respondent", [f"p{i}" for i in range(len(data))])
    csv = files["dir"] / "binary.csv"
    data.to_csv(csv, index=False)
    items = [f"Q{i}" for i in range(1, 12)]
    questionnaire = files["dir"] / "binary.yaml"
    questionnaire.write_text(
        yaml.safe_dump(
            {
                "id": "binary",
                "version": 2,
                "title": "Binary",
                "instructions": "Yes or no",
                "response": {"min": 0, "max": 1},
                "scales": [{"id": "all", "title": "All", "items": items}],
                "items": [{"id": i, "text": i} for i in items],
            }
        ),
        encoding="utf-8",
    )
    result = run(
        "reliability",
        "--questionnaire",
        str(questionnaire),
        "--responses",
        str(csv),
        "--format",
        "json",
        "--missing",
        missing,
    )
    assert result.returncode == 0, result.stderr
    (scale,) = json.loads(result.stdout)
    assert {
        "scale",
        "n",
        "alpha",
        "alpha_std",
        "mean_r",
        "omega",
        "items",
        "scoring_version",
    } <= set(scale)
    assert scale["scoring_version"] == SCORING_VERSION
    live = pg.cronbach_alpha(data[items], nan_policy=missing)[0]
    assert scale["alpha"] == pytest.approx(live, abs=1e-9)
    assert [i["item"] for i in scale["items"]] == items
    for item in scale["items"]:
        assert {
            "item",
            "item_total_r",
            "alpha_if_deleted",
            "mean",
            "floor_pct",
            "ceiling_pct",
        } <= set(item)


def test_reliability_json_writes_nan_as_null(files: dict) -> None:
    few = files["dir"] / "few.csv"
    few.write_text("c6,c7\n1,2\n3,4\n", encoding="utf-8")
    result = run(
        "reliability",
        "--questionnaire",
        str(files["q"]),
        "--responses",
        str(few),
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    opinion = next(s for s in json.loads(result.stdout) if s["scale"] == "opinion")
    assert opinion["alpha"] is None
    assert "at least 3 needed" in opinion["reason"]


def test_reliability_table_lists_each_scale(files: dict) -> None:
    result = run("reliability", "--questionnaire", str(files["q"]), "--responses", str(files["r"]))
    assert result.returncode == 0, result.stderr
    for scale in ("ability:", "opinion:", "mixed:"):
        assert scale in result.stdout
    assert "alpha_if_deleted" in result.stdout


BAD_INPUTS = [
    pytest.param("missing.yaml", None, None, "missing.yaml: cannot be read", id="missing yaml"),
    pytest.param(None, "missing.csv", None, "missing.csv: cannot be read", id="missing csv"),
    pytest.param(
        "broken.yaml", None, ("broken.yaml", "id: [broken\n"), "not valid YAML", id="broken yaml"
    ),
    pytest.param(
        "format.yaml",
        None,
        ("format.yaml", "id: x\nversion: 1\n"),
        "format.yaml: ",
        id="yaml not following the format",
    ),
    pytest.param(
        None,
        "text.csv",
        ("text.csv", "respondent,c1\nr1,1\nr2,lots\n"),
        "row 2 (respondent 'r2'), column 'c1': 'lots' is not a number",
        id="non-numeric",
    ),
    pytest.param(
        None,
        "range.csv",
        ("range.csv", "respondent,c1\nr1,1\nr7,7\n"),
        "row 2 (respondent 'r7'), column 'c1': 7 is outside 1-5",
        id="out of range",
    ),
    pytest.param(
        None,
        "quote.csv",
        ("quote.csv", 'c1,c2\n1,2\n3,"4\n'),
        "quote.csv: is not a well-formed CSV",
        id="malformed csv",
    ),
    pytest.param(None, "empty.csv", ("empty.csv", ""), "empty.csv: is empty", id="empty csv"),
    pytest.param(
        None,
        "twice.csv",
        ("twice.csv", "respondent,c1\na,1\na,2\n"),
        "respondent 'a' appears more than once",
        id="repeated respondent",
    ),
    pytest.param(
        None,
        "case.csv",
        ("case.csv", "c1,C2\n1,2\n"),
        "did you mean 'c2'?",
        id="case variant of an item id",
    ),
    pytest.param(
        None,
        "wide.csv",
        ("wide.csv", "c1,c2,c3\n1,2,3\n1,2,3,4,5\n"),
        "wide.csv: row 2 (line 3) has 5 fields but the header has 3. Check for stray commas.",
        id="row with more fields than the header",
    ),
    pytest.param(
        None,
        "narrow.csv",
        ("narrow.csv", "c1,c2,c3\n1,2\n"),
        "narrow.csv: row 1 (line 2) has 2 fields but the header has 3; a short row usually "
        "means a broken file",
        id="row with fewer fields than the header",
    ),
    pytest.param(
        None,
        "header.csv",
        ("header.csv", "c1, c1\n1,2\n"),
        "header.csv: column 'c1' appears more than once in the header",
        id="repeated column name",
    ),
    pytest.param(
        None,
        "yesno.csv",
        ("yesno.csv", "respondent,c1\nr1,TRUE\nr2,FALSE\n"),
        "row 1 (respondent 'r1'), column 'c1': True is not a number",
        id="yes or no instead of a number",
    ),
    pytest.param(
        None,
        "other.csv",
        ("other.csv", "age,team\n30,a\n"),
        "no column is an item of 'comparison'",
        id="no item columns",
    ),
]


@pytest.mark.parametrize(("questionnaire", "responses", "content", "message"), BAD_INPUTS)
def test_bad_input_gives_one_line_on_stderr_and_exit_code_2(
    files: dict,
    questionnaire: str | None,
    responses: str | None,
    content: tuple[str, str] | None,
    message: str,
) -> None:
    _check_bad_input(files, "score", questionnaire, responses, content, message)


@pytest.mark.parametrize(
    ("questionnaire", "responses", "content", "message"),
    [
        p
        for p in BAD_INPUTS
        if p.id in {"missing yaml", "broken yaml", "non-numeric", "out of range"}
    ],
)
def test_reliability_reports_bad_input_the_same_way(
    files: dict,
    questionnaire: str | None,
    responses: str | None,
    content: tuple[str, str] | None,
    message: str,
) -> None:
    _check_bad_input(files, "reliability", questionnaire, responses, content, message)


def _check_bad_input(
    files: dict,
    command: str,
    questionnaire: str | None,
    responses: str | None,
    content: tuple[str, str] | None,
    message: str,
) -> None:
    if content:
        (files["dir"] / content[0]).write_text(content[1], encoding="utf-8")
    q = files["dir"] / questionnaire if questionnaire else files["q"]
    r = files["dir"] / responses if responses else files["r"]
    result = run(command, "--questionnaire", str(q), "--responses", str(r))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


def test_a_row_with_extra_fields_is_refused_instead_of_shifting_answers(tmp_path: Path) -> None:
    # pandas used to read the two leading fields as an index, so c1 silently became 3.
    path = tmp_path / "r.csv"
    path.write_text("c1,c2,c3\n1,2,3,4,5\n", encoding="utf-8")
    with pytest.raises(CommandLineInputError, match=r"^r\.csv: row 1 \(line 2\) has 5 fields"):
        read_responses(path)


def test_a_row_with_fewer_fields_than_the_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("c1,c2,c3\n1,2,3\n4,5\n", encoding="utf-8")
    with pytest.raises(CommandLineInputError, match=r"row 2 \(line 3\) has 2 fields .* 1,,3"):
        read_responses(path)


@pytest.mark.parametrize("header", ["c1,c1", "c1,c2,c1 ", "respondent,c1,respondent"])
def test_a_repeated_column_name_is_refused_and_named(tmp_path: Path, header: str) -> None:
    path = tmp_path / "r.csv"
    width = len(header.split(","))
    path.write_text(f"{header}\n{','.join(['1'] * width)}\n", encoding="utf-8")
    with pytest.raises(CommandLineInputError, match="' appears more than once in the header"):
        read_responses(path)


def test_rows_as_wide_as_the_header_read_with_skipped_answers_and_blank_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.csv"
    path.write_text('\n c1 ,c2,c3,\n1,,3,\n\n4,5,"",\n  \n', encoding="utf-8")
    frame = read_responses(path)
    assert list(frame.columns) == ["c1", "c2", "c3", "Unnamed: 3"]
    assert frame.index.tolist() == [1, 2]
    assert frame["c1"].tolist() == [1, 4]
    assert frame["c2"].isna().tolist() == [True, False]


def test_a_quoted_answer_spanning_lines_counts_as_one_field(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('respondent,c1,note\na,1,"two\nlines"\nb,2,x,y\n', encoding="utf-8")
    with pytest.raises(CommandLineInputError, match=r"row 2 \(line 4\) has 4 fields"):
        read_responses(path)


def test_usage_errors_also_exit_with_2_on_one_line(files: dict) -> None:
    result = run("score", "--questionnaire", str(files["q"]))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--responses" in result.stderr


def test_scoring_never_imports_the_app_or_the_database() -> None:
    code = (
        "import sys, scoring, scoring.cli, scoring.verdict;"
        "bad = [m for m in sys.modules if m.split('.')[0] in {'streamlit', 'sqlalchemy', 'store'}];"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""
