#!/usr/bin/env bash
# RustSec advisories for Cargo.lock, checked by cargo-deny.
#
#   tools/advisories.sh            the live database where GitHub answers, else the snapshot
#   tools/advisories.sh --offline  the snapshot only
#
# The snapshot is a copy of the RustSec advisory database without its git history
# (`../shared/rustsec-advisory-db`; `../shared/ADVISORIES.md` gives its commit and date;
# ADVISORY_DB_SNAPSHOT=<folder> names another). cargo-deny reads a database it has
# cloned, so the copy becomes a one-commit git repository, dated as the snapshot, where
# cargo-deny keeps its clone (in a temporary folder), and cargo-deny runs with
# `--offline`. The configuration is deny.toml with the database's folder set; everything
# else (ignores, levels) is the project's own.
#
# With neither the live database nor a snapshot this fails: it never skips in silence.
# Prints which database was used, and the snapshot's date, before cargo-deny's report.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LIVE=https://github.com/rustsec/advisory-db

if [[ "${1:-}" != --offline ]] && timeout 10 git ls-remote "$LIVE" HEAD >/dev/null 2>&1; then
    echo "advisories: the live RustSec database ($LIVE)"
    exec cargo deny check advisories
fi

snapshot="${ADVISORY_DB_SNAPSHOT:-}"
if [[ -z "$snapshot" ]]; then
    # ../shared beside the checkout, or where the project's machines keep it (a CI
    # clone lives elsewhere).
    for candidate in "$ROOT/../shared/rustsec-advisory-db" /work/shared/rustsec-advisory-db; do
        if [[ -d "$candidate/crates" ]]; then
            snapshot="$candidate"
            break
        fi
    done
fi
if [[ -z "$snapshot" || ! -d "$snapshot/crates" ]]; then
    echo "advisories: FAILED: $LIVE cannot be reached and no snapshot was found" >&2
    echo "  (set ADVISORY_DB_SNAPSHOT to a copy of the RustSec advisory database)" >&2
    exit 1
fi
dated="$(grep -h -m1 -o 'dated: [0-9-]*' "$snapshot/../ADVISORIES.md" 2>/dev/null || true)"
echo "advisories: the snapshot in $snapshot${dated:+ ($dated)}: advisories published after it are not checked"

work="$(mktemp -d "${TMPDIR:-/tmp}/sportello-advisories.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Where cargo-deny 0.20 (pinned in .ci/run) keeps its clone of the default database URL
# under db-path: the URL's last segment and a hash of it. If a later cargo-deny names it
# otherwise, it says so and fails; it does not skip.
db="$work/dbs/advisory-db-3157b0e258782691"
mkdir -p "$work/dbs"
cp -r "$snapshot" "$db"
rm -rf "$db/.git"
git -C "$db" init -q -b main
git -C "$db" add -A
# Committed with the snapshot's date: with fetching disabled, cargo-deny measures the
# database's age from its last commit.
# (A snapshot without a known date is committed now, and its age goes unchecked.)
if [[ -n "$dated" ]]; then
    export GIT_COMMITTER_DATE="${dated#dated: }T00:00:00Z" GIT_AUTHOR_DATE="${dated#dated: }T00:00:00Z"
fi
git -C "$db" -c user.name=sportello-ci -c user.email=ci@localhost \
    commit -q -m "RustSec advisory database snapshot${dated:+, $dated}"

# deny.toml with the database's folder and how old it may be: in its [advisories]
# section if it has one, else in a new one. A snapshot is older than a fetched database
# by nature; a year is allowed, and its date is printed above.
python3 - "$ROOT/deny.toml" "$work/dbs" >"$work/deny.toml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
keys = f'db-urls = ["https://github.com/rustsec/advisory-db"]\ndb-path = "{sys.argv[2]}"\nmaximum-db-staleness = "P365D"\n'
if re.search(r"(?m)^\[advisories\]\s*$", text):
    if re.search(r"(?m)^(db-urls|db-path|maximum-db-staleness)\s*=", text):
        sys.exit("deny.toml sets the advisory database itself; tools/advisories.sh would override it")
    text = re.sub(r"(?m)^\[advisories\]\s*$", "[advisories]\n" + keys.rstrip("\n"), text, count=1)
else:
    text += "\n[advisories]\n" + keys
sys.stdout.write(text)
PY
# --offline: no fetch of the database (and none of crates: cargo metadata must find them
# all, for every platform, hence the fetch first, from the registry this machine reaches).
cargo fetch --locked --quiet
cargo deny --offline --config "$work/deny.toml" check advisories
