#!/usr/bin/env bash
# The Identity Search Grid's one entry script. Run ./grid.sh help for the commands.
set -euo pipefail
# Everything this script creates (Azurite data, keys, logs) is the owner's only: folders 0700, files 0600.
umask 077

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="$ROOT/.run"          # PIDs and logs of what `up` started
DATA="${GRID_DATA:-$ROOT/.data}"   # Azurite's files and the keys
TOOLS="$ROOT/.tools"      # Azurite (npm), project-local
CONFIG=Release
BLOB_PORT="${GRID_BLOB_PORT:-10000}"
TABLE_PORT="${GRID_TABLE_PORT:-10002}"
SILO_PORT_BASE="${GRID_SILO_PORT_BASE:-11111}"
API_PORT_BASE="${GRID_API_PORT_BASE:-8443}"        # silo i serves the HTTPS API on API_PORT_BASE + i
DASHBOARD_PORT_BASE="${GRID_DASHBOARD_PORT_BASE:-8080}"  # only with GRID_DASHBOARD=1 (loopback, no sign-in of its own)
AZURITE_VERSION=3.37.0
ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export GRID_STORAGE="${GRID_STORAGE:-DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;}"
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
KEYS="$DATA/keys"          # cluster secret, operator key, CA and silo certificate: 0600 keys in a 0700 folder
OPERATOR_KEY="$KEYS/operator.key"
SILO_BIN="$ROOT/src/Silo/bin/$CONFIG/net10.0/Grid.Silo"
GRIDCTL_BIN="$ROOT/src/Cli/bin/$CONFIG/net10.0/gridctl"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<USAGE
usage: ./grid.sh COMMAND
  setup              install what is missing (apt: g++, libfaiss-dev, libopenblas-dev, liblapack-dev, openssl, python3, nodejs/npm;
                     azurite@$AZURITE_VERSION into .tools; face models into .models) and build ($CONFIG)
  up [--silos N]     start Azurite and N silos (default 1) in the background; wait until they answer. The first
                     up makes a local CA and certificates in the data folder's keys/ (openssl). Silo i serves
                     the HTTPS API on GRID_API_PORT_BASE+i (default 8443+i); no silo opens an Orleans gateway
  silo add [--force F]
                     start one more silo (next free index); --force F pins force F's shards to it
  silo start ID      start silo ID again (same ports, same force label)
  silo stop ID       stop silo ID gracefully (SIGTERM: grains deactivate, snapshots are written)
  silo kill ID       kill silo ID (SIGKILL: a crash; the cluster declares it dead in a few seconds)
  down               stop exactly what 'up' and 'silo' started
  status             what is running (silos with force label, ports, API URL), and the grid's own status
  demo               up + a scripted demonstration
  test               run every test project; ends with 'N passed, N failed'
  bench [options]    benchmarks: in-process engines (--sizes, default 100000,1000000), then end to end through
                     GridClient (--e2e-sizes, default 1000000; starts the grid if it is down); writes docs/BENCHMARKS.md
  bench --faces [S]  face throughput on one thread (faces-dev 250x250 and as 1920x1080 JPEG, S seconds a set, default 20)
                     and the per-stage profile; rewrites its marked section of docs/BENCHMARKS.md (GRID_FACES_DEV)
  bench-cluster      search with 1/2/3 silos and killed-silo recovery; writes docs/BENCHMARKS-CLUSTER.md
  soak --minutes N   mixed enrolments, removals and searches from 3 forces while silos are killed/frozen at random
                     on a cluster of its own (free ports), then checks every acknowledged write; --out FILE appends
                     the run's summary (e.g. docs/RELIABILITY.md); exit 0 = every promise kept
  eval-faces DIR     the face evaluation on DIR (e.g. ../shared/faces-dev) on a grid of its own, rank-1 through a
                     grid gallery; writes docs/faces-roc.png
USAGE
}

# ---------------------------------------------------------------- setup
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || return 0; return 1; }

