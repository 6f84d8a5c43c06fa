"""Dates at their source's precision, sources by title/publisher/date/URL, and events.

- programmes.signed_on/start_on/end_on and claims.as_of become EDTF text; every
  stored day is carried over as its ISO form ("2019-06-12"), which is EDTF, so
  nothing is lost; programmes gain period_limit (ISO 8601 duration, e.g. P3Y);
- indicators (the results model: what a programme counts, with a title and an optional
  baseline); every claim now belongs to one (indicator_id, made from the claims'
  distinct programme/measure/level/area when upgrading), has a period, and may be of
  kind 'context' (a figure about the situation, never progress);
- sources gain title, publisher, published (EDTF), url and document_note;
- events: dated happenings (forum, meeting, training, ceremony) of a programme.

Revision ID: 0004
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0007"
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


def _indicator_key(table: str) -> str:
    """An indicator's natural key (registry.models.Indicator.key_of) from a claims row."""
    return (f"{table}.measure || '|' || coalesce({table}.level, '') || '|' ||"
            f" coalesce({table}.within_code, '') || '|' ||"
            f" CAST({table}.within_village_no AS VARCHAR(3))")
MEASURES = ("'provinces', 'districts', 'subdistricts', 'villages', 'networks', "
            "'local_administrations', 'organisations', 'health_innovations', "
            "'economic_models', 'environmental_models', 'public_policy_agreements', "
            "'network_agreements', 'participants', 'households', 'people'")
QUALIFIERS = "'at_least', 'more_than', 'at_most', 'about', 'per_year', 'at_least_per_area'"


def _create_indicators() -> None:
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=True),
        sa.Column("within_code", sa.String(length=6), nullable=True),
        sa.Column("within_village_no", sa.Integer(), server_default="0", nullable=False),
        sa.Column("title_th", sa.Text(), nullable=True),
        sa.Column("title_en", sa.Text(), nullable=True),
        sa.Column("baseline_value", sa.Float(), nullable=True),
        sa.Column("baseline_qualifier", sa.String(length=20), nullable=True),
        sa.Column("baseline_as_of", EDTF, nullable=True),
        sa.Column("baseline_source_id", sa.Integer(), nullable=True),
        sa.Column("natural_key", sa.String(length=200), nullable=False),
        sa.CheckConstraint(f"measure IN ({MEASURES})", name=op.f("ck_indicators_measure")),
        sa.CheckConstraint("level IS NULL OR level IN ('province', 'district', 'subdistrict',"
                           " 'village')", name=op.f("ck_indicators_level")),
        sa.CheckConstraint(f"baseline_qualifier IS NULL OR baseline_qualifier IN ({QUALIFIERS})",
                           name=op.f("ck_indicators_baseline_qualifier")),
        sa.CheckConstraint("baseline_value IS NULL OR baseline_value >= 0",
                           name=op.f("ck_indicators_baseline_non_negative")),
        sa.CheckConstraint("baseline_value IS NULL OR baseline_source_id IS NOT NULL",
                           name=op.f("ck_indicators_baseline_cited")),
        sa.CheckConstraint("within_village_no = 0 OR (within_village_no BETWEEN 1 AND 99"
                           " AND length(within_code) = 6)",
                           name=op.f("ck_indicators_within_village")),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_indicators_programme_id_programmes")),
        sa.ForeignKeyConstraint(["within_code"], ["areas.code"],
                                name=op.f("fk_indicators_within_code_areas")),
        sa.ForeignKeyConstraint(["baseline_source_id"], ["sources.id"],
                                name=op.f("fk_indicators_baseline_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("programme_id", "natural_key",
                            name=op.f("uq_indicators_programme_id_natural_key")),
        sa.UniqueConstraint("id", "programme_id", "measure",
                            name=op.f("uq_indicators_id_programme_id_measure")),
    )
    op.create_index("ix_indicators_within_code", "indicators", ["within_code"])
    op.create_index("ix_indicators_baseline_source_id", "indicators", ["baseline_source_id"])


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
    _create_indicators()
    op.execute(
        "INSERT INTO indicators (programme_id, measure, level, within_code, within_village_no,"
        f" natural_key) SELECT DISTINCT programme_id, measure, level, within_code,"
        f" within_village_no, {_indicator_key('claims')} FROM claims")
    with op.batch_alter_table("claims") as batch:
        _to_text(batch, "as_of")
        batch.drop_constraint(op.f("ck_claims_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_claims_kind"),
                                      "kind IN ('target', 'actual', 'context')")
        batch.add_column(sa.Column("indicator_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("period", EDTF, nullable=True))
    op.execute(
        "UPDATE claims SET indicator_id = (SELECT i.id FROM indicators i WHERE"
        f" i.programme_id = claims.programme_id AND i.natural_key = {_indicator_key('claims')})")
    with op.batch_alter_table("claims") as batch:
        batch.alter_column("indicator_id", existing_type=sa.Integer(), nullable=False)
        batch.create_index("ix_claims_indicator_id", ["indicator_id"])
        batch.create_foreign_key(
            "fk_claims_indicator", "indicators", ["indicator_id", "programme_id", "measure"],
            ["id", "programme_id", "measure"], ondelete="CASCADE")
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
        batch.drop_constraint("fk_claims_indicator", type_="foreignkey")
        batch.drop_index("ix_claims_indicator_id")
        batch.drop_column("indicator_id")
        batch.drop_column("period")
        batch.drop_constraint(op.f("ck_claims_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_claims_kind"), "kind IN ('target', 'actual')")
    op.drop_index("ix_indicators_baseline_source_id", table_name="indicators")
    op.drop_index("ix_indicators_within_code", table_name="indicators")
    op.drop_table("indicators")
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
