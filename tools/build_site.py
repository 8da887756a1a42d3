"""Build the site into a temporary folder and put it in place only if every step passed.

    python tools/build_site.py [--site-dir site] [--serve]

A failed build (bad data, an unknown citation, a warning under --strict) leaves the
previous ``site/`` untouched.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*cmd: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")  # Material's EOL notice: see README
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def build(site_dir: Path) -> None:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=site_dir.parent))
    try:
        fresh = work / "site"
        run(sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(fresh))
        if site_dir.exists():
            site_dir.rename(work / "previous")
        fresh.rename(site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def serve(site_dir: Path, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving {site_dir} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        server.serve_forever()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--serve", action="store_true", help="serve the built site afterwards")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    try:
        build(args.site_dir)
    except subprocess.CalledProcessError as err:
        print(f"build failed ({err.returncode}); the previous site was left as it was",
              file=sys.stderr)
        return 1
    if args.serve:
        serve(args.site_dir, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
