"""Smoke tests of the built programs in dist/ (packaging/build.sh), not of the source tree.

Linux bundle (dist/linux/baocao-gui): `sample` and `export` with no network (a network namespace of its
own: `unshare -n`), the .docx opens and says what the source run says; the window opens offscreen and,
under Xvfb, as a real window; strace sees no internet socket. Windows build (dist/windows/baocao-gui)
the same under wine, through baocao-gui-cli.exe (the windowed baocao-gui.exe has no console). The
installer (dist/baocao-gui-*-setup.exe): its listing, then a silent per-user install and uninstall in a
fresh wine prefix, which keeps the clerk's workbook.

No bundle: each test skips and says why. BAOCAO_REQUIRE_BUNDLE=1 (CI) turns a missing bundle or tool
into a failure; BAOCAO_REQUIRE_BUNDLE=linux requires only the Linux bundle.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import assert_valid_ooxml

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
LINUX_EXE = DIST / "linux" / "baocao-gui" / "baocao-gui"
WIN_DIR = DIST / "windows" / "baocao-gui"
WIN_GUI, WIN_CLI = WIN_DIR / "baocao-gui.exe", WIN_DIR / "baocao-gui-cli.exe"
WINEPREFIX = Path(os.environ.get("BAOCAO_WINEPREFIX", ROOT / "build" / "wineprefix"))
REQUIRE = os.environ.get("BAOCAO_REQUIRE_BUNDLE", "").strip().lower()
TITLE = "mau.baocao — baocao-gui"


def missing(what: str, windows: bool = False) -> None:
    """Skip, saying what is missing, or fail where BAOCAO_REQUIRE_BUNDLE asks for it."""
    required = REQUIRE in {"1", "true", "yes", "all"} or (REQUIRE == "linux" and not windows)
    message = f"{what} (build it: packaging/build.sh {'windows' if windows else 'linux'})"
    if required:
        pytest.fail(f"BAOCAO_REQUIRE_BUNDLE={REQUIRE}: {message}")
    pytest.skip(message)


def need_tool(name: str, windows: bool = False) -> str:
    found = shutil.which(name)
    if not found:
        missing(f"{name} is not installed", windows)
    return found


def private_env(tmp: Path) -> dict[str, str]:
    """The frozen program's own settings, log and documents in tmp; Qt offscreen."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_", "BAOCAO_", "PYTHON"))}
    env.update(HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "config"), XDG_STATE_HOME=str(tmp / "state"),
               XDG_DATA_HOME=str(tmp / "data"), BAOCAO_LOG_DIR=str(tmp / "log"), QT_QPA_PLATFORM="offscreen",
               LANG="C.UTF-8")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def no_network_prefix() -> list[str]:
    """A command prefix that runs the program in a network namespace with no interface but lo (down)."""
    for prefix in (["unshare", "-n"], ["unshare", "--net", "--map-root-user"]) if shutil.which("unshare") else ():
        if subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode == 0:
            return prefix
    missing("cannot make a network namespace (unshare -n) here")
    return []


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout, check=False)


