#!/usr/bin/env bash
# The benchmark suite (issue 4): the API against raw PostgreSQL on the same machine, in the same run.
#
#   bash bench/run.sh [N] [--quick]      N customers (default 1,000,000); --quick = 100,000 and short runs
#   bash bench/run.sh --smoke            what `make test` runs: --quick with 2 s measurements, no JIT warm-up,
#                                        results in a temporary directory; fails on any non-2xx or error,
#                                        never on a time
#
# Starts its own throw-away PostgreSQL (scripts/pg.sh, free port), migrates by starting the Release API
# once, loads N customers and their contacts with bench/Crm.Bench.DataGen (binary COPY), then for each scenario runs the
# HTTP load (wrk, 16 connections) and the pgbench baseline (same SQL, 16 clients, -M prepared), each
# with a warm-up that is not measured. Writes bench/results/<date>-<HHMM>-<N>.md and raw logs under
# bench/results/raw/. Everything it starts is stopped on exit.
#
# Environment: BENCH_WARMUP / BENCH_DURATION (seconds), BENCH_CONNECTIONS (16), BENCH_KEEP=1 keeps the
# database directory (and prints how to start it again) for EXPLAIN work afterwards.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
N=""
QUICK=0
SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --smoke) QUICK=1; SMOKE=1 ;;
    ''|*[!0-9]*) echo "usage: bash bench/run.sh [N] [--quick]" >&2; exit 2 ;;
    *) N=$arg ;;
  esac
done
if [ "$SMOKE" = 1 ]; then
  N=${N:-100000}; WARMUP=${BENCH_WARMUP:-1}; DURATION=${BENCH_DURATION:-2}; BENCH_JIT_WARMUP=${BENCH_JIT_WARMUP:-0}
elif [ "$QUICK" = 1 ]; then
  N=${N:-100000}; WARMUP=${BENCH_WARMUP:-3}; DURATION=${BENCH_DURATION:-8}
else
  N=${N:-1000000}; WARMUP=${BENCH_WARMUP:-10}; DURATION=${BENCH_DURATION:-30}
fi
CONNS=${BENCH_CONNECTIONS:-16}

need() { command -v "$1" >/dev/null || { echo "bench: '$1' is missing ($2)" >&2; exit 1; }; }
need dotnet "the .NET SDK"
need curl "apt-get install -y curl"
need psql "apt-get install -y postgresql-client"
need pgbench "apt-get install -y postgresql-contrib (Debian ships pgbench with postgresql)"
need python3 "apt-get install -y python3"
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bench: installing wrk (Debian package)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  else
    echo "bench: 'wrk' is missing: apt-get install -y wrk" >&2; exit 1
  fi
fi

# The database, its WAL and the import's staging take about 14 GB at 1M customers (a run of 2026-12-07 that began
# with 11 GB free lost PostgreSQL to a full disk during the import): stop before loading rather than halfway.
NEED_MB=$(( N / 1000 * 16 + 2000 ))
FREE_MB=$(df -Pm /tmp | awk 'NR == 2 { print $4 }')
[ "$SMOKE" = 1 ] || [ "$FREE_MB" -ge "$NEED_MB" ] \
  || { echo "bench: $N customers need about $NEED_MB MB free in /tmp, and $FREE_MB MB are" >&2; exit 1; }

STAMP=$(date -u +%Y-%m-%d-%H%M)
WORK=$(mktemp -d /tmp/crm-bench.XXXXXX)
RAW="$BENCH/results/raw/$STAMP-$N"
[ "$SMOKE" = 1 ] && RAW="$WORK/raw"
ARTIFACTS=${BENCH_ARTIFACTS:-/tmp/crm-bench-artifacts}
[ "$SMOKE" = 1 ] && ARTIFACTS=${BENCH_ARTIFACTS:-$WORK/artifacts} # a clean build of this checkout, whatever ran before
mkdir -p "$RAW"
chmod 755 "$WORK"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }
PGPORT=$(free_port)
APIPORT=$(free_port)
DB=crm_bench
PGCONN="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=crm;Password=crm"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U crm "$DB")
API_URL="http://127.0.0.1:$APIPORT"
ADMIN_EMAIL=bench@example.com
ADMIN_PASSWORD="Bench-$(date +%s)-Pw!"
SIGNING_KEY="bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
API_PID=""

log() { echo "[bench $(date -u +%H:%M:%S)] $*"; }

stop_api() {
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  API_PID=""
}

cleanup() {
  stop_api
  # A run stopped during (d) leaves no table of a kept database without autovacuum.
  [ "${AUTOVACUUM_OFF:-0}" = 1 ] && { autovacuum_written on > /dev/null 2>&1 || true; }
  bash "$ROOT/scripts/pg.sh" stop "$WORK/pg" || true
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    log "kept the database: bash scripts/pg.sh start $WORK/pg $PGPORT   (database $DB, user crm)"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build (isolated artifacts, no openapi rewrite)
log "N=$N warm-up=${WARMUP}s duration=${DURATION}s connections=$CONNS raw=$RAW"
# What is built and measured: the commit, and whether api/ or contracts/ differed from it, as they were when the build
# began (read at the report, a change made during the run was credited to a build that never had it).
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain -- api contracts 2>/dev/null | grep -q . && echo " (api/ or contracts/ had uncommitted changes)" || true)
log "building the API (Release) and the data generator into $ARTIFACTS"
dotnet build "$ROOT/api/Crm.Web" -c Release -p:GenerateOpenApi=false --artifacts-path "$ARTIFACTS" -v q -nologo > "$RAW/build.log" 2>&1 \
  || { tail -30 "$RAW/build.log"; exit 1; }
dotnet build "$BENCH/Crm.Bench.DataGen" -c Release -p:GenerateOpenApi=false --artifacts-path "$ARTIFACTS" -v q -nologo >> "$RAW/build.log" 2>&1 \
  || { tail -30 "$RAW/build.log"; exit 1; }
API_DLL="$ARTIFACTS/bin/Crm.Web/release/Crm.Web.dll"
DATAGEN_DLL="$ARTIFACTS/bin/Crm.Bench.DataGen/release/Crm.Bench.DataGen.dll"

