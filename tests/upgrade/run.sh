#!/usr/bin/env bash
# The rolling-upgrade test (issue 20, point 4): builds the previous release's `sportello`
# from its commit (tests/upgrade/previous, or PREVIOUS_REF) out of `git archive`, and runs
# upgrade:: with it beside this release's binary on the local PostgreSQL.
#
# The previous release is built in this checkout's target folder, so the dependencies it
# shares with this release are not compiled again; its binary is copied aside (it is
# written to the same target/debug/sportello), and this release's is linked back after.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
REF=${PREVIOUS_REF:-$(grep -v '^#' tests/upgrade/previous | head -n 1)}
COMMIT=$(git rev-parse --verify "$REF^{commit}")
KEEP=$ROOT/target/previous-release
BIN=$KEEP/sportello-$COMMIT

if [ ! -x "$BIN" ]; then
    SRC=$(mktemp -d)
    trap 'rm -rf "$SRC"' EXIT
    git archive "$COMMIT" | tar -x -C "$SRC"
    echo "== building the previous release ($COMMIT)"
    (cd "$SRC" && CARGO_TARGET_DIR=$ROOT/target cargo build --locked --bin sportello)
    mkdir -p "$KEEP"
    cp "$ROOT/target/debug/sportello" "$BIN"
    rm -f "$ROOT/target/debug/sportello"
fi
# This release's binary in its place again (the test binary runs it by that path).
cargo build --bin sportello
cmp -s "$BIN" "$ROOT/target/debug/sportello" && {
    echo "target/debug/sportello is still the previous release's binary" >&2
    exit 1
}
PREVIOUS_BIN=$BIN TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
    cargo test --test api -- --ignored --nocapture upgrade::
