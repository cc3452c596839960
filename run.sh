#!/usr/bin/env bash
# xphoto server: one entry point for people and CI.
#   ./run.sh              build the fat jar if it is missing or older than the sources, then start the server
#   ./run.sh test         run every test (what .ci/run runs), the container image's included: builds it and
#                         starts it with podman (installed from Debian's archive when missing, as root)
#   ./run.sh build        build the fat jar only
#   ./run.sh jar          build the fat jar only if it is missing or older than the sources (benchmarks)
#   ./run.sh admin grant <username> | admin revoke <username>
#                         give or take the admin role in this installation's database (running or not)
#   ./run.sh backup <file>    online backup of this installation (README "Backup and restore")
#   ./run.sh restore <file>   restore a backup into an empty data directory
# Configuration: conf/xphoto.properties, each key overridable by an XPHOTO_* environment variable.
set -euo pipefail
caller="$PWD"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
jar=target/xphoto-server.jar

stale() {
  [ ! -f "$jar" ] || [ -n "$(find pom.xml src conf migrations -newer "$jar" -print -quit)" ]
}

build() {
  mvn -B -q -DskipTests package
}

# `./run.sh test` also builds the container image and starts it (ContainerImageIT), with podman: installed from
# Debian's archive when missing, with mmdebstrap for the base image (no container registry is reachable here).
need_packages() {
  local missing=() tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "./run.sh test: ${missing[*]} missing; install them (Debian: apt-get install ${missing[*]}, as root)" >&2
    exit 1
  fi
  echo "./run.sh test: installing ${missing[*]} from Debian's archive" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "./run.sh test: $tool still missing after apt-get" >&2; exit 1; }
  done
}

# The image's base: Debian bookworm + openjdk-17-jre-headless (deploy/base-image.sh), built once per version of
# that script and kept under .cache/image (delete it to take Debian's updates). Sets base_image to its path.
# (Not in a $(...): set -e does not reach into one, a failed build would go unnoticed.)
build_base_image() {
  base_image="$here/.cache/image/base-$(sha256sum deploy/base-image.sh | cut -c1-12).tar"
  if [ ! -f "$base_image" ]; then
    need_packages mmdebstrap
    rm -rf .cache/image
    mkdir -p .cache/image
    local started=$SECONDS
    deploy/base-image.sh "$base_image"
    echo "./run.sh test: base image built in $((SECONDS - started)) s: $base_image" >&2
  fi
}

command="${1:-serve}"
[ $# -gt 0 ] && shift
case "$command" in
  serve)
    if stale; then build; fi
    export XPHOTO_CONFIG="${XPHOTO_CONFIG:-$here/conf/xphoto.properties}"
    # The face models: pinned, verified, fetched once (XPHOTO_MODEL_DIR, else <data dir>/models), on the
    # nodes that run the face worker.
    roles="${XPHOTO_NODE_ROLES:-$(sed -n 's/^node\.roles=//p' "$XPHOTO_CONFIG")}"
    if [[ -z "$roles" || "$roles" == *all* || "$roles" == *faces* ]]; then
      setup/assets.sh models "${XPHOTO_MODEL_DIR:-${XPHOTO_DATA_DIR:-./data}/models}"
    fi
    exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
    ;;
  test)
    need_packages podman
    build_base_image
    exec mvn -B verify -Pimage "-Dimage.base=tar://$base_image" "$@"
    ;;
  build)
    build
    ;;
  jar)
    if stale; then build; fi
    ;;
  admin)
    if stale; then build; fi
    export XPHOTO_CONFIG="${XPHOTO_CONFIG:-$here/conf/xphoto.properties}"
    exec java ${JAVA_OPTS:-} -jar "$jar" admin "$@"
    ;;
  backup|restore)
    if stale; then build; fi
    export XPHOTO_CONFIG="${XPHOTO_CONFIG:-$here/conf/xphoto.properties}"
    # the file is named from where the command was typed
    file="${1:-}"
    if [ -n "$file" ] && [[ "$file" != /* ]]; then file="$caller/$file"; fi
    exec java ${JAVA_OPTS:-} -jar "$jar" "$command" ${file:+"$file"}
    ;;
  *)
    echo "usage: ./run.sh [serve|test|build|admin grant|revoke <username>|backup <file>|restore <file>]" >&2
    exit 2
    ;;
esac
