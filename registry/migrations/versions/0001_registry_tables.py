"""The registry tables: areas, sources, import files, organisations, programmes,
partner roles, coverage, place mentions, claims and networks.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "areas",
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=False),
        sa.Column("name_th", sa.String(length=200), nullable=True),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("parent_code", sa.String(length=6), nullable=True),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("in_dopa", sa.Boolean(), nullable=False),
        sa.Column("has_polygon", sa.Boolean(), nullable=True),
        sa.CheckConstraint(
            "(level = 'province' AND length(code) = 2) OR (level = 'district' AND length(code) = "
            "4) OR (level = 'subdistrict' AND length(code) = 6)",
            name=op.f("ck_areas_code_length"),
        ),
        sa.CheckConstraint(
            "level IN ('province', 'district', 'subdistrict')", name=op.f("ck_areas_level")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_areas")),
    )
    op.create_index("ix_areas_province_code", "areas", ["province_code"])

    op.create_table(
        "import_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("size >= 0", name=op.f("ck_import_files_size_non_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_files")),
        sa.UniqueConstraint("content_sha256", name=op.f("uq_import_files_content_sha256")),
    )
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("title_th", sa.String(length=500), nullable=False),
        sa.Column("title_en", sa.String(length=500), nullable=True),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("description_th", sa.Text(), nullable=True),
        sa.Column("description_en", sa.Text(), nullable=True),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "status IS NULL OR status IN ('planned', 'signed', 'active', 'completed', 'ended')",
            name=op.f("ck_programmes_status"),
        ),
        sa.CheckConstraint(
            "theme IN ('moral_province', 'community_strengthening', 'resilience', "
            "'community_happiness', 'other')",
            name=op.f("ck_programmes_theme"),
        ),
        sa.CheckConstraint(
            "end_on IS NULL OR start_on IS NULL OR start_on <= end_on",
            name=op.f("ck_programmes_period_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("slug", name=op.f("uq_programmes_slug")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("name_th", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=True),
        sa.Column("abbreviation", sa.String(length=100), nullable=True),
        sa.Column("org_type", sa.String(length=40), nullable=False),
        sa.Column("province_code", sa.String(length=6), nullable=True),
        sa.CheckConstraint(
            "org_type IN ('public_organisation', 'government_department', 'state_agency', "
            "'foundation', 'association', 'university', 'academic_centre', 'local_administration',"
            " 'community_network', 'provincial_office', 'other')",
            name=op.f("ck_organisations_org_type"),
        ),
        sa.CheckConstraint(
            "province_code IS NULL OR length(province_code) = 2",
            name=op.f("ck_organisations_province"),
        ),
        sa.ForeignKeyConstraint(
            ["province_code"], ["areas.code"], name=op.f("fk_organisations_province_code_areas")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisations_slug")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("import_file_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind <> 'import' OR import_file_id IS NOT NULL",
            name=op.f("ck_sources_import_has_file"),
        ),
        sa.CheckConstraint("kind IN ('seed', 'import', 'edit')", name=op.f("ck_sources_kind")),
        sa.ForeignKeyConstraint(
            ["import_file_id"],
            ["import_files.id"],
            name=op.f("fk_sources_import_file_id_import_files"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint(
            "kind",
            "file_name",
            "content_sha256",
            "quote",
            name=op.f("uq_sources_kind_file_name_content_sha256_quote"),
        ),
    )
    op.create_index("ix_sources_import_file_id", "sources", ["import_file_id"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=True),
        sa.Column("within_code", sa.String(length=6), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("qualifier", sa.String(length=20), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.Column("natural_key", sa.String(length=200), nullable=False),
        sa.CheckConstraint("kind IN ('target', 'actual')", name=op.f("ck_claims_kind")),
        sa.CheckConstraint(
            "level IS NULL OR level IN ('province', 'district', 'subdistrict', 'village')",
            name=op.f("ck_claims_level"),
        ),
        sa.CheckConstraint(
            "measure IN ('villages', 'subdistricts', 'districts', 'provinces', 'networks', "
            "'local_administrations', 'organisations', 'health_innovations', 'economic_models', "
            "'environmental_models', 'public_policy_agreements', 'network_agreements', "
            "'participants', 'households', 'people')",
            name=op.f("ck_claims_measure"),
        ),
        sa.CheckConstraint(
            "qualifier IS NULL OR qualifier IN ('at_least', 'more_than', 'at_most', 'about', "
            "'per_year', 'at_least_per_area')",
            name=op.f("ck_claims_qualifier"),
        ),
        sa.CheckConstraint("value >= 0", name=op.f("ck_claims_value_non_negative")),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_claims_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_claims_source_id_sources")
        ),
        sa.ForeignKeyConstraint(
            ["within_code"], ["areas.code"], name=op.f("fk_claims_within_code_areas")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint(
            "programme_id", "natural_key", name=op.f("uq_claims_programme_id_natural_key")
        ),
    )
    op.create_index("ix_claims_source_id", "claims", ["source_id"])
    op.create_index("ix_claims_within_code", "claims", ["within_code"])

    op.create_table(
        "coverage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=False),
        sa.Column("area_code", sa.String(length=6), nullable=False),
        sa.Column("village_no", sa.Integer(), server_default="0", nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "(level = 'province' AND length(area_code) = 2 AND village_no = 0) OR (level = "
            "'district' AND length(area_code) = 4 AND village_no = 0) OR (level = 'subdistrict' "
            "AND length(area_code) = 6 AND village_no = 0) OR (level = 'village' AND "
            "length(area_code) = 6 AND village_no BETWEEN 1 AND 99)",
            name=op.f("ck_coverage_code_fits_level"),
        ),
        sa.CheckConstraint(
            "level IN ('province', 'district', 'subdistrict', 'village')",
            name=op.f("ck_coverage_level"),
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'active', 'completed')", name=op.f("ck_coverage_status")
        ),
        sa.CheckConstraint(
            "year IS NULL OR year BETWEEN 1900 AND 2200", name=op.f("ck_coverage_year_ce")
        ),
        sa.ForeignKeyConstraint(
            ["area_code"], ["areas.code"], name=op.f("fk_coverage_area_code_areas")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_coverage_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_coverage_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coverage")),
    )
    op.create_index("ix_coverage_area_code", "coverage", ["area_code"])
    op.create_index("ix_coverage_source_id", "coverage", ["source_id"])
    # The natural key has one nullable column (year); NULLs are distinct in a UNIQUE,
    # so one partial index covers rows with a year and one rows without.
    key = ["programme_id", "level", "area_code", "village_no"]
    op.create_index(
        "uq_coverage_natural_key_year",
        "coverage",
        [*key, "year"],
        unique=True,
        sqlite_where=sa.text("year IS NOT NULL"),
        postgresql_where=sa.text("year IS NOT NULL"),
    )
    op.create_index(
        "uq_coverage_natural_key_no_year",
        "coverage",
        key,
        unique=True,
        sqlite_where=sa.text("year IS NULL"),
        postgresql_where=sa.text("year IS NULL"),
    )

    op.create_table(
        "networks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("name_th", sa.String(length=300), nullable=True),
        sa.Column("name_en", sa.String(length=300), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("area_code", sa.String(length=6), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("natural_key", sa.String(length=400), nullable=False),
        sa.CheckConstraint(
            "name_th IS NOT NULL OR name_en IS NOT NULL OR number IS NOT NULL",
            name=op.f("ck_networks_identified"),
        ),
        sa.CheckConstraint(
            "number IS NULL OR number >= 0", name=op.f("ck_networks_number_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["area_code"], ["areas.code"], name=op.f("fk_networks_area_code_areas")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_networks_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_networks_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_networks")),
        sa.UniqueConstraint(
            "programme_id", "natural_key", name=op.f("uq_networks_programme_id_natural_key")
        ),
    )
    op.create_index("ix_networks_area_code", "networks", ["area_code"])
    op.create_index("ix_networks_source_id", "networks", ["source_id"])

    op.create_table(
        "partner_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role IN ('lead', 'signatory', 'academic_support', 'implementing', 'host', 'funder', "
            "'tool_developer', 'supporting')",
            name=op.f("ck_partner_roles_role"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_partner_roles_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_partner_roles_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_partner_roles_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_roles")),
        sa.UniqueConstraint(
            "programme_id",
            "organisation_id",
            name=op.f("uq_partner_roles_programme_id_organisation_id"),
        ),
    )
    op.create_index("ix_partner_roles_organisation_id", "partner_roles", ["organisation_id"])
    op.create_index("ix_partner_roles_source_id", "partner_roles", ["source_id"])

    op.create_table(
        "place_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("name_as_written", sa.String(length=300), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=False),
        sa.Column("resolution", sa.String(length=12), nullable=False),
        sa.Column("candidate_codes", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "level IN ('province', 'district', 'subdistrict', 'village')",
            name=op.f("ck_place_mentions_level"),
        ),
        sa.CheckConstraint(
            "resolution IN ('ambiguous', 'unknown')", name=op.f("ck_place_mentions_resolution")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_place_mentions_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_place_mentions_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_mentions")),
        sa.UniqueConstraint(
            "programme_id",
            "name_as_written",
            "level",
            name=op.f("uq_place_mentions_programme_id_name_as_written_level"),
        ),
    )
    op.create_index("ix_place_mentions_source_id", "place_mentions", ["source_id"])

    op.create_table(
        "programme_sources",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_programme_sources_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_programme_sources_source_id_sources")
        ),
        sa.PrimaryKeyConstraint(
            "programme_id", "source_id", "field", name=op.f("pk_programme_sources")
        ),
    )


def downgrade() -> None:
    for table in (
        "programme_sources",
        "place_mentions",
        "partner_roles",
        "networks",
        "coverage",
        "claims",
        "sources",
        "organisations",
        "programmes",
        "import_files",
        "areas",
    ):
        op.drop_table(table)
