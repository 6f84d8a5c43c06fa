"""Registries of a given size for the scale benchmark: the seeds plus generated programmes.

Every generated row is flagged synthetic and cites one generated source per programme
(kind "edit", a file name that says it is generated), so nothing can pass for a real
document. Areas are real DOPA codes from the gazetteer: villages are numbered under real
tambons, spread over every province. The same size always gives the same rows (a fixed
random seed), so byte counts measured on them are deterministic.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine, func, insert, select

import settings
from geo.gazetteer import codes as gazetteer_codes
from geo.levels import code_at
from registry import models
from registry.db import ensure_ready, session_scope
from registry.upsert import upsert_claim


@dataclass(frozen=True)
class Size:
    """How much is generated on top of the five seed programmes."""

    name: str
    programmes: int
    village_rows: int
    organisations: int
    partner_roles: int


SIZES = {
    "S": Size("S", 0, 0, 0, 0),
    "M": Size("M", 50, 5_000, 200, 300),
    "L": Size("L", 500, 75_000, 2_000, 3_350),
}
GENERATED_BY = "bench.generate"
PROGRAMME_STATUSES = ("planned", "signed", "active", "completed")
COVERAGE_STATUSES = ("planned", "active", "completed")
# Words the generated titles and names are made of: lengths like the seeds' titles.
TITLE_WORDS = ("โครงการ", "ชุมชน", "คุณธรรม", "เข้มแข็ง", "ต้นแบบ", "สุขภาวะ", "ความร่วมมือ",
               "เครือข่าย", "พัฒนา", "ยั่งยืน", "พื้นที่", "ตำบล")
ORG_WORDS = ("มูลนิธิ", "สมาคม", "เครือข่าย", "สำนักงาน", "มหาวิทยาลัย", "ศูนย์", "องค์การ")


@dataclass(frozen=True)
class Counts:
    programmes: int
    village_rows: int
    coverage_rows: int
    provinces: int
    organisations: int
    partner_roles: int
    claims: int
    place_mentions: int


# Seconds a statement of the generator may run on PostgreSQL: inserting L's 75,000 village
# rows at once takes longer than a dashboard's statement may (settings) on a busy machine.
BUILD_STATEMENT_SECONDS = "600"


def build(url: str, size: Size) -> Counts:
    """A registry at `url` migrated, seeded, then grown by `size`; returns what it holds."""
    previous = os.environ.get(settings.DB_STATEMENT_TIMEOUT_VAR)
    os.environ[settings.DB_STATEMENT_TIMEOUT_VAR] = BUILD_STATEMENT_SECONDS
    try:
        engine = ensure_ready(url)
    finally:
        if previous is None:
            del os.environ[settings.DB_STATEMENT_TIMEOUT_VAR]
        else:
            os.environ[settings.DB_STATEMENT_TIMEOUT_VAR] = previous
    try:
        if size.programmes:
            with session_scope(engine) as session:
                _generate(session, size)
        return counts(engine)
    finally:
        engine.dispose()


def counts(engine: Engine) -> Counts:
    with session_scope(engine) as session:
        def count(column, *where) -> int:
            return session.scalar(select(func.count(column)).where(*where))

        provinces = session.scalar(select(func.count(func.distinct(
            func.substr(models.Coverage.area_code, 1, 2)))))
        return Counts(
            programmes=count(models.Programme.id), village_rows=count(
                models.Coverage.id, models.Coverage.level == "village"),
            coverage_rows=count(models.Coverage.id), provinces=provinces,
            organisations=count(models.Organisation.id), partner_roles=count(models.PartnerRole.id),
            claims=count(models.Claim.id), place_mentions=count(models.PlaceMention.id))


def _words(rng: np.random.Generator, vocabulary: tuple[str, ...], n: int) -> str:
    return "".join(rng.choice(vocabulary, n))


def _generate(session, size: Size) -> None:
    rng = np.random.default_rng(sum(map(ord, size.name)))
    now = dt.datetime(2025, 1, 1)
    tambons = np.array(sorted(gazetteer_codes("subdistrict")))
    provinces = sorted({code_at(code, "province") for code in tambons})
    by_province = {province: tambons[np.char.startswith(tambons.astype(str), province)]
                   for province in provinces}

    organisations = [{
        "slug": f"synthetic-org-{i:04d}",
        "name_th": f"{rng.choice(ORG_WORDS)}{_words(rng, TITLE_WORDS, 2)} {i}",
        "name_en": f"Generated organisation {i}",
        "abbreviation": f"ก{i}" if i % 5 == 0 else None,
        "org_type": str(rng.choice(models.ORG_TYPES)),
    } for i in range(1, size.organisations + 1)]
    session.execute(insert(models.Organisation), organisations)
    org_ids = session.scalars(select(models.Organisation.id).where(
        models.Organisation.slug.like("synthetic-org-%")).order_by(models.Organisation.slug)).all()

    programmes, sources = [], []
    for i in range(1, size.programmes + 1):
        signed = dt.date(2015, 1, 1) + dt.timedelta(days=int(rng.integers(0, 3650)))
        programmes.append({
            "slug": f"synthetic-{size.name.lower()}-{i:04d}",
            "title_th": f"{_words(rng, TITLE_WORDS, 5)} รุ่นที่ {i}",
            "title_en": f"Generated programme {i}: community strengthening pilot",
            "theme": str(rng.choice(models.THEMES)), "status": str(rng.choice(PROGRAMME_STATUSES)),
            "signed_on": signed, "start_on": signed, "end_on": None,
            "description_th": "ข้อมูลสังเคราะห์สำหรับทดสอบขนาด ไม่ใช่ข้อมูลจริง",
            "description_en": "Synthetic data for the scale benchmark, not a real programme.",
            "is_synthetic": True,
        })
        sources.append({"kind": "edit", "file_name": f"generated-{size.name}-{i:04d}",
                        "content_sha256": "", "quote": "", "created_at": now,
                        "note": "synthetic: generated by the scale benchmark",
                        "created_by": GENERATED_BY})
    session.execute(insert(models.Programme), programmes)
    session.execute(insert(models.Source), sources)
    programme_ids = session.scalars(select(models.Programme.id).where(
        models.Programme.slug.like(f"synthetic-{size.name.lower()}-%"))
        .order_by(models.Programme.slug)).all()
    source_ids = session.scalars(select(models.Source.id).where(
        models.Source.created_by == GENERATED_BY).order_by(models.Source.file_name)).all()
    session.execute(insert(models.ProgrammeSource), [
        {"programme_id": pid, "source_id": sid, "field": "programme"}
        for pid, sid in zip(programme_ids, source_ids, strict=True)])

    session.execute(insert(models.PartnerRole),
                    _roles(rng, size, programme_ids, source_ids, org_ids))
    session.execute(insert(models.Coverage), _coverage(rng, size, programme_ids, source_ids,
                                                provinces, by_province))
    claims, mentions = [], []
    for n, (pid, sid) in enumerate(zip(programme_ids, source_ids, strict=True)):
        province = provinces[n % len(provinces)]
        kinds = ("target", "actual") if n % 2 else ("target",)
        for kind in kinds:
            as_of = dt.date(2024, 1 + n % 12, 1)
            value = float(rng.integers(20, 400))
            claims.append({"programme_id": pid, "measure": "villages", "level": "village",
                           "within_code": province, "value": value, "kind": kind,
                           "as_of": as_of, "source_id": sid, "is_synthetic": True})
        if n % 3 == 0:
            candidates = " ".join(str(code) for code in rng.choice(by_province[province], 2))
            mentions.append({"programme_id": pid, "name_as_written": f"ตำบลทดสอบ {n}",
                             "level": "subdistrict", "resolution": "ambiguous",
                             "candidate_codes": candidates, "source_id": sid})
    for claim in claims:  # through upsert: each figure belongs to its programme's indicator
        upsert_claim(session, **claim)
    session.execute(insert(models.PlaceMention), mentions)


def _roles(rng, size: Size, programme_ids, source_ids, org_ids) -> list[dict]:
    """Every generated organisation takes part once; the rest of the roles go mostly to
    a few busy organisations (a long tail, as in real partner networks)."""
    members: list[set[int]] = [set() for _ in programme_ids]
    for n, org in enumerate(org_ids):
        members[n % len(programme_ids)].add(org)
    weights = 1 / np.arange(1, len(org_ids) + 1) ** 1.1
    weights /= weights.sum()
    extra = size.partner_roles - len(org_ids)
    while extra > 0:
        n = int(rng.integers(0, len(programme_ids)))
        org = org_ids[int(rng.choice(len(org_ids), p=weights))]
        if org not in members[n]:
            members[n].add(org)
            extra -= 1
    rows = []
    for n, orgs in enumerate(members):
        for k, org in enumerate(sorted(orgs)):
            rows.append({"programme_id": programme_ids[n], "organisation_id": org,
                         "role": "lead" if k == 0 else str(rng.choice(models.ROLES[1:])),
                         "description": None, "source_id": source_ids[n]})
    return rows


def _coverage(rng, size: Size, programme_ids, source_ids, provinces,
              by_province) -> list[dict]:
    """Village rows under real tambons (each programme in one to three provinces, all 77
    covered), plus a tambon-level list for every tenth programme."""
    per_programme = np.full(len(programme_ids), size.village_rows // len(programme_ids))
    per_programme[: size.village_rows % len(programme_ids)] += 1
    rows = []
    for n, (pid, sid) in enumerate(zip(programme_ids, source_ids, strict=True)):
        status = str(rng.choice(COVERAGE_STATUSES))
        year = int(rng.integers(2016, 2026))
        home = [provinces[(n + k * 29) % len(provinces)] for k in range(1 + n % 3)]
        tambons = np.concatenate([by_province[p] for p in home])
        wanted = int(per_programme[n])
        picked = rng.choice(len(tambons) * 20, wanted, replace=False)
        for slot in sorted(picked.tolist()):
            rows.append({"programme_id": pid, "level": "village",
                         "area_code": str(tambons[slot // 20]), "village_no": slot % 20 + 1,
                         "status": status, "year": year, "source_id": sid,
                         "is_synthetic": True})
        if n % 10 == 0:
            for code in rng.choice(tambons, min(15, len(tambons)), replace=False):
                rows.append({"programme_id": pid, "level": "subdistrict",
                             "area_code": str(code), "village_no": 0, "status": status,
                             "year": year, "source_id": sid, "is_synthetic": True})
    return rows
