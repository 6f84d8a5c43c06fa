"""One record per organisation: aliases, the resolver, creating and merging (both back ends)."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from registry import audit, logos, queries
from registry.db import session_scope
from registry.models import (
    ROLES,
    AuditEntry,
    Organisation,
    OrganisationAlias,
    PartnerRole,
    Programme,
)
from registry.organisations import (
    OrganisationError,
    OrganisationIndex,
    alias_rows,
    create_organisation,
    merge,
    undo_merge,
)


def _index(engine) -> OrganisationIndex:
    with session_scope(engine) as session:
        return OrganisationIndex.load(session)


def test_codi_resolves_by_thai_name_abbreviation_and_english(seeded_engine):
    index = _index(seeded_engine)
    for written in ("สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)", "พอช.", "พอช", "CODI", "codi",
                    "Community Organizations Development Institute (Public Organization)"):
        found = index.resolve(written)
        assert found.matched, written
        assert found.organisation.slug == "codi"


def test_unknown_name_gets_close_suggestions_never_a_record(seeded_engine):
    index = _index(seeded_engine)
    found = index.resolve("สถาบันพัฒนาองค์กรชุมชน")
    assert not found.matched
    assert found.suggestions[0].slug == "codi"
    assert "did you mean" in found.message()
    with session_scope(seeded_engine) as session:
        assert session.scalar(select(func.count(Organisation.id))) == len(index.organisations)


def test_search_finds_by_part_of_a_name(seeded_engine):
    index = _index(seeded_engine)
    slugs = [known.slug for known in index.search("ราชภัฏ")]
    assert "kanchanaburi-rajabhat-university" in slugs


def test_a_spelling_names_one_organisation_only():
    rows = alias_rows([(1, "a", "สมาคม ก", None, "สก."), (2, "b", "สมาคมก", None, None)])
    assert [row["organisation_id"] for row in rows] == [1, 1]


def test_creating_a_known_organisation_again_is_refused(seeded_engine):
    with session_scope(seeded_engine) as session, pytest.raises(OrganisationError,
                                                                match="already names"):
        create_organisation(session, name_th="องค์กรใหม่", abbreviation="พอช.")
    with session_scope(seeded_engine) as session:
        created = create_organisation(session, name_th="มหาวิทยาลัยราชภัฏสุราษฎร์ธานี",
                                      name_en="Suratthani Rajabhat University",
                                      abbreviation="มรส.", org_type="university")
        assert created.slug == "suratthani-rajabhat-university"
    index = _index(seeded_engine)
    assert index.resolve("มรส").organisation.slug == "suratthani-rajabhat-university"


def _state(engine) -> tuple:
    with session_scope(engine) as session:
        organisations = sorted(session.execute(select(
            Organisation.id, Organisation.slug, Organisation.name_th)).all())
        roles = sorted(session.execute(select(
            PartnerRole.id, PartnerRole.programme_id, PartnerRole.organisation_id,
            PartnerRole.role, PartnerRole.source_id)).all())
        aliases = sorted(session.execute(select(
            OrganisationAlias.id, OrganisationAlias.organisation_id,
            OrganisationAlias.normalised)).all())
    return organisations, roles, aliases


def test_merge_moves_roles_and_aliases_and_undo_restores_everything(seeded_engine):
    with session_scope(seeded_engine) as session:
        duplicate = create_organisation(session, name_th="สถาบันพัฒนาองค์กรชุมชน",
                                        aliases=["สถาบัน พอช"])
        codi = session.scalar(select(Organisation).where(Organisation.slug == "codi"))
        programmes = [p for p, in session.execute(select(PartnerRole.programme_id).where(
            PartnerRole.organisation_id == codi.id))]
        other = session.scalar(select(Programme.id).where(Programme.id.not_in(programmes))
                               .order_by(Programme.id))
        shared = programmes[0]
        codi_role = session.scalar(select(PartnerRole.role).where(
            PartnerRole.organisation_id == codi.id, PartnerRole.programme_id == shared))
        extra = next(role for role in ROLES if role != codi_role)
        source = session.scalar(select(PartnerRole.source_id))
        session.add_all([
            PartnerRole(programme_id=other, organisation_id=duplicate.id, role="supporting",
                        source_id=source),
            PartnerRole(programme_id=shared, organisation_id=duplicate.id, role=codi_role,
                        source_id=source),
            PartnerRole(programme_id=shared, organisation_id=duplicate.id, role=extra,
                        source_id=source)])
        duplicate_slug = duplicate.slug
    before = _state(seeded_engine)
    with session_scope(seeded_engine) as session:
        entry = merge(session, "codi", duplicate_slug, by="admin")
    merged = _state(seeded_engine)
    assert duplicate_slug not in [slug for _, slug, _ in merged[0]]
    index = _index(seeded_engine)
    assert index.resolve("สถาบัน พอช").organisation.slug == "codi"
    with session_scope(seeded_engine) as session:
        codi_id = session.scalar(select(Organisation.id).where(Organisation.slug == "codi"))
        roles = sorted(session.execute(select(PartnerRole.programme_id, PartnerRole.role).where(
            PartnerRole.organisation_id == codi_id)).all())
    assert (other, "supporting") in roles
    # The same role in a shared programme is held once; another role joins codi's.
    assert sorted(role for programme, role in roles if programme == shared) == sorted(
        [codi_role, extra])
    with session_scope(seeded_engine) as session:
        logged = audit.entries(session, actions=["organisation_merge"])
    assert list(logged["entity_id"]) == [duplicate_slug]
    with session_scope(seeded_engine) as session:
        undo_merge(session, entry, by="admin")
    assert _state(seeded_engine) == before
    with session_scope(seeded_engine) as session, pytest.raises(OrganisationError,
                                                                match="already undone"):
        undo_merge(session, entry, by="admin")


def test_merge_refuses_unknown_or_same(seeded_engine):
    with session_scope(seeded_engine) as session:
        with pytest.raises(OrganisationError, match="no organisation"):
            merge(session, "codi", "nobody", by="admin")
        with pytest.raises(OrganisationError, match="two different"):
            merge(session, "codi", "codi", by="admin")


def test_resolving_stays_a_lookup_at_two_thousand_organisations(seeded_engine):
    with session_scope(seeded_engine) as session:
        session.add_all(Organisation(slug=f"org-{n}", name_th=f"องค์กรทดสอบที่ {n}",
                                     org_type="other") for n in range(2000))
    index = _index(seeded_engine)
    assert len(index.organisations) > 2000
    assert index.resolve("องค์กรทดสอบที่ 1999").organisation.slug == "org-1999"
    assert index.resolve("พอช.").organisation.slug == "codi"
    assert len(index.search("ทดสอบ", limit=20)) == 20


def test_upgrade_gives_existing_organisations_their_aliases(database_url):
    from sqlalchemy import text

    from registry.db import get_engine, migrate

    engine = get_engine(database_url)
    try:
        migrate(engine, "0003")
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO organisations (id, slug, name_th, name_en, abbreviation, org_type)"
                " VALUES (7, 'codi', 'สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)', NULL, 'พอช.',"
                " 'public_organisation')"))
        migrate(engine)
        index = _index(engine)
    finally:
        engine.dispose()
    assert {index.resolve(name).organisation.id for name in ("พอช", "CODI")} == {7}


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 32), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _logo_of(engine) -> dict[str, bytes]:
    return {row.slug: bytes(row.content) for row in queries.logos(engine).itertuples()}


def _duplicate_of_codi(engine, logo: bytes) -> str:
    with session_scope(engine) as session:
        duplicate = create_organisation(session, name_th="สถาบันพัฒนาองค์กรชุมชน")
        logos.store_logo(session, duplicate.slug, logo, "admin")
        return duplicate.slug


def test_a_merge_moves_the_dropped_logo_to_a_keeper_without_one_and_undo_returns_it(
        seeded_engine):
    assert "codi" not in _logo_of(seeded_engine)
    duplicate = _duplicate_of_codi(seeded_engine, _png((10, 120, 200)))
    held = _logo_of(seeded_engine)[duplicate]
    with session_scope(seeded_engine) as session:
        entry = merge(session, "codi", duplicate, by="admin")
    assert _logo_of(seeded_engine) == {"codi": held}
    with session_scope(seeded_engine) as session:
        after = audit.loads(session.get(AuditEntry, entry).after)
    assert after == {"merged_into": "codi", "logo_moved": True}
    with session_scope(seeded_engine) as session:
        undo_merge(session, entry, by="admin")
    assert _logo_of(seeded_engine) == {duplicate: held}
    with session_scope(seeded_engine) as session:
        undone = audit.entries(session, actions=["organisation_merge_undo"])
    assert audit.loads(undone.iloc[0]["after"])["logo"] == {
        "content_sha256": hashlib.sha256(held).hexdigest(), "taken_back_from_kept": True}


def test_a_merge_keeps_the_keepers_logo_and_undo_restores_the_dropped_one(seeded_engine):
    with session_scope(seeded_engine) as session:
        logos.store_logo(session, "codi", _png((200, 30, 30)), "admin")
    duplicate = _duplicate_of_codi(seeded_engine, _png((10, 120, 200)))
    before = _logo_of(seeded_engine)
    assert before[duplicate] != before["codi"]
    with session_scope(seeded_engine) as session:
        entry = merge(session, "codi", duplicate, by="admin")
    assert _logo_of(seeded_engine) == {"codi": before["codi"]}
    with session_scope(seeded_engine) as session:
        kept = audit.loads(session.get(AuditEntry, entry).before)["logo"]
    assert kept["content_sha256"] == hashlib.sha256(before[duplicate]).hexdigest()
    with session_scope(seeded_engine) as session:
        undo_merge(session, entry, by="admin")
    assert _logo_of(seeded_engine) == before
    restored = queries.logos(seeded_engine).set_index("slug").loc[duplicate]
    assert (restored["uploaded_by"], restored["media_type"]) == ("admin", "image/png")
