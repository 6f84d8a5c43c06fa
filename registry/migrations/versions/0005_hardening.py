"""Undo by reference counting, bounded figures and sign-in throttling.

- coverage_imports / claim_imports: which active imports give a row (and on which
  row of their file); filled from the sources of imports not undone;
- claims.value at most FIGURE_MAX (keeps infinity out; NaN too on PostgreSQL,
  where NaN sorts above every number; SQLite stores NaN as NULL, refused already);
- sign_in_throttle: failed sign-ins per account name.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

FIGURE_MAX = 1_000_000_000


def _link_table(name: str, row_column: str, row_table: str) -> None:
    op.create_table(
        name,
        sa.Column(row_column, sa.Integer(), nullable=False),
        sa.Column("import_file_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint([row_column], [f"{row_table}.id"],
                                name=op.f(f"fk_{name}_{row_column}_{row_table}"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["import_file_id"], ["import_files.id"],
                                name=op.f(f"fk_{name}_import_file_id_import_files"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint(row_column, "import_file_id", name=op.f(f"pk_{name}")),
    )
    op.create_index(op.f(f"ix_{name}_import_file_id"), name, ["import_file_id"])
    # Rows cite their import's source with the quote "row N".
    row_number = ("CAST(substr(s.quote, 5) AS INTEGER)" if op.get_bind().dialect.name == "sqlite"
                  else "CAST(substring(s.quote from '^row ([0-9]+)$') AS INTEGER)")
    op.execute(
        f"INSERT INTO {name} ({row_column}, import_file_id, row_number) "
        f"SELECT t.id, s.import_file_id, CASE WHEN s.quote LIKE 'row %' THEN {row_number} END "
        f"FROM {row_table} t JOIN sources s ON s.id = t.source_id "
        "JOIN import_files f ON f.id = s.import_file_id WHERE f.undone_at IS NULL"
    )


def upgrade() -> None:
    # First: on SQLite the batch rebuilds claims, which would cascade to links made before.
    with op.batch_alter_table("claims") as batch:
        batch.create_check_constraint(op.f("ck_claims_value_range"), f"value <= {FIGURE_MAX}")
    _link_table("coverage_imports", "coverage_id", "coverage")
    _link_table("claim_imports", "claim_id", "claims")
    op.create_table(
        "sign_in_throttle",
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("window_started_at", sa.DateTime(), nullable=False),
        sa.Column("pause_logged", sa.Boolean(), server_default=sa.text("false"),
                  nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_sign_in_throttle")),
    )


def downgrade() -> None:
    op.drop_table("sign_in_throttle")
    op.drop_table("claim_imports")
    op.drop_table("coverage_imports")
    with op.batch_alter_table("claims") as batch:
        batch.drop_constraint(op.f("ck_claims_value_range"), type_="check")
