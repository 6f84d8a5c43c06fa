"""Claims may count within a village: within_village_no (0 = none) next to within_code.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite rebuilds the table to add the CHECK constraints.
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("within_village_no", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.create_check_constraint(
            op.f("ck_claims_within_village"),
            "within_village_no = 0 OR (within_village_no BETWEEN 1 AND 99"
            " AND length(within_code) = 6)",
        )


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_constraint(op.f("ck_claims_within_village"), type_="check")
        batch.drop_column("within_village_no")
