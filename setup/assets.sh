#!/usr/bin/env bash
# Installs the face models (and, for the tests, the sample photos) from the npm registry, pinned and verified.
#   setup/assets.sh models <dir>   fr_detect.onnx, fr_landmark.onnx, fr_feature.onnx from faceplugin-face-recognition-js
#   setup/assets.sh photos <dir>   sample1.jpg … sample6.jpg from @vladmandic/face-api (test photos, MIT)
#   setup/assets.sh tracking <dir> a photo of three faces and faceless pictures from tracking (tests of group
#                                  photos, BSD-3-Clause; src/test/resources/faces/group-photos.json), installed as
#                                  tracking-<name>
# Does nothing when every file is already there with the right SHA-256. Needs npm (the ordinary client).
set -euo pipefail

kind="${1:?usage: setup/assets.sh models|photos|tracking <dir>}"
target="${2:?usage: setup/assets.sh models|photos|tracking <dir>}"
prefix=""

case "$kind" in
  models)
    package=faceplugin-face-recognition-js@0.0.1
    folder=package/model
    files=(
      "fr_detect.onnx 6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854"
      "fr_landmark.onnx f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258"
      "fr_feature.onnx 87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581"
    )
    ;;
  photos)
    package=@vladmandic/face-api@1.7.15
    folder=package/demo
    files=(
      "sample1.jpg 8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51"
      "sample2.jpg 7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691"
      "sample3.jpg 8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936"
      "sample4.jpg 729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc"
      "sample5.jpg 6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938"
      "sample6.jpg 9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87"
    )
    ;;
  tracking)
    package=tracking@1.1.3
    folder=package/examples/assets
    prefix=tracking-
    files=(
      "faces.jpg 889272392977114f72146e88b6775cdea9a2a421c84472972c862d7435281b7e"
      "psmove.png 7b167a89e6a62bbe27f754508843729ae1bdefc835d70a3793936ca80c04e939"
      "box1.png b0e201c2e731ca791183fbe5ae1e23b64d9ec1cffa5798bf8aa721789d4e4e8e"
      "fish_tank/nx.png e325fe6316034f1a3e2ee4e8ebddd743568edddde7a8960bd18b0d53a1496f6e"
      "fish_tank/py.png 75336e883fa31894bb17f3c8e62aacf3597557cf6c0fa8d43b074d9de0e11021"
    )
    ;;
  *)
    echo "setup/assets.sh: unknown kind '$kind' (models, photos or tracking)" >&2
    exit 2
    ;;
esac

# The name a file of the package is installed under in $target.
local_name() {
  local name="$1"
  echo "$prefix${name//\//-}"
}

installed() {
  local entry name sum
  for entry in "${files[@]}"; do
    read -r name sum <<<"$entry"
    [ -f "$target/$(local_name "$name")" ] || return 1
    [ "$(sha256sum "$target/$(local_name "$name")" | cut -d' ' -f1)" = "$sum" ] || return 1
  done
}

if installed; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup/assets.sh: npm is needed to fetch $package (install Node.js/npm, e.g. 'apt-get install npm')," >&2
  echo "or put these files, with these SHA-256 sums, in $target:" >&2
  printf '  %s\n' "${files[@]}" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "Fetching $package from the npm registry into $target" >&2
tarball="$(cd "$work" && npm pack --silent "$package" | tail -n 1)"
mkdir -p "$work/unpacked" "$target"
tar -xzf "$work/$tarball" -C "$work/unpacked"
for entry in "${files[@]}"; do
  read -r name sum <<<"$entry"
  actual="$(sha256sum "$work/unpacked/$folder/$name" | cut -d' ' -f1)"
  if [ "$actual" != "$sum" ]; then
    echo "setup/assets.sh: $package $folder/$name has SHA-256 $actual, expected $sum; nothing installed" >&2
    exit 1
  fi
done
for entry in "${files[@]}"; do
  read -r name sum <<<"$entry"
  cp "$work/unpacked/$folder/$name" "$target/.$(local_name "$name").tmp"
  mv -f "$target/.$(local_name "$name").tmp" "$target/$(local_name "$name")"
done
