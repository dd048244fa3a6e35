#!/bin/sh
# Runs the packed GPU benchmark (npm run bench:gpu -- --pack DIR wrote this folder).
#   ./run.sh [--quick] [--n N] [--models …] [--levers …] [--out FILE]
# Node: $NODE, else node.xz in or beside this folder, else `node` on PATH.
# Vulkan driver: $VK_ICD_FILENAMES if set (e.g. a SwiftShader vk_swiftshader_icd.json
# for a check on a machine without a GPU; put its folder in $LD_LIBRARY_PATH too),
# else NVIDIA's nvidia_icd.json found in the usual places.
# Vulkan loader: the system's libvulkan.so.1, else the packed libvulkan1 .deb.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
# The unpacked copy goes to a fresh temporary folder, removed at the end (BENCH_GPU_WORK=DIR keeps it there).
if [ -n "${BENCH_GPU_WORK:-}" ]; then WORK=$BENCH_GPU_WORK; else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-gpu.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
say() { echo "[run.sh] $*" >&2; }

# Unpack: small files copied, *.xz decompressed, the models' tarball extracted.
(cd "$HERE" && find . -type f ! -name '*.xz' ! -name '*.deb' ! -name 'node' | while read -r f; do
  mkdir -p "$WORK/$(dirname "$f")" && cp "$f" "$WORK/$f"
done)
(cd "$HERE" && find . -type f -name '*.xz' ! -name 'node.xz' ! -name '*.tar.xz' | while read -r f; do
  mkdir -p "$WORK/$(dirname "$f")" && xz -dc "$f" > "$WORK/${f%.xz}"
done)
mkdir -p "$WORK/models" && xz -dc "$HERE/models.tar.xz" | tar -x -C "$WORK/models"

NODE_BIN=${NODE:-}
if [ -z "$NODE_BIN" ]; then
  for z in "$HERE/node.xz" "$HERE/../node.xz"; do
    if [ -f "$z" ]; then xz -dc "$z" > "$WORK/node" && chmod +x "$WORK/node" && NODE_BIN="$WORK/node" && break; fi
  done
fi
[ -n "$NODE_BIN" ] || NODE_BIN=$(command -v node || true)
[ -n "$NODE_BIN" ] || { say "no Node: set NODE=/path/to/node or put node.xz beside this folder"; exit 2; }

if ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1'; then
  say "Vulkan loader: the system's"
else
  mkdir -p "$WORK/vulkan"
  for deb in "$HERE"/vulkan/*.deb; do
    if command -v dpkg-deb >/dev/null 2>&1; then dpkg-deb -x "$deb" "$WORK/vulkan"; else
      python3 - "$deb" "$WORK/vulkan" <<'PY'
import io, sys, tarfile, lzma
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'!<arch>\n', 'not a .deb'
i = 8
while i < len(data):
    name = data[i:i+16].decode().strip(); size = int(data[i+48:i+58]); body = data[i+60:i+60+size]
    if name.startswith('data.tar'):
        tarfile.open(fileobj=io.BytesIO(body)).extractall(sys.argv[2])
    i += 60 + size + (size & 1)
PY
    fi
  done
  LIBVK=$(find "$WORK/vulkan" -name 'libvulkan.so.1*' | head -n 1)
  [ -n "$LIBVK" ] || { say "the packed Vulkan loader did not unpack"; exit 2; }
  LD_LIBRARY_PATH="$(dirname "$LIBVK")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export LD_LIBRARY_PATH
  say "Vulkan loader: packed ($LIBVK)"
fi

if [ -z "${VK_ICD_FILENAMES:-}" ]; then
  for p in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json \
           /etc/vulkan/icd.d/nvidia_icd.json /usr/local/share/vulkan/icd.d/nvidia_icd.json; do
    if [ -f "$p" ]; then VK_ICD_FILENAMES=$p; break; fi
  done
fi
[ -n "${VK_ICD_FILENAMES:-}" ] || { say "no Vulkan driver: no nvidia_icd.json found; set VK_ICD_FILENAMES"; exit 2; }
export VK_ICD_FILENAMES
export VK_DRIVER_FILES="${VK_DRIVER_FILES:-$VK_ICD_FILENAMES}"
say "Vulkan driver: $VK_ICD_FILENAMES; Node: $NODE_BIN ($("$NODE_BIN" --version))"
BENCH_GPU_DATA="$WORK" "$NODE_BIN" "$WORK/bench.mjs" "$@"
