#!/usr/bin/env python3
"""Smoke test of an installed CtiGateway, run by packaging/ci-package-checks.sh as root.

Plays the part of systemd for one start/reload/stop cycle, because CI has no systemd as PID 1:
runs SBIN/ctigatewayd as the service user with the unit's config file, a NOTIFY_SOCKET and a
WATCHDOG_USEC, waits for READY=1 and the `ready` log line, asks the running daemon for server-info
with the installed ctigw, sends SIGHUP (must survive), then SIGTERM (must exit 0).

usage: smoke-installed.py SBIN_CTIGATEWAYD BIN_CTIGW CONFIG USER [UNIT]

With UNIT, the daemon runs under that unit's SystemCallFilter= (packaging/seccomp-exec.py).
"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

DEADLINE = 90.0  # generous: a loaded 2-core CI machine


def fail(msg, proc=None, lines=None):
    print(f"smoke-installed: FAIL: {msg}", file=sys.stderr)
    if lines:
        print("--- daemon output ---\n" + "\n".join(lines), file=sys.stderr)
    if proc and proc.poll() is None:
        proc.kill()
    sys.exit(1)


def main():
    if len(sys.argv) not in (5, 6):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    daemon, cli, config, user = sys.argv[1:5]
    wrap = []
    if len(sys.argv) == 6:
        seccomp_exec = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seccomp-exec.py")
        wrap = ["/usr/bin/python3", seccomp_exec, "--unit", sys.argv[5]]
    tmp = tempfile.mkdtemp(prefix="ctigw-smoke-")
    os.chmod(tmp, 0o755)
    notify_path = os.path.join(tmp, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(notify_path)
    os.chmod(notify_path, 0o666)
    sock.settimeout(0.5)

    # What the unit's RuntimeDirectory= would make: /run/ctigateway, owned by the service user, 0750.
    run_dir = "/run/ctigateway"
    # systemd creates it (or takes it over) owned by User=/Group= on every start; an earlier root process on this
    # machine (a test run, say) may have left one owned by root, so set the owner and mode either way.
    made_run_dir = not os.path.exists(run_dir)
    if made_run_dir:
        os.mkdir(run_dir, 0o750)
    subprocess.run(["chown", f"{user}:{user}", run_dir], check=True)
    os.chmod(run_dir, 0o750)

    env = {k: v for k, v in os.environ.items() if k not in ("JOURNAL_STREAM", "INVOCATION_ID")}
    env.update(NOTIFY_SOCKET=notify_path, WATCHDOG_USEC="2000000")
    # setpriv execs the daemon as the service user with its groups (dialout), as the unit's User= does;
    # no fork, so the daemon is proc.pid (systemd's $MAINPID).
    cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", "--", *wrap, daemon, "--config", config,
           "--TServer:Host=127.0.0.1", "--TServer:Port=0"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, cwd="/")
    lines = []

    def pump():
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()

    messages = []

    def receive_until(pred, what):
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            if proc.poll() is not None:
                fail(f"daemon exited with {proc.returncode} while waiting for {what}", None, lines)
            try:
                data = sock.recv(4096).decode()
                messages.append(data)
                if pred(data):
                    return
            except socket.timeout:
                pass
        fail(f"no {what} within {DEADLINE:.0f}s (notify messages: {messages})", proc, lines)

    receive_until(lambda m: "READY=1" in m.split("\n"), "READY=1")
    print("smoke-installed: READY=1 received")

    end = time.monotonic() + DEADLINE
    port = None
    while time.monotonic() < end and port is None:
        for line in list(lines):
            m = re.search(r"ready.*port (\d+)", line)
            if m:
                port = int(m.group(1))
        time.sleep(0.1)
    if port is None:
        fail("no 'ready ... port N' log line", proc, lines)
    print(f"smoke-installed: ready line seen, T-Library port {port}")

    info = subprocess.run([cli, "--server", f"127.0.0.1:{port}", "server-info"],
                          capture_output=True, text=True, timeout=60)
    if info.returncode != 0:
        fail(f"ctigw server-info exited {info.returncode}: {info.stderr.strip()}", proc, lines)
    print("smoke-installed: ctigw server-info: " + " | ".join(info.stdout.strip().splitlines()[:2]))

    main_pid = proc.pid

    # Once the daemon has its control socket (CTIGATEWAY_EXPECT_CONTROL=1, set by ci-package-checks.sh from the
    # source): /run/ctigateway/control.sock, mode 0660, group of the service user; ctigw status answers on it.
    if os.environ.get("CTIGATEWAY_EXPECT_CONTROL") == "1":
        sock_path = os.path.join(run_dir, "control.sock")
        st = os.stat(sock_path) if os.path.exists(sock_path) else None
        if st is None:
            fail(f"no control socket at {sock_path}", proc, lines)
        import grp
        import stat as statmod
        mode = statmod.S_IMODE(st.st_mode)
        group = grp.getgrgid(st.st_gid).gr_name
        if not statmod.S_ISSOCK(st.st_mode) or mode != 0o660 or group != user:
            fail(f"{sock_path}: mode {mode:o} group {group} (want a socket, 660, group {user})", proc, lines)
        status = subprocess.run([cli, "status"], capture_output=True, text=True, timeout=60)
        if status.returncode != 0:
            fail(f"ctigw status exited {status.returncode}: {status.stderr.strip()}", proc, lines)
        print(f"smoke-installed: control socket 660 group {group}; ctigw status: "
              + " | ".join(status.stdout.strip().splitlines()[:2]))

    before = len(lines)
    os.kill(main_pid, signal.SIGHUP)
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end and not any(re.search(r"(?i)reload|sighup", l) for l in lines[before:]):
        if proc.poll() is not None:
            fail(f"daemon exited with {proc.returncode} on SIGHUP", None, lines)
        time.sleep(0.1)
    if proc.poll() is not None:
        fail(f"daemon exited with {proc.returncode} on SIGHUP", None, lines)
    print("smoke-installed: SIGHUP handled, daemon still running")

    watchdog = sum(m.split("\n").count("WATCHDOG=1") for m in messages)
    try:
        while True:
            data = sock.recv(4096).decode()
            messages.append(data)
            watchdog += data.split("\n").count("WATCHDOG=1")
    except socket.timeout:
        pass

    # Once the daemon implements the watchdog (CTIGATEWAY_EXPECT_WATCHDOG=1, set by ci-package-checks.sh when
    # the source sends WATCHDOG=1), pings every WATCHDOG_USEC/2 = 1 s must arrive.
    if os.environ.get("CTIGATEWAY_EXPECT_WATCHDOG") == "1" and watchdog == 0:
        end = time.monotonic() + 10
        while time.monotonic() < end and watchdog == 0:
            try:
                data = sock.recv(4096).decode()
                messages.append(data)
                watchdog += data.split("\n").count("WATCHDOG=1")
            except socket.timeout:
                pass
        if watchdog == 0:
            fail(f"no WATCHDOG=1 within 10 s with WATCHDOG_USEC=2000000 (notify messages: {messages})", proc, lines)

    os.kill(main_pid, signal.SIGTERM)
    try:
        code = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        fail("daemon did not stop within 30s of SIGTERM", proc, lines)
    if code != 0:
        fail(f"daemon exited {code} on SIGTERM", None, lines)
    print(f"smoke-installed: SIGTERM -> exit 0; WATCHDOG=1 pings seen: {watchdog} (WATCHDOG_USEC=2000000)")
    sock.close()
    os.unlink(notify_path)
    os.rmdir(tmp)
    if made_run_dir:
        subprocess.run(["rm", "-rf", run_dir], check=True)


if __name__ == "__main__":
    main()