# ---------------------------------------------------------------- PostgreSQL
# A quarter of the memory for PostgreSQL's cache (at most 4 GB), as a tuned server would have: the table and
# its indexes (about 1 GB at 1M customers) then stay in shared buffers. The same cluster serves both sides.
SHARED_MB=$(awk '/MemTotal/ {m = int($2 / 1024 / 4); print (m > 4096 ? 4096 : m)}' /proc/meminfo)
log "starting PostgreSQL on port $PGPORT (shared_buffers ${SHARED_MB}MB)"
CRM_PG_SHARED_BUFFERS="${SHARED_MB}MB" bash "$ROOT/scripts/pg.sh" start "$WORK/pg" "$PGPORT" --ephemeral
createdb -h 127.0.0.1 -p "$PGPORT" -U crm "$DB"
# Checkpoints only where the runner asks for them (settle, below). With the default max_wal_size (1 GB) one starts
# every ~530 MB of WAL or 5 minutes and spreads its writes over minutes: in the run of b8fc28f one ran through every
# measurement from the first list page to the API's create, and the next started in pgbench's create (4,628 -> 3,463
# tps against the run before).
"${PSQL[@]}" -c "ALTER SYSTEM SET max_wal_size = '8GB'" -c "SELECT pg_reload_conf()" > /dev/null

start_api() { # $1 = log name, rest = extra env
  local name=$1; shift
  # --contentRoot: the build output holds appsettings.json (log levels); without it the API would run
  # with every category at Information, logging each EF command.
  env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Crm="$PGCONN" \
    Jwt__SigningKey="$SIGNING_KEY" \
    Bootstrap__AdminEmail="$ADMIN_EMAIL" Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
    RateLimiting__SignInPermitsPerMinute=100000 RateLimiting__PermitsPerMinute=100000000 \
    "$@" dotnet "$API_DLL" --contentRoot "$(dirname "$API_DLL")" --urls "$API_URL" > "$RAW/api-$name.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 120); do
    curl -sf "$API_URL/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$API_PID" 2>/dev/null || { tail -20 "$RAW/api-$name.log"; echo "bench: the API exited" >&2; exit 1; }
    sleep 1
  done
  echo "bench: the API did not become ready in 120 s" >&2; exit 1
}

