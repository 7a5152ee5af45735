#!/usr/bin/env bash
# Lighthouse mobile scores of the sign-up page and the public drive page, as
# written in README.md's benchmark notes: `make lighthouse` (or run this file).
#
# A fresh SQLite database in a temporary folder gets the demo (`flask demo
# load`), `make run`'s server (tools/serve.py: gunicorn as in production)
# serves it on LIGHTHOUSE_PORT, and Lighthouse (a measuring tool fetched by
# npx, pinned here, not a test dependency) drives Debian's Chromium: its own
# Chrome download does not work on this machine. Prints one line per page and
# keeps the JSON reports in the temporary folder (its path is printed).
set -euo pipefail

LIGHTHOUSE_VERSION=12.8.2
PORT="${LIGHTHOUSE_PORT:-5077}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
FLASK="$ROOT/.venv/bin/flask"
WORK="$(mktemp -d -t vh-lighthouse-XXXXXX)"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
export FLASK_APP=wsgi
export DATABASE_URL="sqlite:///$WORK/lighthouse.sqlite3"
export SECRET_KEY="lighthouse-$(date +%s)"
export HOST=127.0.0.1 PORT WEB_CONCURRENCY=2
export PUBLIC_BASE_URL="http://127.0.0.1:$PORT"

cd "$ROOT"
"$FLASK" db upgrade >"$WORK/migrate.log" 2>&1
"$FLASK" demo load >"$WORK/demo.log" 2>&1
"$PY" tools/serve.py >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null

measure() { # name path
    npx --yes "lighthouse@$LIGHTHOUSE_VERSION" "http://127.0.0.1:$PORT$2" \
        --form-factor=mobile --extra-headers='{"Accept-Language": "zh-CN"}' \
        --only-categories=accessibility,best-practices,performance \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" \
        --output=json --output-path="$WORK/$1.json" --quiet
    "$PY" - "$1" "$WORK/$1.json" <<'EOF'
import json
import sys

name, path = sys.argv[1], sys.argv[2]
report = json.load(open(path, encoding="utf-8"))
scores = {key: round(c["score"] * 100) for key, c in report["categories"].items()}
print(
    f"{name}: accessibility {scores['accessibility']}, "
    f"best practices {scores['best-practices']}, "
    f"performance {scores['performance']}"
)
for key, category in report["categories"].items():
    for ref in category["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
            print(f"  {key}: {ref['id']} {audit['score']}: {audit['title']}")
EOF
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); reports in $WORK"
measure signup /signup
measure drive /drives/flood-relief-2026
