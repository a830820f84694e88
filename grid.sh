#!/usr/bin/env bash
# The Identity Search Grid's one entry script. Run ./grid.sh help for the commands.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="$ROOT/.run"          # PIDs and logs of what `up` started
DATA="$ROOT/.data"        # Azurite's files
TOOLS="$ROOT/.tools"      # Azurite (npm), project-local
CONFIG=Release
BLOB_PORT="${GRID_BLOB_PORT:-10000}"
TABLE_PORT="${GRID_TABLE_PORT:-10002}"
SILO_PORT_BASE="${GRID_SILO_PORT_BASE:-11111}"
GATEWAY_PORT_BASE="${GRID_GATEWAY_PORT_BASE:-30000}"
AZURITE_VERSION=3.37.0
ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export GRID_STORAGE="${GRID_STORAGE:-DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;}"
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SILO_BIN="$ROOT/src/Silo/bin/$CONFIG/net10.0/Grid.Silo"
GRIDCTL_BIN="$ROOT/src/Cli/bin/$CONFIG/net10.0/gridctl"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<USAGE
usage: ./grid.sh COMMAND
  setup              install what is missing (apt: g++, libfaiss-dev, libopenblas-dev, liblapack-dev, nodejs/npm;
                     azurite@$AZURITE_VERSION into .tools; face models into .models) and build ($CONFIG)
  up [--silos N]     start Azurite and N silos (default 1) in the background; wait until they answer
  down               stop exactly what 'up' started
  status             what is running, and the grid's own status
  demo               up + a scripted demonstration
  test               run every test project; ends with 'N passed, N failed'
  bench [options]    benchmarks: in-process engines (--sizes, default 100000,1000000), then end to end through
                     GridClient (--e2e-sizes, default 1000000; starts the grid if it is down); writes docs/BENCHMARKS.md
USAGE
}

# ---------------------------------------------------------------- setup
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || return 0; return 1; }

