"""The registry's version counter (bumped in the same transaction as every write, so a
cached copy is reloaded only when something changed) and indexes on the programme of
partner roles, coverage and place mentions (a programme's rows without a table scan).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

PROGRAMME_INDEXES = ("partner_roles", "coverage", "place_mentions")


def upgrade() -> None:
    op.create_table(
        "registry_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_registry_version_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_version")),
    )
    op.execute("INSERT INTO registry_version (id, version) VALUES (1, 1)")
    for table in PROGRAMME_INDEXES:
        op.create_index(f"ix_{table}_programme_id", table, ["programme_id"])


def downgrade() -> None:
    for table in PROGRAMME_INDEXES:
        op.drop_index(f"ix_{table}_programme_id", table_name=table)
    op.drop_table("registry_version")
