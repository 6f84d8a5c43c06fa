"""The five seed programmes: every fact as the documents state it, seeding idempotent."""

from __future__ import annotations

import hashlib
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, MetaData, select

import settings
from registry import queries
from registry.db import ensure_ready, session_scope
from registry.seed import SeedError, load_seed_files, normalise_quote, seed

DOCUMENTS = settings.PROJECT_ROOT.parent / "shared" / "seeds"
WEST = "western-happy-community-mou"
NARATHIWAT = "narathiwat-resilient-communities-mou"
FOUR_AGENCY = "four-agency-strong-community-mou"
AYUTTHAYA = "ayutthaya-moral-province-2564"
KANCHANABURI = "kanchanaburi-community-organisations-mou"


def _dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, ordered, for comparing two states of a registry."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {name: sorted(connection.execute(select(table)).all(), key=repr)
                for name, table in metadata.tables.items()}


def _seed_totals() -> dict[str, int]:
    """How many programmes and rows per section the seed files hold."""
    totals = {"programmes": 0}
    for path in settings.SEED_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        totals["programmes"] += data.get("programme") is not None
        for section in ("partners", "coverage", "claims", "place_mentions", "networks", "events"):
            totals[section] = totals.get(section, 0) + len(data.get(section) or [])
    return totals


SEED_TOTALS = _seed_totals()


def _of(frame, slug):
    return frame[frame["programme_slug"] == slug]


# --- the seed files themselves -------------------------------------------------------------

