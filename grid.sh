#!/usr/bin/env bash
# The Identity Search Grid's one entry script. Run ./grid.sh help for the commands.
set -euo pipefail
# Everything this script creates (Azurite data, keys, logs) is the owner's only: folders 0700, files 0600.
umask 077

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$ROOT/.tools"      # Azurite (npm), project-local
CONFIG=Release
# 3.36.0, not 3.37.0: 3.37.0 computes a CRC-64 in JavaScript, byte by byte, over every staged and appended block
# (≈ 17–22 ms of Azurite CPU per MB uploaded against ≈ 5.5 here, 40 against 140 MB/s): enrolment, journals and
# snapshots all pay it (docs/BENCHMARKS.md, "Azurite's cost per byte").
AZURITE_VERSION=3.36.0
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The local-cluster tool (src/DevCluster) starts and stops Azurite, silos and the portal, makes the certificates and the
# per-force storage accounts, with the same code the tests and benchmarks use. Ports, folders, file names and timeouts
# are its own (LocalGridDefaults; GRID_*_PORT*, GRID_DATA, GRID_RUN move them): this script repeats none of them.
DEV_DLL="$ROOT/src/DevCluster/bin/$CONFIG/net10.0/Grid.DevCluster.dll"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<USAGE
usage: ./grid.sh COMMAND
  setup              install what is missing (apt: g++, libfaiss-dev, libopenblas-dev, liblapack-dev, openssl, python3, chromium, nodejs/npm;
                     azurite@$AZURITE_VERSION into .tools; face models into .models) and build ($CONFIG)
  up [--silos N]     start Azurite and N silos (default 1) in the background; wait until they answer. The first
                     up makes a local CA and certificates in the data folder's keys/. Silo i serves the HTTPS API
                     on GRID_API_PORT_BASE+i; no silo opens an Orleans gateway. The examiners' web portal serves
                     https://localhost:GRID_PORTAL_PORT/ (up and status print both addresses)
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
  local installed
  installed=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$TOOLS/azurite/node_modules/azurite/package.json" 2>/dev/null || true)
  if [ ! -x "$TOOLS/azurite/node_modules/.bin/azurite" ] || [ "$installed" != "$AZURITE_VERSION" ]; then
    say "installing azurite@$AZURITE_VERSION into .tools/azurite${installed:+ (replacing $installed)}"
    mkdir -p "$TOOLS/azurite"
    (cd "$TOOLS/azurite" && npm install --no-audit --no-fund --silent "azurite@$AZURITE_VERSION" >/dev/null)
  fi
  if [ -x "$ROOT/infra/fetch-models.sh" ]; then "$ROOT/infra/fetch-models.sh"; fi
  say "building ($CONFIG)"
  dotnet build "$ROOT/Grid.sln" -c "$CONFIG" -nologo -v quiet -clp:ErrorsOnly
}

# The tool and everything `up` starts must be built; otherwise setup (installs what is missing, builds). Then the
# tool's folders and addresses (LOCAL_DATA, LOCAL_RUN, LOCAL_KEYS, LOCAL_API_URL ...) for the demo and gridctl.
ensure_built() {
  { [ -f "$DEV_DLL" ] && dotnet "$DEV_DLL" check 2>/dev/null; } || setup
  load_layout
}

# down, status and cert need only the tool itself.
ensure_tool() { [ -f "$DEV_DLL" ] || setup; load_layout; }

load_layout() { local env; env=$(dotnet "$DEV_DLL" env) || die "the local-cluster tool failed ($DEV_DLL env)"; eval "$env"; }

# ---------------------------------------------------------------- processes
# The local-cluster tool does the work (its messages, errors and exit codes are the user's); this script parses the
# arguments. Exit codes: 0 done, 1 failed, 2 usage.
dev() { dotnet "$DEV_DLL" "$@"; }

# gridctl as the local operator would run it: the first silo's API, the local CA.
gridctl_local() { GRID_ENDPOINT="${GRID_ENDPOINT:-$LOCAL_API_URL}" GRID_CA_FILE="${GRID_CA_FILE:-$LOCAL_CA_FILE}" "$LOCAL_GRIDCTL" "$@"; }

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
    start|stop|kill)
      local i=${1:?usage: ./grid.sh silo $sub ID}
      [[ "$i" =~ ^[0-9]+$ ]] || die "silo $sub: '$i' is not a silo number (./grid.sh status lists them)"
      ensure_built
      dev silo "$sub" "$i" ;;
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

down() { ensure_tool; dev down; }

status() { ensure_tool; dev status; }

# ---------------------------------------------------------------- demo
# A grid of its own under .data/NAME, started afresh, so demos and evaluations never touch your data.
fresh_grid() { # name
  down >/dev/null
  export GRID_DATA="$LOCAL_DATA_HOME/$1"
  load_layout
  rm -rf "$LOCAL_DATA"
  up
}

