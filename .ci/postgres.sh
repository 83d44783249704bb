#!/usr/bin/env bash
# Start Debian's PostgreSQL for the test suite and print the URL of a scratch database.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
cluster=$(pg_lsclusters -h | awk -v v="$version" '$1 == v {print $2; exit}')
if [ -z "$cluster" ]; then
  pg_createcluster "$version" main >/dev/null
  cluster=main
fi
pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $3}')
su postgres -c "psql -p $port -qtAc \"DROP DATABASE IF EXISTS dateline_test\"" >/dev/null 2>&1
su postgres -c "psql -p $port -qtAc \"CREATE DATABASE dateline_test\"" >/dev/null
su postgres -c "psql -p $port -qtAc \"ALTER USER postgres PASSWORD 'dateline'\"" >/dev/null
echo "postgresql+psycopg://postgres:dateline@127.0.0.1:$port/dateline_test"
