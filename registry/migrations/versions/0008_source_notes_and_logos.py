"""A source's document note in English, and organisations' logos.

- sources gain document_note_en: the dashboard's own note on a document's details in
  English (document_note stays the Thai one); NULL until written, shown in Thai then;
- organisation_logos: at most one logo per organisation, the image an admin uploaded
  (PNG or JPEG, checked and size-limited before it is stored), with who and when.

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("document_note_en", sa.Text(), nullable=True))
    op.create_table(
        "organisation_logos",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=20), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("media_type IN ('image/png', 'image/jpeg')",
                           name=op.f("ck_organisation_logos_media_type")),
        sa.CheckConstraint("width > 0 AND height > 0", name=op.f("ck_organisation_logos_size")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_organisation_logos_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("organisation_id", name=op.f("pk_organisation_logos")),
    )


def downgrade() -> None:
    op.drop_table("organisation_logos")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("document_note_en")
