"""Dates at their source's precision, sources by title/publisher/date/URL, and events.

- programmes.signed_on/start_on/end_on and claims.as_of become EDTF text; every
  stored day is carried over as its ISO form ("2019-06-12"), which is EDTF, so
  nothing is lost; programmes gain period_limit (ISO 8601 duration, e.g. P3Y);
- claims gain kind 'context' (a figure about the situation, never progress) and
  title_th/title_en (what is counted, in the document's words);
- sources gain title, publisher, published (EDTF), url and document_note;
- events: dated happenings (forum, meeting, training, ceremony) of a programme.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

EDTF = sa.String(length=40)
PERIOD_ORDER_DAYS = "end_on IS NULL OR start_on IS NULL OR start_on <= end_on"
# start_on <= end_on at the coarser of their precisions; each is one day, month or year.
PERIOD_ORDER_UNITS = ("end_on IS NULL OR start_on IS NULL OR substr(start_on, 1, CASE WHEN"
                      " length(start_on) < length(end_on) THEN length(start_on) ELSE"
                      " length(end_on) END) <= substr(end_on, 1, CASE WHEN length(start_on)"
                      " < length(end_on) THEN length(start_on) ELSE length(end_on) END)")


def _to_text(batch, column: str) -> None:
    batch.alter_column(column, type_=EDTF, existing_nullable=True,
                       postgresql_using=f"to_char({column}, 'YYYY-MM-DD')")


def _first_days(table: str, column: str) -> None:
    """Only days fit a DATE column: a month or year becomes its first day, a range its start."""
    op.execute(f"UPDATE {table} SET {column} = CASE length({column})"
               f" WHEN 4 THEN {column} || '-01-01' WHEN 7 THEN {column} || '-01'"
               f" ELSE substr({column}, 1, 10) END WHERE {column} IS NOT NULL")


def _to_date(batch, column: str) -> None:
    # SQLite keeps the day text as it is: its rebuild would CAST to DATE, whose numeric
    # affinity turns '2019-06-01' into 2019; SQLAlchemy reads the text back as a date.
    if op.get_context().dialect.name == "sqlite":
        return
    batch.alter_column(column, type_=sa.Date(), existing_nullable=True,
                       postgresql_using=f"to_date({column}, 'YYYY-MM-DD')")


def upgrade() -> None:
    with op.batch_alter_table("programmes") as batch:
        batch.drop_constraint(op.f("ck_programmes_period_order"), type_="check")
        for column in ("signed_on", "start_on", "end_on"):
            _to_text(batch, column)
        batch.add_column(sa.Column("period_limit", sa.String(length=12), nullable=True))
        batch.create_check_constraint(op.f("ck_programmes_period_order"), PERIOD_ORDER_UNITS)
        batch.create_check_constraint(op.f("ck_programmes_start_unit"),
                                      "start_on IS NULL OR length(start_on) IN (4, 7, 10)")
        batch.create_check_constraint(op.f("ck_programmes_end_unit"),
                                      "end_on IS NULL OR length(end_on) IN (4, 7, 10)")
    with op.batch_alter_table("claims") as batch:
        _to_text(batch, "as_of")
        batch.drop_constraint(op.f("ck_claims_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_claims_kind"),
                                      "kind IN ('target', 'actual', 'context')")
        batch.add_column(sa.Column("title_th", sa.Text(), nullable=True))
        batch.add_column(sa.Column("title_en", sa.Text(), nullable=True))
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("title", sa.Text(), nullable=True))
        batch.add_column(sa.Column("publisher", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("published", EDTF, nullable=True))
        batch.add_column(sa.Column("url", sa.Text(), nullable=True))
        batch.add_column(sa.Column("document_note", sa.Text(), nullable=True))
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("held", EDTF, nullable=False),
        sa.Column("name_th", sa.Text(), nullable=True),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('forum', 'meeting', 'training', 'ceremony')",
                           name=op.f("ck_events_kind")),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_events_programme_id_programmes")),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"],
                                name=op.f("fk_events_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("programme_id", "kind", "held",
                            name=op.f("uq_events_programme_id_kind_held")),
    )
    op.create_index("ix_events_source_id", "events", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_events_source_id", table_name="events")
    op.drop_table("events")
    with op.batch_alter_table("sources") as batch:
        for column in ("document_note", "url", "published", "publisher", "title"):
            batch.drop_column(column)
    _first_days("claims", "as_of")
    # Before 0004 a figure was a target or an actual: a context figure was reported as one.
    op.execute("UPDATE claims SET kind = 'actual' WHERE kind = 'context'")
    with op.batch_alter_table("claims") as batch:
        _to_date(batch, "as_of")
        batch.drop_column("title_en")
        batch.drop_column("title_th")
        batch.drop_constraint(op.f("ck_claims_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_claims_kind"), "kind IN ('target', 'actual')")
    for column in ("signed_on", "start_on", "end_on"):
        _first_days("programmes", column)
    with op.batch_alter_table("programmes") as batch:
        batch.drop_constraint(op.f("ck_programmes_period_order"), type_="check")
        batch.drop_constraint(op.f("ck_programmes_start_unit"), type_="check")
        batch.drop_constraint(op.f("ck_programmes_end_unit"), type_="check")
        batch.drop_column("period_limit")
        for column in ("signed_on", "start_on", "end_on"):
            _to_date(batch, column)
        batch.create_check_constraint(op.f("ck_programmes_period_order"), PERIOD_ORDER_DAYS)
