#!/usr/bin/env bash
# RustSec advisories for Cargo.lock, checked by cargo-deny.
#
#   tools/advisories.sh            the live database where GitHub answers, else the snapshot
#   tools/advisories.sh --offline  the snapshot only
#
# The snapshot is a copy of the RustSec advisory database without its git history
# (`../shared/rustsec-advisory-db`; `../shared/ADVISORIES.md` gives its commit and date;
# ADVISORY_DB_SNAPSHOT=<folder> names another). cargo-deny only reads a database it has
# cloned, so the copy becomes a one-commit git repository in a temporary folder, and
# cargo-deny clones that through a `file://` URL: its own fetch and load code, no network.
# The configuration is deny.toml with the database's URL and folder set; everything
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
cp -r "$snapshot" "$work/advisory-db"
rm -rf "$work/advisory-db/.git"
git -C "$work/advisory-db" init -q -b main
git -C "$work/advisory-db" add -A
git -C "$work/advisory-db" -c user.name=sportello-ci -c user.email=ci@localhost \
    commit -q -m "RustSec advisory database snapshot${dated:+, $dated}"

# deny.toml with the database's URL and folder: in its [advisories] section if it has
# one, else in a new one.
python3 - "$ROOT/deny.toml" "file://$work/advisory-db" "$work/dbs" >"$work/deny.toml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
keys = f'db-urls = ["{sys.argv[2]}"]\ndb-path = "{sys.argv[3]}"\n'
if re.search(r"(?m)^\[advisories\]\s*$", text):
    if re.search(r"(?m)^db-(urls|path)\s*=", text):
        sys.exit("deny.toml sets db-urls or db-path itself; tools/advisories.sh would override them")
    text = re.sub(r"(?m)^\[advisories\]\s*$", "[advisories]\n" + keys.rstrip("\n"), text, count=1)
else:
    text += "\n[advisories]\n" + keys
sys.stdout.write(text)
PY
cargo deny check --config "$work/deny.toml" advisories
