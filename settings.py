"""The one place that names every path and outside setting of the project.

Each setting is read when asked for, in this order: the environment variable,
then `.streamlit/secrets.toml` (the same key in lower case), then the default.
Reading at call time lets tests and the CLI point a run elsewhere.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
DATA_DIR = PROJECT_ROOT / "data"
SEED_DIR = DATA_DIR / "seed"
STATIC_DIR = PROJECT_ROOT / "static"
# Leaflet is installed here from the npm registry by scripts/setup (never committed).
VENDOR_DIR = STATIC_DIR / "vendor"
# URL under which Streamlit's static serving exposes STATIC_DIR.
STATIC_URL = "/app/static"
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"

BOUNDARY_SOURCE_VAR = "BOUNDARY_SOURCE"
CACHE_DIR_VAR = "DASHBOARD_CACHE_DIR"
DATABASE_URL_VAR = "DATABASE_URL"

DEFAULT_BOUNDARY_SOURCE = PROJECT_ROOT.parent / "shared" / "boundaries"
DEFAULT_CACHE_DIR = DATA_DIR / "cache"
DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'registry.sqlite'}"


def _secret(key: str) -> str | None:
    """A top-level string from `.streamlit/secrets.toml`, read without Streamlit."""
    try:
        with SECRETS_FILE.open("rb") as handle:
            value = tomllib.load(handle).get(key)
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return str(value) if value else None


def setting(var: str, default: str) -> str:
    return os.environ.get(var) or _secret(var.lower()) or default


def boundary_source() -> Path:
    return Path(setting(BOUNDARY_SOURCE_VAR, str(DEFAULT_BOUNDARY_SOURCE))).expanduser()


def cache_dir() -> Path:
    return Path(setting(CACHE_DIR_VAR, str(DEFAULT_CACHE_DIR))).expanduser()


def database_url() -> str:
    return setting(DATABASE_URL_VAR, DEFAULT_DATABASE_URL)


SESSION_HOURS_VAR = "SESSION_HOURS"
REGISTRY_CACHE_SECONDS_VAR = "REGISTRY_CACHE_SECONDS"


def session_hours() -> float:
    """How long an editor's sign-in lasts at most (absolute, from sign-in)."""
    return float(setting(SESSION_HOURS_VAR, "8"))


def registry_cache_seconds() -> float:
    """How long a replica trusts its cached registry before asking the database whether it
    changed (one one-row query; the tables are read again only when they did)."""
    return float(setting(REGISTRY_CACHE_SECONDS_VAR, "2"))


DB_CONNECT_TIMEOUT_VAR = "DB_CONNECT_TIMEOUT_SECONDS"
DB_STATEMENT_TIMEOUT_VAR = "DB_STATEMENT_TIMEOUT_SECONDS"


def db_connect_timeout() -> float:
    """Seconds to wait for PostgreSQL to accept a connection (and to answer a liveness check)."""
    return float(setting(DB_CONNECT_TIMEOUT_VAR, "3"))


def db_statement_timeout() -> float:
    """Seconds one PostgreSQL statement may run; the server cancels it, and a connection
    that stays silent longer than this (plus the connect timeout) is cut by the client."""
    return float(setting(DB_STATEMENT_TIMEOUT_VAR, "20"))
