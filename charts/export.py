"""Static SVG for the PDF report, rendered by kaleido 1.x in headless Chromium.

Kaleido needs a Chrome or Chromium. We default ``BROWSER_PATH`` to ``/usr/bin/chromium``
(Debian's package) when it exists, start kaleido's sync server once per process (about 3 s),
then each image takes about 0.3 s. MathJax is switched off so rendering needs no network.

Kaleido's sync server is one queue shared by every thread; calls are serialised here so two
reports rendered at once never swap images.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from typing import Any, Final

import plotly.graph_objects as go

from questionnaires.errors import ChartRenderError

DEFAULT_BROWSER: Final = "/usr/bin/chromium"
DEFAULT_WIDTH: Final = 640
DEFAULT_HEIGHT: Final = 400
RENDER_TIMEOUT_S: Final = 30.0
"""Kaleido's own limit for one image."""
WATCHDOG_S: Final = 120.0
"""Our limit for one call, in case the kaleido server thread stops answering."""

_INSTALL_HINT: Final = (
    "PDF charts need Chromium: install it with apt-get install chromium "
    "(or set BROWSER_PATH to a Chrome/Chromium executable)."
)

_lock = threading.Lock()
_server_started = False
_server_broken = False


def find_browser() -> str | None:
    """Path of the Chrome/Chromium kaleido will use, or None when there is none.

    ``BROWSER_PATH`` wins when set; otherwise it is set to ``/usr/bin/chromium`` if that is
    executable; otherwise the usual names are looked up on ``PATH`` and in kaleido's own
    download folder.

    Returns
    -------
    str or None
        An executable path.
    """
    if os.access(DEFAULT_BROWSER, os.X_OK):
        os.environ.setdefault("BROWSER_PATH", DEFAULT_BROWSER)
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        found = shutil.which(explicit)
        return found if found else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    try:
        from choreographer.browsers.chromium import Chromium

        return Chromium.find_browser(skip_local=False)
    except Exception:  # pragma: no cover - choreographer internals changed
        return None


def _kaleido() -> Any:
    try:
        import kaleido
    except ImportError as err:  # pragma: no cover - kaleido is a requirement
        raise ChartRenderError(
            "PDF charts need the kaleido package: pip install 'kaleido>=1'. " + _INSTALL_HINT
        ) from err
    return kaleido


def _server_thread_alive(kaleido: Any) -> bool:
    server = getattr(kaleido, "_global_server", None)
    thread = getattr(server, "_thread", None)
    return thread is None or thread.is_alive()


def _ensure_server(kaleido: Any) -> None:
    global _server_started
    if _server_started:
        return
    browser = find_browser()
    if browser is None:
        where = os.environ.get("BROWSER_PATH")
        found = f"at BROWSER_PATH={where!r}" if where else "on this machine"
        raise ChartRenderError(f"No Chrome/Chromium found {found}. {_INSTALL_HINT}")
    os.environ["BROWSER_PATH"] = browser
    try:
        kaleido.start_sync_server(silence_warnings=True, mathjax=False, timeout=RENDER_TIMEOUT_S)
    except Exception as err:
        raise ChartRenderError(
            f"Could not start Chromium at {browser}: {err}. {_INSTALL_HINT}"
        ) from err
    _server_started = True


def _stop_server(kaleido: Any) -> None:
    global _server_started
    _server_started = False
    if _server_thread_alive(kaleido):
        return  # a live but stuck server cannot be joined; leave it to process exit
    with contextlib.suppress(Exception):  # best effort clean-up before the next attempt
        kaleido.stop_sync_server(silence_warnings=True)


def figure_to_svg(fig: go.Figure, *, width: int = DEFAULT_WIDTH, height: int | None = None) -> str:
    """Render a figure to an SVG document string.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        A figure from this package (its font is DejaVu Sans, as in the PDF).
    width : int
        Width in pixels (CSS px; the SVG scales in the PDF).
    height : int, optional
        Height in pixels; defaults to the figure's own height, else 400.

    Returns
    -------
    str
        The SVG markup, starting with ``<svg``.

    Raises
    ------
    ChartRenderError
        No Chrome/Chromium was found, it failed to start, or the image timed out. The
        message says how to install Chromium.
    """
    global _server_broken
    kaleido = _kaleido()
    height = int(height or fig.layout.height or DEFAULT_HEIGHT)
    with _lock:
        if _server_broken:
            raise ChartRenderError(
                "The chart renderer stopped answering earlier; restart the app. " + _INSTALL_HINT
            )
        _ensure_server(kaleido)
        result: dict[str, Any] = {}

        def work() -> None:
            try:
                # kaleido directly: plotly's to_image passes options the server ignores, noisily
                result["image"] = kaleido.calc_fig_sync(
                    fig.to_dict(),
                    opts={"format": "svg", "width": width, "height": height, "scale": 1},
                )
            except BaseException as err:  # handed to the caller below
                result["error"] = err

        worker = threading.Thread(target=work, name="pedestal-svg", daemon=True)
        worker.start()
        deadline = time.monotonic() + WATCHDOG_S
        while worker.is_alive():
            worker.join(0.05)
            if not worker.is_alive():
                break
            if not _server_thread_alive(kaleido):
                _stop_server(kaleido)
                raise ChartRenderError(
                    "Chromium stopped while drawing a chart (is it installed and able to run "
                    f"headless?). {_INSTALL_HINT}"
                )
            if time.monotonic() > deadline:
                _server_broken = True
                raise ChartRenderError(
                    f"Drawing a chart took longer than {WATCHDOG_S:.0f} s. {_INSTALL_HINT}"
                )

    if "error" in result:
        err = result["error"]
        raise ChartRenderError(
            f"Could not draw the chart as SVG ({type(err).__name__}: {err}). {_INSTALL_HINT}"
        ) from err
    image = result.get("image")
    svg = image.decode("utf-8") if isinstance(image, bytes) else str(image)
    start = svg.find("<svg")
    if start < 0:
        raise ChartRenderError("The chart renderer returned no SVG. " + _INSTALL_HINT)
    return svg[start:]


def stop_renderer() -> None:
    """Stop the Chromium started for SVG export (optional; it also stops at exit)."""
    global _server_started
    kaleido = _kaleido()
    with _lock:
        if _server_started:
            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False
