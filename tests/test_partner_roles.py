"""Several roles per partner: migration 0009 from 0004 with the seed (both back ends)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from registry.db import downgrade, migrate, session_scope
from registry.models import PartnerRole
from tests import seed_facts as facts


def _roles(engine) -> list[tuple]:
    with engine.connect() as connection:
        return sorted(tuple(row) for row in connection.execute(text(
            "SELECT id, programme_id, organisation_id, role, description, source_id"
            " FROM partner_roles")))


def test_0009_keeps_every_partner_row_and_allows_a_second_role(seeded_engine):
    at_head = _roles(seeded_engine)
    downgrade(seeded_engine, "0004")
    at_0004 = _roles(seeded_engine)
    assert at_0004 == at_head and len(at_0004) == len(facts.rows("partners"))
    migrate(seeded_engine)
    assert _roles(seeded_engine) == at_0004

    first = at_0004[0]
    with session_scope(seeded_engine) as session:
        other_role = "host" if first[3] != "host" else "funder"
        session.add(PartnerRole(programme_id=first[1], organisation_id=first[2],
                                role=other_role, source_id=first[5]))
    with pytest.raises(Exception, match="several roles"):
        downgrade(seeded_engine, "0004")
    assert len(_roles(seeded_engine)) == len(at_0004) + 1  # the refusal lost nothing
    with session_scope(seeded_engine) as session, pytest.raises(IntegrityError):
        session.add(PartnerRole(programme_id=first[1], organisation_id=first[2],
                                role=other_role, source_id=first[5]))
        session.flush()


def test_going_back_to_0004_keeps_the_rows_and_one_role_per_partner(seeded_engine):
    before = _roles(seeded_engine)
    downgrade(seeded_engine, "0004")
    assert _roles(seeded_engine) == before
    with seeded_engine.connect() as connection, pytest.raises(IntegrityError):
        first = before[0]
        connection.execute(text(
            "INSERT INTO partner_roles (programme_id, organisation_id, role, source_id)"
            " VALUES (:p, :o, :r, :s)"),
            {"p": first[1], "o": first[2], "r": "host" if first[3] != "host" else "funder",
             "s": first[5]})
