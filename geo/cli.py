"""Command line for the boundary layers; errors become one clear line, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.assets import AssetsMissing, install_leaflet
from geo.build import build
from geo.fetch import DEFAULT_HDX_URL, FetchError, fetch_cod_ab
from geo.sources import BoundarySourceError


def _summary(boundaries) -> str:
    report = boundaries.report
    counts = ", ".join(f"{n:,} {level}s" for level, n in boundaries.counts().items())
    missing = {k: len(v) for k, v in report["missing_polygons"].items() if v}
    lines = [
        f"Built {counts} from {report['source']}",
        f"cache key {report['cache_key']} (built in {report['build_seconds']} s)",
        f"DOPA gazetteer {report['gazetteer_version']}: current codes without a polygon: "
        + (", ".join(f"{n} {level}" for level, n in missing.items()) or "none"),
    ]
    lines += [f"warning: {w}" for w in report["warnings"]]
    lines += [f"repaired {n} invalid {level} geometries"
              for level, n in report["repaired_geometries"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build and cache the boundary layers")
    build_cmd.add_argument("--source", type=Path, help="folder or file with the COD-AB layers")
    build_cmd.add_argument("--force", action="store_true", help="rebuild even if cached")
    info_cmd = commands.add_parser("info", help="print feature counts and gazetteer gaps as JSON")
    info_cmd.add_argument("--source", type=Path)
    fetch_cmd = commands.add_parser("fetch", help="download the current COD-AB from HDX")
    fetch_cmd.add_argument("--dest", type=Path, help="folder to write the layers to")
    fetch_cmd.add_argument("--url", default=DEFAULT_HDX_URL, help="HDX base URL")
    commands.add_parser("assets", help="install Leaflet for offline maps (needs npm once)")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            print(_summary(build(args.source, force=args.force)))
        elif args.command == "info":
            boundaries = build(args.source)
            report = boundaries.report
            print(json.dumps({
                **boundaries.counts(),
                "missing_polygons": report["missing_polygons"],
                "not_in_gazetteer": report["not_in_gazetteer"],
                "gazetteer_version": report["gazetteer_version"],
                "source": report["source"],
            }, ensure_ascii=False))
        elif args.command == "fetch":
            dest = fetch_cod_ab(args.url, args.dest)
            print(f"Downloaded COD-AB layers to {dest}")
            print(_summary(build(dest)))
            print(f"Use them with: export BOUNDARY_SOURCE={dest}")
        elif args.command == "assets":
            print(f"Leaflet installed in {install_leaflet()}")
    except (BoundarySourceError, FetchError, AssetsMissing) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
