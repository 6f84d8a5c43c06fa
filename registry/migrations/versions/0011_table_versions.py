"""Per-table write versions beside the registry's counter: each write records, in its own
transaction, the counter's new value against every table it wrote (`written`) and, for
updates and deletes, also `changed`. A reader then reloads only the tables whose rows it
reads moved (or whose looked-up rows changed): an audit entry reloads nothing, a new claim
reloads the claims, not the coverage.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "registry_table_versions",
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("written", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_registry_table_versions")),
    )


def downgrade() -> None:
    op.drop_table("registry_table_versions")
