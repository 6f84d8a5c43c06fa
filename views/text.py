"""Interface text in Thai (first) and English."""

from __future__ import annotations

LANGUAGES = ("th", "en")
LANGUAGE_NAMES = {"th": "ไทย", "en": "English"}

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"th": "แผนที่โครงการชุมชนและจังหวัดคุณธรรม",
                  "en": "Community and Moral Province Programmes Map"},
    "language": {"th": "ภาษา / Language", "en": "Language / ภาษา"},
    "page_overview": {"th": "ภาพรวม", "en": "Overview"},
    "page_explorer": {"th": "สำรวจแผนที่", "en": "Map explorer"},
    "page_programmes": {"th": "โครงการ", "en": "Programmes"},
    "page_partners": {"th": "ภาคี", "en": "Partners"},
    "page_presenter": {"th": "โหมดนำเสนอ", "en": "Presenter mode"},
    "page_import": {"th": "นำเข้าข้อมูล", "en": "Import data"},
    "region": {"th": "ภาค", "en": "Region"},
    "province": {"th": "จังหวัด", "en": "Province"},
    "district": {"th": "อำเภอ", "en": "District"},
    "subdistrict": {"th": "ตำบล", "en": "Subdistrict"},
    "village": {"th": "หมู่บ้าน", "en": "Village"},
    "provinces_by_region": {"th": "จังหวัดจำแนกตามภาค", "en": "Provinces by region"},
    "boundaries_missing": {"th": "ไม่พบข้อมูลขอบเขตการปกครอง", "en": "Boundary data not found"},
    "no_data": {"th": "ไม่มีข้อมูล", "en": "No data"},
    "programme_count": {"th": "จำนวนโครงการ", "en": "Programmes"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, falling back to Thai; `{name}` fields filled in."""
    entry = TEXT[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**values) if values else text
