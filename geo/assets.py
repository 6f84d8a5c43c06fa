"""Leaflet served by the app itself, so maps draw with no internet.

Folium points the browser at CDNs for Leaflet, jQuery, Bootstrap and Font
Awesome; a venue without internet then shows a blank map. The maps here use
Leaflet alone, installed from the npm registry by `scripts/setup` into
`static/vendor/` (outside git) and served by Streamlit's static serving.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import settings

LEAFLET_VERSION = "1.9.4"
LEAFLET_DIR = settings.VENDOR_DIR / "leaflet"
LEAFLET_JS_URL = f"{settings.STATIC_URL}/vendor/leaflet/leaflet.js"
LEAFLET_CSS_URL = f"{settings.STATIC_URL}/vendor/leaflet/leaflet.css"
REQUIRED_FILES = ("leaflet.js", "leaflet.css")


class AssetsMissing(Exception):
    """Leaflet is not installed where the app serves it from."""


def leaflet_installed(folder: Path = LEAFLET_DIR) -> bool:
    return all((folder / name).is_file() for name in REQUIRED_FILES)


def install_leaflet(folder: Path = LEAFLET_DIR) -> Path:
    """Fetches the Leaflet package with npm and keeps its `dist/` folder."""
    if leaflet_installed(folder):
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise AssetsMissing("npm is needed once to install Leaflet; install Node.js and npm.")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [npm, "pack", f"leaflet@{LEAFLET_VERSION}", "--silent"],
            cwd=work, check=True, capture_output=True,
        )
        archive = next(Path(work).glob("leaflet-*.tgz"))
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")
        dist = Path(work) / "package" / "dist"
        staging = folder.with_name(folder.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(dist, staging)
        shutil.copy(Path(work) / "package" / "LICENSE", staging / "LICENSE")
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    return folder
