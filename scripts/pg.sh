#!/usr/bin/env bash
# Project-local PostgreSQL without Docker: initdb/start/stop a cluster in a directory of ours.
# Usage: scripts/pg.sh start DIR PORT [--ephemeral]   |   scripts/pg.sh stop DIR
# The cluster trusts local connections from 127.0.0.1 only, user "crm". Debian's binaries are used;
# when they are missing and we are root, the `postgresql` package is installed.
set -euo pipefail

find_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

ensure_bin() {
  if ! PGBIN=$(find_bin); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "pg.sh: installing PostgreSQL (Debian package postgresql)..." >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      PGBIN=$(find_bin)
    else
      echo "pg.sh: PostgreSQL server binaries not found; install the 'postgresql' package." >&2
      exit 1
    fi
  fi
}

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cmd=${1:?start|stop}
dir=$(realpath -m "${2:?data directory}")

case "$cmd" in
  start)
    port=${3:?port}
    ephemeral=${4:-}
    ensure_bin
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir" 2>/dev/null || true
    if [ ! -f "$dir/PG_VERSION" ]; then
      # C.UTF-8 so that lower() and pg_trgm treat Greek, Polish and Portuguese letters as letters.
      as_owner "$PGBIN/initdb" -D "$dir" --username=crm --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
      {
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = ''"
        echo "max_connections = 200"
        echo "shared_buffers = ${CRM_PG_SHARED_BUFFERS:-256MB}"
        if [ "$ephemeral" = "--ephemeral" ]; then
          # Throw-away test clusters: durability buys nothing, speed does.
          echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
        fi
      } | as_owner tee -a "$dir/postgresql.conf" >/dev/null
    fi
    if ! as_owner "$PGBIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "pg.sh: port $port is already in use (another PostgreSQL?). Stop it, or choose another port (make run: CRM_DB_PORT=...)." >&2
        exit 1
      fi
      as_owner "$PGBIN/pg_ctl" -D "$dir" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null
    fi
    ;;
  stop)
    PGBIN=$(find_bin) || exit 0
    [ -f "$dir/PG_VERSION" ] || exit 0
    as_owner "$PGBIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start DIR PORT [--ephemeral] | stop DIR" >&2; exit 2 ;;
esac
