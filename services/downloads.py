"""Downloads for one attempt: the report (HTML, PDF) and the data (CSV, JSON, ZIP), as bytes.

Each function loads and scores the attempt itself, so a page can hand it to
``st.download_button(data=lambda: report_pdf(engine, attempt))`` and the file is built only when
clicked. The page checks first that the asker may see the attempt (see
:func:`services.returning.may_view`); nothing here checks access.

Every function raises :class:`reports.errors.NoSuchAttemptError` for an unknown attempt and
:class:`reports.errors.ReportError` when a file cannot be built; both messages are fit to show.
Without Chromium the PDF still builds, with a note in place of each chart: call
:func:`report_pdf_details` (or :func:`pdf_charts_problem` beforehand) to tell the runner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final, Literal

from sqlalchemy import Engine

from questionnaires.errors import NoSuchAttemptError
from reports.exports import AnswerRecord
from services.results import AttemptResults, score_submission
from store.db import unit_of_work
from store.models import Submission

if TYPE_CHECKING:
    from reports.pdf import PdfReport

Paper = Literal["A4", "Letter"]
Kind = Literal["html", "pdf", "answers", "scores", "json", "dictionary", "zip"]

MIME_TYPES: Final[dict[str, str]] = {
    "html": "text/html",
    "pdf": "application/pdf",
    "answers": "text/csv",
    "scores": "text/csv",
    "json": "application/json",
    "dictionary": "text/csv",
    "zip": "application/zip",
}
_SUFFIXES: Final = {
    "html": "report.html",
    "pdf": "report.pdf",
    "answers": "answers.csv",
    "scores": "scores.csv",
    "json": "attempt.json",
    "dictionary": "data-dictionary.csv",
    "zip": "data.zip",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class AttemptData:
    """One attempt scored, plus its stored answers (long)."""

    results: AttemptResults
    answers: list[AnswerRecord]


def load_attempt_data(engine: Engine, attempt_id: str) -> AttemptData:
    """Score one attempt and read its answers in one unit of work.

    Raises
    ------
    NoSuchAttemptError
        When there is no such attempt.
    """
    with unit_of_work(engine) as session:
        submission = session.get(Submission, attempt_id) if attempt_id else None
        if submission is None:
            raise NoSuchAttemptError(
                "These results no longer exist, so there is nothing to download."
            )
        results = score_submission(submission)
        answers = [
            AnswerRecord(
                questionnaire=a.questionnaire, version=a.version, item=a.item, value=a.value
            )
            for a in submission.answers
        ]
        for model in submission.role_models:
            answers.extend(
                AnswerRecord(
                    questionnaire="role_model",
                    version=a.version,
                    item=a.item,
                    value=a.value,
                    role_model_position=model.position,
                    role_model_label=model.label,
                )
                for a in model.answers
            )
    return AttemptData(results=results, answers=answers)


def _results(engine: Engine, attempt_id: str) -> AttemptResults:
    return load_attempt_data(engine, attempt_id).results


# -- the report ----------------------------------------------------------------------------
def report_html(engine: Engine, attempt_id: str) -> bytes:
    """The report as one self-contained HTML file (UTF-8), about 5 MB; works offline."""
    from reports.content import build_report
    from reports.html import render_html

    return render_html(build_report(_results(engine, attempt_id))).encode("utf-8")


def report_pdf_details(engine: Engine, attempt_id: str, paper: Paper = "A4") -> PdfReport:
    """The PDF report with what it left out (``missing_charts``, ``chart_problem``).

    Returns
    -------
    reports.pdf.PdfReport
        ``data`` (bytes), ``pages``, ``missing_charts`` and ``chart_problem``.
    """
    from reports.content import build_report
    from reports.pdf import render_pdf

    return render_pdf(build_report(_results(engine, attempt_id)), paper=paper)


def report_pdf(engine: Engine, attempt_id: str, paper: Paper = "A4") -> bytes:
    """The PDF report ("A4" or "Letter"); without Chromium, charts are replaced by a note."""
    return report_pdf_details(engine, attempt_id, paper).data


def pdf_charts_problem() -> str | None:
    """Why the PDF would have no charts on this server (no Chromium), or ``None`` if it can.

    Cheap: looks for the browser only; starting it may still fail later (then the PDF carries
    the note, and :func:`report_pdf_details` says so).
    """
    from charts.export import find_browser

    if find_browser() is None:
        return (
            "Charts can't be drawn in the PDF on this server (no Chromium), so the PDF shows "
            "their descriptions instead. The HTML report has every chart."
        )
    return None


# -- the data ------------------------------------------------------------------------------
def answers_csv(engine: Engine, attempt_id: str) -> bytes:
    """Long answers CSV: one row per answer."""
    from reports import exports

    data = load_attempt_data(engine, attempt_id)
    return exports.answers_csv(data.results.attempt_id, data.answers)


def scores_csv(engine: Engine, attempt_id: str) -> bytes:
    """Wide scores CSV: one row, columns like ``python -m scoring score --format csv``."""
    from reports import exports

    return exports.scores_csv(_results(engine, attempt_id))


def attempt_json(engine: Engine, attempt_id: str) -> bytes:
    """The whole attempt as JSON: scores, bands, verdicts, drivers, versions, answers."""
    from reports import exports

    data = load_attempt_data(engine, attempt_id)
    return exports.attempt_json(data.results, data.answers)


def data_dictionary(engine: Engine, attempt_id: str) -> bytes:
    """Data dictionary CSV for the questionnaires this attempt used."""
    from reports import exports

    return exports.data_dictionary_csv(list(_results(engine, attempt_id).versions))


def data_zip(engine: Engine, attempt_id: str) -> bytes:
    """Every data file (answers, scores, JSON, dictionary, README) in one ZIP."""
    from reports import exports

    data = load_attempt_data(engine, attempt_id)
    return exports.data_zip(data.results, data.answers)


def download_filename(kind: Kind, attempt_id: str, *, when: datetime | None = None) -> str:
    """A file name like ``pedestal-2025-11-25-1a2b3c4d-report.pdf``.

    Parameters
    ----------
    kind : {"html", "pdf", "answers", "scores", "json", "dictionary", "zip"}
        Which download.
    attempt_id : str
        The attempt (its first 8 characters go in the name).
    when : datetime, optional
        Date in the name; today (UTC) by default.
    """
    if kind not in _SUFFIXES:
        raise ValueError(f"Unknown download kind {kind!r}; expected one of {sorted(_SUFFIXES)}.")
    day = (when or datetime.now(UTC)).strftime("%Y-%m-%d")
    short = "".join(ch for ch in attempt_id[:8] if ch.isalnum()) or "attempt"
    return f"pedestal-{day}-{short}-{_SUFFIXES[kind]}"