def docx_text(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.fixture(scope="module")
def source_export(tmp_path_factory) -> list[str]:
    """The same sample exported by the source tree: what the frozen programs must reproduce."""
    return source_run(tmp_path_factory)[0]


@pytest.fixture(scope="module")
def source_check(tmp_path_factory) -> tuple[int, str]:
    """`check` on the sample by the source tree: its exit code and findings."""
    return source_run(tmp_path_factory)[1]


_SOURCE: list = []


def source_run(tmp_path_factory) -> tuple[list[str], tuple[int, str]]:
    if not _SOURCE:
        tmp = tmp_path_factory.mktemp("source")
        env = {**private_env(tmp), "PYTHONPATH": str(ROOT / "src")}
        results = [run([sys.executable, "-m", "baocao_gui.cli", *args], tmp, env)
                   for args in (["sample", "mau.baocao"], ["export", "mau.baocao", "-o", "out.docx"],
                                ["check", "mau.baocao"])]
        assert results[0].returncode == results[1].returncode == 0, results[0].stderr + results[1].stderr
        _SOURCE.extend([docx_text(tmp / "out.docx"), (results[2].returncode, results[2].stdout)])
    return _SOURCE[0], _SOURCE[1]


def assert_same_report(out: Path, expected: list[str]) -> None:
    assert zipfile.is_zipfile(out), f"{out} is not a .docx"
    text = docx_text(out)  # python-docx opens it: a Word package with its parts where Word looks
    assert any("PHẦN THỨ NHẤT" in t for t in text), text[:10]
    assert text == expected, "the frozen program's report differs from the source run's"
    assert_valid_ooxml(out)


# --- Linux bundle ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def linux_exe() -> Path:
    if not LINUX_EXE.exists():
        missing(f"no Linux bundle at {LINUX_EXE.relative_to(ROOT)}")
    return LINUX_EXE


def test_linux_bundle_writes_sample_and_exports_report_without_network(linux_exe, tmp_path, source_export,
                                                                        source_check):
    nonet, env = no_network_prefix(), private_env(tmp_path)
    sample = run([*nonet, str(linux_exe), "sample", "mau.baocao"], tmp_path, env)
    assert sample.returncode == 0, sample.stderr
    assert "Đã ghi sổ báo cáo mẫu" in sample.stdout
    export = run([*nonet, str(linux_exe), "export", "mau.baocao", "-o", "báo cáo 2023.docx"], tmp_path, env)
    assert export.returncode == 0, export.stderr
    assert_same_report(tmp_path / "báo cáo 2023.docx", source_export)
    check = run([*nonet, str(linux_exe), "check", "mau.baocao"], tmp_path, env)
    assert (check.returncode, check.stdout) == source_check, check.stdout + check.stderr


def test_linux_bundle_says_errors_in_vietnamese(linux_exe, tmp_path):
    result = run([str(linux_exe), "export", "không-có.baocao", "-o", "x.docx"], tmp_path, private_env(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip(), result.stderr


def test_linux_bundle_carries_its_qt_libraries(linux_exe):
    """Every Qt library a bundled plugin or module links to is inside the bundle (system X/Wayland libs aside)."""
    need_tool("ldd")
    internal = linux_exe.parent / "_internal"
    unresolved = set()
    for lib in internal.rglob("*.so*"):
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, check=False,
                             env={"LD_LIBRARY_PATH": str(internal)}).stdout
        found = re.findall(r"(lib(?:Qt6|pyside6|shiboken6|python3)\S*) => not found", out)
        unresolved |= {f"{lib.name} → {m}" for m in found}
    assert not unresolved, sorted(unresolved)


def wait_alive(proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the program exited ({proc.returncode}): {proc.communicate()[1]}"
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.communicate(timeout=20)[1] or ""
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[1] or ""


def settings_remember(conf_dir: Path, name: str) -> bool:
    """The program's INI settings (QSettings.IniFormat) name the workbook: MainWindow.__init__ remembers it."""
    return any(name in f.read_text(encoding="utf-8", errors="replace") for f in conf_dir.rglob("baocao-gui.ini"))


def wait_remembered(proc: subprocess.Popen, conf_dir: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not settings_remember(conf_dir, "mau.baocao") and time.monotonic() < deadline:
        assert proc.poll() is None, f"the program exited ({proc.returncode}): {proc.communicate()[1]}"
        time.sleep(0.1)
    assert settings_remember(conf_dir, "mau.baocao"), "the main window never came up"


def test_linux_window_opens_offscreen(linux_exe, tmp_path):
    env = private_env(tmp_path)
    assert run([str(linux_exe), "sample", "mau.baocao"], tmp_path, env).returncode == 0
    proc = subprocess.Popen([*no_network_prefix(), str(linux_exe), "mau.baocao"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    try:
        # MainWindow.__init__ remembers the workbook; QSettings writes it from the running event loop.
        wait_remembered(proc, tmp_path / "config", 60)
        wait_alive(proc, 2)
    finally:
        stderr = stop(proc)
    assert "Traceback" not in stderr, stderr
    log = tmp_path / "log" / "baocao-gui.log"
    assert not log.exists() or "ERROR" not in log.read_text(encoding="utf-8"), log.read_text(encoding="utf-8")


class Xvfb:
    """A private X server, for a real window (Linux xcb, or wine's X11 driver) that xdotool can see."""

    def __init__(self, windows: bool):
        need_tool("Xvfb", windows)
        need_tool("xdotool", windows)
        read, write = os.pipe()  # -displayfd: Xvfb picks a free display and names it once it accepts clients
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24",
                                      "-nolisten", "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        self.display = f":{number}"

    def wait_for_title(self, title: str, proc: subprocess.Popen, seconds: float) -> float:
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            found = subprocess.run(["xdotool", "search", "--name", re.escape(title)], capture_output=True,
                                   check=False, env={**os.environ, "DISPLAY": self.display})
            if found.returncode == 0 and found.stdout.strip():
                return time.monotonic() - start
            if proc.poll() is not None:
                raise AssertionError(f"the program exited ({proc.returncode}) before its window showed: "
                                     + proc.communicate()[1][-2000:])
            time.sleep(0.05)
        raise AssertionError(f"no window titled {title!r} within {seconds} s")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def test_linux_window_shows_under_xvfb(linux_exe, tmp_path):
    env = private_env(tmp_path)
    assert run([str(linux_exe), "sample", "mau.baocao"], tmp_path, env).returncode == 0
    x = Xvfb(windows=False)
    proc = subprocess.Popen([str(linux_exe), "mau.baocao"], cwd=tmp_path,
                            env={**env, "DISPLAY": x.display, "QT_QPA_PLATFORM": "xcb"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    try:
        x.wait_for_title(TITLE, proc, 60)
    finally:
        stderr = stop(proc)
        x.close()
    assert "Traceback" not in stderr, stderr


INET = re.compile(r"\b(connect|sendto|sendmsg|bind)\(\d+, \{sa_family=AF_INET6?\b")


def strace_network(cmd: list[str], cwd: Path, env: dict[str, str], seconds: float | None = None) -> str:
    """The program's network system calls (strace -f -e trace=network), with the network available."""
    log = cwd / f"strace-{len(list(cwd.glob('strace-*')))}.txt"
    full = ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(log), *cmd]
    if seconds is None:
        result = run(full, cwd, env, timeout=300)
        assert result.returncode == 0, result.stderr
    else:
        proc = subprocess.Popen(full, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(seconds)
        assert proc.poll() is None, "the window closed by itself"
        # SIGTERM to strace would only detach it: end the traced program, and strace ends with it.
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        for child in children:
            os.kill(int(child), signal.SIGTERM)
        proc.wait(timeout=30)
    return log.read_text(encoding="utf-8", errors="replace")


def test_linux_bundle_opens_no_internet_socket(linux_exe, tmp_path):
    need_tool("strace")
    env = private_env(tmp_path)
    calls = strace_network([str(linux_exe), "sample", "mau.baocao"], tmp_path, env)
    calls += strace_network([str(linux_exe), "export", "mau.baocao", "-o", "out.docx"], tmp_path, env)
    calls += strace_network([str(linux_exe), "mau.baocao"], tmp_path, env, seconds=6)
    assert not INET.findall(calls), [line for line in calls.splitlines() if INET.search(line)]
    assert "AF_INET" not in calls, "an internet socket was opened"


# --- Windows build, under wine -----------------------------------------------------------------------

def wine_env(tmp: Path, prefix: Path = WINEPREFIX) -> dict[str, str]:
    env = private_env(tmp)
    win_tmp = "Z:" + str(tmp).replace("/", "\\")
    env.update(WINEPREFIX=str(prefix), WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d",
               BAOCAO_LOG_DIR=win_tmp + "\\log", HOME=str(ROOT / "build" / "winehome"))
    return env


class WineWithoutNetwork:
    """Every wine process of these tests — wineserver, wine's services and the program — in one network
    namespace with no network. One namespace for all: wine's processes also talk over abstract unix sockets,
    which are private to a namespace, so a program in one namespace hangs on services started in another.
    One persistent wineserver: no server start or stop between two programs."""

    def __init__(self, exe: str):
        self.exe = exe
        nonet = no_network_prefix()
        self.holder = subprocess.Popen([*nonet, "sleep", "infinity"])
        own = os.readlink("/proc/self/ns/net")
        deadline = time.monotonic() + 10
        while os.readlink(f"/proc/{self.holder.pid}/ns/net") == own and time.monotonic() < deadline:
            time.sleep(0.01)
        self.enter = ["nsenter", f"--target={self.holder.pid}", "--net"]
        if "--map-root-user" in nonet:
            self.enter += ["--user", "--preserve-credentials"]
        self.server(True)

    def cmd(self, *args: object) -> list[str]:
        return [*self.enter, self.exe, *map(str, args)]

    def server(self, on: bool) -> None:
        env = wine_env(Path(tempfile.gettempdir()))
        subprocess.run([*self.enter, "wineserver", "-p" if on else "-k"], env=env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if on:
            # The first program starts wine's services, which inherit its standard streams and, with a
            # persistent server, keep them open: start them here on /dev/null, not on a test's pipes.
            subprocess.run(self.cmd("cmd", "/c", "exit"), env=env, check=False, timeout=120,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        else:
            subprocess.run(["wineserver", "-w"], env=env, check=False, timeout=120)

    def close(self) -> None:
        self.server(False)
        self.holder.kill()
        self.holder.wait()


@pytest.fixture(scope="module")
def wine():
    if not WIN_CLI.exists():
        missing(f"no Windows build at {WIN_DIR.relative_to(ROOT)}", windows=True)
    exe = need_tool("wine", windows=True)
    need_tool("nsenter", windows=True)
    if not (WINEPREFIX / "drive_c" / "windows" / "system32" / "icuuc.dll").exists():
        missing(f"no wine prefix with the ICU stub at {WINEPREFIX}", windows=True)
    session = WineWithoutNetwork(exe)
    yield session
    session.close()


def test_windows_build_writes_sample_and_exports_report_under_wine(wine, tmp_path, source_export, source_check):
    env = wine_env(tmp_path)
    sample = run(wine.cmd(WIN_CLI, "sample", "mau.baocao"), tmp_path, env)
    assert sample.returncode == 0, sample.stdout + sample.stderr
    assert "Đã ghi sổ báo cáo mẫu" in sample.stdout
    export = run(wine.cmd(WIN_CLI, "export", "mau.baocao", "-o", "báo cáo 2023.docx"), tmp_path, env)
    assert export.returncode == 0, export.stdout + export.stderr
    assert_same_report(tmp_path / "báo cáo 2023.docx", source_export)
    check = run(wine.cmd(WIN_CLI, "check", "mau.baocao"), tmp_path, env)
    assert (check.returncode, check.stdout.replace("\r\n", "\n")) == source_check, check.stdout + check.stderr


def test_windows_window_opens_offscreen_under_wine(wine, tmp_path):
    env = wine_env(tmp_path)
    assert run(wine.cmd(WIN_CLI, "sample", "mau.baocao"), tmp_path, env).returncode == 0
    roaming = list((WINEPREFIX / "drive_c" / "users").glob("*/AppData/Roaming"))
    for ini in (r / "baocao-gui" / "baocao-gui.ini" for r in roaming):
        ini.unlink(missing_ok=True)
    proc = subprocess.Popen(wine.cmd(WIN_GUI, "mau.baocao"), cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    try:
        # %APPDATA%\baocao-gui\baocao-gui.ini names the workbook once the main window exists
        wait_remembered(proc, roaming[0], 120)
        wait_alive(proc, 3)
        # the lock file beside the workbook is hidden, as Word's are: wine keeps the DOS attributes it was given
        # in the file's user.DOSATTRIB (a name starting with a dot alone shows as hidden without writing it)
        lock = tmp_path / ".~lock.mau.baocao#"
        assert lock.exists()
        attributes = int(os.getxattr(lock, "user.DOSATTRIB").split(b"\0")[0], 16)
        assert attributes & 0x2, f"lock file attributes {attributes:#x}: not hidden"
    finally:
        stderr = stop(proc)
    log = tmp_path / "log" / "baocao-gui.log"
    assert not log.exists() or "ERROR" not in log.read_text(encoding="utf-8"), log.read_text(encoding="utf-8")
    assert "Traceback" not in stderr, stderr


def test_windows_window_shows_under_wine_and_xvfb(wine, tmp_path):
    env = wine_env(tmp_path)
    assert run(wine.cmd(WIN_CLI, "sample", "mau.baocao"), tmp_path, env).returncode == 0
    x = Xvfb(windows=True)  # reached through its socket file, which a network namespace does not hide
    env = {**env, "DISPLAY": x.display}
    env.pop("QT_QPA_PLATFORM")  # qwindows, drawn by wine's X11 driver
    proc = subprocess.Popen(wine.cmd(WIN_GUI, "mau.baocao"), cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    try:
        x.wait_for_title(TITLE, proc, 120)
    finally:
        stop(proc)
        x.close()


def test_windows_build_opens_no_internet_socket_under_wine(wine, tmp_path):
    """With the network available this time: strace sees every process wine starts, server included."""
    need_tool("strace", windows=True)
    env = wine_env(tmp_path)
    wine.server(False)
    try:
        calls = strace_network([wine.exe, str(WIN_CLI), "sample", "mau.baocao"], tmp_path, env)
        calls += strace_network([wine.exe, str(WIN_CLI), "export", "mau.baocao", "-o", "out.docx"], tmp_path, env)
        subprocess.run(["wineserver", "-w"], env=env, check=False, timeout=120)
    finally:
        wine.server(True)
    assert (tmp_path / "out.docx").exists()
    assert not INET.findall(calls), [line for line in calls.splitlines() if INET.search(line)]


# --- the installer -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def installer() -> Path:
    found = sorted(DIST.glob("baocao-gui-*-setup.exe"))
    if not found:
        missing("no installer dist/baocao-gui-*-setup.exe", windows=True)
    return found[-1]


def test_installer_holds_the_program_and_resources_and_nothing_else(installer):
    listing = run([need_tool("7z", windows=True), "l", "-ba", "-slt", str(installer)], ROOT, dict(os.environ))
    assert listing.returncode == 0, listing.stderr
    names = [line[7:].replace("\\", "/") for line in listing.stdout.splitlines() if line.startswith("Path = ")]
    lower = [n.lower() for n in names]
    for expected in ("baocao-gui.exe", "baocao-gui-cli.exe",
                     "_internal/baocao_gui/resources/templates/baocao.docx",
                     "_internal/baocao_gui/resources/catalogues/sldtbxh.toml",
                     "_internal/baocao_gui/resources/samples/dak-nong-2023.toml",
                     "_internal/baocao_gui/resources/places.toml",
                     "_internal/baocao_gui/resources/icons/baocao-file.ico",
                     "_internal/docx/templates/default.docx", "_internal/docx/templates/default-header.xml",
                     "_internal/pyside6/plugins/platforms/qwindows.dll", "_internal/qt6core.dll",
                     "license.txt", "third-party-notices.txt"):
        assert expected in lower, f"{expected} missing from the installer"
    assert not [n for n in lower if n.rsplit("/", 1)[-1].startswith("icu")], "the wine-only ICU stub was packed"
    tests = re.compile(r"(^|/)(tests?|testing)(/|$)|(^|/)test_[^/]*\.py")
    assert not [n for n in lower if tests.search(n)], "test files packed"
    assert not [n for n in lower if "numpy" in n or "opengl32sw" in n or "qt6network" in n or "qt6qml" in n]
    assert installer.stat().st_size <= 60_000_000, "installer over its 60 MB goal"
    size = sum(f.stat().st_size for f in WIN_DIR.rglob("*") if f.is_file()) if WIN_DIR.exists() else 0
    assert size <= 150_000_000, "one-folder build over its 150 MB goal"


class FreshWindows:
    """A fresh wine prefix in tmp (nothing installed, no administrator) reporting a given Windows version,
    with the wine-only ICU stub in its system32 when the program must run there (never in the installer)."""

    def __init__(self, tmp: Path, version: str, icu: bool = False):
        self.wine = need_tool("wine", windows=True)
        self.tmp, self.prefix, home = tmp, tmp / "prefix", tmp / "home"
        home.mkdir(exist_ok=True)
        self.env = {**wine_env(tmp, self.prefix), "HOME": str(home)}
        # wine 8 makes a new prefix as Windows 7 (build 7601); winecfg -v sets what it reports
        done = subprocess.run(["winecfg", "-v", version], env=self.env, capture_output=True, check=False,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        self.wait()
        if icu:
            stub = WINEPREFIX / "drive_c" / "windows" / "system32" / "icuuc.dll"
            if not stub.exists():
                missing(f"no ICU stub at {stub}", windows=True)
            shutil.copy(stub, self.prefix / "drive_c" / "windows" / "system32" / "icuuc.dll")
        self.users = self.prefix / "drive_c" / "users"

    def run(self, *args: object, timeout: float = 600) -> subprocess.CompletedProcess:
        """A Windows program to its end, and every process it started (wineserver -w)."""
        result = run([self.wine, *map(str, args)], self.tmp, self.env, timeout=timeout)
        self.wait()
        return result

    def wait(self) -> None:
        subprocess.run(["wineserver", "-w"], env=self.env, check=False, timeout=300)

    def reg(self, key: str) -> str:
        return run([self.wine, "reg", "query", key], self.tmp, self.env).stdout

    def install(self, installer: Path, target: Path) -> subprocess.CompletedProcess:
        return self.run(installer, "/S", "/D=" + win_path(target))

    def close(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, check=False, timeout=60)


def win_path(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


@pytest.fixture
def windows10(tmp_path):
    machine = FreshWindows(tmp_path, "win10", icu=True)
    yield machine
    machine.close()


INSTALLED_DIR_KEY = r"HKCU\Software\baocao-gui\Installer"


def test_installer_installs_per_user_and_uninstall_keeps_workbooks(installer, windows10, tmp_path):
    machine, target = windows10, tmp_path / "app"
    result = machine.install(installer, target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "baocao-gui.exe").exists() and (target / "uninstall.exe").exists()
    assert (target / "_internal" / "baocao_gui" / "resources" / "icons" / "baocao-file.ico").exists()
    # what an IT department checks: the licence and the notices of what ships, beside the program (Giới thiệu
    # shows them from there)
    assert (target / "LICENSE.txt").read_text(encoding="utf-8").startswith("MIT License")
    notices = (target / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    assert "PySide6" in notices and "Replacing the Qt libraries" in notices and "python-docx" in notices
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in notices and "PSF" in notices
    assert "baocao-gui.SoBaoCao" in machine.reg(r"HKCU\Software\Classes\.baocao")
    command = machine.reg(r"HKCU\Software\Classes\baocao-gui.SoBaoCao\shell\open\command")
    assert "baocao-gui.exe" in command and "%1" in command
    assert win_path(target) in machine.reg(INSTALLED_DIR_KEY)
    users = machine.users
    assert list(users.glob("*/Desktop/*.lnk")), "no desktop shortcut"
    start_menu = "*/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/*/*.lnk"
    assert list(users.glob(start_menu)), "no Start-menu entry"

    # The clerk's workbook and export, one inside the program's folder, one beside it.
    (target / "sổ của tôi.baocao").write_bytes(b"SQLite format 3\x00")
    (tmp_path / "bao-cao.docx").write_bytes(b"PK")
    result = machine.run(target / "uninstall.exe", "/S", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    # everything the installer wrote is gone, uninstall.exe too (deleted by its copy in %TEMP% once it ended)
    assert sorted(p.name for p in target.iterdir()) == ["sổ của tôi.baocao"], "the uninstaller deleted a workbook"
    assert (tmp_path / "bao-cao.docx").exists()
    assert not list(users.glob("*/Desktop/*.lnk")) and not list(users.glob(start_menu))
    assert "baocao-gui" not in machine.reg(r"HKCU\Software\Classes\.baocao")
    assert "InstallDir" not in machine.reg(INSTALLED_DIR_KEY)


def test_installer_and_program_refuse_windows_older_than_10_1809(installer, tmp_path):
    """Windows 7 and 8.1: the installer says one sentence, exits 3 and installs nothing; the program (a folder
    copied by hand) says its sentence before Qt is loaded and exits 2."""
    for version, name in (("win7", "Windows 7 (bản dựng 7601)"), ("win81", "Windows 8.1 (bản dựng 9600)")):
        work = tmp_path / version
        work.mkdir()
        machine = FreshWindows(work, version)  # no ICU stub: Qt could not even load here
        try:
            target = work / "app"
            result = machine.install(installer, target)
            assert result.returncode == 3, (version, result.returncode, result.stdout + result.stderr)
            assert not target.exists(), f"{version}: the installer wrote {target}"
            assert "InstallDir" not in machine.reg(INSTALLED_DIR_KEY)
            if WIN_CLI.exists():
                refused = machine.run(WIN_CLI, "sample", "mau.baocao", timeout=300)
                assert refused.returncode == 2, refused.stdout + refused.stderr
                said = [line for line in refused.stderr.splitlines() if not line.startswith("wine:")]
                sentence = ("Chương trình Báo cáo cần Windows 10 (phiên bản 1809) trở lên hoặc Windows 11; "
                            f"máy này đang chạy {name}.")
                assert said == [sentence], refused.stderr
                assert not (work / "mau.baocao").exists()
        finally:
            machine.close()


def test_windowed_program_on_old_windows_says_so_in_a_message_box(tmp_path):
    """The windowed program has no console: its sentence comes in a Windows message box titled "Báo cáo",
    which waits for the clerk. (Run through the build's Windows Python with the launcher's own function: the
    frozen windowed .exe under wine cannot start without standard handles, which Explorer's start lacks.)"""
    python = ROOT / "build" / "win" / "py" / "python.exe"
    if not python.exists():
        missing(f"no Windows Python at {python}", windows=True)
    machine = FreshWindows(tmp_path, "win7")
    x = Xvfb(windows=True)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import launcher; sys.stderr = None; "
            "sys.exit(launcher.refuse_old_windows())")
    env = {**machine.env, "DISPLAY": x.display}
    proc = subprocess.Popen([machine.wine, str(python), "-c", code, win_path(ROOT / "packaging")], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        x.wait_for_title("Báo cáo", proc, 60)
        time.sleep(1)
        assert proc.poll() is None, "the message box did not wait for the clerk"
        box = subprocess.run(["xdotool", "search", "--name", "^Báo cáo$"], capture_output=True, text=True,
                             check=False, env={**os.environ, "DISPLAY": x.display}).stdout.split()
        subprocess.run(["xdotool", "key", "--window", box[0], "Return"], check=False,
                       env={**os.environ, "DISPLAY": x.display}, capture_output=True)
        assert proc.wait(timeout=30) == 2
    finally:
        stop(proc)
        x.close()
        machine.close()


def test_uninstall_and_install_refuse_while_the_program_is_open_and_keep_one_install(installer, windows10,
                                                                                     tmp_path):
    """`uninstall.exe /S` waits and says 2 when the program is open (files kept), 0 when done. A second
    install into another folder removes the first (workbooks stay), or says 2 and installs nothing while the
    program is open there."""
    machine = windows10
    first, second = tmp_path / "first", tmp_path / "second"
    assert machine.install(installer, first).returncode == 0
    (first / "sổ.baocao").write_bytes(b"SQLite format 3\x00")
    sample = machine.run(first / "baocao-gui-cli.exe", "sample", "mau.baocao", timeout=300)
    assert sample.returncode == 0, sample.stdout + sample.stderr
    window = subprocess.Popen([machine.wine, str(first / "baocao-gui.exe"), "mau.baocao"], cwd=tmp_path,
                              env=machine.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, errors="replace")
    try:
        wait_remembered(window, machine.users, 120)  # the main window is up
        refused = run([machine.wine, str(first / "uninstall.exe"), "/S"], tmp_path, machine.env, timeout=300)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert (first / "baocao-gui.exe").exists() and (first / "uninstall.exe").exists()
        elsewhere = run([machine.wine, str(installer), "/S", "/D=" + win_path(second)], tmp_path, machine.env,
                        timeout=600)
        assert elsewhere.returncode == 2, elsewhere.stdout + elsewhere.stderr
        assert not (second / "baocao-gui.exe").exists() and (first / "baocao-gui.exe").exists()
        assert win_path(first) in machine.reg(INSTALLED_DIR_KEY)
    finally:
        stop(window)
        machine.wait()

    moved = machine.install(installer, second)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert sorted(p.name for p in first.iterdir()) == ["sổ.baocao"], "the first install was left behind"
    assert (second / "baocao-gui.exe").exists()
    assert win_path(second) in machine.reg(INSTALLED_DIR_KEY)
    assert win_path(second) in machine.reg(r"HKCU\Software\Classes\baocao-gui.SoBaoCao\shell\open\command")
    assert machine.run(second / "uninstall.exe", "/S", timeout=300).returncode == 0
    assert not second.exists()


# --- what the installer shows: precomposed Vietnamese --------------------------------------------------

def nsis_strings(exe: Path) -> list[str]:
    """Every string in an NSIS 3 Unicode installer's string table (what its pages, messages and details
    show; variables and language-string references as {code:param}). Solid LZMA only, as build.sh makes."""
    import lzma
    import struct

    data = exe.read_bytes()
    at = data.find(b"\xef\xbe\xad\xdeNullsoftInst")
    assert at > 0, f"{exe} is not an NSIS installer"
    header_size = struct.unpack_from("<i", data, at + 16)[0]
    body = data[at + 24:]
    props, dict_size = body[0], struct.unpack_from("<I", body, 1)[0]
    lzma1 = {"id": lzma.FILTER_LZMA1, "dict_size": dict_size, "lc": props % 9, "lp": props // 9 % 5,
             "pb": props // 45}
    raw = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[lzma1]).decompress(body[5:], max_length=header_size + 4)
    assert struct.unpack_from("<I", raw)[0] == header_size, "not a solid LZMA installer"
    header = raw[4:]
    machine = struct.unpack_from("<H", data, struct.unpack_from("<I", data, 0x3C)[0] + 4)[0]
    block = "<qi" if machine == 0x8664 else "<ii"  # offset is a pointer-sized integer in the stub's header
    size = struct.calcsize(block)
    blocks = [struct.unpack_from(block, header, 4 + size * k) for k in range(8)]
    start, end = blocks[3][0], blocks[4][0]  # NB_STRINGS up to NB_LANGTABLES
    units = struct.unpack_from(f"<{(end - start) // 2}H", header, start)
    strings, current, i = [], [], 0
    while i < len(units):
        unit = units[i]
        if unit == 0:
            strings.append("".join(current))
            current = []
        elif unit in (1, 2, 3):  # NS_LANG_CODE, NS_SHELL_CODE, NS_VAR_CODE + one parameter
            current.append(f"{{{unit}:{units[i + 1]:x}}}")
            i += 1
        elif unit == 4:  # NS_SKIP_CODE: the next unit is literal
            current.append(chr(units[i + 1]))
            i += 1
        else:
            current.append(chr(unit))
        i += 1
    return strings


def assert_nfc(texts: list[str], where: str) -> None:
    import unicodedata

    bad = [t for t in texts if unicodedata.normalize("NFC", t) != t or any(unicodedata.combining(c) for c in t)]
    assert not bad, f"{where}: {len(bad)} strings not in NFC, e.g. {bad[:3]}"


def test_installer_and_uninstaller_show_precomposed_vietnamese(installer, tmp_path):
    """Every string the installer and the uninstaller hold (NSIS's pages in Vietnamese, MUI's texts, the
    script's own sentences) is NFC: no combining tone mark. The stock Vietnamese files are decomposed."""
    extract = run([need_tool("7z", windows=True), "e", "-y", f"-o{tmp_path}", str(installer), "uninstall.exe"],
                  ROOT, dict(os.environ))
    assert extract.returncode == 0, extract.stdout + extract.stderr
    expected = {
        installer: ["Chào mừng đến với Trợ lí Cài đặt {1:", "Chọn thư mục cài đặt", "Gỡ bản cài đặt cũ ở",
                    "Không cài được Báo cáo: chương trình cần Windows 10 (phiên bản 1809) trở lên hoặc Windows 11.",
                    "Chương trình Báo cáo đang mở. Hãy đóng chương trình rồi bấm Thử lại."],
        tmp_path / "uninstall.exe": ["Gỡ cài đặt Báo cáo", "Đang gỡ cài đặt", "Đã gỡ cài đặt Báo cáo",
                                     "Các sổ báo cáo (.baocao) và tệp Word đã xuất được giữ nguyên.",
                                     "Chương trình Báo cáo đang mở. Hãy đóng chương trình rồi bấm Thử lại."],
    }
    for exe, sentences in expected.items():
        strings = nsis_strings(exe)
        assert len(strings) > 100, f"{exe.name}: only {len(strings)} strings read"
        assert_nfc(strings, exe.name)
        for sentence in sentences:
            assert any(s.startswith(sentence) for s in strings), f"{exe.name}: {sentence!r} not found"


def test_installer_sources_are_nfc():
    """The NSIS scripts, the launcher's sentences and the generated language files (build/nsis/lang, when
    built) are NFC. No build needed for the sources."""
    sources = [*(ROOT / "packaging").glob("*.ns[ih]"), ROOT / "packaging" / "launcher.py"]
    generated = list((ROOT / "build" / "nsis" / "lang").glob("Vietnamese.*"))
    texts = [line for f in sources + generated for line in f.read_text(encoding="utf-8-sig").splitlines()]
    assert_nfc(texts, ", ".join(f.name for f in sources + generated))
    stock = Path("/usr/share/nsis/Contrib/Language files/Vietnamese.nsh")
    if generated and stock.exists():  # the copies differ from the stock files by normalisation alone
        import unicodedata

        for copy in generated:
            original = stock.with_suffix(copy.suffix).read_text(encoding="utf-8-sig")
            assert copy.read_text(encoding="utf-8-sig") == unicodedata.normalize("NFC", original)
