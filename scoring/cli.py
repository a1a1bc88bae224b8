r"""Command line: score or analyse any questionnaire file against a wide CSV of responses.

Usage::

    python -m scoring score --questionnaire Q.yaml --responses R.csv [--format table|csv|json]
    python -m scoring reliability --questionnaire Q.yaml --responses R.csv \
        [--format table|csv|json] [--missing pairwise|listwise]

The CSV is wide: one row per respondent, one column per item id, empty cells for unanswered
items. An optional ``respondent`` column is the key; without it respondents are numbered from 1.
Bad input (missing file, broken YAML, malformed CSV, bad values) prints one line on stderr saying
what and where, and exits with status 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from questionnaires.errors import CommandLineInputError, PedestalError
from questionnaires.loader import load_questionnaire
from questionnaires.schema import Questionnaire
from scoring import SCORING_VERSION
from scoring.reliability import reliability_frame, reliability_report
from scoring.responses import RESPONDENT_COLUMN
from scoring.scales import score_questionnaire

#: Exit status for input the user can fix.
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m scoring",
        description="Score questionnaires and analyse their reliability.",
    )
    parser.add_argument("--version", action="version", version=f"scoring {SCORING_VERSION}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, text in (
        ("score", "scale scores (keyed mean, items answered, POMP) per respondent"),
        ("reliability", "item analysis per scale (α, ω, item–total r …)"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("--questionnaire", required=True, type=Path, help="questionnaire YAML")
        sub.add_argument("--responses", required=True, type=Path, help="wide responses CSV")
        sub.add_argument("--format", choices=("table", "csv", "json"), default="table")
        if name == "reliability":
            sub.add_argument("--missing", choices=("pairwise", "listwise"), default="pairwise")
    return parser


def _is_blank(record: list[str]) -> bool:
    """A line pandas skips: empty, or one field of spaces only."""
    return not record or (len(record) == 1 and not record[0].strip())


def _read_header(text: str, name: str) -> list[str]:
    """Check the CSV record by record and return the header's column names, stripped.

    Every data row must have as many fields as the header: more fields would make pandas use the
    leading ones as an index and shift every answer, fewer usually mean a broken file. Rows are
    numbered like respondents (1 = first data row, blank lines skipped), with the file line too.
    Empty header cells become ``Unnamed: <position>`` (and are ignored, as pandas does).
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    row = 0
    line = 1  # file line on which the next record starts
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if _is_blank(record):
                continue
            if header is None:
                header = [field.strip() for field in record]
                continue
            row += 1
            if len(record) > len(header):
                raise CommandLineInputError(
                    f"{name}: row {row} (line {start}) has {len(record)} fields but the header "
                    f"has {len(header)}. Check for stray commas."
                )
            if len(record) < len(header):
                raise CommandLineInputError(
                    f"{name}: row {row} (line {start}) has {len(record)} fields but the header "
                    f"has {len(header)}; a short row usually means a broken file. Keep every "
                    "row as wide as the header and leave skipped answers empty, as in 1,,3."
                )
    except csv.Error as err:
        raise CommandLineInputError(
            f"{name}: is not a well-formed CSV (line {reader.line_num}: {err}); "
            "check the quotes on that line"
        ) from err
    if header is None:
        raise CommandLineInputError(f"{name}: is empty; expected a header row of item ids")
    names = [column or f"Unnamed: {position}" for position, column in enumerate(header)]
    seen: set[str] = set()
    for column in names:
        if column in seen:
            raise CommandLineInputError(
                f"{name}: column '{column}' appears more than once in the header; "
                "keep one column per item and rename or delete the other"
            )
        seen.add(column)
    return names


def read_responses(path: Path) -> pd.DataFrame:
    """Read a wide responses CSV, indexed by respondent (the column, else 1, 2, 3 …).

    Raises
    ------
    CommandLineInputError
        If the file cannot be read or parsed, is empty, has a row wider or narrower than the
        header, repeats a column name, or repeats a respondent.
    """
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CommandLineInputError(f"{path.name}: cannot be read ({err.strerror})") from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CommandLineInputError(
            f"{path.name}: is not UTF-8 text; save it as UTF-8 CSV"
        ) from err
    names = _read_header(text, path.name)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            header=0,
            names=names,
            index_col=False,
            dtype={RESPONDENT_COLUMN: "str"},
        )
    except pd.errors.EmptyDataError as err:
        raise CommandLineInputError(
            f"{path.name}: is empty; expected a header row of item ids"
        ) from err
    except (pd.errors.ParserError, ValueError) as err:
        detail = " ".join(str(err).split())
        raise CommandLineInputError(f"{path.name}: is not a well-formed CSV ({detail})") from err
    if RESPONDENT_COLUMN in frame.columns:
        keys = frame[RESPONDENT_COLUMN]
        if keys.isna().any():
            row = int(keys.isna().to_numpy().argmax()) + 1
            raise CommandLineInputError(
                f"{path.name}: row {row} has no respondent; fill the column in"
            )
        repeated = keys[keys.duplicated()]
        if len(repeated):
            raise CommandLineInputError(
                f"{path.name}: respondent '{repeated.iloc[0]}' appears more than once; "
                "keep one row per respondent"
            )
        frame = frame.set_index(RESPONDENT_COLUMN)
    else:
        frame.index = pd.RangeIndex(1, len(frame) + 1)
    frame.index.name = RESPONDENT_COLUMN
    return frame


