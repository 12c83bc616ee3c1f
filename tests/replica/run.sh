#!/usr/bin/env bash
# The read-replica test (issue 20, point 2) against a real streaming replica of the local
# PostgreSQL 15 cluster on 127.0.0.1:5432: a second cluster made here with
# pg_createcluster and pg_basebackup, started as a hot standby on its own port, and
# removed afterwards, whatever happens. Runs as root (as .ci/run does): the clusters
# belong to the postgres user.
#
# The primary must accept replication connections from loopback: if its pg_hba.conf has
# no such line, one (trust, like the machine's other loopback lines) is added for the
# run and taken out again.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=15
NAME=sportello_replica_test
PORT=${REPLICA_PORT:-5439}
PRIMARY=postgres://postgres@127.0.0.1:5432/postgres
MARK="# sportello replica test"
HBA=$(psql "$PRIMARY" -Atc 'SHOW hba_file')

reload_primary() { psql "$PRIMARY" -Atqc 'SELECT pg_reload_conf()' >/dev/null; }

cleanup() {
    pg_dropcluster --stop "$VERSION" "$NAME" 2>/dev/null || true
    if grep -q "$MARK" "$HBA"; then
        sed -i "/$MARK/d" "$HBA"
        reload_primary
    fi
}
trap cleanup EXIT
cleanup

if ! grep -Eq '^(host|local)[[:space:]]+replication' "$HBA"; then
    echo "host replication all 127.0.0.1/32 trust $MARK" >>"$HBA"
    reload_primary
fi

pg_createcluster "$VERSION" "$NAME" -p "$PORT" >/dev/null
DATA=$(pg_conftool "$VERSION" "$NAME" show -s data_directory 2>/dev/null \
    || echo "/var/lib/postgresql/$VERSION/$NAME")
CONF=/etc/postgresql/$VERSION/$NAME
# The standby answers on loopback as the primary does.
cp "$HBA" "$CONF/pg_hba.conf"
chown postgres:postgres "$CONF/pg_hba.conf"
find "$DATA" -mindepth 1 -delete
# -R writes standby.signal and primary_conninfo: a streaming hot standby.
runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D "$DATA" -R -X stream
pg_ctlcluster "$VERSION" "$NAME" start
for _ in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && break
    sleep 0.2
done
[ "$(psql "postgres://postgres@127.0.0.1:$PORT/postgres" -Atc 'SELECT pg_is_in_recovery()')" = t ] || {
    echo "the replica on port $PORT is not a standby" >&2
    exit 1
}
echo "replica: cluster $VERSION/$NAME on port $PORT, streaming from 5432"

TEST_DATABASE_URL=$PRIMARY \
TEST_REPLICA_URL="postgres://postgres@127.0.0.1:$PORT" \
TEST_REPLICA_CLUSTER=$NAME \
    cargo test --test api -- --ignored replica::
