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
PORTAL_PORT="${GRID_PORTAL_PORT:-8600}"             # the examiners' web portal (HTTPS, loopback)
AZURITE_VERSION=3.37.0
ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export GRID_STORAGE="${GRID_STORAGE:-DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;}"
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
KEYS="$DATA/keys"          # cluster secret, operator key, CA and silo certificate: 0600 keys in a 0700 folder
OPERATOR_KEY="$KEYS/operator.key"
SILO_BIN="$ROOT/src/Silo/bin/$CONFIG/net10.0/Grid.Silo"
GRIDCTL_BIN="$ROOT/src/Cli/bin/$CONFIG/net10.0/gridctl"
PORTAL_BIN="$ROOT/src/Portal/bin/$CONFIG/net10.0/Grid.Portal"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<USAGE
usage: ./grid.sh COMMAND
  setup              install what is missing (apt: g++, libfaiss-dev, libopenblas-dev, liblapack-dev, openssl, python3, chromium, nodejs/npm;
                     azurite@$AZURITE_VERSION into .tools; face models into .models) and build ($CONFIG)
  up [--silos N]     start Azurite and N silos (default 1) in the background; wait until they answer. The first
                     up makes a local CA and certificates in the data folder's keys/ (openssl). Silo i serves
                     the HTTPS API on GRID_API_PORT_BASE+i (default 8443+i); no silo opens an Orleans gateway.
                     The examiners' web portal serves https://localhost:GRID_PORTAL_PORT/ (default 8600)
  silo add [--force F]
                     start one more silo (next free index); --force F pins force F's shards and audit to it and
                     keeps them in F's own storage account (made on first use; Azurite restarts with it)
  silo start ID      start silo ID again (same ports, same force label)
  silo stop ID       stop silo ID gracefully (SIGTERM: grains deactivate, snapshots are written)
  silo kill ID       kill silo ID (SIGKILL: a crash; the cluster declares it dead in a few seconds)
  down               stop exactly what 'up' and 'silo' started
  cert --force F     issue force F a client certificate from the grid's CA (keys/client-F.crt, .key 0600): gridctl
                     --client-cert keys/client-F.crt; a key of another force is refused over it
  status             what is running (silos with force label, ports, API URL), and the grid's own status
  demo               up + a scripted demonstration
  test               run every test project; ends with 'N passed, N failed'
  bench [options]    benchmarks: in-process engines (--sizes, default 100000,1000000), then end to end through
                     GridClient (--e2e-sizes, default 1000000; starts the grid if it is down); writes docs/BENCHMARKS.md
  bench --scan ROWS  the exact-int8 scan alone in process (single probe, batches of 2-100) beside the plain reads; prints only
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
  # chromium: the portal's browser tests drive it through Playwright's .NET driver (its node comes in the NuGet package).
  for p in g++ libfaiss-dev libopenblas-dev liblapack-dev openssl python3 chromium; do need_apt "$p" && missing+=("$p"); done
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

ensure_built() { [ -x "$SILO_BIN" ] && [ -x "$GRIDCTL_BIN" ] && [ -x "$PORTAL_BIN" ] && [ -x "$TOOLS/azurite/node_modules/.bin/azurite" ] || setup; }

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