def _facts():
    """(seed file, where, document, quote) for every quote in the seed files."""
    for path in sorted(settings.SEED_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sections = [("programme.citations", (data.get("programme") or {}).get("citations"))]
        sections += [(name, data.get(name)) for name in
                     ("partners", "coverage", "claims", "place_mentions", "networks",
                      "events")]
        for section, items in sections:
            for index, item in enumerate(items or []):
                yield path.name, f"{section}[{index}]", item["source"], item["quote"]


FACTS = list(_facts())


def test_seed_files_cite_something():
    assert len(FACTS) >= 50


def _document_details():
    for path in sorted(settings.SEED_DIR.glob("*.yaml")):
        for document in yaml.safe_load(path.read_text(encoding="utf-8")).get("documents") or []:
            yield path.name, document


DOCUMENT_DETAILS = list(_document_details())


@pytest.mark.parametrize(("seed_file", "document"), DOCUMENT_DETAILS,
                         ids=[name for name, _ in DOCUMENT_DETAILS])
def test_document_title_and_publisher_are_the_documents_own(seed_file, document):
    """A title or publisher is the document's words; what it lacks, the note says."""
    text = normalise_quote((DOCUMENTS / document["file"]).read_text(encoding="utf-8"))
    for name in ("title", "publisher"):
        if document.get(name):
            assert normalise_quote(document[name]) in text, (seed_file, name)
    missing = [name for name in ("title", "publisher", "published") if not document.get(name)]
    if missing or document.get("published"):
        assert document.get("note"), f"{seed_file}: say why {missing} or the date is as given"


@pytest.mark.parametrize(("seed_file", "where", "document", "quote"), FACTS,
                         ids=[f"{fact[0]}:{fact[1]}" for fact in FACTS])
def test_every_quote_is_verbatim_in_its_document(seed_file, where, document, quote):
    text = normalise_quote((DOCUMENTS / document).read_text(encoding="utf-8"))
    assert normalise_quote(quote) in text


@pytest.mark.parametrize("path", sorted(settings.SEED_DIR.glob("0*.yaml")), ids=lambda p: p.name)
def test_listed_document_hashes_match_the_documents(path):
    for document in yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]:
        content = (DOCUMENTS / document["file"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == document["sha256"]


# --- seeding -------------------------------------------------------------------------------

def test_seeding_twice_changes_nothing(seeded_engine):
    before = _dump(seeded_engine)
    with session_scope(seeded_engine) as session:
        report = seed(session)
    assert {action for _table, action in report} == {"unchanged"}
    assert _dump(seeded_engine) == before


def test_seeding_restores_an_edited_fact_and_keeps_the_rest(seeded_engine):
    with seeded_engine.begin() as connection:
        connection.exec_driver_sql("UPDATE claims SET value = 96 WHERE value = 95")
    with session_scope(seeded_engine) as session:
        report = seed(session)
    assert report["claims", "updated"] == 1
    assert report["claims", "unchanged"] == 11
    assert 95 in set(queries.claims(seeded_engine)["value"])


def test_ensure_ready_migrates_syncs_and_seeds_once(database_url):
    engine = ensure_ready(database_url)
    first = _dump(engine)
    assert len(first["programmes"]) == 5 and len(first["areas"]) > 8000
    engine.dispose()
    engine = ensure_ready(database_url)
    assert _dump(engine) == first
    engine.dispose()


def test_seed_rows_are_real_not_synthetic(seeded_engine):
    assert not queries.programmes(seeded_engine)["is_synthetic"].any()
    assert not queries.coverage(seeded_engine)["is_synthetic"].any()
    assert not queries.claims(seeded_engine)["is_synthetic"].any()


def test_every_fact_cites_a_seed_document_and_a_quote(seeded_engine):
    for frame in (queries.partners(seeded_engine), queries.coverage(seeded_engine),
                  queries.claims(seeded_engine), queries.place_mentions(seeded_engine),
                  queries.networks(seeded_engine)):
        assert set(frame["source_kind"]) == {"seed"}
        assert frame["source_file"].str.match(r"^00[0-4]_[0-9a-f]{16}\.txt$").all()
        assert (frame["source_quote"].str.len() > 5).all()


# --- one test per seed programme -----------------------------------------------------------

def test_western_mou(seeded_engine):
    programme = queries.programmes(seeded_engine).set_index("slug").loc[WEST]
    assert programme["signed_on"] == "2015-11-17"
    assert programme["start_on"] is None and programme["end_on"] is None
    partners = _of(queries.partners(seeded_engine), WEST).set_index("organisation_slug")["role"]
    assert partners.to_dict() == {
        "happy-workplace-association": "tool_developer", "hua-jai-asa-foundation": "signatory",
        "codi": "signatory", "mahamakut-buddhist-university": "signatory",
        "moral-promotion-center": "signatory",
        "western-community-organisations-movement": "signatory"}
    coverage = _of(queries.coverage(seeded_engine), WEST)
    # The document's seven western provinces, not the official five-province West.
    assert set(coverage["code"]) == {"70", "71", "73", "74", "75", "76", "77"}
    assert set(coverage["level"]) == {"province"} and set(coverage["status"]) == {"planned"}
    assert set(coverage["year"]) == {2015}
    assert _of(queries.claims(seeded_engine), WEST).empty


def test_western_mou_keeps_the_misspelt_name_as_quoted(seeded_engine):
    partners = _of(queries.partners(seeded_engine), WEST).set_index("organisation_slug")
    university = partners.loc["mahamakut-buddhist-university"]
    assert university["organisation_th"] == "มหาวิทยาลัยมหามกุฏราชวิทยาลัย"
    assert "มหากุฎราชวิทยาลัย" in university["source_quote"]
    assert "ตัวชี้วัดความสุขชุมชนด้วยคุณธรรมความดี" in partners.loc[
        "happy-workplace-association"]["description"]


def test_western_mou_signing_date_cites_day_and_year(seeded_engine):
    with seeded_engine.connect() as connection:
        quotes = set(connection.exec_driver_sql(
            "SELECT s.quote FROM programme_sources ps JOIN sources s ON s.id = ps.source_id"
            " JOIN programmes p ON p.id = ps.programme_id"
            f" WHERE p.slug = '{WEST}' AND ps.field = 'signed_on'").scalars())
    assert quotes == {"เมื่อวันที่ 17 พฤศจิกายน ที่ผ่านมา", "news 25 11 58"}


def test_narathiwat_resilience_mou(seeded_engine):
    programme = queries.programmes(seeded_engine).set_index("slug").loc[NARATHIWAT]
    # The document gives no date at all.
    assert [programme[name] for name in ("signed_on", "start_on", "end_on")] == [None] * 3
    coverage = _of(queries.coverage(seeded_engine), NARATHIWAT)
    assert coverage[["level", "code", "district_code", "province_code"]].values.tolist() == [
        ["subdistrict", "960510", "9605", "96"]]
    assert "960501" not in set(queries.coverage(seeded_engine)["code"])  # the venue
    claims = _of(queries.claims(seeded_engine), NARATHIWAT)
    figures = {(row.measure, row.kind, row.qualifier if isinstance(row.qualifier, str) else None):
               row.value for row in claims.itertuples()}
    assert figures == {
        ("local_administrations", "actual", None): 9,
        ("health_innovations", "target", "at_least"): 6,
        ("economic_models", "target", "at_least"): 6,
        ("environmental_models", "target", "at_least"): 6,
        ("public_policy_agreements", "target", "at_least_per_area"): 2,
        ("network_agreements", "target", "per_year"): 1,
    }
    assert claims["as_of"].isna().all()
    partners = _of(queries.partners(seeded_engine), NARATHIWAT)
    assert set(partners["organisation_slug"]) == {
        "thaihealth", "lower-south-academic-support-centre", "maruebo-tok-municipality"}
    # The nine LAOs are a count: no organisation or network row per LAO.
    networks = _of(queries.networks(seeded_engine), NARATHIWAT)
    assert networks["name_th"].tolist() == ["เครือข่ายร่วมสร้างชุมชนท้องถิ่นน่าอยู่"]


def test_four_agency_mou(seeded_engine):
    programme = queries.programmes(seeded_engine).set_index("slug").loc[FOUR_AGENCY]
    # Signed at the two-day forum; the document does not say on which day.
    assert programme["signed_on"] == "2016-09-07/2016-09-08"
    assert programme["period_limit"] == "P3Y" and programme["end_on"] is None
    events = _of(queries.events(seeded_engine), FOUR_AGENCY)
    assert events[["kind", "held"]].values.tolist() == [["forum", "2016-09-07/2016-09-08"]]
    partners = _of(queries.partners(seeded_engine), FOUR_AGENCY)
    assert set(partners["organisation_slug"]) == {
        "codi", "community-development-department", "department-of-local-administration",
        "thaihealth"}
    assert set(partners["role"]) == {"signatory"}
    claims = _of(queries.claims(seeded_engine), FOUR_AGENCY)
    assert {(row.measure, row.level, row.value) for row in claims.itertuples()} == {
        ("villages", "village", 900), ("subdistricts", "subdistrict", 90),
        ("districts", "district", 90), ("provinces", "province", 77)}
    assert set(claims["kind"]) == {"target"} and claims["within_code"].isna().all()
    # Targets of model localities (ท้องถิ่นต้นแบบ), named so.
    assert all("ต้นแบบ" in title for title in claims["claim_title_th"])
    assert _of(queries.coverage(seeded_engine), FOUR_AGENCY).empty


def test_nong_khaen_is_ambiguous_and_never_coverage(seeded_engine):
    mentions = _of(queries.place_mentions(seeded_engine), FOUR_AGENCY)
    assert mentions[["name_as_written", "level", "resolution"]].values.tolist() == [
        ["ตำบลหนองแคน", "subdistrict", "ambiguous"]]
    assert set(mentions.iloc[0]["candidate_codes"].split()) == {"450303", "490404"}
    codes = set(queries.coverage(seeded_engine)["code"])
    assert not codes & {"450303", "490404", "4503", "4904", "45", "49"}


def test_ayutthaya_moral_province(seeded_engine):
    programme = queries.programmes(seeded_engine).set_index("slug").loc[AYUTTHAYA]
    assert (programme["theme"], programme["status"]) == ("moral_province", "active")
    assert programme["signed_on"] is None
    partners = _of(queries.partners(seeded_engine), AYUTTHAYA).set_index("organisation_slug")
    assert partners["role"].to_dict() == {
        "moral-promotion-center": "lead", "ayutthaya-provincial-culture-office": "implementing",
        "rmut-suvarnabhumi": "academic_support"}
    coverage = _of(queries.coverage(seeded_engine), AYUTTHAYA)
    assert coverage[["code", "status", "year"]].values.tolist() == [["14", "active", 2021]]
    claims = _of(queries.claims(seeded_engine), AYUTTHAYA)
    assert claims[["measure", "within_code", "value", "kind", "as_of"]].values.tolist() == [
        ["networks", "14", 9, "actual", "2021-02-23"]]
    events = _of(queries.events(seeded_engine), AYUTTHAYA)
    assert events[["kind", "held"]].values.tolist() == [["meeting", "2021-02-23"]]
    # Nine networks counted, none named: no invented network rows.
    assert _of(queries.networks(seeded_engine), AYUTTHAYA).empty


def test_kanchanaburi_mou(seeded_engine):
    programme = queries.programmes(seeded_engine).set_index("slug").loc[KANCHANABURI]
    assert (programme["signed_on"], programme["start_on"], programme["end_on"]) == (
        "2019-06-12", "2019-06", "2024-05")  # the document gives months for the period
    partners = _of(queries.partners(seeded_engine), KANCHANABURI)
    assert set(partners["organisation_slug"]) == {
        "kanchanaburi-community-organisations-movement", "kanchanaburi-rajabhat-university",
        "codi", "kanchanaburi-social-development-office"}
    claims = _of(queries.claims(seeded_engine), KANCHANABURI)
    assert claims[["measure", "level", "within_code", "value", "kind"]].values.tolist() == [
        ["subdistricts", "subdistrict", "71", 95, "context"]]  # work from before the MOU
    coverage = _of(queries.coverage(seeded_engine), KANCHANABURI)
    # The 95 tambons are not listed: only the province is coverage.
    assert coverage[["level", "code"]].values.tolist() == [["province", "71"]]


def test_organisations_shared_between_programmes_are_one_row(seeded_engine):
    organisations = queries.organisations(seeded_engine).set_index("slug")
    assert organisations["programme_count"].to_dict()["codi"] == 3
    assert organisations["programme_count"].to_dict()["thaihealth"] == 2
    assert organisations["programme_count"].to_dict()["moral-promotion-center"] == 2
    assert organisations.loc["kanchanaburi-rajabhat-university", "province_code"] == "71"


# --- validation ----------------------------------------------------------------------------

def _broken_seed_dir(tmp_path: Path, file_name: str, old: str, new: str) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(settings.SEED_DIR, folder)
    path = folder / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


KANCHANABURI_FILE = "004_kanchanaburi_mou.yaml"


@pytest.mark.parametrize(("file_name", "old", "new", "message"), [
    (KANCHANABURI_FILE, "value: 95", "value: -95", r"004_kanchanaburi_mou\.yaml: claims\[0\]"
                                                   r"\.value: -95 is no non-negative number"),
    (KANCHANABURI_FILE, "role: lead", "role: mascot", r"partners\[0\]\.role: 'mascot' is not"),
    (KANCHANABURI_FILE, 'code: "71"', 'code: "99"', r"coverage\[0\]\.code: .*not in the gaz"),
    (KANCHANABURI_FILE, 'code: "71"', 'code: "7101"', r"coverage\[0\]\.code: .*no province"),
    # 2562 BE (2019 CE) is no leap year: 29 February 2562 does not exist.
    (KANCHANABURI_FILE, "signed_on: 12 มิถุนายน 2562", "signed_on: 29 กุมภาพันธ์ 2562",
     r"programme\.signed_on: .*February 2562 BE \(2019 CE\) has 28 days"),
    (KANCHANABURI_FILE, "end_on: พฤษภาคม 2567", "end_on: พฤษภาคม 2561",
     r"programme\.end_on: ends before it starts"),
    (KANCHANABURI_FILE, "    source: 004_afd9eb95650f2b86.txt\n    quote: ระหว่างขบวน",
     "    source: 009_nowhere.txt\n    quote: ระหว่างขบวน",
     r"partners\[0\]\.source: '009_nowhere\.txt' is not listed under documents"),
    (KANCHANABURI_FILE, "  theme: community_strengthening\n",
     "  theme: community_strengthening\n  colour: blue\n", r"programme: unknown field\(s\) colour"),
    (KANCHANABURI_FILE, "organisation: codi", "organisation: nobody",
     r"partners\[2\]\.organisation: 'nobody' is in no organisations list"),
    ("organisations.yaml", "org_type: foundation", "org_type: club",
     r"organisations\.yaml: organisations\[1\]\.org_type"),
    ("002_four_agency_mou.yaml", 'candidates: ["450303", "490404"]',
     'candidates: ["450303", "4904"]',
     r"place_mentions\[0\]\.candidates: '4904' is no subdistrict code"),
    ("002_four_agency_mou.yaml", "documents:", "documents: [", r"cannot be read as UTF-8 YAML"),
])
def test_bad_seed_file_is_refused_naming_file_and_field(areas_engine, tmp_path, file_name, old,
                                                         new, message):
    folder = _broken_seed_dir(tmp_path, file_name, old, new)
    with pytest.raises(SeedError, match=message), session_scope(areas_engine) as session:
        seed(session, folder)
    assert queries.programmes(areas_engine).empty  # nothing half-written


def test_seed_dates_are_read_as_buddhist_era(areas_engine, tmp_path):
    # 2563 BE = 2020 CE, a leap year: 29 February exists.
    folder = _broken_seed_dir(tmp_path, KANCHANABURI_FILE, "signed_on: 12 มิถุนายน 2562",
                              "signed_on: 29 ก.พ. 2563")
    with session_scope(areas_engine) as session:
        seed(session, folder)
    signed = queries.programmes(areas_engine).set_index("slug").loc[KANCHANABURI, "signed_on"]
    assert signed == "2020-02-29"


def test_seeding_needs_the_gazetteer_first(engine):
    with pytest.raises(SeedError, match="sync_areas"), session_scope(engine) as session:
        load_seed_files(session)


def test_replicas_starting_together_seed_once(database_url):
    """Several processes (here threads) opening a fresh registry at the same moment."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        engines = list(pool.map(lambda _: ensure_ready(database_url), range(4)))
    assert len(queries.programmes(engines[0])) == SEED_TOTALS["programmes"]
    assert len(queries.claims(engines[0])) == SEED_TOTALS["claims"]
    for engine in engines:
        engine.dispose()
