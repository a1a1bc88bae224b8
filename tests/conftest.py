"""Shared fixtures: real databases (SQLite file and a real PostgreSQL server), no mocks."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.db import make_engine, migrate  # noqa: E402


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL 16 server started by pgserver for this test session."""
    import pgserver

    os.environ.setdefault("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("xdg")))
    server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
    try:
        yield server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        server.cleanup()


def _fresh_postgres(postgres_url: str) -> str:
    """A new empty database on the shared server, so tests never see each other's rows."""
    from sqlalchemy import create_engine, text

    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    base, _, query = postgres_url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}?{query}"


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite file in a temporary folder."""
    engine = make_engine(f"sqlite:///{tmp_path / 'pedestal.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """The same tests on both databases Pedestal supports, each freshly migrated."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'pedestal.db'}"
    else:
        url = _fresh_postgres(request.getfixturevalue("postgres_url"))
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()
