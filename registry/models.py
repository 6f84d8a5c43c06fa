"""The registry's tables: who does what, where, against which target, and on whose word.

Every rule that keeps the data honest is a database constraint (foreign keys,
CHECKs on vocabularies and non-negative figures, natural-key uniques), so that
raw SQL, the importer and the seeder are held to the same rules as the ORM.

Dates are kept at the precision their source gives, as EDTF / ISO 8601 text
(`EdtfDate`: "2016-09-07/2016-09-08", "2019-06", "2016"; see dates.py), and a
period given only as its longest length as an ISO 8601 duration ("P3Y").

Two natural keys contain nullable columns, and SQL treats NULLs as distinct in a
UNIQUE constraint. Rather than COALESCE expression indexes (which differ between
back ends), coverage uses two partial unique indexes (year present / absent,
declared in the migration) and claims and networks carry a `natural_key` column
that the model fills from its key fields before every insert or update.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from dates import DateValue, from_edtf, parse_limit, parse_when
from geo.levels import ALL_LEVELS, LEVELS, village_code

# Stable constraint names make later Alembic migrations (and SQLite batch
# rebuilds) possible without guessing what the back end called things.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

COVERAGE_STATUSES = ("planned", "active", "completed")
# NULL = the documents do not say.
PROGRAMME_STATUSES = ("planned", "signed", "active", "completed", "ended")
THEMES = ("moral_province", "community_strengthening", "resilience", "community_happiness",
          "other")
ORG_TYPES = ("public_organisation", "government_department", "state_agency", "foundation",
             "association", "university", "academic_centre", "local_administration",
             "community_network", "provincial_office", "other")
ROLES = ("lead", "signatory", "academic_support", "implementing", "host", "funder",
         "tool_developer", "supporting")
# target: what the programme aims at; actual: what it reports; context: a figure about
# the situation before or around the programme, never progress towards its target.
CLAIM_KINDS = ("target", "actual", "context")
# Dated happenings of a programme other than its signing (which is `signed_on`).
EVENT_KINDS = ("forum", "meeting", "training", "ceremony")
EDTF_LENGTH = 40
# start_on <= end_on compared at the coarser of the two precisions (EDTF text).
PERIOD_ORDER = ("end_on IS NULL OR start_on IS NULL OR substr(start_on, 1, CASE WHEN"
                " length(start_on) < length(end_on) THEN length(start_on) ELSE length(end_on)"
                " END) <= substr(end_on, 1, CASE WHEN length(start_on) < length(end_on) THEN"
                " length(start_on) ELSE length(end_on) END)")
# NULL = the figure is exact.
QUALIFIERS = ("at_least", "more_than", "at_most", "about", "per_year", "at_least_per_area")
SOURCE_KINDS = ("seed", "import", "edit")
RESOLUTIONS = ("ambiguous", "unknown")
VILLAGE_NO_MAX = 99
# The largest figure (target or actual) the registry holds: more than any count of
# villages, households or people in Thailand, and a bound that keeps NaN and infinity out.
FIGURE_MAX = 1_000_000_000


class EdtfDate(TypeDecorator):
    """A date at its source's precision, stored as EDTF text and read back as that text.

    Accepts a DateValue, a `datetime.date` (a day) or EDTF text; anything else, or
    text that is no EDTF date, is refused before it reaches the database.
    """

    impl = String(EDTF_LENGTH)
    cache_ok = True

    def process_bind_param(self, value, _dialect) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str):
            return from_edtf(value).edtf()
        if isinstance(value, DateValue | dt.date):
            return parse_when(value).edtf()
        raise TypeError(f"{value!r} is no date; give a DateValue, a date or EDTF text")


class DurationText(TypeDecorator):
    """A period's longest length ("ไม่เกิน 3 ปี") stored as an ISO 8601 duration (P3Y)."""

    impl = String(12)
    cache_ok = True

    def process_bind_param(self, value, _dialect) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return parse_limit(value).iso()


def edtf_text(value: DateValue | dt.date | str | None) -> str | None:
    """The EDTF text the registry stores for `value` (None for none)."""
    return EdtfDate().process_bind_param(value, None)


