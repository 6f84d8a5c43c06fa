"""The "done when" registry: programme A has a target, programme B has coverage and
reported counts at the same level (tambons). Shared by the view and page tests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from registry.models import Organisation
from registry.upsert import (
    upsert_claim,
    upsert_coverage,
    upsert_partner_role,
    upsert_programme,
    upsert_source,
)

A, B = "zz-programme-a", "zz-programme-b"
A_TARGET, B_REPORTED = 50, 40
B_CODES = ("710101", "710102", "710103")


def add_a_and_b(session: Session) -> None:
    """A: a target of 50 tambons, nothing reported. B: 3 tambons named and 40 reported (as
    of May 2567), with no target. CODI leads both."""
    source, _ = upsert_source(session, kind="edit", file_name="", created_by="test")
    a, _ = upsert_programme(session, A, title_th="โครงการเอ", title_en="Programme A",
                            theme="other", status="active", signed_on="2024-01")
    b, _ = upsert_programme(session, B, title_th="โครงการบี", title_en="Programme B",
                            theme="other", status="active", signed_on="2024-02")
    upsert_claim(session, programme_id=a.id, measure="subdistricts", level="subdistrict",
                 within_code=None, value=A_TARGET, kind="target", source_id=source.id)
    for code in B_CODES:
        upsert_coverage(session, programme_id=b.id, level="subdistrict", code=code,
                        status="active", year=2024, source_id=source.id)
    upsert_claim(session, programme_id=b.id, measure="subdistricts", level="subdistrict",
                 within_code=None, value=B_REPORTED, kind="actual", as_of="2024-05",
                 source_id=source.id)
    codi = session.query(Organisation).filter_by(slug="codi").one()
    for programme in (a, b):
        upsert_partner_role(session, programme_id=programme.id, organisation_id=codi.id,
                            role="lead", source_id=source.id)