def _clean(value: object) -> object:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "item"):
        return _clean(value.item())  # numpy scalar
    return value


def _score(questionnaire: Questionnaire, responses: pd.DataFrame, fmt: str) -> str:
    scores = score_questionnaire(responses, questionnaire, reasons=fmt != "csv")
    if fmt == "csv":
        return scores.reset_index().to_csv(index=False, float_format="%.6g", lineterminator="\n")
    if fmt == "json":
        records = []
        for respondent, row in scores.iterrows():
            records.append(
                {
                    "respondent": str(respondent),
                    "questionnaire": questionnaire.id,
                    "questionnaire_version": questionnaire.version,
                    "scoring_version": SCORING_VERSION,
                    "scales": {
                        s.id: {
                            "score": _clean(row[s.id]),
                            "n_answered": _clean(row[f"{s.id}_n"]),
                            "pomp": _clean(row[f"{s.id}_pomp"]),
                            "reason": row[f"{s.id}_reason"],
                        }
                        for s in questionnaire.scales
                    },
                }
            )
        return json.dumps(records, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    table = scores.drop(columns=[c for c in scores.columns if c.endswith("_reason")])
    header = (
        f"{questionnaire.title} ({questionnaire.id} v{questionnaire.version}), "
        f"{len(table)} respondents, scoring {SCORING_VERSION}\n"
    )
    notes = []
    for scale in questionnaire.scales:
        unscored = int(scores[scale.id].isna().sum())
        if unscored:
            notes.append(f"{scale.id}: {unscored} not scored (too few items answered)")
    body = table.to_string(float_format=lambda v: f"{v:.2f}", na_rep="-")
    return header + body + "\n" + "".join(f"{n}\n" for n in notes)


def _reliability(
    questionnaire: Questionnaire, responses: pd.DataFrame, fmt: str, missing: str
) -> str:
    report = reliability_report(responses, questionnaire, missing=missing)  # type: ignore[arg-type]
    if fmt == "json":
        records = []
        for result in report:
            record = {
                "questionnaire": questionnaire.id,
                "questionnaire_version": questionnaire.version,
                "scoring_version": SCORING_VERSION,
            }
            record.update(result.to_dict())
            records.append(record)
        return json.dumps(records, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if fmt == "csv":
        frames = []
        for result in report:
            items = result.items_frame()
            items.insert(0, "scale", result.scale)
            frames.append(items)
        summary = reliability_frame(report)
        items = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return (
            summary.to_csv(index=False, float_format="%.6g", lineterminator="\n")
            + "\n"
            + items.to_csv(index=False, float_format="%.6g", lineterminator="\n")
        )
    lines = [
        f"{questionnaire.title} ({questionnaire.id} v{questionnaire.version}), "
        f"missing answers: {missing}, scoring {SCORING_VERSION}",
    ]
    if not report:
        lines.append("No scale has 2 or more items, so there is nothing to analyse.")
    for result in report:
        lines.append("")
        lines.append(
            f"{result.scale}: k={result.k}  n={result.n}  "
            f"alpha={_fmt(result.alpha)}  alpha_std={_fmt(result.alpha_std)}  "
            f"mean_r={_fmt(result.mean_r)}  omega={_fmt(result.omega)}"
        )
        if result.reason:
            lines.append(f"  note: {result.reason}")
        lines.append(
            result.items_frame()
            .to_string(index=False, float_format=lambda v: f"{v:.2f}", na_rep="-")
            .replace("\n", "\n  ")
            .join(["  ", ""])
        )
    return "\n".join(lines) + "\n"


def _fmt(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input)."""
    args = _build_parser().parse_args(argv)
    try:
        questionnaire = load_questionnaire(args.questionnaire)
        responses = read_responses(args.responses)
        if not set(questionnaire.item_ids) & set(responses.columns):
            example = ", ".join(questionnaire.item_ids[:3])
            raise CommandLineInputError(
                f"{args.responses.name}: no column is an item of '{questionnaire.id}' "
                f"(expected ids such as {example}); check the header row and the questionnaire"
            )
        try:
            if args.command == "score":
                output = _score(questionnaire, responses, args.format)
            else:
                output = _reliability(questionnaire, responses, args.format, args.missing)
        except PedestalError as err:
            if isinstance(err, CommandLineInputError):
                raise
            raise CommandLineInputError(f"{args.responses.name}: {err}") from err
    except PedestalError as err:
        message = " ".join(str(err).split())
        print(f"error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    sys.stdout.write(output)
    return 0
