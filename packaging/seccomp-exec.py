#!/usr/bin/python3
"""Runs a program under the seccomp rules systemd would apply for ctigatewayd.service, without systemd.

  seccomp-exec.py --unit UNIT PROGRAM [ARGS...]   the unit's SystemCallFilter= lines (allow list minus the
                                                  ~ lines; anything else fails with SystemCallErrorNumber=EPERM)
  seccomp-exec.py --mdwe PROGRAM [ARGS...]        systemd 252's MemoryDenyWriteExecute=yes rules
                                                  (src/shared/seccomp-util.c: no W+X mmap, no PROT_EXEC
                                                  mprotect/pkey_mprotect, no SHM_EXEC shmat)

Used by packaging/ci-package-checks.sh: the installed daemon must run its start/reload/stop cycle under the
unit's filter; --mdwe shows why the unit leaves MemoryDenyWriteExecute= off (the .NET runtime dies).
Needs Debian's python3-seccomp (hence /usr/bin/python3) and systemd-analyze for the group contents.
"""
import errno
import mmap
import os
import subprocess
import sys

import seccomp


def expand(name, seen):
    """A syscall or @group, with nested groups expanded (systemd-analyze syscall-filter)."""
    if not name.startswith("@"):
        return {name}
    if name in seen:
        return set()
    seen.add(name)
    out = subprocess.run(["systemd-analyze", "syscall-filter", name], capture_output=True, text=True, check=True).stdout
    calls = set()
    for line in out.splitlines()[1:]:
        s = line.strip()
        if s and not s.startswith("#"):
            calls |= expand(s, seen)
    return calls


def unit_filter(unit):
    allow, deny = set(), set()
    for line in open(unit, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("SystemCallFilter="):
            continue
        value = line.split("=", 1)[1].strip()
        target = allow
        if value.startswith("~"):
            target, value = deny, value[1:]
        for item in value.split():
            target |= expand(item, set())
    if not allow:
        sys.exit(f"seccomp-exec: {unit} has no SystemCallFilter= allow list")
    # systemd keeps these reachable whatever the filter says (exit and signal return; execve of the service).
    allowed = (allow - deny) | {"exit", "exit_group", "rt_sigreturn", "execve"}
    f = seccomp.SyscallFilter(defaction=seccomp.ERRNO(errno.EPERM))
    for call in sorted(allowed):
        try:
            f.add_rule(seccomp.ALLOW, call)
        except (RuntimeError, ValueError):
            pass  # a name this architecture does not have (e.g. the *32 variants)
    return f, f"{len(allowed)} syscalls allowed by {os.path.basename(unit)}"


def mdwe_filter():
    f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    wx = mmap.PROT_EXEC | mmap.PROT_WRITE
    shm_exec = 0o100000
    f.add_rule(seccomp.ERRNO(errno.EPERM), "mmap", seccomp.Arg(2, seccomp.MASKED_EQ, wx, wx))
    f.add_rule(seccomp.ERRNO(errno.EPERM), "mprotect", seccomp.Arg(2, seccomp.MASKED_EQ, mmap.PROT_EXEC, mmap.PROT_EXEC))
    f.add_rule(seccomp.ERRNO(errno.EPERM), "pkey_mprotect", seccomp.Arg(2, seccomp.MASKED_EQ, mmap.PROT_EXEC, mmap.PROT_EXEC))
    f.add_rule(seccomp.ERRNO(errno.EPERM), "shmat", seccomp.Arg(2, seccomp.MASKED_EQ, shm_exec, shm_exec))
    return f, "MemoryDenyWriteExecute=yes rules"


def main():
    args = sys.argv[1:]
    if len(args) >= 3 and args[0] == "--unit":
        f, what = unit_filter(args[1])
        program = args[2:]
    elif len(args) >= 2 and args[0] == "--mdwe":
        f, what = mdwe_filter()
        program = args[1:]
    else:
        sys.exit(__doc__)
    print(f"seccomp-exec: {what}", file=sys.stderr)
    f.load()
    os.execv(program[0], program)


if __name__ == "__main__":
    main()
