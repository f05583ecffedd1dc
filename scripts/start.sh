#!/usr/bin/env bash
# Starts Incident Command on its embedded defaults: SQLite file, simulator, seeded demo users,
# served on http://localhost:3000 (PORT to change). Migrations are applied on every start.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .data
export DATABASE_URL="${DATABASE_URL:-file:./.data/incident-command.db}"
export NEXT_TELEMETRY_DISABLED=1
export PORT="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"
if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  # A per-install secret, kept so sessions survive restarts.
  [ -s .data/nextauth-secret ] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' > .data/nextauth-secret
  NEXTAUTH_SECRET="$(cat .data/nextauth-secret)"
  export NEXTAUTH_SECRET
fi
npx prisma migrate deploy
npx prisma db seed
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  npx next build
fi
echo "Incident Command on http://localhost:$PORT (demo users: see README)"
exec node node_modules/next/dist/bin/next start -p "$PORT"