setup() {
  local missing=()
  for p in g++ libfaiss-dev libopenblas-dev liblapack-dev; do need_apt "$p" && missing+=("$p"); done
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  if ((${#missing[@]})); then
    [ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]} — run as root or: sudo apt-get install -y ${missing[*]}"
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ ! -x "$TOOLS/azurite/node_modules/.bin/azurite" ]; then
    say "installing azurite@$AZURITE_VERSION into .tools/azurite"
    mkdir -p "$TOOLS/azurite"
    (cd "$TOOLS/azurite" && npm install --no-audit --no-fund --silent "azurite@$AZURITE_VERSION" >/dev/null)
  fi
  if [ -x "$ROOT/infra/fetch-models.sh" ]; then "$ROOT/infra/fetch-models.sh"; fi
  say "building ($CONFIG)"
  dotnet build "$ROOT/Grid.sln" -c "$CONFIG" -nologo -v quiet -clp:ErrorsOnly
}

ensure_built() { [ -x "$SILO_BIN" ] && [ -x "$GRIDCTL_BIN" ] && [ -x "$TOOLS/azurite/node_modules/.bin/azurite" ] || setup; }

# ---------------------------------------------------------------- processes
# Running and not a zombie: a SIGKILLed process can linger as a zombie until it is reaped.
alive() {
  [ -f "$1" ] || return 1
  local state; state=$(ps -o stat= -p "$(cat "$1")" 2>/dev/null) || return 1
  [ -n "$state" ] && [[ "$state" != Z* ]]
}

wait_port() { # port seconds what
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  die "$3 did not open port $1 within $2 s (see $RUN/*.log)"
}

start_azurite() {
  mkdir -p "$RUN" "$DATA/azurite"
  if alive "$RUN/azurite.pid"; then return; fi
  say "starting Azurite (blob :$BLOB_PORT, table :$TABLE_PORT, data in .data/azurite)"
  setsid "$TOOLS/azurite/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --queueHost 127.0.0.1 --queuePort "${GRID_QUEUE_PORT:-10001}" \
    --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" --location "$DATA/azurite" \
    >"$RUN/azurite.log" 2>&1 </dev/null &
  echo $! >"$RUN/azurite.pid"
  wait_port "$BLOB_PORT" 30 Azurite
  wait_port "$TABLE_PORT" 30 Azurite
}

start_silo() { # index [force]
  local i=$1 force=${2:-}
  local pidfile="$RUN/silo-$i.pid"
  if alive "$pidfile"; then return; fi
  local args=(--silo-port $((SILO_PORT_BASE + i)) --gateway-port $((GATEWAY_PORT_BASE + i)))
  [ -n "$force" ] && args+=(--force "$force")
  say "starting silo $i (silo :$((SILO_PORT_BASE + i)), gateway :$((GATEWAY_PORT_BASE + i)))"
  setsid "$SILO_BIN" "${args[@]}" >"$RUN/silo-$i.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  wait_port $((GATEWAY_PORT_BASE + i)) 60 "silo $i"
}

up() {
  local silos=1
  while (($#)); do
    case "$1" in
      --silos) silos=${2:?--silos needs a number}; shift 2 ;;
      *) die "up: unknown option $1" ;;
    esac
  done
  ensure_built
  start_azurite
  local i
  for ((i = 0; i < silos; i++)); do start_silo "$i"; done
  "$GRIDCTL_BIN" status >/dev/null || die "the grid did not answer (see $RUN/silo-*.log)"
  say "grid up: $silos silo(s); ./gridctl status shows it; ./grid.sh down stops it"
}

stop_pid() { # pidfile name
  if alive "$1"; then
    local pid; pid=$(cat "$1")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    say "stopped $2 (pid $pid)"
  fi
  rm -f "$1"
}

down() {
  local f
  for f in "$RUN"/silo-*.pid; do [ -e "$f" ] && stop_pid "$f" "$(basename "$f" .pid)"; done
  stop_pid "$RUN/azurite.pid" azurite
}

status() {
  local f any=0
  for f in "$RUN"/azurite.pid "$RUN"/silo-*.pid; do
    [ -e "$f" ] || continue
    any=1
    if alive "$f"; then echo "$(basename "$f" .pid): running (pid $(cat "$f"))"; else echo "$(basename "$f" .pid): not running (stale pid file)"; fi
  done
  ((any)) || { echo "nothing started: ./grid.sh up"; return 0; }
  alive "$RUN/silo-0.pid" && "$GRIDCTL_BIN" status || true
}

# ---------------------------------------------------------------- demo
demo() {
  up
  local work="$RUN/demo"
  rm -rf "$work"; mkdir -p "$work"
  say "1. synthetic templates: 20,000 identities, each a 512-d unit vector; 5 probes are new 'photos' of known subjects"
  "$GRIDCTL_BIN" synth --identities 20000 --probes 5 --prefix nl-case- --out "$work"
  say "2. create gallery NL/suspects: exact SIMD engine, 4 shards"
  "$GRIDCTL_BIN" gallery create NL/suspects --engine exact --shards 4
  say "3. enrol: each batch is acknowledged only once it is in its shards' logs in blob storage"
  "$GRIDCTL_BIN" enrol NL/suspects --templates "$work/gallery.npy" --subjects "$work/subjects.txt"
  say "4. search with the 5 probes; the true subjects are: $(paste -sd' ' "$work/probes-truth.txt")"
  "$GRIDCTL_BIN" search NL/suspects --probe "$work/probes.npy" --k 5
  say "5. remove $(head -1 "$work/probes-truth.txt") and search again: it is gone from the candidates"
  "$GRIDCTL_BIN" remove NL/suspects "$(head -1 "$work/probes-truth.txt")"
  "$GRIDCTL_BIN" search NL/suspects --probe "$work/probes.npy" --k 3 --json | head -1
  say "6. status"
  "$GRIDCTL_BIN" status
  say "demo done; the grid is still up (./grid.sh down stops it)"
}

# ---------------------------------------------------------------- test
run_tests() {
  ensure_built
  local log="$RUN/test" passed=0 failed=0 skipped=0 rc=0 p
  mkdir -p "$log"
  for p in "$ROOT"/tests/*/*.csproj; do
    local name; name=$(basename "$p" .csproj)
    say "testing $name"
    if ! dotnet test "$p" -c "$CONFIG" --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log/$name.log" | grep -E '^\s+(Failed|Skipped) |Passed!|Failed!|error' ; then :; fi
    local line; line=$(grep -E '(Passed|Failed)!\s+-' "$log/$name.log" | tail -1 || true)
    if [ -z "$line" ]; then echo "  $name: no test summary (see $log/$name.log)"; failed=$((failed + 1)); rc=1; continue; fi
    local f s t; f=$(sed -E 's/.*Failed:\s+([0-9]+).*/\1/' <<<"$line"); s=$(sed -E 's/.*Passed:\s+([0-9]+).*/\1/' <<<"$line"); t=$(sed -E 's/.*Skipped:\s+([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + s)); failed=$((failed + f)); skipped=$((skipped + t))
    ((f == 0)) || rc=1
  done
  echo "$passed passed, $failed failed, $skipped skipped"
  return $rc
}

case "${1:-help}" in
  setup) setup ;;
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  demo) demo ;;
  test) run_tests ;;
  bench) shift; ensure_built; cd "$ROOT"; dotnet run --project "$ROOT/bench/Grid.Bench" -c "$CONFIG" -- "$@" ;;
  help|-h|--help) usage ;;
  *) usage; exit 2 ;;
esac
