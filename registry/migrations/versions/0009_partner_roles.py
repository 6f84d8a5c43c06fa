"""A partner may hold several roles in one programme (signatory and academic support …).

partner_roles' natural key becomes (programme, organisation, role): every existing row
is one role of one organisation and stays as it is. Going back is refused while an
organisation holds more than one role in a programme, since the older key keeps one
role only and dropping the others would lose what a source says.

Revision ID: 0009
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ONE_ROLE = "uq_partner_roles_programme_id_organisation_id"
ROLES = "uq_partner_roles_programme_id_organisation_id_role"


def upgrade() -> None:
    with op.batch_alter_table("partner_roles") as batch:
        batch.drop_constraint(ONE_ROLE, type_="unique")
        batch.create_unique_constraint(ROLES, ["programme_id", "organisation_id", "role"])


def downgrade() -> None:
    several = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM (SELECT programme_id, organisation_id FROM partner_roles"
        " GROUP BY programme_id, organisation_id HAVING count(*) > 1) AS several")).scalar()
    if several:
        raise RuntimeError(f"{several} partners hold several roles in one programme; the "
                           "older schema keeps one role per partner. Remove the extra roles "
                           "in the form (or export the registry first) before going back")
    with op.batch_alter_table("partner_roles") as batch:
        batch.drop_constraint(ROLES, type_="unique")
        batch.create_unique_constraint(ONE_ROLE, ["programme_id", "organisation_id"])