setup() {
  local missing=()
  for p in g++ libfaiss-dev libopenblas-dev liblapack-dev openssl python3; do need_apt "$p" && missing+=("$p"); done
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
  # Azurite's files hold every force's templates and audit: owner-only (0700 here, files 0600 by the umask above).
  mkdir -p "$RUN" "$DATA/azurite"; chmod 700 "$DATA" "$DATA/azurite"
  if alive "$RUN/azurite.pid"; then return; fi
  say "starting Azurite (blob :$BLOB_PORT, table :$TABLE_PORT, data in ${DATA#$ROOT/}/azurite)"
  setsid "$TOOLS/azurite/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --queueHost 127.0.0.1 --queuePort "${GRID_QUEUE_PORT:-10001}" \
    --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" --location "$DATA/azurite" \
    >"$RUN/azurite.log" 2>&1 </dev/null &
  echo $! >"$RUN/azurite.pid"
  wait_port "$BLOB_PORT" 30 Azurite
  wait_port "$TABLE_PORT" 30 Azurite
}

# The cluster secret (HMAC keys for internal calls and search tickets) is made once and shared by local silos.
ensure_secret() {
  mkdir -p "$KEYS"; chmod 700 "$KEYS"
  if [ ! -s "$KEYS/cluster.secret" ]; then
    (umask 077; head -c 48 /dev/urandom | base64 -w0 >"$KEYS/cluster.secret")
  fi
}

