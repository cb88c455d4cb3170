#!/usr/bin/env bash
# make run: a project-local PostgreSQL under .data/, migrations, the bootstrap Admin, demo data on the
# first run, the built SPA, and the API on http://127.0.0.1:8080. Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

DATA=.data
PORT=${CRM_DB_PORT:-55432}
URL=${CRM_URL:-http://127.0.0.1:8080}
mkdir -p "$DATA"

scripts/pg.sh start "$DATA/pg" "$PORT"
psql_() { psql -h 127.0.0.1 -p "$PORT" -U crm -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_ -c "SELECT 1 FROM pg_database WHERE datname = 'crm'")" != 1 ]; then
  psql_ -c "CREATE DATABASE crm TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
fi

# Secrets stay on this machine, in .data/ (git-ignored), created once.
[ -s "$DATA/jwt-signing-key" ] || head -c 48 /dev/urandom | base64 | tr -d '\n' > "$DATA/jwt-signing-key"
[ -s "$DATA/admin-password" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=\n' > "$DATA/admin-password"
ADMIN_EMAIL=${Bootstrap__AdminEmail:-admin@example.com}
ADMIN_PASSWORD=${Bootstrap__AdminPassword:-$(cat "$DATA/admin-password")}

dotnet tool restore >/dev/null
dotnet build api/Crm.Web -c Release -p:GenerateOpenApi=false --nologo -v q -clp:ErrorsOnly
WEBROOT=
if have_client; then
  echo "Building the web app..."
  (cd client && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent build >/dev/null)
  WEBROOT=$PWD/client/dist
fi

SEED=false
[ -f "$DATA/demo-loaded" ] || SEED=true

pids=()
cleanup() {
  trap - INT TERM EXIT
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/pg.sh stop "$DATA/pg"
  echo "Stopped."
}
trap cleanup INT TERM EXIT

ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} \
ConnectionStrings__Crm="Host=127.0.0.1;Port=$PORT;Database=crm;Username=crm" \
Jwt__SigningKey=${Jwt__SigningKey:-$(cat "$DATA/jwt-signing-key")} \
Bootstrap__AdminEmail=$ADMIN_EMAIL Bootstrap__AdminPassword=$ADMIN_PASSWORD \
Demo__Seed=$SEED ASPNETCORE_WEBROOT=${WEBROOT:-$PWD/api/Crm.Web/wwwroot} \
  dotnet api/Crm.Web/bin/Release/net10.0/Crm.Web.dll --contentRoot "$PWD/api/Crm.Web/bin/Release/net10.0" --urls "$URL" &
pids+=($!)

if ! wait_http "$URL/health/ready" 90; then
  echo "The API did not become ready; see the log above." >&2
  exit 1
fi
[ "$SEED" = true ] && touch "$DATA/demo-loaded"

cat <<MSG

  CRM is running at $URL
    web app       $URL/
    Swagger UI    $URL/swagger
    sign in as    $ADMIN_EMAIL / $ADMIN_PASSWORD
    token by curl curl -s -X POST $URL/api/v1/auth/token -H 'content-type: application/json' \\
                    -d '{"email":"$ADMIN_EMAIL","password":"$ADMIN_PASSWORD"}'

  Ctrl-C stops the API and the database.
MSG
wait "${pids[0]}"
