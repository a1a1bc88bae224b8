"""SQLAlchemy 2 models: the single source of truth for what Pedestal stores.

Answers are stored long (one row per answered item) with the questionnaire version they were
given under; scores are always recomputed from them, never stored as the only copy.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: Longest role-model label, quality and practice note we accept (the pages say so).
LABEL_MAX = 60
QUALITY_MAX = 60
NOTE_MAX = 500

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timezone-aware now, the one clock every row uses."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base with a shared naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class Respondent(Base):
    """A runner known only by the hash of their result code."""

    __tablename__ = "respondent"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    submissions: Mapped[list[Submission]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True
    )


class Submission(Base):
    """One attempt at the check; ``id`` is chosen by the client and is the idempotency key."""

    __tablename__ = "submission"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    respondent_id: Mapped[str | None] = mapped_column(
        ForeignKey("respondent.id", ondelete="CASCADE"), index=True
    )
    versions: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    steps_done: Mapped[list[str]] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    respondent: Mapped[Respondent | None] = relationship(back_populates="submissions")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", passive_deletes=True
    )
    role_models: Mapped[list[RoleModel]] = relationship(
        back_populates="submission",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="RoleModel.position",
    )


class Answer(Base):
    """One answered item of one questionnaire in one submission (long format)."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("submission_id", "questionnaire", "item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    questionnaire: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    item: Mapped[str] = mapped_column(String(64))
    value: Mapped[int] = mapped_column(Integer)

    submission: Mapped[Submission] = relationship(back_populates="answers")


class RoleModel(Base):
    """A person the runner admires, named by a short label (never a full name is needed)."""

    __tablename__ = "role_model"
    __table_args__ = (
        UniqueConstraint("submission_id", "position"),
        CheckConstraint("position BETWEEN 1 AND 3", name="position_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(LABEL_MAX))
    kind: Mapped[str] = mapped_column(String(32))
    known: Mapped[str] = mapped_column(String(32))
    quality: Mapped[str | None] = mapped_column(String(QUALITY_MAX))
    practice: Mapped[str | None] = mapped_column(Text)

    submission: Mapped[Submission] = relationship(back_populates="role_models")
    answers: Mapped[list[RoleModelAnswer]] = relationship(
        back_populates="role_model", cascade="all, delete-orphan", passive_deletes=True
    )


class RoleModelAnswer(Base):
    """One answered item of the role-model block for one role model."""

    __tablename__ = "role_model_answer"
    __table_args__ = (UniqueConstraint("role_model_id", "item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    role_model_id: Mapped[int] = mapped_column(
        ForeignKey("role_model.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    item: Mapped[str] = mapped_column(String(64))
    value: Mapped[int] = mapped_column(Integer)

    role_model: Mapped[RoleModel] = relationship(back_populates="answers")
