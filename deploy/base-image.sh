#!/usr/bin/env bash
# Builds a Java 17 base image from Debian packages, for machines that reach Debian's archive but no container
# registry (eclipse-temurin:17-jre is the normal base): Debian bookworm (minbase) with openjdk-17-jre-headless,
# as a `docker save` tarball that Jib takes as `tar://` base:
#   deploy/base-image.sh target/base-image.tar
#   mvn -Pimage verify -DskipTests -Dimage.base=tar://$PWD/target/base-image.tar
# Needs root and mmdebstrap (apt-get install mmdebstrap). The man pages are left out, but openjdk's
# update-alternatives needs the man1 directory (the essential hook).
set -euo pipefail
out="${1:?usage: deploy/base-image.sh <output.tar>}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mmdebstrap --variant=minbase --mode=root \
  --include=openjdk-17-jre-headless,ca-certificates \
  --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  bookworm "$work/rootfs.tar"

python3 - "$work/rootfs.tar" "$out" <<'PY'
import hashlib, json, sys, tarfile, io, os
rootfs, out = sys.argv[1], sys.argv[2]
digest = hashlib.sha256()
with open(rootfs, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        digest.update(block)
layer = digest.hexdigest()
config = {
    "architecture": "amd64", "os": "linux",
    "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                       "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64", "LANG=C.UTF-8"]},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + layer]},
    "history": [{"created_by": "deploy/base-image.sh: mmdebstrap bookworm minbase + openjdk-17-jre-headless"}],
}
config_bytes = json.dumps(config).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = [{"Config": config_name, "RepoTags": ["xphoto-base:17-jre-bookworm"], "Layers": [layer + "/layer.tar"]}]
with tarfile.open(out + ".partial", "w") as tar:
    def add(name, data):
        info = tarfile.TarInfo(name); info.size = len(data); tar.addfile(info, io.BytesIO(data))
    add(config_name, config_bytes)
    tar.add(rootfs, arcname=layer + "/layer.tar")
    add("manifest.json", json.dumps(manifest).encode())
os.replace(out + ".partial", out)
print(f"{out}: xphoto-base:17-jre-bookworm, layer sha256:{layer}")
PY