# The local certificate authority and the silos' certificate, made once (openssl): the HTTPS API serves this
# certificate, silos authenticate each other with it (mutual TLS), and clients trust ca.crt and nothing else.
ensure_tls() {
  mkdir -p "$KEYS"; chmod 700 "$KEYS"
  if [ ! -s "$KEYS/ca.crt" ] || [ ! -s "$KEYS/ca.key" ]; then
    (umask 077; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
      -keyout "$KEYS/ca.key" -out "$KEYS/ca.crt" -subj "/CN=Identity Search Grid local CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null) \
      || die "openssl could not make the local CA in $KEYS"
    rm -f "$KEYS/silo.crt"
  fi
  if [ ! -s "$KEYS/silo.crt" ] || [ ! -s "$KEYS/silo.key" ]; then
    (umask 077
      openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -keyout "$KEYS/silo.key" \
        -out "$KEYS/silo.csr" -subj "/CN=grid-silo" 2>/dev/null &&
      printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:localhost,DNS:grid-silo,IP:127.0.0.1,IP:::1" >"$KEYS/silo.ext" &&
      openssl x509 -req -in "$KEYS/silo.csr" -CA "$KEYS/ca.crt" -CAkey "$KEYS/ca.key" -CAcreateserial -sha256 -days 825 \
        -extfile "$KEYS/silo.ext" -out "$KEYS/silo.crt" 2>/dev/null) || die "openssl could not make the silo certificate in $KEYS"
    rm -f "$KEYS/silo.csr" "$KEYS/silo.ext"
  fi
  chmod 600 "$KEYS"/*.key; chmod 644 "$KEYS/ca.crt" "$KEYS/silo.crt"
}

api_url() { echo "https://localhost:$((API_PORT_BASE + ${1:-0}))/"; }

# gridctl as the local operator would run it: the first silo's API, the local CA.
gridctl_local() { GRID_ENDPOINT="${GRID_ENDPOINT:-$(api_url 0)}" GRID_CA_FILE="${GRID_CA_FILE:-$KEYS/ca.crt}" "$GRIDCTL_BIN" "$@"; }

start_silo() { # index [force]
  local i=$1 force=${2:-}
  local pidfile="$RUN/silo-$i.pid"
  if alive "$pidfile"; then return; fi
  mkdir -p "$RUN"
  ensure_secret
  ensure_tls
  local api=$((API_PORT_BASE + i))
  local args=(--silo-port $((SILO_PORT_BASE + i)) --api-port "$api" --liveness fast --operator-key-file "$OPERATOR_KEY"
    --tls-cert "$KEYS/silo.crt" --tls-key "$KEYS/silo.key" --tls-ca "$KEYS/ca.crt")
  local dashboard="off (GRID_DASHBOARD=1 turns it on)"
  if [ "${GRID_DASHBOARD:-0}" = 1 ]; then args+=(--dashboard-port $((DASHBOARD_PORT_BASE + i))); dashboard="http://127.0.0.1:$((DASHBOARD_PORT_BASE + i))/"; fi
  [ -z "$force" ] || args+=(--force "$force")
  printf '%s\n' "$force" >"$RUN/silo-$i.force"
  say "starting silo $i${force:+ for force $force} (silo :$((SILO_PORT_BASE + i)) mutual TLS, API $(api_url "$i"), dashboard $dashboard)"
  local secrets=("Grid__Security__ClusterSecret=$(cat "$KEYS/cluster.secret")"
    # One JSON object per log line (scopes: a search's lines carry its SearchId); GRID_JSON_LOGS=false for plain text.
    "Grid__Telemetry__JsonLogs=${GRID_JSON_LOGS:-true}")
  if [ -n "$force" ]; then
    # The force's own ticket-signing secret lives only with its own silos (docs/SECURITY.md, per-owner ticket keys).
    [ -s "$KEYS/force-$force.secret" ] || head -c 48 /dev/urandom | base64 -w0 >"$KEYS/force-$force.secret"
    secrets+=("Grid__Security__Forces__${force}__Secret=$(cat "$KEYS/force-$force.secret")")
  fi
  env "${secrets[@]}" setsid "$SILO_BIN" "${args[@]}" >>"$RUN/silo-$i.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  wait_port "$api" 60 "silo $i"
}

next_silo_index() {
  local i=0
  while alive "$RUN/silo-$i.pid"; do i=$((i + 1)); done
  echo "$i"
}

silo_cmd() {
  local sub=${1:-}
  (($#)) && shift
  case "$sub" in
    add)
      local force=""
      while (($#)); do
        case "$1" in
          --force) force=${2:?--force needs a force id, e.g. NL or DE-BKA}; shift 2 ;;
          *) die "silo add: unknown option $1" ;;
        esac
      done
      ensure_built
      start_azurite
      local i; i=$(next_silo_index)
      start_silo "$i" "$force"
      echo "silo $i started (force ${force:-shared})" ;;
    start)
      local i=${1:?usage: ./grid.sh silo start ID}
      [ -f "$RUN/silo-$i.force" ] || die "silo $i was never started here (./grid.sh silo add)"
      alive "$RUN/silo-$i.pid" && die "silo $i is already running (pid $(cat "$RUN/silo-$i.pid"))"
      start_azurite
      start_silo "$i" "$(cat "$RUN/silo-$i.force")" ;;
    stop)
      local i=${1:?usage: ./grid.sh silo stop ID}
      alive "$RUN/silo-$i.pid" || die "silo $i is not running"
      stop_pid "$RUN/silo-$i.pid" "silo-$i" ;;
    kill)
      local i=${1:?usage: ./grid.sh silo kill ID}
      alive "$RUN/silo-$i.pid" || die "silo $i is not running"
      local pid; pid=$(cat "$RUN/silo-$i.pid")
      kill -KILL "$pid"
      rm -f "$RUN/silo-$i.pid"
      say "killed silo-$i (pid $pid, SIGKILL); the cluster declares it dead within seconds (--liveness fast), then its shards reactivate" ;;
    *) die "usage: ./grid.sh silo add [--force F] | silo start ID | silo stop ID | silo kill ID" ;;
  esac
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
  for _ in $(seq 1 100); do [ -s "$OPERATOR_KEY" ] && break; sleep 0.1; done
  [ -s "$OPERATOR_KEY" ] || die "the silo did not write the operator key $OPERATOR_KEY (see $RUN/silo-0.log)"
  GRID_KEY_FILE="$OPERATOR_KEY" gridctl_local status >/dev/null || die "the grid did not answer (see $RUN/silo-*.log)"
  say "grid up: $silos silo(s); operator key: $OPERATOR_KEY (mode 0600); ./gridctl status shows it; ./grid.sh down stops it"
  say "HTTPS API: $(api_url 0)v1/ (OpenAPI document: $(api_url 0)openapi/v1.json); trust only the grid's CA: $KEYS/ca.crt"
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
  rm -f "$RUN"/silo-*.force
}

status() {
  local f any=0
  for f in "$RUN"/azurite.pid "$RUN"/silo-*.pid; do
    [ -e "$f" ] || continue
    any=1
    local name label=""; name=$(basename "$f" .pid)
    [[ "$name" != silo-* ]] || label=$(silo_label "${name#silo-}")
    if alive "$f"; then echo "$name: running (pid $(cat "$f"))$label"; else echo "$name: not running (stale pid file)$label"; fi
  done
  for f in "$RUN"/silo-*.force; do # stopped or killed silos that 'silo start ID' brings back
    [ -e "$f" ] || continue
    local name; name=$(basename "$f" .force)
    [ -e "$RUN/$name.pid" ] || echo "$name: stopped$(silo_label "${name#silo-}") (./grid.sh silo start ${name#silo-})"
  done
  ((any)) || { echo "nothing started: ./grid.sh up"; return 0; }
  if alive "$RUN/silo-0.pid"; then GRID_KEY_FILE="${GRID_KEY_FILE:-$OPERATOR_KEY}" gridctl_local status || true; fi
}

silo_label() { # index -> " force=F silo=:P api=URL"
  local i=$1 force
  force=$(cat "$RUN/silo-$i.force" 2>/dev/null || true)
  printf ' force=%s silo=:%s api=%s' "${force:-shared}" $((SILO_PORT_BASE + i)) "$(api_url "$i")"
}

# ---------------------------------------------------------------- demo
# A grid of its own under .data/NAME, started afresh, so demos and evaluations never touch your data.
fresh_grid() { # name
  down >/dev/null
  DATA="$ROOT/.data/$1"; KEYS="$DATA/keys"; OPERATOR_KEY="$KEYS/operator.key"
  rm -rf "$DATA"
  up
}

demo() {
  fresh_grid demo
  local work="$RUN/demo" keys="$RUN/demo/keys"
  rm -rf "$work"; mkdir -p "$keys"; chmod 700 "$keys"
  ctl() { local key=$1; shift; echo "+ gridctl $* (as $key)" >&2; GRID_KEY_FILE="$keys/$key.key" gridctl_local "$@"; }
  local purpose=(--case "NL-2026-0412" --category Suspect --justification "Armed robbery of a jeweller in Utrecht, suspect filmed by CCTV")

  say "1. the operator creates three member forces; each admin's key is shown once (here written to 0600 files)"
  for f in NL DE FR; do
    if [ ! -s "$keys/$f-admin.key" ]; then
      GRID_KEY_FILE="$OPERATOR_KEY" gridctl_local force create "$f" --name "$f national police" --admin "${f,,}-admin" --key-out "$keys/$f-admin.key"
    fi
  done
  ctl NL-admin user add NL nl-analyst --roles searcher,enroller,reviewer --key-out "$keys/NL-analyst.key"
  ctl NL-admin user add NL nl-agreements --roles agreement-admin,auditor --key-out "$keys/NL-agreements.key"
  ctl DE-admin user add DE de-enroller --roles enroller --key-out "$keys/DE-enroller.key"
  ctl DE-admin user add DE de-agreements --roles agreement-admin,auditor --key-out "$keys/DE-agreements.key"
  ctl FR-admin user add FR fr-enroller --roles enroller --key-out "$keys/FR-enroller.key"

  say "2. each force creates its gallery (exact SIMD engine, 4 shards) and enrols synthetic templates"
  "$GRIDCTL_BIN" synth --identities 20000 --probes 3 --prefix nl-case- --seed 1 --out "$work/NL" >/dev/null
  "$GRIDCTL_BIN" synth --identities 20000 --probes 3 --prefix de-bka- --seed 2 --out "$work/DE" >/dev/null
  "$GRIDCTL_BIN" synth --identities 5000 --probes 1 --prefix fr-pn- --seed 3 --out "$work/FR" >/dev/null
  ctl NL-admin gallery create NL/suspects --category Suspect
  ctl DE-admin gallery create DE/robbery --category Convicted
  ctl FR-admin gallery create FR/missing --category Missing
  ctl NL-analyst enrol NL/suspects --templates "$work/NL/gallery.npy" --subjects "$work/NL/subjects.txt"
  ctl DE-enroller enrol DE/robbery --templates "$work/DE/gallery.npy" --subjects "$work/DE/subjects.txt"
  ctl FR-enroller enrol FR/missing --templates "$work/FR/gallery.npy" --subjects "$work/FR/subjects.txt"

  say "3. DE proposes an agreement DE->NL for organised-armed-robbery only; NL accepts"
  ctl DE-agreements agreement propose 'DE->NL' --galleries DE/robbery --offences organised-armed-robbery --max-candidates 3 --min-score 0.2 --daily-quota 50
  ctl NL-agreements agreement accept 'DE->NL'

  say "4. NL searches with a CCTV probe of $(head -1 "$work/DE/probes-truth.txt") (a DE subject) for organised-armed-robbery:"
  say "   own gallery + DE's (capped at 3 candidates, score >= 0.2); FR's gallery stays invisible"
  ctl NL-analyst search --probe "$work/DE/probes.npy" --k 5 --purpose organised-armed-robbery "${purpose[@]}" | head -12

  say "5. the same search for fraud: the agreement does not cover it, so DE refuses and only NL's own gallery is searched"
  ctl NL-analyst search NL/suspects,DE/robbery --probe "$work/DE/probes.npy" --k 3 --purpose fraud "${purpose[@]}" --json | head -1

  say "6. a search whose purpose is incomplete (a justification of 5 characters) is refused outright"
  ctl NL-analyst search --probe "$work/DE/probes.npy" --purpose organised-armed-robbery --case X --category Suspect --justification short || true

  say "7. DE revokes; the next NL search no longer reaches DE"
  ctl DE-agreements agreement revoke 'DE->NL' >/dev/null
  ctl NL-analyst search --probe "$work/DE/probes.npy" --k 3 --purpose organised-armed-robbery "${purpose[@]}" --partners DE --json | head -1

  say "8. removal really removes: NL removes $(head -1 "$work/NL/probes-truth.txt") and its probe no longer finds it"
  ctl NL-analyst remove NL/suspects "$(head -1 "$work/NL/probes-truth.txt")"
  ctl NL-analyst search NL/suspects --probe "$work/NL/probes.npy" --k 2 --purpose organised-armed-robbery "${purpose[@]}" --json | head -1

  say "9. the audit at both ends, and its hash chains verified"
  ctl NL-agreements audit show NL | tail -12
  ctl DE-agreements audit show DE | tail -8
  ctl NL-agreements audit verify NL --with-partners
  ctl DE-agreements audit verify DE
  ctl DE-agreements stats DE
  say "demo done; the demo grid is still up (./grid.sh down stops it). Its operator key: $OPERATOR_KEY; the forces' keys: $keys"
  say "every step above went through the HTTPS API: $(api_url 0)v1/ — OpenAPI document: $(api_url 0)openapi/v1.json; CA: $KEYS/ca.crt"
  say "try: GRID_DATA=$DATA GRID_KEY_FILE=$keys/NL-analyst.key ./gridctl search --probe $work/DE/probes.npy --purpose fraud ${purpose[*]}"
  say "or with curl: curl --cacert $KEYS/ca.crt -H \"Authorization: Bearer \$(cat $keys/NL-analyst.key)\" $(api_url 0)v1/me"
}

# ---------------------------------------------------------------- test
count_of() { { grep -E "^\s*$1:\s+[0-9]+" "$2" || true; } | tail -1 | grep -oE '[0-9]+' | tail -1 || true; }

run_tests() {
  setup # idempotent: installs what is missing, then an incremental build, so tests never run stale binaries
  local log="$RUN/test" passed=0 failed=0 skipped=0 rc=0 p
  mkdir -p "$log"
  for p in "$ROOT"/tests/*/*.csproj; do
    local name; name=$(basename "$p" .csproj)
    say "testing $name"
    local status=0
    dotnet test "$p" -c "$CONFIG" --no-build -nologo --logger "console;verbosity=normal" >"$log/$name.log" 2>&1 || status=$?
    grep -E '^\s+(Failed|Skipped) |^\s+(Total tests|Passed|Failed|Skipped):|error' "$log/$name.log" || true
    # VSTest's closing block: "Total tests: N", "Passed: N", "Failed: N", "Skipped: N" (absent when zero).
    local t s f k
    t=$(count_of "Total tests" "$log/$name.log"); s=$(count_of "Passed" "$log/$name.log")
    f=$(count_of "Failed" "$log/$name.log"); k=$(count_of "Skipped" "$log/$name.log")
    if [ -z "$t" ]; then
      if grep -q "No test is available" "$log/$name.log"; then echo "  $name: no tests yet"; continue; fi
      echo "  $name: the run ended without a test summary (see $log/$name.log)"; failed=$((failed + 1)); rc=1; continue
    fi
    passed=$((passed + ${s:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${k:-0}))
    [ "${f:-0}" = 0 ] || rc=1
    # A crashed or aborted test host can leave a summary without failures: its exit code still counts.
    if [ "$status" != 0 ] && [ "${f:-0}" = 0 ]; then echo "  $name: dotnet test exited $status (see $log/$name.log)"; failed=$((failed + 1)); rc=1; fi
  done
  echo "$passed passed, $failed failed, $skipped skipped"
  return $rc
}

# ---------------------------------------------------------------- eval-faces
eval_faces() { # dir [gridctl eval-faces options]
  [ -n "${1:-}" ] || die "eval-faces needs a faces-dev style folder, e.g. ./grid.sh eval-faces ../shared/faces-dev"
  local dir; dir=$(cd "$1" && pwd) || die "no folder $1"; shift
  fresh_grid eval
  GRID_KEY_FILE="$OPERATOR_KEY" gridctl_local force create NL --name "evaluation" --admin eval-admin --key-out "$KEYS/eval-admin.key" >/dev/null
  GRID_KEY_FILE="$KEYS/eval-admin.key" gridctl_local user add NL evaluator --roles searcher,enroller,force-admin --key-out "$KEYS/evaluator.key" >/dev/null
  GRID_KEY_FILE="$KEYS/evaluator.key" gridctl_local eval-faces "$dir" "$@" --roc "$ROOT/docs/faces-roc.png"
}

case "${1:-help}" in
  setup) setup ;;
  up) shift; up "$@" ;;
  down) down ;;
  silo) shift; silo_cmd "$@" ;;
  status) status ;;
  demo) demo ;;
  test) run_tests ;;
  eval-faces) shift; eval_faces "$@" ;;
  bench) shift
    if [ "${1:-}" = "--faces" ]; then
      # Face throughput (one thread, 250x250 and 1920x1080) and the stage profile into docs/BENCHMARKS.md's marked section.
      shift; faces_dev="${GRID_FACES_DEV:-$ROOT/../shared/faces-dev}"
      [ -f "$faces_dev/labels.csv" ] || { echo "faces-dev not found at $faces_dev (set GRID_FACES_DEV)" >&2; exit 1; }
      cd "$ROOT"; dotnet run --project "$ROOT/bench/Faces.Bench" -c "$CONFIG" -- bench "$faces_dev" "${1:-20}" --write="$ROOT/docs/BENCHMARKS.md"
    else
      ensure_built; cd "$ROOT"; dotnet run --project "$ROOT/bench/Grid.Bench" -c "$CONFIG" -- "$@"
    fi ;;
  bench-cluster) shift; ensure_built; dotnet run --project "$ROOT/bench/Cluster.Bench" -c "$CONFIG" -- "$@" ;;
  soak) shift; ensure_built; dotnet run --project "$ROOT/bench/Soak" -c "$CONFIG" -- "$@" ;;
  help|-h|--help) usage ;;
  *) usage; exit 2 ;;
esac
