#!/usr/bin/env bash
# Is the build reproducible? packaging/reproducible.sh [all|linux|windows]   (default: all; ≈ 2 × build time)
#
# Builds the last commit twice with packaging/build.sh, each time in a snapshot of it (git archive HEAD), the
# second one at another path (build/repro/one/tree, then build/repro/second-build/tree), so edits in the work
# tree cannot slip in and a build path recorded anywhere would show; with this tree's tools (build/win,
# build/wineprefix, build/venv-linux: linked, set up first if missing) and SOURCE_DATE_EPOCH = the commit's
# time. Keeps the first dist/ as build/repro/first/ and compares every file by SHA-256: prints the
# installer's and the executables' hashes of both builds, then each file that differs; exit 0 only if none.
# See packaging/README.md ("Reproducible builds") for what is byte-identical and why.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WHAT=${1:-all}
case "$WHAT" in all|linux|windows) ;; *) echo "usage: $0 [all|linux|windows]" >&2; exit 2 ;; esac
OUT=$ROOT/build/repro
COMMIT=$(git rev-parse HEAD)
export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct "$COMMIT")

# The tools, once, in this tree's build/ (build.sh sets up only what is missing).
if [ "$WHAT" != linux ] && { ! [ -f build/win/py/.ready ] || ! [ -f build/wineprefix/system.reg ]; }; then
  packaging/build.sh windows > /dev/null
fi
rm -rf "$OUT" && mkdir -p "$OUT"
snapshot() {  # a fresh copy of the commit at $1, with the tools linked in
  mkdir -p "$1/build"
  git archive --format=tar "$COMMIT" | tar -x -C "$1"
  for tool in win wineprefix winehome venv-linux; do
    if [ -e "build/$tool" ]; then ln -s "$ROOT/build/$tool" "$1/build/$tool"; fi
  done
}
sums() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }
build() { (cd "$2" && WINEPREFIX=$ROOT/build/wineprefix packaging/build.sh "$WHAT") > "$OUT/build-$1.log" 2>&1 \
            || { tail -20 "$OUT/build-$1.log"; exit 1; }; }

t0=$(date +%s)
snapshot "$OUT/one/tree"
build 1 "$OUT/one/tree"
mv "$OUT/one/tree/dist" "$OUT/first"
rm -rf "$OUT/one"
sums "$OUT/first" > "$OUT/first.sha256"
t1=$(date +%s)
snapshot "$OUT/second-build/tree"
build 2 "$OUT/second-build/tree"
sums "$OUT/second-build/tree/dist" > "$OUT/second.sha256"
t2=$(date +%s)

echo "commit $COMMIT, SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH ($(date -u -d "@$SOURCE_DATE_EPOCH" +%FT%TZ));" \
     "builds of '$WHAT' in $((t1 - t0)) s and $((t2 - t1)) s"
for f in $(awk '{print $2}' "$OUT/second.sha256" | grep -E 'setup\.exe$|/baocao-gui(-cli)?(\.exe)?$'); do
  for n in first second; do
    grep -F "  $f" "$OUT/$n.sha256" | sed "s|^|$n  |" || true
  done
done
files=$(wc -l < "$OUT/second.sha256")
differ=$(diff <(sort -k2 "$OUT/first.sha256") <(sort -k2 "$OUT/second.sha256") | awk '/^>/ {print $3}' || true)
if [ -z "$differ" ] && cmp -s <(awk '{print $2}' "$OUT/first.sha256") <(awk '{print $2}' "$OUT/second.sha256"); then
  echo "reproducible: all $files files of dist/ byte-identical in two builds"
  exit 0
fi
echo "NOT reproducible: $(echo "$differ" | grep -c .) of $files files differ (first build kept in $OUT/first):"
echo "$differ" | sed 's/^/  /'
exit 1
