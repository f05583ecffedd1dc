#!/usr/bin/env bash
# The whole test suite: type check, lint and format, unit, services (real Redis/MariaDB/Prometheus), database tests on
# SQLite AND PostgreSQL, then the browser journeys on SQLite (one instance) and PostgreSQL (two
# instances). Every suite runs even if an earlier one failed; the last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PG_BASE="${TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}"
PG_VITEST="$(node -e 'const u=new URL(process.argv[1]); u.pathname="/ic_vitest"; console.log(u.toString())' "$PG_BASE")"
mkdir -p test-results
rm -f test-results/*.json
status=0
step() { echo; echo "=== $1"; }
fail() { echo "!!! $1"; status=1; }
# Steps that write no test report; their failure is added to the closing total by name.
failed_steps=""
fail_step() { fail "$1"; failed_steps="${failed_steps:+$failed_steps,}$1"; }

step "system programs and services"
bash scripts/preflight.sh || { echo "!!! preflight: nothing else was run"; exit 1; }

step "schema twin and types"
node scripts/gen-pg-schema.mjs --check || fail_step "PostgreSQL schema is stale"
npx tsc --noEmit || fail_step "type check"

step "lint and format"
npx eslint . || fail_step "lint"
npx prettier --check . --log-level warn || fail_step "format (run: npm run format)"

step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile=test-results/unit.json || fail "unit"

step "service tests (Redis, MariaDB, Prometheus, local HTTP/SMTP peers)"
npx vitest run --project services --reporter=default --reporter=json --outputFile=test-results/services.json || fail "services"

step "database tests on SQLite"
DATABASE_URL="file:./.data/vitest.db" npx vitest run --project db --reporter=default --reporter=json --outputFile=test-results/db-sqlite.json || fail "db sqlite"

step "database tests on PostgreSQL ($PG_VITEST)"
DATABASE_URL="$PG_VITEST" npx vitest run --project db --reporter=default --reporter=json --outputFile=test-results/db-postgres.json || fail "db postgres"

step "build"
rm -rf .next
if npx next build > test-results/build.log 2>&1; then tail -n 5 test-results/build.log; else cat test-results/build.log; fail_step "build"; fi

step "browser journeys on SQLite"
E2E_DB=sqlite npx playwright test || fail "e2e sqlite"

step "browser journeys on PostgreSQL, two app instances"
E2E_DB=postgres npx playwright test || fail "e2e postgres"

echo
node scripts/sum-results.mjs --failed-steps "$failed_steps" test-results unit.json services.json db-sqlite.json db-postgres.json e2e-sqlite.json e2e-postgres.json || status=1
exit $status
