"""Errors raised by the chart builders and the SVG export.

Each message says what was wrong and how to fix it, so a page or a report can show it as is.
"""

from __future__ import annotations


class ChartDataError(ValueError):
    """A chart was given a table without the columns it documents."""


class ChartRenderError(RuntimeError):
    """A figure could not be turned into an image (no Chromium, Chromium failed, timeout)."""
