#!/usr/bin/env python3
"""Checks the image tarball Jib wrote (docker save format): its config (entrypoint, user, port, volume, environment)
and its files (the pinned models with their SHA-256 sums from setup/assets.sh, the non-root user, an empty /data).
Run by `mvn -Pimage verify` after jib:buildTar; prints what it checked, exits 1 if anything differs."""
import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path

image = Path(sys.argv[1] if len(sys.argv) > 1 else "target/jib-image.tar")
root = Path(__file__).resolve().parent.parent
problems = []


def expect(condition, what):
    print(("ok    " if condition else "WRONG ") + what)
    if not condition:
        problems.append(what)


with tarfile.open(image) as outer:
    manifest = json.load(outer.extractfile("manifest.json"))[0]
    config = json.load(outer.extractfile(manifest["Config"]))
    files = {}
    for layer in manifest["Layers"]:
        with tarfile.open(fileobj=outer.extractfile(layer)) as inner:
            for member in inner.getmembers():
                name = member.name.lstrip("./").lstrip("/")
                content = None
                if member.isfile() and (name.startswith("opt/xphoto/models/") or name.startswith("etc/")):
                    content = inner.extractfile(member).read()
                files[name] = (member, content)

c = config["config"]
print(f"{image}: {len(manifest['Layers'])} layers, tags {manifest.get('RepoTags')}")
entrypoint = c.get("Entrypoint") or []
expect(entrypoint[:1] == ["java"], f"entrypoint runs java: {' '.join(entrypoint)}")
expect(entrypoint[-3:] == ["-cp", "/app/resources:/app/classes:/app/libs/*", "io.xphoto.Main"],
       "class path by wildcard (a short command line), main class io.xphoto.Main")
expect(c.get("User") == "10001:10001", f"user {c.get('User')} (not root)")
expect("8080/tcp" in (c.get("ExposedPorts") or {}), f"exposed ports {list((c.get('ExposedPorts') or {}))}")
expect("/data" in (c.get("Volumes") or {}), f"volumes {list((c.get('Volumes') or {}))}")
expect(c.get("WorkingDir") == "/data", f"working directory {c.get('WorkingDir')}")
env = dict(e.split("=", 1) for e in c.get("Env") or [])
for key, value in {"XPHOTO_DATA_DIR": "/data", "XPHOTO_MODEL_DIR": "/opt/xphoto/models", "XPHOTO_HTTP_PORT": "8080"}.items():
    expect(env.get(key) == value, f"env {key}={env.get(key)}")
expect("JAVA_HOME" in env or "PATH" in env, "the base's environment is kept (PATH/JAVA_HOME)")

pins = re.search(r"models\)\n(.*?);;", (root / "setup/assets.sh").read_text(), re.S).group(1)
for name, digest in re.findall(r'"(fr_\w+\.onnx) ([0-9a-f]{64})"', pins):
    member, content = files.get("opt/xphoto/models/" + name, (None, None))
    expect(content is not None and hashlib.sha256(content).hexdigest() == digest,
           f"model {name} in the image with the pinned SHA-256 {digest[:12]}...")
passwd = (files.get("etc/passwd", (None, b""))[1] or b"").decode()
expect(re.search(r"^xphoto:x:10001:10001:", passwd, re.M) is not None, "user xphoto (10001) in /etc/passwd")
data = files.get("data", (None, None))[0]
expect(data is not None and data.isdir() and data.mode & 0o777 == 0o777, "/data: a directory, mode 777")
expect(not any(n.startswith("data/") and n != "data/" for n in files), "/data is empty (a restore needs an empty one)")
expect("app/classes/io/xphoto/Main.class" in files, "the application's classes in /app/classes")
expect(any(n.startswith("app/libs/vertx-core-") for n in files), "its dependencies in /app/libs")
expect(any(n.endswith("bin/java") for n in files) or "usr/bin/java" in files, "a java in the base")

if problems:
    print(f"{len(problems)} problem(s)")
    sys.exit(1)
print("image checked")
