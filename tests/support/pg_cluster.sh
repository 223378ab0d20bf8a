#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the test suite, from Debian's packages:
#   pg_cluster.sh start DIR PORT   initdb in DIR, listen on 127.0.0.1:PORT (trust, user postgres)
#   pg_cluster.sh stop DIR         stop it and remove DIR
#   pg_cluster.sh keep DIR PORT    start the cluster in DIR if it exists (keeping its data), else as start
#                                  (benchmarks, whose generated data outlives one run)
# The cluster exists only for the tests: fsync is off (a crash loses nothing of value), and
# nothing else may connect (loopback only). initdb refuses to run as root, so as root the
# cluster runs as the `postgres` user the Debian package creates.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=$1 dir=$2
run=()
if [[ $(id -u) -eq 0 ]]; then run=(runuser -u postgres --); fi

case "$cmd" in
  start)
    port=$3
    if [[ -f "$dir/data/postmaster.pid" ]]; then "${run[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log"; exit 1; }
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log"; exit 1; }
    echo "PostgreSQL test cluster on 127.0.0.1:$port ($dir)"
    ;;
  keep)
    if [[ -f "$dir/data/PG_VERSION" ]]; then
      "${run[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 ||
        "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
          -o "-c listen_addresses=127.0.0.1 -p $3 -k $dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" \
          start >/dev/null
    else
      exec "$0" start "$dir" "$3"
    fi
    ;;
  stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then "${run[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m fast -w >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT | keep DIR PORT | stop DIR" >&2; exit 2 ;;
esac
