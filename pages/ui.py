"""Small rendering helpers shared by the pages (not a page itself)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import streamlit as st
from sqlalchemy import Engine

import charts
from questionnaires import Item, Questionnaire
from services import downloads as dl
from services.results_view import Chart, ResultsView, load_view
from store.db import database_url, get_engine

log = logging.getLogger("pedestal")

# Every ASCII punctuation mark Markdown, Streamlit directives (:red[..]) or LaTeX ($) could use.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^])")


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return get_engine(url)


def engine() -> Engine:
    """The app's database engine for the configured URL (migrated once per process)."""
    return _engine(database_url())


def database_key() -> str:
    """Which database this process talks to: part of every cache key."""
    return database_url()


def chart(item: Chart, *, key: str) -> None:
    """A plotly chart followed by its text alternative."""
    st.plotly_chart(item.figure, config=charts.PLOT_CONFIG, theme=None, key=key)
    st.caption(escape_md(item.text))


def escape_md(text: str) -> str:
    """Make user text render literally inside Markdown: no links, images, HTML or directives."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


# Finished attempts never change, so their scores and charts are built once per process. Pages
# check access against the database on every rerun *before* asking for a view.
@st.cache_resource(ttl=600, max_entries=256, show_spinner=False)
def _cached_view(attempt_id: str, database: str) -> ResultsView | None:
    return load_view(engine(), attempt_id)


def results_view(attempt_id: str) -> ResultsView | None:
    """Scores and charts of one finished attempt (call only after an access check)."""
    return _cached_view(attempt_id, database_key())


def forget_session() -> None:
    """Drop everything this browser session may see: codes, own attempts, cached results."""
    for key in ("respondent_id", "own_attempts", "new_codes"):
        st.session_state.pop(key, None)
    _cached_view.clear()


def own_attempts() -> set[str]:
    """Attempts finished in this browser session (their owner may see them)."""
    return st.session_state.setdefault("own_attempts", set())


def _format_value(questionnaire: Questionnaire, item: Item):
    span = questionnaire.response_for(item.id)
    if span.min < 0:
        return lambda v: f"{v:+d}" if v else "0"
    if item.response is not None and len(span.labels) == len(span.values):
        return lambda v: span.labels[v]
    return str


def item_label(questionnaire: Questionnaire, item: Item, number: int) -> str:
    """The visible, accessible label of one item, with its anchors when they are its own."""
    span = questionnaire.response_for(item.id)
    label = f"{number}. {item.text}"
    if item.response is not None and span.min < 0:
        label += f" (−{abs(span.min)} = {span.labels.get(span.min, '')}, "
        label += f"+{span.max} = {span.labels.get(span.max, '')})"
    return label


def anchors(questionnaire: Questionnaire) -> str:
    """One line explaining the default answer scale, e.g. ``1 = Strongly disagree · 5 = ...``."""
    labels = questionnaire.response.labels
    return " · ".join(f"{value} = {text}" for value, text in sorted(labels.items()))


def item_input(
    questionnaire: Questionnaire, item: Item, number: int, saved: int | None, *, key: str
) -> int | None:
    """A radio group with no preselected answer (unless one was saved before)."""
    span = questionnaire.response_for(item.id)
    fmt = _format_value(questionnaire, item)
    labelled_choices = fmt is not str and span.min >= 0
    return st.radio(
        item_label(questionnaire, item, number),
        options=span.values,
        index=span.values.index(saved) if saved in span.values else None,
        format_func=fmt,
        horizontal=not labelled_choices,
        # screen readers hear what the ends mean at every item, not once per form
        help=anchors(questionnaire)
        if item.response is None and questionnaire.response.labels
        else None,
        key=key,
    )


def _safe(build: Callable[[], bytes], what: str) -> Callable[[], bytes]:
    """Wrap a download so that a failure gives a readable note instead of a broken file."""

    def run() -> bytes:
        try:
            return build()
        except Exception as err:  # any failure must still answer the click
            log.exception("download %s failed", what)
            return (
                f"Pedestal could not build the {what} ({err}). Your results are safe; the "
                "other downloads still work, and you can try again later.\n"
            ).encode()

    return run


def downloads(engine: Engine, attempt: str) -> None:
    """The download area: report (PDF, HTML) and data (CSV, JSON, ZIP), built only on click."""
    st.header("Take your results with you")
    st.write(
        "The report has the same charts and words as this page. The data files hold your "
        "answers and scores, with a dictionary that explains every column."
    )
    problem = dl.pdf_charts_problem()
    if problem:
        st.warning(problem, icon=":material/warning:")
    paper = st.radio("Paper size for the PDF", ["A4", "Letter"], horizontal=True, key="paper")
    files = [
        ("pdf", "Report (PDF)", lambda: dl.report_pdf(engine, attempt, paper)),
        ("html", "Report (HTML, works offline)", lambda: dl.report_html(engine, attempt)),
        ("answers", "Answers (CSV)", lambda: dl.answers_csv(engine, attempt)),
        ("scores", "Scores (CSV)", lambda: dl.scores_csv(engine, attempt)),
        ("json", "Everything (JSON)", lambda: dl.attempt_json(engine, attempt)),
        ("dictionary", "Data dictionary (CSV)", lambda: dl.data_dictionary(engine, attempt)),
        ("zip", "All data files (ZIP)", lambda: dl.data_zip(engine, attempt)),
    ]
    left, right = st.columns(2)
    for index, (kind, label, build) in enumerate(files):
        (left if index % 2 == 0 else right).download_button(
            label,
            data=_safe(build, label.lower()),
            file_name=dl.download_filename(kind, attempt),
            mime=dl.MIME_TYPES[kind],
            on_click="ignore",
            icon=":material/download:",
            use_container_width=True,
            key=f"download-{kind}-{attempt}",
        )
