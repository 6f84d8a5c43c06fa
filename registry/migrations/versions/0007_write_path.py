"""Organisation aliases, drafts and uploaded documents: the registry's write path.

Existing organisations get their names and abbreviations (and the known aliases
of data/seed/organisations.yaml) as aliases, so forms and imports resolve them
from the first start after the upgrade.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from registry.organisations import alias_rows, seed_aliases

    aliases = op.create_table(
        "organisation_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("normalised", sa.String(length=300), nullable=False),
        sa.CheckConstraint("kind IN ('abbreviation', 'name', 'english', 'other')",
                           name=op.f("ck_organisation_aliases_kind")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_organisation_aliases_organisation_id_organisations"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_aliases")),
        sa.UniqueConstraint("normalised", name=op.f("uq_organisation_aliases_normalised")),
    )
    op.create_index("ix_organisation_aliases_organisation_id", "organisation_aliases",
                    ["organisation_id"])
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_slug", sa.String(length=100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("published_by", sa.String(length=100), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("created", sa.Text(), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("import_file_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('draft', 'published', 'withdrawn', 'undone')",
                           name=op.f("ck_drafts_status")),
        sa.ForeignKeyConstraint(["import_file_id"], ["import_files.id"],
                                name=op.f("fk_drafts_import_file_id_import_files"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    op.create_index("ix_drafts_programme_slug", "drafts", ["programme_slug"])
    op.create_index("ix_drafts_import_file_id", "drafts", ["import_file_id"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("ck_documents_size_non_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("content_sha256", name=op.f("uq_documents_content_sha256")),
    )
    organisations = op.get_bind().execute(sa.text(
        "SELECT id, slug, name_th, name_en, abbreviation FROM organisations ORDER BY id")).all()
    rows = alias_rows(organisations, seed_aliases())
    if rows:
        op.bulk_insert(aliases, rows)


def downgrade() -> None:
    op.drop_table("documents")
    op.drop_table("drafts")
    op.drop_table("organisation_aliases")