# Forces that run their own silos keep their shards and audit in their own storage account (docs/SECURITY.md,
# per-force storage): keys/storage-F.account holds "name:key" for Azurite, keys/storage-F.conn the connection string
# that only F's silos are given (Grid__ForceStorage__Accounts__F, in their environment). Account names are 3-24 lower-case letters and digits.
force_account_name() { local n; n=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9'); echo "grid${n:0:20}"; }

ensure_force_account() { # force
  mkdir -p "$KEYS"; chmod 700 "$KEYS"
  local account; account=$(force_account_name "$1")
  if [ ! -s "$KEYS/storage-$1.account" ]; then
    (umask 077; printf '%s:%s\n' "$account" "$(head -c 64 /dev/urandom | base64 -w0)" >"$KEYS/storage-$1.account")
  fi
  local key; key=$(cut -d: -f2- "$KEYS/storage-$1.account")
  (umask 077; printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/%s;\n' \
    "$account" "$key" "$BLOB_PORT" "$account" >"$KEYS/storage-$1.conn")
}

# AZURITE_ACCOUNTS: the shared development account plus every force's own account made so far.
azurite_accounts() {
  local accounts="devstoreaccount1:$ACCOUNT_KEY" f
  for f in "$KEYS"/storage-*.account; do [ -e "$f" ] && accounts+=";$(tr -d '\n' <"$f")"; done
  echo "$accounts"
}

start_azurite() {
  # Azurite's files hold every force's templates and audit: owner-only (0700 here, files 0600 by the umask above).
  mkdir -p "$RUN" "$DATA/azurite"; chmod 700 "$DATA" "$DATA/azurite"
  local accounts; accounts=$(azurite_accounts)
  if alive "$RUN/azurite.pid"; then
    # A force's new account: Azurite reads AZURITE_ACCOUNTS only at start, so restart it (silos retry meanwhile).
    [ "$(cat "$RUN/azurite.accounts" 2>/dev/null)" = "$(printf '%s' "$accounts" | sha256sum)" ] && return
    stop_pid "$RUN/azurite.pid" azurite
  fi
  printf '%s' "$accounts" | sha256sum >"$RUN/azurite.accounts"
  say "starting Azurite (blob :$BLOB_PORT, table :$TABLE_PORT, data in ${DATA#$ROOT/}/azurite, $(($(tr -cd ';' <<<"$accounts" | wc -c) + 1)) account(s))"
  AZURITE_ACCOUNTS="$accounts" setsid "$TOOLS/azurite/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose \
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
# One leaf certificate NAME.crt/NAME.key (P-256, 0600 key) signed by the local CA: issue_leaf NAME SUBJECT DAYS EXTENSION...
issue_leaf() {
  local name=$1 subject=$2 days=$3; shift 3
  (umask 077
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -keyout "$KEYS/$name.key" \
      -out "$KEYS/$name.csr" -subj "$subject" 2>/dev/null &&
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "$@" >"$KEYS/$name.ext" &&
    openssl x509 -req -in "$KEYS/$name.csr" -CA "$KEYS/ca.crt" -CAkey "$KEYS/ca.key" -CAcreateserial -sha256 -days "$days" \
      -extfile "$KEYS/$name.ext" -out "$KEYS/$name.crt" 2>/dev/null) || die "openssl could not make the $name certificate in $KEYS"
  rm -f "$KEYS/$name.csr" "$KEYS/$name.ext"
}

ensure_tls() {
  mkdir -p "$KEYS"; chmod 700 "$KEYS"
  if [ ! -s "$KEYS/ca.crt" ] || [ ! -s "$KEYS/ca.key" ]; then
    (umask 077; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
      -keyout "$KEYS/ca.key" -out "$KEYS/ca.crt" -subj "/CN=Identity Search Grid local CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null) \
      || die "openssl could not make the local CA in $KEYS"
    rm -f "$KEYS/silo.crt" "$KEYS/portal.crt"  # leaves of a replaced CA would no longer verify
  fi
  [ -s "$KEYS/silo.crt" ] && [ -s "$KEYS/silo.key" ] || issue_leaf silo "/CN=grid-silo" 825 "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:localhost,DNS:grid-silo,IP:127.0.0.1,IP:::1"
  # The portal's own server certificate from the same CA (serverAuth only): browsers at the site trust ca.crt once.
  [ -s "$KEYS/portal.crt" ] && [ -s "$KEYS/portal.key" ] || issue_leaf portal "/CN=grid-portal" 825 "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,DNS:grid-portal,IP:127.0.0.1,IP:::1"
  chmod 600 "$KEYS"/*.key; chmod 644 "$KEYS/ca.crt" "$KEYS/silo.crt" "$KEYS/portal.crt"
}

api_url() { echo "https://localhost:$((API_PORT_BASE + ${1:-0}))/"; }
portal_url() { echo "https://localhost:$PORTAL_PORT/"; }

# The examiners' portal: a client of the first silo's API like gridctl (no Orleans, no storage); photos stay in it.
start_portal() {
  if alive "$RUN/portal.pid"; then return; fi
  ensure_tls
  say "starting the examiners' portal $(portal_url) (over $(api_url 0); trust $KEYS/ca.crt in the browser)"
  setsid "$PORTAL_BIN" --port "$PORTAL_PORT" --endpoint "$(api_url 0)" --ca-file "$KEYS/ca.crt" \
    --cert "$KEYS/portal.crt" --key "$KEYS/portal.key" >>"$RUN/portal.log" 2>&1 </dev/null &
  echo $! >"$RUN/portal.pid"
  wait_port "$PORTAL_PORT" 60 "the portal"
}

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
    # Its own storage account's connection string, too: a secret, so in the environment, never on the command line.
    if [ -s "$KEYS/storage-$force.conn" ]; then secrets+=("Grid__ForceStorage__Accounts__${force}=$(cat "$KEYS/storage-$force.conn")"); fi
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
      [ -z "$force" ] || ensure_force_account "$force"
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
  start_portal
  say "grid up: $silos silo(s); operator key: $OPERATOR_KEY (mode 0600); ./gridctl status shows it; ./grid.sh down stops it"
  say "examiners' portal: $(portal_url) (sign in with a force user's key, not the operator's)"
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
  stop_pid "$RUN/portal.pid" portal
  for f in "$RUN"/silo-*.pid; do [ -e "$f" ] && stop_pid "$f" "$(basename "$f" .pid)"; done
  stop_pid "$RUN/azurite.pid" azurite
  rm -f "$RUN"/silo-*.force
}

status() {
  local f any=0
  for f in "$RUN"/azurite.pid "$RUN"/silo-*.pid "$RUN"/portal.pid; do
    [ -e "$f" ] || continue
    any=1
    local name label=""; name=$(basename "$f" .pid)
    [[ "$name" != silo-* ]] || label=$(silo_label "${name#silo-}")
    [[ "$name" != portal ]] || label=" $(portal_url)"
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
  ctl NL-admin user add NL nl-reviewer1 --roles reviewer --key-out "$keys/NL-reviewer1.key"
  ctl NL-admin user add NL nl-reviewer2 --roles reviewer --key-out "$keys/NL-reviewer2.key"
  ctl DE-admin user add DE de-reviewer --roles reviewer --key-out "$keys/DE-reviewer.key"

  say "2. each force creates its gallery (exact SIMD engine, 4 shards) and enrols synthetic templates"
  "$GRIDCTL_BIN" synth --identities 20000 --probes 3 --prefix nl-case- --seed 1 --out "$work/NL" >/dev/null
  "$GRIDCTL_BIN" synth --identities 20000 --probes 3 --prefix de-bka- --seed 2 --out "$work/DE" >/dev/null
  "$GRIDCTL_BIN" synth --identities 5000 --probes 1 --prefix fr-pn- --seed 3 --out "$work/FR" >/dev/null
  ctl NL-admin gallery create NL/suspects --category Suspect
  ctl DE-admin gallery create DE/robbery --category Convicted
  ctl FR-admin gallery create FR/missing --category Missing
  ctl DE-admin gallery create DE/wanted --faces --shards 1 --category Suspect   # photo templates (step 6a)
  ctl NL-analyst enrol NL/suspects --templates "$work/NL/gallery.npy" --subjects "$work/NL/subjects.txt"
  ctl DE-enroller enrol DE/robbery --templates "$work/DE/gallery.npy" --subjects "$work/DE/subjects.txt"
  ctl FR-enroller enrol FR/missing --templates "$work/FR/gallery.npy" --subjects "$work/FR/subjects.txt"

  say "3. DE proposes an agreement DE->NL for organised-armed-robbery only, four-eyes review of every candidate, candidate images shared; NL accepts"
  ctl DE-agreements agreement propose 'DE->NL' --galleries DE/robbery,DE/wanted --offences organised-armed-robbery --max-candidates 3 --min-score 0.2 \
    --daily-quota 50 --reviewers 2 --share-images
  ctl NL-agreements agreement accept 'DE->NL'

  say "4. NL searches with a CCTV probe of $(head -1 "$work/DE/probes-truth.txt") (a DE subject) for organised-armed-robbery:"
  say "   own gallery + DE's (capped at 3 candidates, score >= 0.2); FR's gallery stays invisible (DE's photo gallery, of"
  say "   another face model, is searched with photos in step 6)"
  ctl NL-analyst search NL/suspects,DE/robbery --probe "$work/DE/probes.npy" --k 5 --purpose organised-armed-robbery "${purpose[@]}" | head -12

  say "5. the same search for fraud: the agreement does not cover it, so DE refuses and only NL's own gallery is searched"
  ctl NL-analyst search NL/suspects,DE/robbery --probe "$work/DE/probes.npy" --k 3 --purpose fraud "${purpose[@]}" --json | head -1

  say "6. a search whose purpose is incomplete (a justification of 5 characters) is refused outright"
  ctl NL-analyst search NL/suspects --probe "$work/DE/probes.npy" --purpose organised-armed-robbery --case X --category Suspect --justification short || true

  demo_review "$work" "$keys"

  say "7. DE revokes; the next NL search no longer reaches DE"
  ctl DE-agreements agreement revoke 'DE->NL' >/dev/null
  ctl NL-analyst search NL/suspects,DE/robbery --probe "$work/DE/probes.npy" --k 3 --purpose organised-armed-robbery "${purpose[@]}" --json | head -1

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
  say "the examiners' portal: $(portal_url) — sign in with the key in $keys/NL-reviewer1.key (or NL-agreements.key, DE-reviewer.key);"
  say "   the browser must trust $KEYS/ca.crt (or accept the local certificate once)"
}

# A real face for the demo on a fresh machine: Debian's python3-skimage carries astronaut.png (NASA, public domain);
# downloaded once (no install, no root) into .data/demo-photo. GRID_DEMO_PHOTO names another photo instead.
demo_photo() { # -> path or nothing
  if [ -n "${GRID_DEMO_PHOTO:-}" ]; then [ -f "$GRID_DEMO_PHOTO" ] && echo "$GRID_DEMO_PHOTO"; return 0; fi
  local dir="$ROOT/.data/demo-photo"
  if [ ! -s "$dir/astronaut.png" ]; then
    mkdir -p "$dir/deb"
    (cd "$dir/deb" && apt-get download python3-skimage >/dev/null 2>&1 && dpkg -x python3-skimage_*.deb x \
      && find x -name astronaut.png -exec cp {} "$dir/astronaut.png" \;) || true
    rm -rf "$dir/deb"
  fi
  [ -s "$dir/astronaut.png" ] && echo "$dir/astronaut.png"
  return 0
}

json_field() { python3 -c "import json,sys; print(json.loads(sys.stdin.readline()).get('$1') or '')"; }

# Issue 10's path: NL searches with a photo, two NL reviewers confirm (four-eyes), NL asks DE for core data, DE's
# reviewer releases it, NL reads it in its case. The probe photo stays on this machine; only its template is sent.
demo_review() { # work keys
  local work=$1 keys=$2 photo id fid gallery=DE/wanted subject=de-bka-wanted-1
  ctl() { local key=$1; shift; echo "+ gridctl $* (as $key)" >&2; GRID_KEY_FILE="$keys/$key.key" gridctl_local "$@"; }
  local purpose=(--purpose organised-armed-robbery --case "NL-2026-0412" --category Suspect --justification "Armed robbery of a jeweller in Utrecht, suspect filmed by CCTV")
  photo=$(demo_photo)

  say "6a. DE's photo gallery: one wanted subject with its reference image and core data (neither is ever searched)"
  if [ -n "$photo" ]; then
    mkdir -p "$work/wanted/de-bka-wanted-1"; cp "$photo" "$work/wanted/de-bka-wanted-1/"
    ctl DE-enroller enrol DE/wanted --images "$work/wanted" --json | tail -1
    ctl DE-enroller subject image set DE/wanted de-bka-wanted-1 "$photo"
  else
    say "   (no photo: apt-get download python3-skimage failed and GRID_DEMO_PHOTO is unset; the review below uses a template probe)"
    gallery=DE/robbery; subject=$(head -1 "$work/DE/probes-truth.txt")
  fi
  ctl DE-enroller subject core-data set "$gallery" "$subject" --name "Max Mustermann" --alias "Der Juwelier" --born 1980-05-01 \
    --nationality DE --sex M --captured-on 2025-03-02 --captured-at Berlin --offence "armed robbery" --case-number BKA-2025-0042 --authority Bundeskriminalamt
  ctl DE-enroller subject image set "$gallery" "$subject" "$work/NL/subjects.txt" || say "   (a text file is refused as not-an-image, and nothing is stored)"

  say "6b. NL searches DE/wanted with a photo (faces found and templated here; the photo never leaves): a review case opens at NL"
  if [ -n "$photo" ]; then
    id=$(ctl NL-analyst search DE/wanted --image "$photo" --k 3 "${purpose[@]}" --json | head -1 | json_field searchId)
  else
    id=$(ctl NL-analyst search DE/robbery --probe "$work/DE/probes.npy" --k 3 "${purpose[@]}" --json | head -1 | json_field searchId)
  fi
  [ -n "$id" ] || die "the search opened no review case"
  ctl NL-reviewer1 case list --undecided

  say "6c. two NL reviewers confirm candidate 1; the second sees the first's decision only after recording their own"
  ctl NL-reviewer1 case decide "$id" 1 --verdict possible-match --note "Same face shape, eyes and hairline as the CCTV still"
  ctl NL-reviewer1 case decide "$id" 1 --verdict possible-match --note "again" || say "   (the same reviewer twice is refused: four-eyes needs a second person)"
  ctl NL-reviewer2 case show "$id"
  ctl NL-reviewer2 case decide "$id" 1 --verdict possible-match --note "Agree: nose, ear and chin match"
  ctl NL-reviewer1 case image "$id" 1 --out "$work/candidate-1" || true

  say "6d. NL asks DE for core data; the 48-hour clock runs on both sides"
  fid=$(ctl NL-reviewer1 followup request "$id" 1 --offence organised-armed-robbery \
    --facts "Armed robbery of a jeweller in Utrecht on 2026-11-02; the suspect was filmed by CCTV." --json | json_field id)
  ctl DE-reviewer followup list --incoming

  say "6e. DE's reviewer releases the core data to NL's case (and nowhere else); NL reads it there"
  ctl DE-reviewer followup release "$fid"
  ctl NL-reviewer1 case show "$id"
  ctl NL-agreements stats NL
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

# ---------------------------------------------------------------- client certificates
# A member force's client certificate (docs/SECURITY.md): subject O=grid-force, CN=F, clientAuth only, from the grid's CA.
cert_cmd() {
  local force=""
  while (($#)); do
    case "$1" in
      --force) force=${2:?--force needs a force id, e.g. NL or DE-BKA}; shift 2 ;;
      *) die "cert: unknown option $1 (usage: ./grid.sh cert --force F)" ;;
    esac
  done
  [ -n "$force" ] || die "usage: ./grid.sh cert --force F"
  [[ "$force" =~ ^[A-Z]{2}(-[A-Z0-9]{1,16})?$ ]] || die "cert: '$force' is not a force id (NL, DE-BKA)"
  ensure_tls
  issue_leaf "client-$force" "/O=grid-force/CN=$force" 397 "keyUsage=critical,digitalSignature" "extendedKeyUsage=clientAuth"
  chmod 600 "$KEYS/client-$force.key"; chmod 644 "$KEYS/client-$force.crt"
  say "client certificate for $force: $KEYS/client-$force.crt (key $KEYS/client-$force.key, 0600); gridctl --client-cert $KEYS/client-$force.crt"
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
  cert) shift; cert_cmd "$@" ;;
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