demo() {
  fresh_grid demo
  local work="$LOCAL_RUN/demo" keys="$LOCAL_RUN/demo/keys"
  rm -rf "$work"; mkdir -p "$keys"; chmod 700 "$keys"
  ctl() { local key=$1; shift; echo "+ gridctl $* (as $key)" >&2; GRID_KEY_FILE="$keys/$key.key" gridctl_local "$@"; }
  local purpose=(--case "NL-2026-0412" --category Suspect --justification "Armed robbery of a jeweller in Utrecht, suspect filmed by CCTV")

  say "1. the operator creates three member forces; each admin's key is shown once (here written to 0600 files)"
  for f in NL DE FR; do
    if [ ! -s "$keys/$f-admin.key" ]; then
      GRID_KEY_FILE="$LOCAL_OPERATOR_KEY" gridctl_local force create "$f" --name "$f national police" --admin "${f,,}-admin" --key-out "$keys/$f-admin.key"
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
  "$LOCAL_GRIDCTL" synth --identities 20000 --probes 3 --prefix nl-case- --seed 1 --out "$work/NL" >/dev/null
  "$LOCAL_GRIDCTL" synth --identities 20000 --probes 3 --prefix de-bka- --seed 2 --out "$work/DE" >/dev/null
  "$LOCAL_GRIDCTL" synth --identities 5000 --probes 1 --prefix fr-pn- --seed 3 --out "$work/FR" >/dev/null
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
  say "demo done; the demo grid is still up (./grid.sh down stops it). Its operator key: $LOCAL_OPERATOR_KEY; the forces' keys: $keys"
  say "every step above went through the HTTPS API: ${LOCAL_API_URL}v1/ — OpenAPI document: ${LOCAL_API_URL}openapi/v1.json; CA: $LOCAL_CA_FILE"
  say "try: GRID_DATA=$LOCAL_DATA GRID_KEY_FILE=$keys/NL-analyst.key ./gridctl search --probe $work/DE/probes.npy --purpose fraud ${purpose[*]}"
  say "or with curl: curl --cacert $LOCAL_CA_FILE -H \"Authorization: Bearer \$(cat $keys/NL-analyst.key)\" ${LOCAL_API_URL}v1/me"
  say "the examiners' portal: $LOCAL_PORTAL_URL — sign in with the key in $keys/NL-reviewer1.key (or NL-agreements.key, DE-reviewer.key);"
  say "   the browser must trust $LOCAL_CA_FILE (or accept the local certificate once)"
}

# A real face for the demo on a fresh machine: Debian's python3-skimage carries astronaut.png (NASA, public domain);
# downloaded once (no install, no root) into .data/demo-photo. GRID_DEMO_PHOTO names another photo instead.
demo_photo() { # -> path or nothing
  if [ -n "${GRID_DEMO_PHOTO:-}" ]; then [ -f "$GRID_DEMO_PHOTO" ] && echo "$GRID_DEMO_PHOTO"; return 0; fi
  local dir="$LOCAL_DATA_HOME/demo-photo"
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
  load_layout
  local log="$LOCAL_RUN/test" passed=0 failed=0 skipped=0 rc=0 p
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
  ensure_tool
  dev cert --force "$force"
}

# ---------------------------------------------------------------- eval-faces
eval_faces() { # dir [gridctl eval-faces options]
  [ -n "${1:-}" ] || die "eval-faces needs a faces-dev style folder, e.g. ./grid.sh eval-faces ../shared/faces-dev"
  local dir; dir=$(cd "$1" && pwd) || die "no folder $1"; shift
  fresh_grid eval
  GRID_KEY_FILE="$LOCAL_OPERATOR_KEY" gridctl_local force create NL --name "evaluation" --admin eval-admin --key-out "$LOCAL_KEYS/eval-admin.key" >/dev/null
  GRID_KEY_FILE="$LOCAL_KEYS/eval-admin.key" gridctl_local user add NL evaluator --roles searcher,enroller,force-admin --key-out "$LOCAL_KEYS/evaluator.key" >/dev/null
  GRID_KEY_FILE="$LOCAL_KEYS/evaluator.key" gridctl_local eval-faces "$dir" "$@" --roc "$ROOT/docs/faces-roc.png"
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
      cd "$ROOT"; dotnet run --project "$ROOT/bench/Faces.Bench" -c "$CONFIG" -- bench "$faces_dev" ${1:+"$1"} --write="$ROOT/docs/BENCHMARKS.md"
    else
      ensure_built; cd "$ROOT"; dotnet run --project "$ROOT/bench/Grid.Bench" -c "$CONFIG" -- "$@"
    fi ;;
  bench-cluster) shift; ensure_built; dotnet run --project "$ROOT/bench/Cluster.Bench" -c "$CONFIG" -- "$@" ;;
  soak) shift; ensure_built; dotnet run --project "$ROOT/bench/Soak" -c "$CONFIG" -- "$@" ;;
  help|-h|--help) usage ;;
  *) usage; exit 2 ;;
esac
