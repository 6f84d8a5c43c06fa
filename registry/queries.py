"""Read-only tables for the dashboard: one query each, plain pandas DataFrames.

Dates come back as EDTF text at their source's precision (or None); the pages
show them in Buddhist Era with dates.format_when. Every fact row carries its
source: file, quote and the document's title, publisher, date and URL, so a
figure on screen can always say where it came from.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, Select, func, select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import aliased

from geo.levels import CODE_LENGTH
from registry.db import unavailable
from registry.models import (
    Area,
    Claim,
    Coverage,
    Event,
    Indicator,
    Network,
    Organisation,
    OrganisationLogo,
    PartnerRole,
    PlaceMention,
    Programme,
    ProgrammeSource,
    Source,
)

# Optional wording (an English title, a description…): missing comes back as "", never as
# NaN, which is truthy, so `title_en or title_th` would show "nan" or fail on a float.
OPTIONAL_TEXT = ("title_en", "programme_title_en", "description_th", "description_en",
                 "name_en", "organisation_en", "within_name_en", "abbreviation", "description",
                 "note", "source_title", "source_publisher", "source_url",
                 "source_document_note", "source_document_note_en", "publisher", "url",
                 "document_note", "document_note_en", "claim_title_th",
                 "claim_title_en")


# EDTF text columns: a missing date is None (never NaN), like every other missing date.
DATE_TEXT = ("signed_on", "start_on", "end_on", "period_limit", "as_of", "held", "published",
             "source_published", "period", "baseline_as_of")


# Per table below, the registry tables it reads: those its own rows come from (any write
# there can change it) and those it only looks up by key (titles, names, sources: only an
# update or delete there can change it, since a new row is reached only through a write to
# an own table). ui.data reloads a table when one of them moved (registry.db records both).
READS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    name: (frozenset(own), frozenset(looked_up)) for name, own, looked_up in (
        ("programmes", ("programmes", "programme_sources"), ("sources",)),
        ("partners", ("partner_roles",), ("programmes", "organisations", "sources")),
        ("coverage", ("coverage",), ("programmes", "areas", "sources")),
        ("claims", ("claims",), ("programmes", "indicators", "areas", "sources")),
        ("place_mentions", ("place_mentions",), ("programmes", "sources")),
        ("events", ("events",), ("programmes", "sources")),
        ("networks", ("networks",), ("programmes", "sources")),
        ("organisations", ("organisations", "partner_roles"), ()),
        ("sources", ("sources",), ()),
        ("logos", ("organisation_logos",), ("organisations",)),
    )
}


def _frame(engine: Engine, query: Select) -> pd.DataFrame:
    try:
        with engine.connect() as connection:
            frame = pd.read_sql(query, connection)
    except (OperationalError, InterfaceError) as error:
        # The server went away mid-session: say so in the registry's own words.
        raise unavailable(engine.url.render_as_string(hide_password=True), error.orig) from None
    for column in frame.columns.intersection(OPTIONAL_TEXT):
        frame[column] = frame[column].fillna("")
    for column in frame.columns.intersection(DATE_TEXT):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _programme_columns() -> list:
    return [Programme.slug.label("programme_slug"),
            Programme.title_th.label("programme_title_th"),
            Programme.title_en.label("programme_title_en")]


def _source_columns() -> list:
    return [Source.file_name.label("source_file"), Source.quote.label("source_quote"),
            Source.kind.label("source_kind"), Source.title.label("source_title"),
            Source.publisher.label("source_publisher"),
            Source.published.label("source_published"), Source.url.label("source_url"),
            Source.document_note.label("source_document_note"),
            Source.document_note_en.label("source_document_note_en")]


def _cited_rows(engine: Engine, model: type, id_label: str, columns: list, order: list,
                joins: list[tuple] = ()) -> pd.DataFrame:
    """The rows of a table that hangs off programmes, each with its programme's names and
    its source, by programme slug then `order`; `joins` adds (table, on, outer) joins."""
    query = select(model.id.label(id_label), model.programme_id, *_programme_columns(),
                   *columns, *_source_columns()).join(Programme,
                                                      Programme.id == model.programme_id)
    for table, on, outer in joins:
        query = query.join(table, on, isouter=outer)
    query = query.join(Source, Source.id == model.source_id).order_by(Programme.slug, *order)
    return _frame(engine, query)


def _full_codes(area_codes: pd.Series, village_nos: pd.Series) -> pd.Series:
    """Area codes as people read them: a village's is its subdistrict's plus its number."""
    return area_codes.where(~(village_nos > 0), area_codes + village_nos.map("{:02d}".format))


def programmes(engine: Engine) -> pd.DataFrame:
    """One row per programme, with the documents it cites (`source_files`, one per line:
    file names may hold spaces)."""
    query = (
        select(Programme.id.label("programme_id"), Programme.slug, Programme.title_th,
               Programme.title_en, Programme.theme, Programme.status, Programme.signed_on,
               Programme.start_on, Programme.end_on, Programme.period_limit,
               Programme.description_th,
               Programme.description_en, Programme.is_synthetic)
        .order_by(Programme.slug)
    )
    documents = (
        select(ProgrammeSource.programme_id, Source.file_name)
        .join(Source, Source.id == ProgrammeSource.source_id)
        .distinct().order_by(ProgrammeSource.programme_id, Source.file_name)
    )
    frame = _frame(engine, query)
    cited = _frame(engine, documents).groupby("programme_id")["file_name"].agg("\n".join)
    frame["source_files"] = [cited.get(pid, "") for pid in frame["programme_id"]]
    return frame


def partners(engine: Engine) -> pd.DataFrame:
    """Programme × organisation × role."""
    query = (
        select(PartnerRole.programme_id, *_programme_columns(),
               Organisation.id.label("organisation_id"),
               Organisation.slug.label("organisation_slug"),
               Organisation.name_th.label("organisation_th"),
               Organisation.name_en.label("organisation_en"), Organisation.abbreviation,
               Organisation.org_type, PartnerRole.role, PartnerRole.description,
               *_source_columns())
        .join(Programme, Programme.id == PartnerRole.programme_id)
        .join(Organisation, Organisation.id == PartnerRole.organisation_id)
        .join(Source, Source.id == PartnerRole.source_id)
        .order_by(Programme.slug, Organisation.slug)
    )
    return _frame(engine, query)


def coverage(engine: Engine) -> pd.DataFrame:
    """Coverage rows with area names and the district/province they lie in.

    `code` is the full code (8 digits for a village); `area_code` is the gazetteer
    area (a village's subdistrict).
    """
    frame = _cited_rows(
        engine, Coverage, "coverage_id",
        [Coverage.level, Coverage.area_code, Coverage.village_no, Area.name_th, Area.name_en,
         Area.province_code, Coverage.status, Coverage.year, Coverage.is_synthetic,
         Programme.is_synthetic.label("programme_is_synthetic")],
        [Coverage.level, Coverage.area_code, Coverage.village_no, Coverage.year],
        joins=[(Area, Area.code == Coverage.area_code, False)])
    frame["year"] = frame["year"].astype("Int64")
    frame.insert(5, "code", _full_codes(frame["area_code"], frame["village_no"]))
    frame.insert(len(frame.columns) - 7, "district_code",
                 frame["area_code"].str[:CODE_LENGTH["district"]].where(
                     frame["level"] != "province"))
    return frame


def claims(engine: Engine) -> pd.DataFrame:
    """Counted figures (targets and actuals).

    `within_code` is the full code counted within (8 digits for a village), None when
    the document names no area (national); `within_area_code` is its gazetteer area.
    """
    within = aliased(Area)
    frame = _cited_rows(
        engine, Claim, "claim_id",
        [Claim.measure, Claim.level, Claim.within_code.label("within_area_code"),
         Claim.within_village_no, within.name_th.label("within_name_th"),
         within.name_en.label("within_name_en"), within.level.label("within_level"),
         Claim.value, Claim.qualifier, Claim.kind, Claim.as_of, Claim.is_synthetic,
         Claim.indicator_id, Claim.period, Indicator.title_th.label("claim_title_th"),
         Indicator.title_en.label("claim_title_en"), Indicator.baseline_value,
         Indicator.baseline_qualifier, Indicator.baseline_as_of],
        [Claim.kind, Claim.measure, Claim.within_code, Claim.within_village_no],
        joins=[(Indicator, Indicator.id == Claim.indicator_id, False),
               (within, within.code == Claim.within_code, True)])
    in_village = frame["within_village_no"] > 0
    frame.insert(6, "within_code",
                 _full_codes(frame["within_area_code"], frame["within_village_no"]))
    frame.loc[in_village, "within_level"] = "village"
    return frame


def indicators(engine: Engine) -> pd.DataFrame:
    """What each programme counts, with its title and baseline (value, date, source)."""
    within = aliased(Area)
    query = (
        select(Indicator.id.label("indicator_id"), Indicator.programme_id,
               *_programme_columns(), Indicator.measure, Indicator.level,
               Indicator.within_code.label("within_area_code"), Indicator.within_village_no,
               within.name_th.label("within_name_th"), within.name_en.label("within_name_en"),
               Indicator.title_th.label("claim_title_th"),
               Indicator.title_en.label("claim_title_en"), Indicator.baseline_value,
               Indicator.baseline_qualifier, Indicator.baseline_as_of,
               Source.file_name.label("baseline_source_file"),
               Source.quote.label("baseline_source_quote"))
        .join(Programme, Programme.id == Indicator.programme_id)
        .outerjoin(within, within.code == Indicator.within_code)
        .outerjoin(Source, Source.id == Indicator.baseline_source_id)
        .order_by(Programme.slug, Indicator.natural_key)
    )
    return _frame(engine, query)


def place_mentions(engine: Engine) -> pd.DataFrame:
    """Places the sources name but that fit no single area (candidates space-separated)."""
    return _cited_rows(engine, PlaceMention, "place_mention_id",
                       [PlaceMention.name_as_written, PlaceMention.level,
                        PlaceMention.resolution, PlaceMention.candidate_codes],
                       [PlaceMention.name_as_written])


def events(engine: Engine) -> pd.DataFrame:
    """Dated happenings (forum, meeting, training …) of each programme, oldest first."""
    return _cited_rows(engine, Event, "event_id",
                       [Event.kind, Event.held, Event.name_th, Event.name_en], [Event.held])


def networks(engine: Engine) -> pd.DataFrame:
    frame = _cited_rows(engine, Network, "network_id",
                        [Network.name_th, Network.name_en, Network.number, Network.area_code],
                        [Network.number, Network.name_th])
    frame["number"] = frame["number"].astype("Int64")
    return frame


def organisations(engine: Engine) -> pd.DataFrame:
    """Organisations with how many programmes they take part in."""
    taking_part = (
        select(PartnerRole.organisation_id,
               func.count(PartnerRole.programme_id.distinct()).label("programme_count"))
        .group_by(PartnerRole.organisation_id).subquery()
    )
    query = (
        select(Organisation.id.label("organisation_id"), Organisation.slug,
               Organisation.name_th, Organisation.name_en, Organisation.abbreviation,
               Organisation.org_type, Organisation.province_code,
               func.coalesce(taking_part.c.programme_count, 0).label("programme_count"))
        .outerjoin(taking_part, taking_part.c.organisation_id == Organisation.id)
        .order_by(Organisation.slug)
    )
    return _frame(engine, query)


def logos(engine: Engine) -> pd.DataFrame:
    """The organisations' logos an admin uploaded: organisation_id, slug, media_type, content
    (checked, re-encoded image bytes), width, height, uploaded_at, uploaded_by."""
    query = (
        select(OrganisationLogo.organisation_id, Organisation.slug, OrganisationLogo.media_type,
               OrganisationLogo.content, OrganisationLogo.width, OrganisationLogo.height,
               OrganisationLogo.uploaded_at, OrganisationLogo.uploaded_by)
        .join(Organisation, Organisation.id == OrganisationLogo.organisation_id)
        .order_by(Organisation.slug)
    )
    return _frame(engine, query)


def sources(engine: Engine) -> pd.DataFrame:
    query = (
        select(Source.id.label("source_id"), Source.kind, Source.file_name,
               Source.content_sha256, Source.quote, Source.note, Source.title,
               Source.publisher, Source.published, Source.url, Source.document_note,
               Source.document_note_en, Source.created_at,
               Source.created_by, Source.import_file_id)
        .order_by(Source.kind, Source.file_name, Source.id)
    )
    return _frame(engine, query)
