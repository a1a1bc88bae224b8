"""Runner reports and data exports.

:mod:`reports.content` builds the report's sections once; :mod:`reports.html` and
:mod:`reports.pdf` lay them out; :mod:`reports.exports` writes the data files (CSV, JSON, ZIP).
Pages reach all of it through :mod:`services.downloads`. Heavy libraries (fpdf2, kaleido) are
imported only when a file is built.
"""