token() {
  curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" "$API_URL/api/v1/auth/token" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}

# ---------------------------------------------------------------- migrate (and capture the SQL the API sends)
# PostgreSQL logs every statement on the bench database while the API runs once (EF Core's and the hand-written ones),
# and EF Core's command log is on too (raw/<run>/api-migrate.log).
log "migrating: starting the API once"
psql -h 127.0.0.1 -p "$PGPORT" -U crm -d "$DB" -qc "ALTER DATABASE $DB SET log_min_duration_statement = 0"
PGLOG_FROM=$(($(wc -l < "$WORK/pg/server.log") + 1))
start_api migrate 'Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information'
TOKEN=$(token)
[ -n "$TOKEN" ] || { echo "bench: sign-in failed" >&2; exit 1; }
capture() { curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$@"; }
capture -X POST -H 'Content-Type: application/json' \
  -d '{"kind":"company","name":"Capture Sp. z o.o.","email":"capture@example.com","type":"lead"}' "$API_URL/api/v1/customers"
capture "$API_URL/api/v1/customers"
capture "$API_URL/api/v1/customers?cursor=$(printf '{"S":"customers:name:a","K":"M","I":"00000000-0000-0000-0000-000000000000"}' | base64 -w0 | tr '+/' '-_' | tr -d '=')"
capture -G --data-urlencode 'q=kowalsky' "$API_URL/api/v1/customers"
capture "$API_URL/api/v1/customers/00000000-0000-7000-8000-000000000000"
stop_api
psql -h 127.0.0.1 -p "$PGPORT" -U crm -d "$DB" -qc "ALTER DATABASE $DB RESET log_min_duration_statement"
tail -n +"$PGLOG_FROM" "$WORK/pg/server.log" > "$RAW/pg-migrate.log"

# The list and get baselines must be the statements the API just sent (bench/pgbench/same_sql.py): a column or a
# LIMIT that drifts from the API's makes the ratio compare different work, so the run stops here instead.
python3 "$BENCH/pgbench/same_sql.py" "$RAW/pg-migrate.log" \
  "$BENCH/pgbench/list_first.sql" "$BENCH/pgbench/list_deep.sql" "$BENCH/pgbench/get.sql" | tee -a "$RAW/build.log" \
  || { echo "bench: a pgbench baseline is not the SQL the API sends (above); update bench/pgbench/" >&2; exit 1; }
# search.sql's page reads are sent by the API only for some terms; they must read the columns the list reads.
python3 "$BENCH/pgbench/same_sql.py" --columns "$BENCH/pgbench/list_first.sql" "$BENCH/pgbench/search.sql" | tee -a "$RAW/build.log" \
  || { echo "bench: search.sql reads other customer columns than the API (above); update bench/pgbench/" >&2; exit 1; }

# ---------------------------------------------------------------- load
log "loading $N customers and their contacts (binary COPY) and writing the import CSV"
dotnet "$DATAGEN_DLL" --connection "$PGCONN" --count "$N" --csv-count "$N" --out "$WORK" | tee "$RAW/datagen.log"
du -h "$WORK/customers.csv" | tee -a "$RAW/datagen.log"

# Sample inputs shared by the HTTP load and pgbench: random ids, the misspelled terms, a deep cursor.
"${PSQL[@]}" -Atc "SELECT id FROM customers ORDER BY random() LIMIT 10000" > "$WORK/ids.txt"
"${PSQL[@]}" <<SQL
CREATE TABLE bench_ids (n serial PRIMARY KEY, id uuid NOT NULL);
CREATE TEMP TABLE terms_tsv (raw text, folded text NOT NULL, pattern text NOT NULL);
\copy bench_ids (id) FROM '$WORK/ids.txt'
\copy terms_tsv FROM '$WORK/terms.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
-- The words of each term as the API splits them (SearchQuery.Words): on spaces and punctuation, and words
-- under 3 letters dropped when a longer one is there. Terms of one or two words (nearly all of them).
CREATE TABLE bench_terms AS
  SELECT row_number() OVER () AS n, raw, folded, cardinality(w) AS nw, w[1] AS w1, coalesce(w[2], w[1]) AS w2
  FROM (SELECT raw, folded, CASE WHEN EXISTS (SELECT FROM unnest(a) x WHERE length(x) >= 3)
                            THEN ARRAY(SELECT x FROM unnest(a) x WHERE length(x) >= 3) ELSE a END AS w
        FROM (SELECT raw, folded, regexp_split_to_array(btrim(regexp_replace(folded, '[[:space:][:punct:]]+', ' ', 'g')), ' ') AS a
              FROM terms_tsv) s) t
  WHERE cardinality(w) BETWEEN 1 AND 2 AND w[1] <> '';
ALTER TABLE bench_terms ADD PRIMARY KEY (n);
-- The bodies the HTTP create posts, for pgbench's create (name and city come JSON-escaped, for the bodies).
CREATE TABLE bench_post (n serial PRIMARY KEY, name text NOT NULL, phone text NOT NULL, city text NOT NULL, country text NOT NULL,
                         name_folded text NOT NULL, city_folded text NOT NULL);
\copy bench_post (name, phone, city, country, name_folded, city_folded) FROM '$WORK/post.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
UPDATE bench_post SET name = ('"' || name || '"')::json #>> '{}', city = ('"' || city || '"')::json #>> '{}';
CREATE SEQUENCE bench_post_seq;
ANALYZE bench_ids; ANALYZE bench_terms; ANALYZE bench_post;
SQL
NIDS=$(wc -l < "$WORK/ids.txt")
NTERMS=$("${PSQL[@]}" -Atc "SELECT count(*) FROM bench_terms")
NPOSTS=$("${PSQL[@]}" -Atc "SELECT count(*) FROM bench_post")
ACTIVE=$("${PSQL[@]}" -Atc "SELECT count(*) FROM customers WHERE archived_at IS NULL")
# The deep page starts after the row at 90 % of the active list (what scrolling far, or a cursor kept for
# days, reaches); the cursor is built as the API builds it: base64url(JSON {S, K, I}).
IFS=$'\t' read -r DEEP_NAME DEEP_ID < <("${PSQL[@]}" -AtF $'\t' -c \
  "SELECT name, id FROM customers WHERE archived_at IS NULL ORDER BY name, id OFFSET $((ACTIVE * 9 / 10)) LIMIT 1")
json_name=$(printf '%s' "$DEEP_NAME" | sed 's/\\/\\\\/g; s/"/\\"/g')
CURSOR=$(printf '{"S":"customers:name:a","K":"%s","I":"%s"}' "$json_name" "$DEEP_ID" | base64 -w0 | tr '+/' '-_' | tr -d '=')
log "deep cursor after ($DEEP_NAME, $DEEP_ID); $NIDS ids, $NTERMS search terms"

# ---------------------------------------------------------------- the API under test
# The import worker logs each step of its merge at Debug (one line per statement, about a dozen per import).
start_api bench 'Logging__LogLevel__Crm.Infrastructure.Imports.ImportWorker=Debug'
API_STATUS="/proc/$API_PID/status"
TOKEN=$(token)
[ -n "$TOKEN" ] || { echo "bench: sign-in failed" >&2; exit 1; }

# One request of each kind first: every scenario must answer 2xx, or the numbers mean nothing.
probe() { # $1 expected status, rest = curl args
  local want=$1; shift
  local got
  got=$(curl -s -o "$RAW/probe.out" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$@")
  [ "$got" = "$want" ] || { echo "bench: probe $* answered $got, want $want:" >&2; head -c 600 "$RAW/probe.out" >&2; exit 1; }
}
probe 200 "$API_URL/api/v1/customers"
probe 200 "$API_URL/api/v1/customers?cursor=$CURSOR"
probe 200 -G --data-urlencode "q=$(head -1 "$WORK/terms.tsv" | cut -f1)" "$API_URL/api/v1/customers"
probe 200 "$API_URL/api/v1/customers/$(head -1 "$WORK/ids.txt")"
probe 201 -X POST -H 'Content-Type: application/json' \
  -d '{"kind":"company","name":"Probe Sp. z o.o.","email":"probe@example.com","type":"lead"}' "$API_URL/api/v1/customers"

# Before each measurement: nothing left running in the database from the previous one.
wait_idle() {
  for _ in $(seq 120); do
    [ "$("${PSQL[@]}" -Atc "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DB' AND state = 'active' AND pid <> pg_backend_pid()")" = 0 ] && return 0
    sleep 1
  done
}

# Right before a measured run, API or pgbench alike: idle, and a checkpoint, so that the dirty pages of the runs
# before it are written now and no checkpoint starts inside it (checkpoint_timeout counts from this one, and
# max_wal_size is 8 GB). During the creates (VACUUM_FIRST=1), a VACUUM (ANALYZE) of the tables they write first.
settle() {
  wait_idle
  [ "${VACUUM_FIRST:-0}" = 1 ] && vacuum_written
  "${PSQL[@]}" -c CHECKPOINT
}

# Autovacuum and the measured runs. Creates leave work for autovacuum (new pages to mark visible, statistics to
# refresh, GIN pending lists to merge), and autovacuum starts it when a table crosses a threshold: inside whichever
# run crosses it, API or pgbench. On a kept 1M database an ANALYZE of audit_entries (2 s) that ran inside one API
# create run added 0.1 ms of PostgreSQL CPU to each of its creates. So the JIT warm-up's creates are vacuumed before
# the first measured run; for (d) autovacuum is off on the tables a create writes, and each measured create run, API
# or pgbench, starts from a VACUUM (ANALYZE) of them, so neither side pays for vacuuming. (This is not why PostgreSQL
# spent more per create through the API than under pgbench in most runs: with autovacuum kept out, 0.485 / 0.426 /
# 0.429 ms against 0.411 / 0.422 / 0.377 ms in three runs.)
WRITTEN_TABLES="customers customer_search audit_entries search_words webhook_events"
vacuum_written() {
  "${PSQL[@]}" -c "VACUUM (ANALYZE) ${WRITTEN_TABLES// /, }"
}
autovacuum_written() { # on | off
  local t
  for t in $WRITTEN_TABLES; do
    if [ "$1" = off ]; then
      "${PSQL[@]}" -c "ALTER TABLE $t SET (autovacuum_enabled = off)"
    else
      "${PSQL[@]}" -c "ALTER TABLE $t RESET (autovacuum_enabled)"
    fi
  done
}

RESULTS="$RAW/results.tsv"
printf 'scenario\ttool\trps\tp50\tp95\tp99\terrors\tcutoff\tcutoff_max_ms\n' > "$RESULTS"

# Where each measured run's CPU went, per request (or pgbench transaction), in ms of one core: the API process;
# PostgreSQL (the postmaster and its processes, with the CPU of those that ended, which the postmaster collects:
# pgbench's connections end with it); the load generator (bash's time); the rest of the machine (kernel
# interrupt work, other processes). /proc/stat and /proc/<pid>/stat both count clock ticks.
CPU="$RAW/cpu.tsv"
printf 'scenario\ttool\trequests\tapi_ms\tpg_ms\tgen_ms\trest_ms\n' > "$CPU"
cpu_snap() { # prints "api pg busy", clock ticks
  local pm api=0 pg c kids after held=
  pm=$(head -1 "$WORK/pg/postmaster.pid")
  # A process that ends between reading it and reading the postmaster's collected CPU is counted twice or not at
  # all (all of pgbench's connections end at once as it stops): read again until the set of processes held still.
  # The API's CPU is read in the same pass, so that all three counters are taken at the same moment.
  for _ in $(seq 50); do
    [ -r "/proc/${API_PID:-0}/stat" ] && api=$(awk '{print $14 + $15}' "/proc/$API_PID/stat")
    kids=$(pgrep -P "$pm" | sort | tr '\n' ' ' || true)
    pg=0
    for c in $kids; do
      pg=$((pg + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0)))
    done
    pg=$((pg + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")))
    after=$(pgrep -P "$pm" | sort | tr '\n' ' ' || true)
    [ "$kids" = "$after" ] && { held=1; break; }
    sleep 0.1
  done
  [ -n "$held" ] || echo "bench: PostgreSQL's processes kept changing for 5 s; its CPU figure for this run may be off" >&2
  echo "$api $pg $(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)"
}
cpu_record() { # $1 scenario, $2 tool, $3 snapshot before, $4 snapshot after, $5 generator "user sys" (s), $6 requests
  local a0 p0 b0 a1 p1 b1
  read -r a0 p0 b0 <<< "$3"
  read -r a1 p1 b1 <<< "$4"
  awk -v s="$1" -v t="$2" -v n="${6:-0}" -v a=$((a1 - a0)) -v p=$((p1 - p0)) -v b=$((b1 - b0)) -v g="$5" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    if (n <= 0) exit
    split(g, x, " "); gen = (x[1] + x[2]) * 1000; ms = 1000 / hz
    printf "%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\n", s, t, n, a * ms / n, p * ms / n, gen / n, (b * ms - a * ms - p * ms - gen) / n }' >> "$CPU"
}

load() { # $1 lua, $2 path, $3 seconds, $4 run label: wrk at $CONNS connections with the shared inputs
  BENCH_TOKEN=$TOKEN BENCH_LUA_DIR="$BENCH/wrk" BENCH_IDS="$WORK/ids.txt" BENCH_TERMS="$WORK/terms.tsv" \
    BENCH_POST="$WORK/post.tsv" BENCH_RUN="$STAMP-$4-$RANDOM" \
    wrk -t2 -c"$CONNS" -d"$3s" --timeout 10s -s "$BENCH/wrk/$1" "$API_URL$2"
}

run_wrk() { # $1 scenario, $2 lua, $3 path
  local scenario=$1 lua=$2 path=$3
  TOKEN=$(token) # tokens live 15 minutes; a fresh one per scenario
  local mark=0
  for phase in warmup measure; do
    local d=$WARMUP
    if [ "$phase" = measure ]; then
      settle
      d=$DURATION
      mark=$(wc -l < "$RAW/api-bench.log")
    else
      wait_idle
    fi
    local before TIMEFORMAT='%3U %3S'
    [ "$phase" = measure ] && before=$(cpu_snap)
    { time load "$lua" "$path" "$d" "$phase" > "$RAW/wrk-$scenario-$phase.log" 2>&1; } 2> "$RAW/time-$scenario-$phase.txt"
  done
  local after
  after=$(cpu_snap)
  # wrk's percentiles only hold requests that finished before it stopped. Requests still running then are
  # cut off (the API logs them as 499): count them from the API's request log, with the longest elapsed time.
  sleep 1
  local cut
  cut=$(tail -n +"$((mark + 1))" "$RAW/api-bench.log" | { grep '"StatusCode":499' || true; } \
    | sed -n 's/.*"ElapsedMilliseconds":\([0-9.]*\).*/\1/p' | awk '{n++; if ($1 > m) m = $1} END {printf "%d\t%.0f", n, m}')
  local line
  line=$(grep '^RESULT' "$RAW/wrk-$scenario-measure.log")
  val() { echo "$line" | sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
  printf '%s\tapi\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$(val rps)" "$(val p50)" "$(val p95)" "$(val p99)" \
    "$(( $(val non2xx) + $(val errors) ))" "$cut" >> "$RESULTS"
  cpu_record "$scenario" api "$before" "$after" "$(cat "$RAW/time-$scenario-measure.txt")" "$(val requests)"
  grep VmRSS "$API_STATUS" | sed "s/^/after $scenario: /" >> "$RAW/rss.log"
  log "api      $scenario: $(val rps) req/s, p50 $(val p50) ms, p95 $(val p95) ms, p99 $(val p99) ms, non-2xx $(val non2xx), cut off (count, max ms) $cut"
}

run_pgbench() { # $1 scenario, $2 script, $3 protocol (prepared|extended), rest = -D definitions
  local scenario=$1 script=$2 mode=$3; shift 3
  local args=(-h 127.0.0.1 -p "$PGPORT" -U crm -n -M "$mode" -c "$CONNS" -j 2 -f "$BENCH/pgbench/$script"
    -D nids="$NIDS" -D nterms="$NTERMS" -D nposts="$NPOSTS" "$@")
  wait_idle
  pgbench "${args[@]}" -T "$WARMUP" "$DB" > "$RAW/pgbench-$scenario-warmup.log" 2>&1
  settle
  rm -f "$RAW"/pgblog-"$scenario".*
  local before TIMEFORMAT='%3U %3S'
  before=$(cpu_snap)
  { time pgbench "${args[@]}" -T "$DURATION" --log --log-prefix="$RAW/pgblog-$scenario" "$DB" > "$RAW/pgbench-$scenario-measure.log" 2>&1; } 2> "$RAW/time-$scenario-pgbench.txt" \
    || { tail -20 "$RAW/pgbench-$scenario-measure.log"; exit 1; }
  cpu_record "$scenario" pgbench "$before" "$(cpu_snap)" "$(cat "$RAW/time-$scenario-pgbench.txt")" \
    "$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$RAW/pgbench-$scenario-measure.log")"
  local tps failed
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$RAW/pgbench-$scenario-measure.log")
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$RAW/pgbench-$scenario-measure.log")
  # Per-transaction log: client, tx no, latency (us), script, epoch, us. Percentiles over all of them.
  cat "$RAW"/pgblog-"$scenario".* | awk '{print $3}' | sort -n > "$RAW/pgblat-$scenario.txt"
  local pcts
  pcts=$(awk '{a[NR]=$1} END {
      n=NR; split("50 95 99", q, " ");
      for (i=1;i<=3;i++) { k=int(n*q[i]/100); if (k<1) k=1; printf "%.3f ", a[k]/1000 } }' "$RAW/pgblat-$scenario.txt")
  rm -f "$RAW"/pgblog-"$scenario".* "$RAW/pgblat-$scenario.txt"
  read -r p50 p95 p99 <<< "$pcts"
  printf '%s\tpgbench\t%s\t%s\t%s\t%s\t%s\t0\t0\n' "$scenario" "$tps" "$p50" "$p95" "$p99" "${failed:-0}" >> "$RESULTS"
  log "pgbench  $scenario: $tps tps, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, failed ${failed:-0}"
}

# .NET recompiles hot methods in the background, optimised with what it observed (tiered compilation with
# PGO); with two busy cores the API needs about a minute of load to reach its steady state (get by id went
# 525 -> 858 -> 1,377 -> 2,100 req/s over four runs). Each scenario's own code paths need their own minute:
# search, after every other scenario had run, still went 240 -> 299 -> 441 -> 482 req/s over four 15 s runs
# (with PGO off it starts at 299, but get by id then stays 25-40 % slower). One pass over every scenario
# first, a minute each, not measured, so that no scenario measured pays for it.
JIT_WARMUP=${BENCH_JIT_WARMUP:-$([ "$QUICK" = 1 ] && echo 20 || echo 300)}
log "JIT warm-up: ${JIT_WARMUP}s of load over the five scenarios (not measured)"
TOKEN=$(token)
[ "$JIT_WARMUP" -gt 0 ] && for scenario in "static.lua /api/v1/customers" "static.lua /api/v1/customers?cursor=$CURSOR" "search.lua /" "get.lua /" "create.lua /"; do
  read -r lua path <<< "$scenario"
  load "$lua" "$path" "$((JIT_WARMUP / 5))" jit > "$RAW/wrk-jit-warmup.log" 2>&1 || true
done

wait_idle
vacuum_written
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
run_wrk list_first static.lua "/api/v1/customers"
run_pgbench list_first list_first.sql prepared
run_wrk list_deep static.lua "/api/v1/customers?cursor=$CURSOR"
run_pgbench list_deep list_deep.sql prepared -D k="$DEEP_NAME" -D i="$DEEP_ID"
run_wrk search search.lua "/"
# Search runs with the extended protocol and unnamed statements: planned for each term's values (a generic
# plan chosen for one term's arrays can be far off for another's). The API's driver prepares the statements
# it sees often, so the baseline pays planning the API partly does not.
run_pgbench search search.sql extended
run_wrk get get.lua "/"
run_pgbench get get.sql prepared
AUTOVACUUM_OFF=1
autovacuum_written off
VACUUM_FIRST=1
run_wrk create create.lua "/"
run_pgbench create create.sql prepared
VACUUM_FIRST=0
autovacuum_written on
AUTOVACUUM_OFF=0
wait_idle
vacuum_written

# ---------------------------------------------------------------- (f) export and (e) import, rows per second
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "$API_STATUS"; }
EXPORT_ROWS=$("${PSQL[@]}" -Atc "SELECT count(*) FROM customers WHERE archived_at IS NULL")
TOKEN=$(token)
wait_idle
RSS_BEFORE_EXPORT=$(rss_mb)
t0=$(now)
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$API_URL/api/v1/exports/customers" || { echo "bench: export failed" >&2; exit 1; }
EXPORT_API_S=$(secs "$t0" "$(now)")
RSS_AFTER_EXPORT=$(rss_mb)
wait_idle
t0=$(now)
"${PSQL[@]}" -c "\\copy (SELECT id, kind, name, email, phone, website, type, lifecycle_stage, owner_id, tags, external_id, address_line1, address_line2, address_city, address_region, address_postal_code, address_country, custom_fields, archived_at, created_at, updated_at FROM customers WHERE archived_at IS NULL ORDER BY id) TO '/dev/null' WITH (FORMAT csv, HEADER)"
EXPORT_PG_S=$(secs "$t0" "$(now)")
log "export   $EXPORT_ROWS rows: API $EXPORT_API_S s, psql \\copy $EXPORT_PG_S s; API RSS $RSS_BEFORE_EXPORT -> $RSS_AFTER_EXPORT MB"

IMPORT_ROWS=$(( $(wc -l < "$WORK/customers.csv") - 1 ))
wait_idle
TOKEN=$(token)
t0=$(now)
JOB=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @"$WORK/customers.csv" \
  "$API_URL/api/v1/imports?entity=customers&mode=insert" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
[ -n "$JOB" ] || { echo "bench: the import was not accepted" >&2; exit 1; }
IMPORT_UPLOAD_S=$(secs "$t0" "$(now)")
# A poll the API answers with an error (a 503 while the database cannot serve it) is tried again; a minute of
# nothing but errors stops the run.
POLL_ERRORS=0
while :; do
  if STATE=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API_URL/api/v1/imports/$JOB"); then
    POLL_ERRORS=0
  else
    POLL_ERRORS=$((POLL_ERRORS + 1))
    [ "$POLL_ERRORS" -lt 300 ] || { echo "bench: the import's status could not be read for a minute (API log: $RAW/api-bench.log)" >&2; exit 1; }
  fi
  case "$STATE" in *'"status":"succeeded"'*|*'"status":"failed"'*) break ;; esac
  sleep 0.2
done
IMPORT_API_S=$(secs "$t0" "$(now)")
echo "$STATE" > "$RAW/import-job.json"
case "$STATE" in *'"status":"failed"'*) echo "bench: the import failed: $STATE" >&2; exit 1 ;; esac
IMPORT_INSERTED=$(echo "$STATE" | sed -n 's/.*"inserted":\([0-9]*\).*/\1/p')
# The merge's statements and their times, from the worker's debug log ("Import <job>: <statement> took <ms> ms").
IMPORT_STEPS=$(grep -oE "\"Message\":\"Import $JOB: ([^\"\\\\]|\\\\.)* took [0-9]+ ms\"" "$RAW/api-bench.log" \
  | sed "s/^\"Message\":\"Import $JOB: //; s/ took \([0-9]*\) ms\"\$/\t\1/; s/\\\\u0027/'/g; s/\\\\u0022/\"/g; s/\\\\\"/\"/g" || true)
"${PSQL[@]}" -c "CREATE TABLE bench_import_plain (kind text, name text, email text, phone text, website text, type text, lifecycle_stage text, tags text, external_id text, address_line1 text, address_line2 text, address_city text, address_region text, address_postal_code text, address_country text)"
wait_idle
t0=$(now)
"${PSQL[@]}" -c "\\copy bench_import_plain FROM '$WORK/customers.csv' WITH (FORMAT csv, HEADER)"
IMPORT_PG_S=$(secs "$t0" "$(now)")
log "import   $IMPORT_ROWS rows: API $IMPORT_API_S s (upload and staging $IMPORT_UPLOAD_S s, $IMPORT_INSERTED inserted), psql \\copy into a plain table $IMPORT_PG_S s"

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
PEAK_RSS_KB=$(awk '/VmHWM/ {print $2}' "$API_STATUS")
stop_api

# ---------------------------------------------------------------- EXPLAIN of the four API queries
log "EXPLAIN (ANALYZE, BUFFERS) of the API's queries -> $RAW/explain.txt"
COLS='c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, c.tags::text[], c.external_id, c.archived_at, c.created_at, c.updated_at, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country'
TERM=$("${PSQL[@]}" -Atc "SELECT raw FROM bench_terms ORDER BY n LIMIT 1")
SOME_ID=$(head -1 "$WORK/ids.txt")
q() { printf '%s' "$1" | sed "s/'/''/g"; }
{
  echo "-- N=$N, deep cursor after ('$DEEP_NAME', $DEEP_ID), search term '$TERM'"
  "${PSQL[@]}" <<SQL
\echo '=== (a) first page'
EXPLAIN (ANALYZE, BUFFERS) SELECT $COLS FROM customers AS c WHERE c.archived_at IS NULL ORDER BY c.name, c.id LIMIT 51;
\echo '=== (a) deep page'
EXPLAIN (ANALYZE, BUFFERS) SELECT $COLS FROM customers AS c WHERE c.archived_at IS NULL AND (c.name, c.id) > ('$(q "$DEEP_NAME")', '$DEEP_ID') ORDER BY c.name, c.id LIMIT 51;
\echo '=== (b) search: the corrections of the first word and the listed words holding it, its customers in name order from the postings, the page'
SELECT w1 FROM bench_terms ORDER BY n LIMIT 1 \\gset
EXPLAIN (ANALYZE, BUFFERS) SELECT word FROM search_words WHERE word % :'w1' AND strpos(word, :'w1') = 0 ORDER BY word <-> :'w1' LIMIT 6;
EXPLAIN (ANALYZE, BUFFERS) SELECT word FROM search_words WHERE word LIKE '%' || :'w1' || '%' LIMIT 101;
SELECT array_agg(DISTINCT x)::text AS k1 FROM (SELECT :'w1' AS x UNION ALL SELECT c.word FROM (SELECT word, s, max(s) OVER () AS best
  FROM (SELECT word, similarity(word, :'w1') AS s FROM search_words WHERE word % :'w1' AND strpos(word, :'w1') = 0 ORDER BY word <-> :'w1' LIMIT 6) n) c
  WHERE c.s >= c.best - 0.1 AND NOT EXISTS (SELECT 1 FROM search_words AS known WHERE known.word = :'w1')
  UNION ALL SELECT word FROM search_words WHERE word LIKE '%' || :'w1' || '%') a \\gset
EXPLAIN (ANALYZE, BUFFERS) SELECT b.name, b.id FROM (SELECT DISTINCT x.name, x.id FROM unnest(:'k1'::text[]) AS k(word)
  CROSS JOIN LATERAL (SELECT p.name, p.id FROM customer_search AS p WHERE p.word = k.word ORDER BY p.name, p.id LIMIT 52) AS x
  ORDER BY x.name, x.id LIMIT 52) AS b;
SELECT coalesce(array_agg(b.id)::text, '{}') AS ids FROM (SELECT DISTINCT x.name, x.id FROM unnest(:'k1'::text[]) AS k(word)
  CROSS JOIN LATERAL (SELECT p.name, p.id FROM customer_search AS p WHERE p.word = k.word ORDER BY p.name, p.id LIMIT 52) AS x
  ORDER BY x.name, x.id LIMIT 52) AS b \\gset
EXPLAIN (ANALYZE, BUFFERS) SELECT $COLS FROM customers AS c WHERE c.archived_at IS NULL AND c.id = ANY (:'ids'::uuid[]) ORDER BY c.name, c.id LIMIT 51;
\echo '=== (b) search, one word and no filter: the page in the statement that finds it (CustomerSearch.PageOfWordAsync, four key slots, as for a word of 2 to 4 keys), on the generic plan the API keeps per connection; it must stream (Limit, Unique, Nested Loop over a Merge Append), not sort'
SELECT string_agg(format('(SELECT name, id FROM customer_search WHERE word = (\$1)[%s] ORDER BY name ASC, id ASC)', i), ' UNION ALL ') AS postings
  FROM generate_series(1, 4) AS i \gset
SET plan_cache_mode = force_generic_plan;
PREPARE page_of_word(text[], int) AS SELECT DISTINCT ON (a.name, a.id) $COLS FROM (:postings) AS a
  JOIN customers AS c ON c.id = a.id WHERE c.archived_at IS NULL ORDER BY a.name ASC, a.id ASC LIMIT \$2;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE page_of_word(:'k1', 51);
RESET plan_cache_mode;
\echo '=== (c) get by id'
EXPLAIN (ANALYZE, BUFFERS) SELECT c.xmin, $COLS FROM customers AS c WHERE c.id = '$SOME_ID' LIMIT 1;
\echo '=== (d) create (rolled back)'
BEGIN;
EXPLAIN (ANALYZE, BUFFERS) SELECT c.id FROM customers AS c WHERE c.email = 'nobody@example.com' LIMIT 1;
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO customers (id, kind, name, email, phone, type, tags, search_text, created_at, updated_at)
  VALUES (gen_random_uuid(), 'Company', 'Explain Sp. z o.o.', 'explain@example.com', '+48501234567', 'Lead', '{}', 'explain sp. z o.o. explain@example.com +48501234567', now(), now()) RETURNING xmin;
ROLLBACK;
SQL
} > "$RAW/explain.txt" 2>&1 || log "EXPLAIN failed (see $RAW/explain.txt)"

# ---------------------------------------------------------------- report
# Named by the run's start (UTC date and time), like its raw logs: a second run the same day keeps the first one's report.
OUT="$BENCH/results/$STAMP-$N.md"
[ "$QUICK" = 1 ] && OUT="$BENCH/results/$STAMP-$N-quick.md"
[ "$SMOKE" = 1 ] && OUT="$RAW/results.md"
{
  echo "# Benchmark: API vs. PostgreSQL at $(printf "%'d" "$N") customers"
  echo
  echo "Run $STAMP UTC, commit \`$COMMIT\`$DIRTY, \`bash bench/run.sh $*\`."
  echo "$(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem:/ {print $2}') GiB;"
  echo "$(psql --version | head -1), .NET $(dotnet --version); load average before $LOAD_BEFORE, after $LOAD_AFTER."
  echo "API, PostgreSQL and the load generators share the same cores, and other work shared the machine"
  echo "during the run, so the numbers are indicative. Each measurement: ${WARMUP}s warm-up (not measured),"
  echo "then ${DURATION}s at $CONNS connections (wrk -t2 -c$CONNS; pgbench -c $CONNS -j 2 -M prepared, search with"
  echo "-M extended: see bench/run.sh). PostgreSQL runs without durability for both sides (fsync, synchronous_commit"
  echo "and full_page_writes off: scripts/pg.sh --ephemeral), so no commit waits for the disk. Each measured run"
  echo "of (a)-(d) starts right after a CHECKPOINT, with max_wal_size at 8 GB, so that no checkpoint starts inside one."
  echo "Autovacuum does not run inside the create runs (d), on either side: it is off on the tables a create writes, and"
  echo "each of the two measured create runs starts from a VACUUM (ANALYZE) of them (see bench/run.sh)."
  [ "$N" -ne 1000000 ] && echo "The targets are stated for 1,000,000 customers; at $(printf "%'d" "$N") they are only a smoke check."
  echo
  echo "| scenario | API req/s | API p50 / p95 / p99 ms | pgbench tps | pgbench p50 / p95 / p99 ms | API / pgbench | target | verdict |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  awk -F'\t' -v rss_kb="$PEAK_RSS_KB" '
    NR == 1 { next }
    $2 == "api" { rps[$1]=$3; lat[$1]=sprintf("%.1f / %.1f / %.1f", $4, $5, $6); p95[$1]=$5; p99[$1]=$6; err[$1]=$7; cut[$1]=$8; cutmax[$1]=$9 }
    $2 == "pgbench" { tps[$1]=$3; plat[$1]=sprintf("%.1f / %.1f / %.1f", $4, $5, $6) }
    END {
      split("list_first list_deep search get create", order, " ")
      name["list_first"]="(a) list, first page"; name["list_deep"]="(a) list, deep page (cursor)"
      name["search"]="(b) fuzzy search ?q="; name["get"]="(c) get by id"; name["create"]="(d) create (POST)"
      for (i=1; i<=5; i++) {
        s=order[i]; r = (tps[s] > 0) ? rps[s]/tps[s] : 0
        if (s ~ /^list/) { target="p99 ≤ 50 ms; ≥ 0.6 × pgbench"
          v = (p99[s] <= 50 ? "p99 pass" : sprintf("p99 miss (%.0f ms)", p99[s])) "; " (r >= 0.6 ? "ratio pass" : sprintf("ratio miss (%.2f)", r)) }
        else if (s == "search") { target="p95 ≤ 50 ms"; v = (p95[s] <= 50 ? "pass" : sprintf("miss (%.0f ms)", p95[s])) }
        else if (s == "get") { target="≥ 0.6 × pgbench"; v = (r >= 0.6 ? "pass" : sprintf("miss (%.2f)", r)) }
        else { target="≥ 0.5 × pgbench"; v = (r >= 0.5 ? "pass" : sprintf("miss (%.2f)", r)) }
        if (err[s] > 0) v = v sprintf("; %d non-2xx/errors", err[s])
        if (cut[s] > 0 && cutmax[s] > p99[s] && cutmax[s] >= 1000) v = v sprintf("; %d requests still running at the end (up to %.1f s) are not in the percentiles", cut[s], cutmax[s] / 1000)
        printf "| %s | %.0f | %s | %.0f | %s | %.2f | %s | %s |\n", name[s], rps[s], lat[s], tps[s], plat[s], r, target, v
      }
      mb = rss_kb / 1024
      printf "| API peak RSS (VmHWM) | | | | | | ≤ 500 MB | %.0f MB, %s |\n", mb, (mb <= 500 ? "pass" : "miss")
    }' "$RESULTS"
  echo
  awk -v er="$EXPORT_ROWS" -v ea="$EXPORT_API_S" -v ep="$EXPORT_PG_S" -v ir="$IMPORT_ROWS" -v ia="$IMPORT_API_S" -v iu="$IMPORT_UPLOAD_S" -v ip="$IMPORT_PG_S" \
      -v r0="$RSS_BEFORE_EXPORT" -v r1="$RSS_AFTER_EXPORT" 'BEGIN {
    print ""
    print "| scenario | rows | API | baseline | API / baseline | target | verdict |"
    print "|---|---:|---:|---:|---:|---|---|"
    ers = er / ea; eps = er / ep; irs = ir / ia; ips = ir / ip
    v = (irs >= 50000 ? "rows/s pass" : sprintf("rows/s miss (%.0f)", irs)) "; " (irs / ips >= 0.4 ? "ratio pass" : sprintf("ratio miss (%.2f)", irs / ips))
    printf "| (e) CSV import through curl (insert; upload+staging %.1f s, then merge) | %d | %.1f s, %.0f rows/s | psql \\\\copy into a plain table: %.1f s, %.0f rows/s | %.2f | ≥ 50,000 rows/s; ≥ 0.4 × \\\\copy | %s |\n", iu, ir, ia, irs, ip, ips, irs / ips, v
    v = (ers >= 100000 ? "pass" : sprintf("miss (%.0f rows/s)", ers)) sprintf("; RSS %d → %d MB", r0, r1)
    printf "| (f) CSV export (streamed) | %d | %.1f s, %.0f rows/s | psql \\\\copy (select …) to: %.1f s, %.0f rows/s | %.2f | ≥ 100,000 rows/s, flat memory | %s |\n", er, ea, ers, ep, eps, ers / eps, v
  }'
  if [ -n "$IMPORT_STEPS" ]; then
    echo
    echo "The import's merge, statement by statement, in one transaction (the worker's debug log): first the"
    echo "statements that classify the staged rows, then the writes, and \"writes\", the total of those from the insert on."
    echo "A step marked (alongside) ran on a second connection while the ones around it ran, so it adds to none of them:"
    echo
    echo "| statement | s |"
    echo "|---|---:|"
    printf '%s\n' "$IMPORT_STEPS" | awk -F'\t' '{ s = $1; if (length(s) > 90) s = substr(s, 1, 89) "…"; gsub(/\|/, "\\|", s); printf "| `%s` | %.1f |\n", s, $2 / 1000 }'
  fi
  echo
  echo "Baselines run the SQL the API sends (list and get as PostgreSQL logged them from the API, \`raw/*/pg-migrate.log\`; create as PostgreSQL logged it too, the batch of InsertWriter, whose statements are those a SaveChanges would send; search's hand-written statements from \`CustomerSearch\`):"
  echo "\`bench/pgbench/*.sql\`. Search and get-by-id pick their term / id from small helper tables"
  echo "(\`bench_terms\`, \`bench_ids\`) filled from the same files the HTTP load uses; search pays one extra"
  echo "round trip for that. Create = in one pipeline (one round trip, one implicit transaction, as the API's"
  echo "single batch): INSERT customer (name, phone and city from the rows the HTTP load posts, \`bench_post\`);"
  echo "INSERT audit row; CALL crm_raise_webhook_event (writes nothing: no subscription). The API looks the"
  echo "e-mail up only when the unique index refuses the insert. Data load: $(grep -h 'COPY of' "$RAW/datagen.log" | sed 's/^datagen: //'), $(grep -h 'contacts copied' "$RAW/datagen.log" | sed 's/^datagen: //');"
  echo "$(grep -h 'indexes + VACUUM' "$RAW/datagen.log" | sed 's/^datagen: //')."
  echo
  echo "**Where the CPU went** (ms of one core per request, per transaction for pgbench, over each measured run, from"
  echo "\`/proc\`: the API process; PostgreSQL's processes; the load generator; the rest of the machine: the kernel's"
  echo "interrupt work, other processes). At a target ratio r the machine has $(nproc) × 1000 / (r × pgbench tps) ms per"
  echo "request; less what PostgreSQL, wrk and the rest took per request through the API, that is what the API"
  echo "process may spend at the target."
  echo
  echo "| scenario | through the API: API / PostgreSQL / wrk / rest | pgbench: PostgreSQL / pgbench / rest | API process at the target ratio |"
  echo "|---|---:|---:|---|"
  awk -F'\t' -v cores="$(nproc)" '
    FNR == 1 { next }
    FILENAME ~ /results\.tsv$/ && $2 == "pgbench" { tps[$1] = $3; next }
    FILENAME ~ /results\.tsv$/ { next }
    $2 == "api" { api[$1] = sprintf("%.3f / %.3f / %.3f / %.3f", $4, $5, $6, $7); own[$1] = $4; others[$1] = $5 + $6 + $7 }
    $2 == "pgbench" { pg[$1] = sprintf("%.3f / %.3f / %.3f", $5, $6, $7) }
    END {
      split("list_first list_deep search get create", order, " ")
      ratio["list_first"] = 0.6; ratio["list_deep"] = 0.6; ratio["get"] = 0.6; ratio["create"] = 0.5
      for (i = 1; i <= 5; i++) {
        s = order[i]
        budget = s in ratio ? "—" : "no ratio target"
        if (s in ratio && tps[s] > 0 && s in api) {
          b = cores * 1000 / (ratio[s] * tps[s]) - others[s]
          budget = b > 0 ? sprintf("≤ %.3f ms (now %.3f)", b, own[s]) : sprintf("nothing: the others alone take %.3f ms more than the budget", -b)
        }
        printf "| %s | %s | %s | %s |\n", s, (s in api ? api[s] : "—"), (s in pg ? pg[s] : "—"), budget
      }
    }' "$RESULTS" "$CPU"
} > "$OUT"
# The API's request log is ~4 KB per request (hundreds of MB at 1M): keep it, compressed.
gzip -1 -f "$RAW"/api-*.log
cat "$OUT"
log "wrote $OUT (raw logs: $RAW)"

if [ "$SMOKE" = 1 ]; then
  # The smoke run judges correctness only: every request of every scenario answered 2xx, every pgbench
  # transaction succeeded, the import inserted every row. Times on a loaded CI machine mean nothing.
  BAD=$(awk -F'\t' 'NR > 1 && $7 > 0 {printf "%s (%s): %d non-2xx or errors; ", $1, $2, $7}' "$RESULTS")
  [ "$IMPORT_INSERTED" = "$IMPORT_ROWS" ] || BAD="${BAD}import inserted ${IMPORT_INSERTED:-0} of $IMPORT_ROWS rows"
  if [ -n "$BAD" ]; then
    echo "bench smoke: $BAD" >&2
    exit 1
  fi
  log "smoke: every scenario answered 2xx and the import inserted all $IMPORT_ROWS rows (times not judged)"
fi
