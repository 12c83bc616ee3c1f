#!/usr/bin/env bash
# tools/advisories.sh, offline, twice (issue 20, point 6):
# 1. against the snapshot as it is: Cargo.lock must pass (every finding fixed or ignored
#    with its reason in deny.toml);
# 2. against a copy of the snapshot with one made-up advisory for a crate this project
#    uses (axum, every version affected): the check must fail and name it, which shows
#    that the first run really read the snapshot and checked the lock file against it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

echo "-- the snapshot as it is"
bash tools/advisories.sh --offline

echo "-- the snapshot with a made-up advisory for axum"
snapshot="${ADVISORY_DB_SNAPSHOT:-}"
for candidate in "$ROOT/../shared/rustsec-advisory-db" /work/shared/rustsec-advisory-db; do
    [[ -z "$snapshot" && -d "$candidate/crates" ]] && snapshot="$candidate"
done
work="$(mktemp -d "${TMPDIR:-/tmp}/sportello-advisories-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$snapshot" "$work/db"
cp "$snapshot/../ADVISORIES.md" "$work/" 2>/dev/null || true
mkdir -p "$work/db/crates/axum"
cat >"$work/db/crates/axum/RUSTSEC-2099-0001.md" <<'MD'
```toml
[advisory]
id = "RUSTSEC-2099-0001"
package = "axum"
date = "2099-01-01"
url = "https://example.org/not-a-real-advisory"
categories = ["denial-of-service"]

[versions]
patched = []
```

# A made-up advisory, for tests/advisories/run.sh only

It exists so that the check has something to find.
MD
if ADVISORY_DB_SNAPSHOT="$work/db" bash tools/advisories.sh --offline >"$work/out.txt" 2>&1; then
    cat "$work/out.txt"
    echo "FAILED: the check passed with an advisory against axum in the database" >&2
    exit 1
fi
if ! grep -q "RUSTSEC-2099-0001" "$work/out.txt"; then
    cat "$work/out.txt"
    echo "FAILED: the check failed, but not because of the made-up advisory" >&2
    exit 1
fi
echo "the made-up advisory was found, as it should be"