def _one_of(column: str, values: tuple[str, ...], *, nullable: bool = False) -> str:
    allowed = ", ".join(f"'{value}'" for value in values)
    check = f"{column} IN ({allowed})"
    return f"{column} IS NULL OR {check}" if nullable else check


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Area(Base):
    """One gazetteer area; coverage, claims and networks may only name these codes.

    `has_polygon` is NULL until a sync told the registry which codes the boundary
    layers draw (then True/False); codes drawn but no longer listed by DOPA are
    kept with `in_dopa` False so old coverage stays valid and visible.
    """

    __tablename__ = "areas"
    __table_args__ = (
        CheckConstraint(_one_of("level", LEVELS), name="level"),
        CheckConstraint(
            "(level = 'province' AND length(code) = 2) OR (level = 'district' AND length(code) = 4)"
            " OR (level = 'subdistrict' AND length(code) = 6)",
            name="code_length",
        ),
    )

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    level: Mapped[str] = mapped_column(String(12))
    name_th: Mapped[str | None] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    parent_code: Mapped[str | None] = mapped_column(String(6))
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    in_dopa: Mapped[bool] = mapped_column(Boolean)
    has_polygon: Mapped[bool | None] = mapped_column(Boolean)


class ImportFile(Base):
    """An uploaded file kept byte for byte, so an import can be traced and undone."""

    __tablename__ = "import_files"
    __table_args__ = (CheckConstraint("size >= 0", name="size_non_negative"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(100))
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Source(Base):
    """A citation: a document (seed file, import file or user edit) and a short quote of it."""

    __tablename__ = "sources"
    __table_args__ = (
        CheckConstraint(_one_of("kind", SOURCE_KINDS), name="kind"),
        CheckConstraint("kind <> 'import' OR import_file_id IS NOT NULL", name="import_has_file"),
        UniqueConstraint("kind", "file_name", "content_sha256", "quote"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    file_name: Mapped[str] = mapped_column(String(255))
    # Empty for a user edit, which has no document.
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    # Empty when the whole document is the evidence (e.g. an imported row).
    quote: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str | None] = mapped_column(Text)
    # The document as a reader would cite it; NULL where the document does not say.
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[str | None] = mapped_column(EdtfDate)
    url: Mapped[str | None] = mapped_column(Text)
    # The dashboard's own note on the above (e.g. a title it supplied), never the document's.
    document_note: Mapped[str | None] = mapped_column(Text)
    # The same note in English; NULL until written (pages then show the Thai one).
    document_note_en: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    import_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_files.id", ondelete="RESTRICT"), index=True)

    import_file: Mapped[ImportFile | None] = relationship()


class Organisation(Base):
    __tablename__ = "organisations"
    __table_args__ = (
        CheckConstraint(_one_of("org_type", ORG_TYPES), name="org_type"),
        CheckConstraint("province_code IS NULL OR length(province_code) = 2", name="province"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    abbreviation: Mapped[str | None] = mapped_column(String(100))
    org_type: Mapped[str] = mapped_column(String(40))
    province_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"))


LOGO_MEDIA_TYPES = ("image/png", "image/jpeg")


class OrganisationLogo(Base):
    """An organisation's logo as an admin uploaded it (checked as an image of
    LOGO_MEDIA_TYPES and size-limited before storing, views.logos); one per organisation."""

    __tablename__ = "organisation_logos"
    __table_args__ = (
        CheckConstraint(_one_of("media_type", LOGO_MEDIA_TYPES), name="media_type"),
        CheckConstraint("width > 0 AND height > 0", name="size"),
    )

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(20))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    uploaded_by: Mapped[str] = mapped_column(String(100))


class Programme(Base):
    """A programme or agreement (MOU).

    Dates are EDTF text at their source's precision (CE), NULL when no document gives
    one; `period_limit` is the longest the period may last when the source gives only
    that ("ไม่เกิน 3 ปี" = P3Y). A start and an end are one day, month or year each
    (no range); they are in order when their common-precision prefixes are
    ("2019-06-12" … "2019-06" is, though the longer text sorts after the shorter).
    """

    __tablename__ = "programmes"
    __table_args__ = (
        CheckConstraint(_one_of("theme", THEMES), name="theme"),
        CheckConstraint(_one_of("status", PROGRAMME_STATUSES, nullable=True), name="status"),
        CheckConstraint("start_on IS NULL OR length(start_on) IN (4, 7, 10)", name="start_unit"),
        CheckConstraint("end_on IS NULL OR length(end_on) IN (4, 7, 10)", name="end_unit"),
        CheckConstraint(PERIOD_ORDER, name="period_order"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title_th: Mapped[str] = mapped_column(String(500))
    title_en: Mapped[str | None] = mapped_column(String(500))
    theme: Mapped[str] = mapped_column(String(40))
    signed_on: Mapped[str | None] = mapped_column(EdtfDate)
    start_on: Mapped[str | None] = mapped_column(EdtfDate)
    end_on: Mapped[str | None] = mapped_column(EdtfDate)
    period_limit: Mapped[str | None] = mapped_column(DurationText)
    status: Mapped[str | None] = mapped_column(String(20))
    description_th: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)


class ProgrammeSource(Base):
    """A document a programme cites, and which of its facts (title, signed_on, …) it supports."""

    __tablename__ = "programme_sources"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    field: Mapped[str] = mapped_column(String(40), primary_key=True, default="programme")


class PartnerRole(Base):
    """One role of one organisation in a programme; an organisation may hold several."""

    __tablename__ = "partner_roles"
    __table_args__ = (
        CheckConstraint(_one_of("role", ROLES), name="role"),
        UniqueConstraint("programme_id", "organisation_id", "role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"),
                                              index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    # What the document says this partner does, in its words' meaning.
    description: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)


class Coverage(Base):
    """A programme's presence in one area. A village is its subdistrict code + village_no.

    village_no is 0 for every level but village (1..99), so the natural key has no
    NULL in it but `year`; the migration adds the two partial unique indexes.
    """

    __tablename__ = "coverage"
    __table_args__ = (
        CheckConstraint(_one_of("level", ALL_LEVELS), name="level"),
        CheckConstraint(_one_of("status", COVERAGE_STATUSES), name="status"),
        CheckConstraint(
            "(level = 'province' AND length(area_code) = 2 AND village_no = 0)"
            " OR (level = 'district' AND length(area_code) = 4 AND village_no = 0)"
            " OR (level = 'subdistrict' AND length(area_code) = 6 AND village_no = 0)"
            " OR (level = 'village' AND length(area_code) = 6"
            f" AND village_no BETWEEN 1 AND {VILLAGE_NO_MAX})",
            name="code_fits_level",
        ),
        CheckConstraint("year IS NULL OR year BETWEEN 1900 AND 2200", name="year_ce"),
        Index("uq_coverage_natural_key_year", "programme_id", "level", "area_code", "village_no",
              "year", unique=True, sqlite_where=text("year IS NOT NULL"),
              postgresql_where=text("year IS NOT NULL")),
        Index("uq_coverage_natural_key_no_year", "programme_id", "level", "area_code",
              "village_no", unique=True, sqlite_where=text("year IS NULL"),
              postgresql_where=text("year IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"),
                                              index=True)
    level: Mapped[str] = mapped_column(String(12))
    area_code: Mapped[str] = mapped_column(ForeignKey("areas.code"), index=True)
    village_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    status: Mapped[str] = mapped_column(String(12))
    year: Mapped[int | None] = mapped_column(Integer)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def code(self) -> str:
        """The area's full code: 8 digits for a village."""
        return village_code(self.area_code, self.village_no) if self.village_no else self.area_code


class PlaceMention(Base):
    """A place a source names that resolves to no single area; never turned into coverage."""

    __tablename__ = "place_mentions"
    __table_args__ = (
        CheckConstraint(_one_of("level", ALL_LEVELS), name="level"),
        CheckConstraint(_one_of("resolution", RESOLUTIONS), name="resolution"),
        UniqueConstraint("programme_id", "name_as_written", "level"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"),
                                              index=True)
    name_as_written: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(12))
    resolution: Mapped[str] = mapped_column(String(12))
    # Space-separated area codes the name fits; empty when it fits none.
    candidate_codes: Mapped[str] = mapped_column(Text, default="")
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)


class MeasureCode(Base):
    """The measures a figure may count: registry.measures.MEASURE_TABLE, synced by
    registry.db.migrate, so a new measure needs no migration (a CHECK listing them would)."""

    __tablename__ = "measures"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)


class Indicator(Base):
    """What a programme counts (IATI: a result's indicator): a measure, the level of the
    areas counted, the area it is counted within (NULL = national), its title in the
    document's words, and optionally a baseline (value, date, source) before the programme.

    Its targets, reported figures and context figures are `claims` rows pointing at it.
    """

    __tablename__ = "indicators"
    __table_args__ = (
        CheckConstraint(_one_of("level", ALL_LEVELS, nullable=True), name="level"),
        CheckConstraint(_one_of("baseline_qualifier", QUALIFIERS, nullable=True),
                        name="baseline_qualifier"),
        CheckConstraint("baseline_value IS NULL OR baseline_value >= 0",
                        name="baseline_non_negative"),
        CheckConstraint("baseline_value IS NULL OR baseline_source_id IS NOT NULL",
                        name="baseline_cited"),
        CheckConstraint("within_village_no = 0 OR (within_village_no BETWEEN 1 AND "
                        f"{VILLAGE_NO_MAX} AND length(within_code) = 6)", name="within_village"),
        UniqueConstraint("programme_id", "natural_key"),
        # What a claim's composite foreign key points at: its programme and measure agree.
        UniqueConstraint("id", "programme_id", "measure"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    measure: Mapped[str] = mapped_column(ForeignKey("measures.code"))
    level: Mapped[str | None] = mapped_column(String(12))
    within_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"), index=True)
    within_village_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # What is counted, in the document's words ("ตำบลต้นแบบ"); NULL = the measure says it.
    title_th: Mapped[str | None] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(Text)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_qualifier: Mapped[str | None] = mapped_column(String(20))
    baseline_as_of: Mapped[str | None] = mapped_column(EdtfDate)
    baseline_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"),
                                                           index=True)
    natural_key: Mapped[str] = mapped_column(String(200))

    @staticmethod
    def key_of(measure: str, level: str | None, within_code: str | None,
               within_village_no: int = 0) -> str:
        return "|".join([measure, level or "", within_code or "", str(within_village_no or 0)])


class Claim(Base):
    """A figure of one indicator: a target, a reported figure (actual) or a context figure,
    for a period (NULL = the programme's whole period), as of a date; never expanded into
    areas. measure/level/within repeat the indicator's (the indicator is found or made
    from them on insert) so that one row reads on its own."""

    __tablename__ = "claims"
    __table_args__ = (
        ForeignKeyConstraint(["indicator_id", "programme_id", "measure"],
                             ["indicators.id", "indicators.programme_id", "indicators.measure"],
                             ondelete="CASCADE", name="fk_claims_indicator"),
        CheckConstraint(_one_of("level", ALL_LEVELS, nullable=True), name="level"),
        CheckConstraint(_one_of("kind", CLAIM_KINDS), name="kind"),
        CheckConstraint(_one_of("qualifier", QUALIFIERS, nullable=True), name="qualifier"),
        CheckConstraint("value >= 0", name="value_non_negative"),
        CheckConstraint(f"value <= {FIGURE_MAX}", name="value_range"),
        CheckConstraint("within_village_no = 0 OR (within_village_no BETWEEN 1 AND "
                        f"{VILLAGE_NO_MAX} AND length(within_code) = 6)", name="within_village"),
        UniqueConstraint("programme_id", "natural_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    measure: Mapped[str] = mapped_column(String(40))
    # Level of the unit counted (villages -> village); NULL for units that are no area.
    level: Mapped[str | None] = mapped_column(String(12))
    # The area the count is within; NULL when the document names none (national).
    within_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"), index=True)
    # A count within a village: within_code is its subdistrict, this its number (0 = none).
    within_village_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    indicator_id: Mapped[int] = mapped_column(Integer, index=True)
    value: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(10))
    # The period a target or reported figure is for; NULL = the programme's whole period.
    period: Mapped[str | None] = mapped_column(EdtfDate)
    qualifier: Mapped[str | None] = mapped_column(String(20))
    as_of: Mapped[str | None] = mapped_column(EdtfDate)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    natural_key: Mapped[str] = mapped_column(String(200))

    @staticmethod
    def key_of(measure: str, level: str | None, within_code: str | None, kind: str,
               as_of: DateValue | dt.date | str | None, within_village_no: int = 0,
               period: DateValue | str | None = None) -> str:
        within = village_code(within_code, within_village_no) if within_village_no else (
            within_code or "")
        key = "|".join([measure, level or "", within, kind, edtf_text(as_of) or ""])
        return f"{key}|{edtf_text(period)}" if period else key

    @property
    def within(self) -> str | None:
        """The full code counted within: 8 digits for a village."""
        if self.within_village_no:
            return village_code(self.within_code, self.within_village_no)
        return self.within_code


class Event(Base):
    """A dated happening of a programme a document reports (a forum, a meeting, a training)."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_one_of("kind", EVENT_KINDS), name="kind"),
        UniqueConstraint("programme_id", "kind", "held"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    held: Mapped[str] = mapped_column(EdtfDate)
    name_th: Mapped[str | None] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)


class Network(Base):
    """A network a document actually names or numbers (a bare count is a Claim instead)."""

    __tablename__ = "networks"
    __table_args__ = (
        CheckConstraint("name_th IS NOT NULL OR name_en IS NOT NULL OR number IS NOT NULL",
                        name="identified"),
        CheckConstraint("number IS NULL OR number >= 0", name="number_non_negative"),
        UniqueConstraint("programme_id", "natural_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    name_th: Mapped[str | None] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    number: Mapped[int | None] = mapped_column(Integer)
    area_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    natural_key: Mapped[str] = mapped_column(String(400))

    @staticmethod
    def key_of(number: int | None, name_th: str | None, area_code: str | None) -> str:
        return "|".join(["" if number is None else str(number), name_th or "", area_code or ""])


@event.listens_for(Claim, "before_insert")
@event.listens_for(Claim, "before_update")
def _claim_key(_mapper, connection, claim: Claim) -> None:
    claim.natural_key = Claim.key_of(claim.measure, claim.level, claim.within_code, claim.kind,
                                     claim.as_of, claim.within_village_no or 0, claim.period)
    claim.indicator_id = indicator_id(connection, claim.programme_id, claim.measure,
                                      claim.level, claim.within_code,
                                      claim.within_village_no or 0)


def indicator_id(connection, programme_id: int, measure: str, level: str | None,
                 within_code: str | None, within_village_no: int = 0) -> int:
    """The id of a programme's indicator, made when it does not exist yet: every writer of
    figures (seed, importer, CSV round trip, forms) gets the same indicator for the same
    measure, level and area."""
    from sqlalchemy import insert, select

    key = Indicator.key_of(measure, level, within_code, within_village_no)
    table = Indicator.__table__
    found = connection.scalar(select(table.c.id).where(
        table.c.programme_id == programme_id, table.c.natural_key == key))
    if found is not None:
        return found
    return connection.execute(insert(table).values(
        programme_id=programme_id, measure=measure, level=level, within_code=within_code,
        within_village_no=within_village_no, natural_key=key)).inserted_primary_key[0]


@event.listens_for(Indicator, "before_insert")
@event.listens_for(Indicator, "before_update")
def _indicator_key(_mapper, _connection, indicator: Indicator) -> None:
    indicator.natural_key = Indicator.key_of(indicator.measure, indicator.level,
                                             indicator.within_code,
                                             indicator.within_village_no or 0)


@event.listens_for(Network, "before_insert")
@event.listens_for(Network, "before_update")
def _network_key(_mapper, _connection, network: Network) -> None:
    network.natural_key = Network.key_of(network.number, network.name_th, network.area_code)


# ---- access and audit (migration 0003) --------------------------------------------------------

USER_ROLES = ("editor", "admin")


class User(Base):
    """Someone who may change the registry; viewers have no account. Only an argon2 hash is kept."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_one_of("role", USER_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))


class _ImportLink:
    """An active import that gives a row, and on which row of its file.

    Undoing an import removes its links; a row it created goes only when no
    other active import still links to it (reference counting).
    """

    import_file_id: Mapped[int] = mapped_column(
        ForeignKey("import_files.id", ondelete="CASCADE"), primary_key=True, index=True)
    row_number: Mapped[int | None] = mapped_column(Integer)


class CoverageImport(_ImportLink, Base):
    """An active import that gives a coverage row."""

    __tablename__ = "coverage_imports"

    coverage_id: Mapped[int] = mapped_column(ForeignKey("coverage.id", ondelete="CASCADE"),
                                             primary_key=True)


class ClaimImport(_ImportLink, Base):
    """An active import that gives a figure."""

    __tablename__ = "claim_imports"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"),
                                          primary_key=True)


class SignInThrottle(Base):
    """Failed sign-ins per account name (case-folded) in the current window.

    Counted with a conditional UPDATE, so simultaneous attempts cannot check more
    passwords than the limit; whether the pause was logged keeps the audit log
    from filling up with refused attempts.
    """

    __tablename__ = "sign_in_throttle"

    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    window_started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    pause_logged: Mapped[bool] = mapped_column(Boolean, default=False,
                                               server_default=text("false"))


class AuditEntry(Base):
    """One change to the registry or its users: who, when, what, and the state before/after.

    `before` and `after` are JSON text; written in the same transaction as the change,
    so a change without its entry (or an entry without its change) cannot exist.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(100))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    import_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_files.id", ondelete="RESTRICT"), index=True)


# ---- the write path: organisation aliases, drafts, documents (migration 0007) ------------------

ALIAS_KINDS = ("abbreviation", "name", "english", "other")
DRAFT_STATUSES = ("draft", "published", "withdrawn", "undone")


class OrganisationAlias(Base):
    """Another way people write an organisation's name (พอช., CODI …), so one body is one record.

    `normalised` (names.raw_key of the alias) is unique across all organisations:
    a spelling can point at one organisation only.
    """

    __tablename__ = "organisation_aliases"
    __table_args__ = (CheckConstraint(_one_of("kind", ALIAS_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(12))
    normalised: Mapped[str] = mapped_column(String(300), unique=True)


class Draft(Base):
    """One proposed change to one programme: the whole programme as JSON, until published.

    Viewers read only the registry tables, so a draft is invisible to them. Publishing
    applies `payload` in one transaction and keeps the programme as it stood (`before`,
    NULL for a new one) and what the publication created (`created`), so it can be undone.
    """

    __tablename__ = "drafts"
    __table_args__ = (CheckConstraint(_one_of("status", DRAFT_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_slug: Mapped[str] = mapped_column(String(100), index=True)
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    published_by: Mapped[str | None] = mapped_column(String(100))
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    before: Mapped[str | None] = mapped_column(Text)
    created: Mapped[str | None] = mapped_column(Text)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    import_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_files.id", ondelete="RESTRICT"), index=True)


class Document(Base):
    """A source document uploaded by an editor (text, HTML or PDF), kept byte for byte."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint("size >= 0", name="size_non_negative"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    uploaded_by: Mapped[str] = mapped_column(String(100))


class RegistryVersion(Base):
    """One row counting the registry's writes: registry.db bumps it in the transaction of
    every write to a registry table, so readers reload their copy only when it moved."""

    __tablename__ = "registry_version"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class RegistryTableVersion(Base):
    """Per registry table, the registry version of its last write (`written`) and of its
    last update or delete (`changed`): registry.db records them with the counter, so a
    reader reloads only the tables that moved."""

    __tablename__ = "registry_table_versions"

    name: Mapped[str] = mapped_column(String(63), primary_key=True)
    written: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer)
