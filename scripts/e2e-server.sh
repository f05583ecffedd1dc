#!/usr/bin/env bash
# Starts one app instance for the browser tests. With "prepare": recreate the e2e database, migrate, seed
# demo users and build if there is no build yet. DATABASE_URL and the auth variables come from playwright.config.ts.
set -euo pipefail
port="$1"
if [ "${2:-}" = "prepare" ]; then
  mkdir -p .data
  node scripts/reset-db.mjs "$DATABASE_URL"
  npx prisma migrate deploy >/dev/null
  DEMO_USERS=1 npx prisma db seed >/dev/null
  mkdir -p .data
  [ -f "${NEXT_DIST_DIR:-.next}/BUILD_ID" ] || npx next build >/dev/null
else
  # Wait for the preparing instance so this one never starts on a half-migrated database.
  for _ in $(seq 1 240); do curl -sf "http://localhost:${FIRST_PORT}/api/health" >/dev/null && break; sleep 0.5; done
fi
exec node node_modules/next/dist/bin/next start -p "$port"
