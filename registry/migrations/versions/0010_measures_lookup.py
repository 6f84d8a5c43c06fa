"""Measures as a lookup table instead of a CHECK listing them.

- measures (code): every measure a figure may count, filled here with the measures the
  CHECK allowed and any the indicators use; registry.db.migrate then adds what
  registry.measures.MEASURE_TABLE declares on every start, so a new measure needs no
  migration;
- indicators.measure: a foreign key to measures instead of a CHECK;
- claims.measure: its CHECK goes; the claim's composite foreign key to its indicator
  (indicator_id, programme_id, measure) already holds it to a known measure.

Revision ID: 0010
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The measures the CHECK constraints listed (kept here, not imported: a migration does
# not change when the application does).
CHECKED = ("provinces", "districts", "subdistricts", "villages", "networks",
           "local_administrations", "organisations", "health_innovations", "economic_models",
           "environmental_models", "public_policy_agreements", "network_agreements",
           "participants", "households", "people")


def upgrade() -> None:
    op.create_table(
        "measures",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_measures")),
    )
    used = {code for (code,) in op.get_bind().execute(
        sa.text("SELECT DISTINCT measure FROM indicators"))}
    op.bulk_insert(sa.table("measures", sa.column("code", sa.String)),
                   [{"code": code} for code in sorted(used | set(CHECKED))])
    # First claims, then indicators: on SQLite each batch rebuilds its table.
    with op.batch_alter_table("claims") as batch:
        batch.drop_constraint(op.f("ck_claims_measure"), type_="check")
    with op.batch_alter_table("indicators") as batch:
        batch.drop_constraint(op.f("ck_indicators_measure"), type_="check")
        batch.create_foreign_key(op.f("fk_indicators_measure_measures"), "measures",
                                 ["measure"], ["code"])


def downgrade() -> None:
    allowed = "measure IN ({})".format(", ".join(f"'{code}'" for code in CHECKED))
    with op.batch_alter_table("indicators") as batch:
        batch.drop_constraint(op.f("fk_indicators_measure_measures"), type_="foreignkey")
        batch.create_check_constraint(op.f("ck_indicators_measure"), allowed)
    with op.batch_alter_table("claims") as batch:
        batch.create_check_constraint(op.f("ck_claims_measure"), allowed)
    op.drop_table("measures")
