"""Boundary sources: formats, normalisation, validation, cache, CLI and fetch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import geopandas as gpd
import pytest
from geopandas.testing import assert_geodataframe_equal
from shapely.geometry import Polygon, box

import settings
from geo import BoundarySourceError, BoundaryValidationError, load_boundaries
from geo import build as build_module
from geo.build import cache_key, current_cache_key, validate
from geo.fetch import FetchError, fetch_cod_ab
from geo.sources import read_source

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Two provinces, three districts, four subdistricts: squares that tile each other.
SUBDISTRICTS = [
    ("TH100101", "ตำบลหนึ่ง", "Nueng", box(100.0, 13.0, 100.5, 13.5)),
    ("TH100102", "ตำบลสอง", "Song", box(100.5, 13.0, 101.0, 13.5)),
    ("TH100201", "ตำบลสาม", "Sam", box(100.0, 13.5, 101.0, 14.0)),
    ("TH110101", "ตำบลสี่", "Si", box(101.0, 13.0, 102.0, 14.0)),
]
PROVINCE_NAMES = {"10": ("กรุงเทพมหานคร", "Bangkok"), "11": ("สมุทรปราการ", "Samut Prakan")}
DISTRICT_NAMES = {"1001": ("พระนคร", "Phra Nakhon"), "1002": ("ดุสิต", "Dusit"),
                  "1101": ("เมืองสมุทรปราการ", "Mueang Samut Prakan")}


def fixture_layers(field_case=str.upper) -> dict[int, gpd.GeoDataFrame]:
    """COD-AB-shaped layers; field names cased by `field_case`."""
    adm3 = gpd.GeoDataFrame(
        [{"ADM3_PCODE": c, "ADM3_TH": th, "ADM3_EN": en, "ADM2_PCODE": c[:6],
          "ADM1_PCODE": c[:4], "geometry": g} for c, th, en, g in SUBDISTRICTS], crs=4326)
    adm2 = adm3.dissolve("ADM2_PCODE", as_index=False)[["ADM2_PCODE", "ADM1_PCODE", "geometry"]]
    adm2["ADM2_TH"] = [DISTRICT_NAMES[c[2:]][0] for c in adm2["ADM2_PCODE"]]
    adm2["ADM2_EN"] = [DISTRICT_NAMES[c[2:]][1] for c in adm2["ADM2_PCODE"]]
    adm1 = adm3.dissolve("ADM1_PCODE", as_index=False)[["ADM1_PCODE", "geometry"]]
    adm1["ADM1_TH"] = [PROVINCE_NAMES[c[2:]][0] for c in adm1["ADM1_PCODE"]]
    adm1["ADM1_EN"] = [PROVINCE_NAMES[c[2:]][1] for c in adm1["ADM1_PCODE"]]
    layers = {1: adm1, 2: adm2, 3: adm3}
    return {n: frame.rename(columns={c: field_case(c) for c in frame.columns if c != "geometry"})
            for n, frame in layers.items()}


def write_layers(folder: Path, fmt: str, layers=None) -> Path:
    layers = layers or fixture_layers()
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "gpkg":
        path = folder / "tha_adm.gpkg"
        for n, frame in layers.items():
            frame.to_file(path, layer=f"adm{n}", driver="GPKG")
        return folder
    for n, frame in layers.items():
        if fmt == "geojson":
            frame.to_file(folder / f"adm{n}.geojson", driver="GeoJSON")
        elif fmt == "shp":
            frame.to_file(folder / f"adm{n}.shp", driver="ESRI Shapefile", encoding="utf-8")
        elif fmt == "parquet":
            frame.to_parquet(folder / f"adm{n}.parquet")
    return folder


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(settings.CACHE_DIR_VAR, str(folder))
    return folder


@pytest.mark.parametrize("fmt", ["geojson", "shp", "gpkg", "parquet"])
def test_every_format_normalises_to_the_same_schema(tmp_path, fmt):
    layers = read_source(write_layers(tmp_path / fmt, fmt))
    reference = read_source(write_layers(tmp_path / "reference", "geojson"))
    assert {level: len(frame) for level, frame in layers.items()} == {
        "province": 2, "district": 3, "subdistrict": 4}
    sub = layers["subdistrict"].set_index("code")
    assert sub.loc["100201", ["name_th", "name_en", "parent_code", "province_code",
                              "district_code"]].tolist() == [
        "ตำบลสาม", "Sam", "1002", "10", "1002"]
    assert layers["province"]["code"].tolist() == ["10", "11"]
    assert layers["province"]["parent_code"].isna().all()
    for level in layers:
        assert_geodataframe_equal(
            layers[level].sort_values("code").reset_index(drop=True),
            reference[level].sort_values("code").reset_index(drop=True),
            check_less_precise=True, normalize=True, check_crs=True, check_dtype=False,
        )


def test_field_names_match_case_insensitively(tmp_path):
    folder = write_layers(tmp_path, "geojson", fixture_layers(field_case=str.lower))
    assert read_source(folder)["district"]["code"].tolist() == ["1001", "1002", "1101"]


def test_regions_come_from_the_region_table(tmp_path):
    folder = write_layers(tmp_path, "geojson")
    (folder / "province_regions.csv").write_text(
        "province_code,name_th,name_en,region_en,region_th\n"
        "10,กรุงเทพมหานคร,Bangkok,Central,ภาคกลาง\n11,สมุทรปราการ,Samut Prakan,East,ภาคตะวันออก\n")
    sub = read_source(folder)["subdistrict"].set_index("code")
    assert sub.loc["110101", "region_en"] == "East"
    assert sub.loc["100101", "region_th"] == "ภาคกลาง"


@pytest.mark.parametrize(("break_it", "message"), [
    (lambda layers: layers[3].drop(index=0).pipe(
        lambda f: layers.__setitem__(3, f.assign(ADM3_PCODE=["TH100102"] * 3))),
     "duplicate codes 100102"),
    (lambda layers: layers.__setitem__(2, layers[2].iloc[:2]), "parent district codes missing"),
    (lambda layers: layers[3].__setitem__("ADM3_PCODE", ["TH1001X1", "TH100102", "TH100201",
                                                         "TH110101"]), "not 6 DOPA digits"),
    (lambda layers: layers[1].__setitem__("ADM1_TH", [None, "สมุทรปราการ"]), "without a Thai name"),
    (lambda layers: layers[1].__setitem__("geometry", [None, box(0, 0, 1, 1)]),
     "without geometry"),
])
def test_validation_names_each_problem(tmp_path, break_it, message):
    layers = fixture_layers()
    break_it(layers)
    with pytest.raises(BoundaryValidationError, match=message):
        validate(read_source(write_layers(tmp_path, "geojson", layers)))


def test_validation_checks_the_expected_counts(tmp_path):
    layers = read_source(write_layers(tmp_path, "geojson"))
    with pytest.raises(BoundaryValidationError, match="province: 2 areas, expected 77"):
        validate(layers, {"province": 77, "district": 3, "subdistrict": 4})


def test_invalid_geometry_is_repaired_and_reported(tmp_path):
    layers = fixture_layers()
    bowtie = Polygon([(101, 13), (102, 14), (102, 13), (101, 14)])
    layers[3].loc[3, "geometry"] = bowtie
    report = validate(read_source(write_layers(tmp_path, "geojson", layers)))
    assert report["repaired_geometries"] == {"subdistrict": 1}


def test_child_outside_its_parent_is_a_warning(tmp_path):
    layers = fixture_layers()
    layers[3].loc[3, "geometry"] = box(100.0, 13.0, 100.2, 13.2)  # inside province 10, coded 11
    report = validate(read_source(write_layers(tmp_path, "geojson", layers)))
    assert any("110101" in warning for warning in report["warnings"])


@pytest.mark.parametrize(("remove", "message"), [
    ("adm3.geojson", "no layer with an ADM3_PCODE field"),
    ("adm1.geojson", "no layer with an ADM1_PCODE field"),
])
def test_incomplete_source_says_what_is_missing_and_how_to_fix(tmp_path, remove, message):
    folder = write_layers(tmp_path, "geojson")
    (folder / remove).unlink()
    with pytest.raises(BoundarySourceError, match=message) as error:
        read_source(folder)
    assert "BOUNDARY_SOURCE" in str(error.value)


def test_cache_key_follows_content_not_time(tmp_path):
    folder = write_layers(tmp_path, "geojson")
    key = cache_key(folder)
    os.utime(folder / "adm1.geojson", (1, 1))
    assert cache_key(folder) == key
    data = json.loads((folder / "adm1.geojson").read_text())
    data["features"][0]["properties"]["ADM1_EN"] = "Krung Thep"
    (folder / "adm1.geojson").write_text(json.dumps(data))
    assert cache_key(folder) != key


def test_build_caches_and_rebuilds_on_change(tmp_path, cache_dir):
    folder = write_layers(tmp_path / "src", "geojson")
    first = load_boundaries(folder)
    assert first.counts() == {"province": 2, "district": 3, "subdistrict": 4}
    cached = list((cache_dir / "boundaries").iterdir())
    assert [p.name for p in cached] == [first.report["cache_key"]]
    again = load_boundaries(folder)
    assert again.report["cache_key"] == first.report["cache_key"]
    assert_geodataframe_equal(again.layer("district"), first.layer("district"))
    data = json.loads((folder / "adm1.geojson").read_text())
    data["features"][0]["properties"]["ADM1_EN"] = "Krung Thep"
    (folder / "adm1.geojson").write_text(json.dumps(data))
    changed = load_boundaries(folder)
    assert changed.report["cache_key"] != first.report["cache_key"]
    assert "Krung Thep" in changed.layer("province")["name_en"].tolist()


def test_corrupt_cache_is_rebuilt(tmp_path, cache_dir):
    folder = write_layers(tmp_path / "src", "geojson")
    built = load_boundaries(folder)
    parquet = cache_dir / "boundaries" / built.report["cache_key"] / "district.parquet"
    parquet.write_bytes(b"not a parquet file")
    rebuilt = load_boundaries(folder)
    assert rebuilt.counts()["district"] == 3
    assert parquet.read_bytes()[:4] == b"PAR1"


def test_gazetteer_cross_check_lists_codes_without_polygons(tmp_path, cache_dir):
    report = load_boundaries(write_layers(tmp_path, "geojson")).report
    # The fixture draws 2 of 77 provinces: the other 75 are current codes without a polygon.
    assert len(report["missing_polygons"]["province"]) == 75
    assert "12" in report["missing_polygons"]["province"]
    # Every fixture code is a current DOPA code.
    assert report["not_in_gazetteer"] == {"province": [], "district": [], "subdistrict": []}


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


def test_cli_info_on_the_shared_source_prints_the_counts():
    result = run_cli("info")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert {k: info[k] for k in ("province", "district", "subdistrict")} == {
        "province": 77, "district": 928, "subdistrict": 7425}
    # The 2019 layers predate 14 current subdistrict codes (e.g. Bangkok's newer khwaeng).
    assert "100910" in info["missing_polygons"]["subdistrict"]
    assert info["missing_polygons"]["province"] == []


def test_cli_build_prints_a_summary(tmp_path):
    folder = write_layers(tmp_path / "src", "gpkg")
    result = run_cli("build", "--source", str(folder),
                     env={settings.CACHE_DIR_VAR: str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert "Built 2 provinces, 3 districts, 4 subdistricts" in result.stdout


@pytest.mark.parametrize("make_source", [
    lambda tmp: tmp / "nowhere",
    lambda tmp: (tmp / "empty").mkdir() or tmp / "empty",
    lambda tmp: (tmp / "bad").mkdir() or (tmp / "bad" / "adm1.geojson").write_text("{oops")
    or tmp / "bad",
])
def test_cli_broken_source_is_one_clear_line(tmp_path, make_source):
    result = run_cli("build", "--source", str(make_source(tmp_path)),
                     env={settings.CACHE_DIR_VAR: str(tmp_path / "cache")})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    assert "BOUNDARY_SOURCE" in result.stderr


@pytest.fixture
def hdx_server(tmp_path):
    """A stand-in for HDX on 127.0.0.1 serving a dataset listing and zipped layers."""
    root = tmp_path / "www"
    layers = write_layers(tmp_path / "layers", "gpkg")
    (root / "files").mkdir(parents=True)
    with zipfile.ZipFile(root / "files" / "tha_adm_gpkg.zip", "w") as zipped:
        zipped.write(layers / "tha_adm.gpkg", "tha_adm.gpkg")
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_QuietHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_port}"
    (root / "api" / "3" / "action").mkdir(parents=True)
    (root / "api" / "3" / "action" / "package_show").write_text(json.dumps({
        "success": True, "result": {"resources": [
            {"name": "tha_adm_xlsx.zip", "format": "XLSX", "url": f"{base}/files/none.xlsx"},
            {"name": "tha_adm_gpkg.zip", "format": "Geopackage",
             "url": f"{base}/files/tha_adm_gpkg.zip"},
        ]}}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def translate_path(self, path):
        return super().translate_path(path.split("?")[0])


def test_fetch_downloads_and_checks_the_layers(tmp_path, hdx_server, cache_dir):
    dest = fetch_cod_ab(hdx_server, tmp_path / "fetched")
    assert (dest / "tha_adm.gpkg").exists()
    assert load_boundaries(dest).counts() == {"province": 2, "district": 3, "subdistrict": 4}


def test_fetch_cli_against_the_local_server(tmp_path, hdx_server):
    result = run_cli("fetch", "--url", hdx_server, "--dest", str(tmp_path / "fetched"),
                     env={settings.CACHE_DIR_VAR: str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert "Built 2 provinces" in result.stdout
    assert f"BOUNDARY_SOURCE={tmp_path / 'fetched'}" in result.stdout


def test_fetch_without_a_server_says_what_to_do(tmp_path):
    started = time.monotonic()
    with pytest.raises(FetchError, match="BOUNDARY_SOURCE"):
        fetch_cod_ab("http://127.0.0.1:9", tmp_path / "fetched")
    assert time.monotonic() - started < 30


def test_current_cache_key_hashes_again_only_when_a_file_changes(tmp_path, monkeypatch,
                                                                 cache_dir):
    folder = write_layers(tmp_path, "geojson")
    hashed = []
    monkeypatch.setattr(build_module, "cache_key",
                        lambda source: hashed.append(source) or cache_key(source))
    key = current_cache_key(folder)
    assert current_cache_key(folder) == key and len(hashed) == 1  # stat only, no hash
    build_module._cache_key_of.cache_clear()  # as in a restarted server
    assert current_cache_key(folder) == key and len(hashed) == 1  # remembered on disk
    (cache_dir / build_module.KNOWN_KEYS_FILE).write_text("{not json")
    build_module._cache_key_of.cache_clear()
    assert current_cache_key(folder) == key and len(hashed) == 2  # unreadable: hashed again
    data = json.loads((folder / "adm1.geojson").read_text())
    data["features"][0]["properties"]["ADM1_EN"] = "Krung Thep"
    (folder / "adm1.geojson").write_text(json.dumps(data))
    assert current_cache_key(folder) != key and len(hashed) == 3
    (folder / "adm3.geojson").unlink()
    with pytest.raises(BoundarySourceError, match="ADM3_PCODE"):
        current_cache_key(folder)
    with pytest.raises(BoundarySourceError, match="does not exist"):
        current_cache_key(tmp_path / "nowhere")
