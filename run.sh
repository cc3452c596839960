#!/usr/bin/env bash
# xphoto server: one entry point for people and CI.
#   ./run.sh              build the fat jar if it is missing or older than the sources, then start the server
#   ./run.sh test         run every test (what .ci/run runs)
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
    exec mvn -B verify "$@"
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
