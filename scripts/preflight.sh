#!/usr/bin/env bash
# Before the suite runs: the system programs and services it needs are here, or installed now, or the run stops at
# once with the exact command — never halfway through the suite.
#   programs: Chromium (browser journeys), prometheus + promtool (differential and rules tests), redis-cli (the
#             diagnostics benchmark and service tests), a CJK font (readable Korean in screenshots)
#   services: PostgreSQL 127.0.0.1:5432, MariaDB 127.0.0.1:3306, Redis 127.0.0.1:6379 (URLs from the same env
#             variables the tests read: TEST_PG_URL, MYSQL_URL, REDIS_URL)
# Installs use Debian's packages through apt-get as root or with passwordless sudo. PREFLIGHT=off skips all of it.
set -uo pipefail
[ "${PREFLIGHT:-on}" = "off" ] && exit 0

say() { echo "preflight: $*"; }

# --- system programs -----------------------------------------------------------------------------------------
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=()
[ -x "$chromium_path" ] || packages+=(chromium)
{ command -v prometheus >/dev/null && command -v promtool >/dev/null; } || packages+=(prometheus)
command -v redis-cli >/dev/null || packages+=(redis-tools)
if ! command -v fc-list >/dev/null || [ -z "$(fc-list :lang=ko family 2>/dev/null)" ]; then packages+=(fonts-noto-cjk); fi

if [ ${#packages[@]} -gt 0 ]; then
  install_cmd="apt-get update && apt-get install -y --no-install-recommends ${packages[*]}"
  if [ "$(id -u)" = 0 ]; then
    sudo_cmd=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo_cmd=(sudo)
  elif command -v apt-get >/dev/null; then
    say "missing: ${packages[*]}. Install them, then run the tests again:"
    echo "  sudo sh -c '$install_cmd'"
    exit 1
  else
    say "missing: ${packages[*]} and no apt-get here; install the equivalents with your package manager (and set CHROMIUM_PATH for the browser)."
    exit 1
  fi
  say "installing ${packages[*]} (Debian packages; about 1–3 min the first time)"
  started=$(date +%s)
  if ! { "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null; }; then
    say "installing failed; run it yourself and look at the error:"
    echo "  sudo sh -c '$install_cmd'"
    exit 1
  fi
  say "installed in $(($(date +%s) - started)) s"
fi

# --- services ---------------------------------------------------------------------------------------------------
# A service that is down is started when this user may (root, as on CI machines); otherwise the command is printed.
host_port() { node -e 'const u=new URL(process.argv[1]); console.log(`${u.hostname.replace(/^\[|\]$/g,"")} ${u.port||process.argv[2]}`)' "$1" "$2"; }
reachable() { node -e 'const s=require("net").connect({host:process.argv[1],port:+process.argv[2]});s.setTimeout(2000);s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1));s.on("timeout",()=>process.exit(1))' "$1" "$2"; }

pg_version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
check_service() { # name url default-port start-command
  local name="$1" url="$2" port="$3" start="$4" hp
  hp=$(host_port "$url" "$port")
  # shellcheck disable=SC2086
  reachable $hp && return 0
  if [ "$(id -u)" = 0 ] && [ -n "$start" ]; then
    say "$name is not answering at ${hp/ /:}; starting it: $start"
    bash -c "$start" >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do
      # shellcheck disable=SC2086
      reachable $hp && return 0
      sleep 0.5
    done
  fi
  say "$name is not answering at ${hp/ /:}. Start it${start:+ with: $start} (or point the tests at it with the env variable in scripts/preflight.sh)."
  return 1
}
down=0
check_service PostgreSQL "${TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}" 5432 \
  "${pg_version:+pg_ctlcluster --skip-systemctl-redirect $pg_version main start}" || down=1
check_service MariaDB "${MYSQL_URL:-mysql://root@127.0.0.1:3306/test}" 3306 \
  "$(command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] && echo 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd')" || down=1
check_service Redis "${REDIS_URL:-redis://127.0.0.1:6379}" 6379 \
  "$(command -v redis-server >/dev/null && echo 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no')" || down=1
[ $down = 0 ] || exit 1
say "programs and services ready"
