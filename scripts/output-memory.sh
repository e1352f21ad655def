#!/bin/sh
# Peak memory, wall time and output size of the two large-output runs:
# fig3b-ltp-ltd at 10 cycles of 10 000 pulses per train, and the skin-patch
# circuit file at 128 x 128 receptors. Usage: scripts/output-memory.sh [OUTDIR]
# (run from the repository root; needs /usr/bin/time).
set -eu
out=${1:-/tmp/memspike-output-memory}
rm -rf "$out" && mkdir -p "$out"
measure() {
  name=$1; shift
  /usr/bin/time -f '%M %e' -o "$out/$name.time" node bin/memspike.js run "$@" --out "$out/$name" --force >/dev/null 2>"$out/$name.log" || { cat "$out/$name.log"; exit 1; }
  set -- $(cat "$out/$name.time")
  bytes=$(du -sb "$out/$name" | cut -f1)
  printf '%-14s peak RSS %6.0f MB  wall %6.1f s  output %8.1f MB\n' "$name" "$(echo "$1 / 1024" | bc -l)" "$2" "$(echo "$bytes / 1000000" | bc -l)"
}
measure fig3b fig3b-ltp-ltd --set cycles=10 --set pulses=10000
measure skin-128 circuits/skin-patch.json \
  --set populations.skin.size=16384 --set 'populations.skin.grid={"width":128,"height":128}' \
  --set stimuli.injury.cx=63.5 --set stimuli.injury.cy=63.5 --set stimuli.injury.radius=36
