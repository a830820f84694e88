#!/usr/bin/env bash
# The Identity Search Grid's one entry script. Run ./grid.sh help for the commands.
set -euo pipefail
# Everything this script creates (Azurite data, keys, logs) is the owner's only: folders 0700, files 0600.
umask 077

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$ROOT/.tools"      # Azurite (npm), project-local
CONFIG=Release
AZURITE_VERSION=3.37.0
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SILO_BIN="$ROOT/src/Silo/bin/$CONFIG/net10.0/Grid.Silo"
GRIDCTL_BIN="$ROOT/src/Cli/bin/$CONFIG/net10.0/gridctl"
# The local-cluster tool (src/DevCluster): starts and stops Azurite and silos for up, down, status and silo, with the
# same code the tests and benchmarks use. Ports, folders and the storage account are its defaults (GRID_*_PORT*, GRID_DATA).
DEV_BIN="$ROOT/src/DevCluster/bin/$CONFIG/net10.0/Grid.DevCluster"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<USAGE
usage: ./grid.sh COMMAND
  setup              install what is missing (apt: g++, libfaiss-dev, libopenblas-dev, liblapack-dev, python3, nodejs/npm;
                     azurite@$AZURITE_VERSION into .tools; face models into .models) and build ($CONFIG)
  up [--silos N]     start Azurite and N silos (default 1) in the background; wait until they answer. The first
                     up makes a local CA and certificates in the data folder's keys/. Silo i serves
                     the HTTPS API on GRID_API_PORT_BASE+i (status shows each URL); no silo opens an Orleans gateway
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
  eval-faces DIR     the face evaluation on DIR (e.g. ../shared/faces-dev) on a grid of its own, rank-1 through a
                     grid gallery; writes docs/faces-roc.png
USAGE
}

# ---------------------------------------------------------------- setup
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || return 0; return 1; }

setup() {
  local missing=()
  for p in g++ libfaiss-dev libopenblas-dev liblapack-dev python3; do need_apt "$p" && missing+=("$p"); done
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

ensure_built() {
  [ -x "$SILO_BIN" ] && [ -x "$GRIDCTL_BIN" ] && [ -x "$DEV_BIN" ] && [ -x "$TOOLS/azurite/node_modules/.bin/azurite" ] || setup
  load_layout
}

# The data folder, the run folder (pid files, logs) and the first silo's API address, from the local-cluster tool's
# defaults and the GRID_* variables: nothing is repeated here.
load_layout() {
  eval "$("$DEV_BIN" env)"
  DATA=$GRID_DATA; KEYS="$DATA/keys"; OPERATOR_KEY="$KEYS/operator.key"; RUN=$GRID_RUN
}

# ---------------------------------------------------------------- processes
# The local-cluster tool does the work; this script only parses the arguments.
dev() { "$DEV_BIN" "$@"; }

# gridctl as the local operator would run it: the first silo's API, the local CA.
gridctl_local() { GRID_ENDPOINT="${GRID_ENDPOINT:-$GRID_API_URL}" GRID_CA_FILE="${GRID_CA_FILE:-$KEYS/ca.crt}" "$GRIDCTL_BIN" "$@"; }

api_url() { echo "$GRID_API_URL"; }

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
      if [ -n "$force" ]; then dev silo add --force "$force"; else dev silo add; fi ;;
    start)
      local i=${1:?usage: ./grid.sh silo start ID}
      ensure_built
      dev silo start "$i" ;;
    stop)
      local i=${1:?usage: ./grid.sh silo stop ID}
      ensure_built
      dev silo stop "$i" ;;
    kill)
      local i=${1:?usage: ./grid.sh silo kill ID}
      ensure_built
      dev silo kill "$i" ;;
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
  [[ "$silos" =~ ^[0-9]+$ ]] && ((silos >= 1)) || die "up: --silos needs a positive number, not $silos"
  ensure_built
  dev up --silos "$silos"
}

down() { ensure_built; dev down; }

status() { ensure_built; dev status; }

# ---------------------------------------------------------------- demo
# A grid of its own under .data/NAME, started afresh, so demos and evaluations never touch your data.
fresh_grid() { # name
  down >/dev/null
  export GRID_DATA="$ROOT/.data/$1"
  rm -rf "$GRID_DATA"
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
  load_layout
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
  help|-h|--help) usage ;;
  *) usage; exit 2 ;;
esac
