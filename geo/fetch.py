"""Download the current COD-AB for Thailand from HDX (needs internet, once).

HDX is a CKAN site: `package_show` lists a dataset's resources, one of which is
the zipped layers. The base URL is a parameter so that tests point it at a
local server and a deployment can point it at a mirror.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import settings
from geo.sources import BoundarySourceError, discover

DEFAULT_HDX_URL = "https://data.humdata.org"
DATASET = "cod-ab-tha"
# Preferred formats, best first: one file with every layer, then shapefiles, then GeoJSON.
PREFERRED = ("gpkg", "geopackage", "shp", "shapefile", "geojson")
MAX_DOWNLOAD_BYTES = 2 << 30
TIMEOUT_SECONDS = 60


class FetchError(Exception):
    """The download failed; the message says why and what to try."""


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FetchError(
            f"Could not download {url}: {error}. Check the internet connection, or download "
            f"the COD-AB layers by hand and set {settings.BOUNDARY_SOURCE_VAR} to their folder."
        ) from error
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise FetchError(f"{url} is larger than {MAX_DOWNLOAD_BYTES >> 20} MB; refusing it.")
    return data


def choose_resource(resources: list[dict]) -> dict:
    def rank(resource: dict) -> int:
        text = f"{resource.get('format', '')} {resource.get('name', '')}".lower()
        return next((i for i, key in enumerate(PREFERRED) if key in text), len(PREFERRED))

    usable = [r for r in resources if r.get("url") and rank(r) < len(PREFERRED)]
    if not usable:
        names = ", ".join(r.get("name", "?") for r in resources) or "none"
        raise FetchError(f"The HDX dataset {DATASET} lists no boundary layers (found: {names}).")
    return min(usable, key=rank)


def _extract(archive: Path, dest: Path) -> None:
    with zipfile.ZipFile(archive) as zipped:
        total = sum(info.file_size for info in zipped.infolist())
        if total > MAX_DOWNLOAD_BYTES * 4:
            raise FetchError(f"{archive.name} would unpack to {total >> 20} MB; refusing it.")
        for info in zipped.infolist():
            target = (dest / info.filename).resolve()
            if not target.is_relative_to(dest.resolve()):
                raise FetchError(f"{archive.name} holds an unsafe path {info.filename!r}.")
        zipped.extractall(dest)


def fetch_cod_ab(base_url: str = DEFAULT_HDX_URL, dest: Path | None = None) -> Path:
    """Downloads the layers into `dest` (default: the cache folder) and checks them."""
    dest = Path(dest) if dest else settings.cache_dir() / "sources" / DATASET
    listing_url = f"{base_url.rstrip('/')}/api/3/action/package_show?id={DATASET}"
    try:
        listing = json.loads(_get(listing_url))
        resources = listing["result"]["resources"]
    except (ValueError, KeyError, TypeError) as error:
        raise FetchError(f"{listing_url} did not answer with an HDX dataset listing.") from error
    resource = choose_resource(resources)
    partial = dest.with_name(dest.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    file_name = Path(resource["url"].split("?")[0]).name or "layers"
    downloaded = partial / file_name
    downloaded.write_bytes(_get(resource["url"]))
    if zipfile.is_zipfile(downloaded):
        _extract(downloaded, partial)
        downloaded.unlink()
    try:
        discover(partial)
    except BoundarySourceError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise FetchError(f"The download from {resource['url']} is not usable: {error}") from error
    shutil.rmtree(dest, ignore_errors=True)
    partial.rename(dest)
    return dest
