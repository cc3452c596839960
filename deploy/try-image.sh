#!/usr/bin/env bash
# Starts the image Jib built (target/jib-image.tar) with podman, daemonless, on a fresh volume: the embedded
# PostgreSQL in /data, the face models of the image. Checks that it serves /health, runs as uid 10001, signs up
# an account and finds no face in a picture without one, then removes the container and its volume.
#   deploy/try-image.sh [target/jib-image.tar] [port]
set -euo pipefail
tarball="${1:-target/jib-image.tar}"
port="${2:-18080}"
name="xphoto-try-$$"
# Podman raises the container's open-file and process limits by default, which needs CAP_SYS_RESOURCE: a build
# machine that is itself a container without it fails with "error setting rlimit ... operation not permitted".
# Lowering them is always allowed.
PODMAN_RUN_OPTS="${PODMAN_RUN_OPTS:---ulimit nofile=4096:4096 --ulimit nproc=4096:4096}"
podman load -q -i "$tarball"
image="localhost/xphoto-server:$(sed -n 's|.*<version>\(.*-SNAPSHOT\)</version>.*|\1|p' pom.xml | head -1)"
cleanup() {
  podman logs "$name" > "target/$name.log" 2>&1 || true
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$name" >/dev/null 2>&1 || true
}
trap cleanup EXIT
podman run -d --name "$name" ${PODMAN_RUN_OPTS} -v "$name:/data" -p "127.0.0.1:$port:8080" \
  -e XPHOTO_HTTP_INSTANCES=1 -e XPHOTO_NODE_ROLES=all "$image" >/dev/null
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if [ "$(podman inspect -f '{{.State.Running}}' "$name")" != true ]; then
    podman logs "$name"; echo "the container exited" >&2; exit 1
  fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health"; echo
echo "processes in the container (uid, command):"
podman top "$name" user huser comm
curl -fsS -XPOST "http://127.0.0.1:$port/signup" -H 'Content-Type: application/json' \
  -d '{"username":"imagetry","email":"imagetry@example.org","password":"correct horse 42","repeat_password":"correct horse 42"}'; echo
# no SMTP server configured: the activation link is in the log
link=
for _ in $(seq 1 60); do
  link="$(podman logs "$name" 2>&1 | grep -o 'http://localhost:8080/active_account?[^ ]*' | head -1 || true)"
  [ -n "$link" ] && break
  sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$port${link#http://localhost:8080}"
token="$(curl -fsS -XPOST "http://127.0.0.1:$port/signin" -H 'Content-Type: application/json' \
  -d '{"username":"imagetry","password":"correct horse 42"}' | sed -n 's/.*"JWTToken" *: *"\([^"]*\)".*/\1/p')"
photo=.cache/photos/sample1.jpg
if [ -f "$photo" ]; then
  echo "face search with the image's models (sample1.jpg has 3 faces, none registered):"
  curl -sS -XPOST "http://127.0.0.1:$port/images-db/?search" -H "Authorization: Bearer $token" -F "faceFile=@$photo"; echo
fi
echo "a backup inside the running container:"
podman exec "$name" java -cp '/app/resources:/app/classes:/app/libs/*' io.xphoto.Main backup /data/backup.tar
podman logs "$name" 2>&1 | grep -E "listening|embedded PostgreSQL" | head -3
echo "image ran under podman"
