#!/usr/bin/env bash
# The installed unit under a real systemd as PID 1: boots the host's own /usr (read-only) with a copy of /etc
# in a systemd-nspawn container and drives ctigatewayd.service there. Needs root, systemd-nspawn
# (systemd-container) and the ctigateway package (or install.sh --prefix /usr) installed on the host.
#
#   packaging/systemd-boot-check.sh
#
# Checks: enabled by the package; start returns once the daemon sent READY=1 (Type=notify); it runs as
# ctigateway with dialout, no capabilities, no_new_privs and a seccomp filter; ctigw server-info answers;
# reload (SIGHUP) keeps the same process; a frozen daemon (SIGSTOP: no more WATCHDOG=1) is killed by the
# watchdog and restarted; stop ends with exit 0. When the daemon's source sends WATCHDOG=1, it must also
# stay up past WatchdogSec while healthy; when it has a control socket, the socket must be 0660 group
# ctigateway and ctigw status must answer.
# Exit 0 all passed, 1 a check failed, 77 the container could not be booted here (reported as a skip).
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
unit=ctigatewayd.service
root=$(mktemp -d /tmp/ctigateway-boot.XXXXXX)
log=$root.console
nspawn_pid=
failed=0

say() { echo "systemd-boot-check: $*"; }
bad() { echo "systemd-boot-check: FAIL: $*" >&2; failed=1; }
skip() { echo "systemd-boot-check: SKIP: $*"; exit 77; }

cleanup() {
  if [ -n "${leader:-}" ] && kill -0 "$leader" 2>/dev/null; then
    nsenter -t "$leader" -a systemctl poweroff >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then kill "$nspawn_pid" 2>/dev/null; sleep 2; fi
  rm -rf "$root" "$log"
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || skip "needs root"
command -v systemd-nspawn >/dev/null || skip "systemd-nspawn is missing (apt-get install systemd-container)"
[ -f /lib/systemd/system/$unit ] || [ -f /etc/systemd/system/$unit ] || skip "$unit is not installed on this host"
[ -d /run/systemd/system ] && skip "systemd already runs on this host: use systemctl directly"

# A root that shares the host's /usr: a copy of /etc (users, the package's config and enablement symlink),
# empty /var, /run, /tmp; boot to basic.target so only what we start runs.
chmod 0755 "$root"   # mktemp makes it 0700: the service user could not even reach /
mkdir -p "$root"/{usr,dev,proc,sys,run,var,tmp,root}
cp -a /etc "$root/etc"
rm -f "$root/etc/os-release" "$root/etc/machine-id"
cp /usr/lib/os-release "$root/etc/os-release"
# The unit wants network-online.target; with a private network nothing would ever bring it "online".
for w in systemd-networkd-wait-online.service NetworkManager-wait-online.service; do
  ln -sf /dev/null "$root/etc/systemd/system/$w"
done
for l in bin sbin lib lib64; do
  if [ -L "/$l" ]; then ln -s "$(readlink "/$l")" "$root/$l"; fi
done

systemd-nspawn -D "$root" --bind-ro=/usr --private-network --register=no --keep-unit -M ctigw-boot-check \
  -b -- systemd.unit=basic.target > "$log" 2>&1 &
nspawn_pid=$!

leader=
for _ in $(seq 1 120); do
  kill -0 "$nspawn_pid" 2>/dev/null || break
  # The container's PID 1 is nspawn's child (or grandchild) named systemd.
  for c in $(pgrep -P "$nspawn_pid"); do
    if [ "$(cat "/proc/$c/comm" 2>/dev/null)" = systemd ]; then leader=$c; fi
    for g in $(pgrep -P "$c" -x systemd); do leader=$g; done
  done
  [ -n "$leader" ] && break
  sleep 0.5
done
if [ -z "$leader" ]; then
  sed 's/\x1b\[[0-9;]*m//g' "$log" | tail -n 15
  skip "could not boot systemd in a container here (see above)"
fi
C() { nsenter -t "$leader" -a "$@"; }
state=
for _ in $(seq 1 120); do
  state=$(C systemctl is-system-running 2>/dev/null) || true
  case $state in running|degraded) break ;; esac
  sleep 0.5
done
case $state in running|degraded) ;; *) skip "systemd in the container did not come up (state '$state')" ;; esac
say "systemd $(C systemctl --version | sed -n '1s/^systemd \([0-9]*\).*/\1/p') is PID 1 in the container ($state)"
prop() { C systemctl show "$unit" -p "$1" --value; }

# 1. enabled by the package, starts (Type=notify: start returns after READY=1)
en=$(C systemctl is-enabled "$unit" 2>&1)
[ "$en" = enabled ] && say "is-enabled: enabled" || bad "is-enabled says '$en'"
if C timeout 90 systemctl start "$unit"; then
  say "start: returned after READY=1 ($(prop ActiveState)/$(prop SubState), status '$(prop StatusText)')"
else
  bad "systemctl start failed"; C journalctl -u "$unit" --no-pager -n 30 >&2; exit 1
fi
pid=$(prop MainPID)

# 2. the sandbox as the kernel sees it
status=$(C cat "/proc/$pid/status")
uid=$(awk '/^Uid:/{print $2}' <<< "$status")
groups=$(awk '/^Groups:/{$1=""; print}' <<< "$status")
[ "$uid" = "$(C id -u ctigateway)" ] && say "runs as ctigateway (uid $uid)" || bad "runs as uid $uid"
grep -qw "$(C getent group dialout | cut -d: -f3)" <<< "$groups" && say "groups include dialout ($groups )" || bad "dialout missing from groups '$groups'"
grep -q '^CapEff:[[:space:]]*0000000000000000$' <<< "$status" && say "no capabilities" || bad "has capabilities"
grep -q '^NoNewPrivs:[[:space:]]*1$' <<< "$status" && say "no_new_privs set" || bad "no_new_privs not set"
grep -q '^Seccomp:[[:space:]]*2$' <<< "$status" && say "seccomp filter active" || bad "no seccomp filter"
C stat -c '%n %U:%G %a' /run/ctigateway /var/lib/ctigateway | sed 's/^/systemd-boot-check: dir /'

# 3. serves
if out=$(C timeout 60 /usr/bin/ctigw server-info 2>&1); then say "ctigw server-info: $(tr '\n' ' ' <<< "$out")"; else bad "ctigw server-info: $out"; fi

# 3b. the control socket (once the daemon has one): mode 0660, group ctigateway, and ctigw status answers
if grep -rqsF 'control.sock' "$repo/src/CtiGateway.Daemon"; then
  sock=$(C stat -c '%U:%G %a %F' /run/ctigateway/control.sock 2>&1)
  case $sock in
    *":ctigateway 660 socket") say "control socket: $sock" ;;
    *) bad "control socket /run/ctigateway/control.sock: $sock (want group ctigateway, mode 660)" ;;
  esac
  if out=$(C timeout 60 /usr/bin/ctigw status 2>&1); then say "ctigw status: $(head -n 1 <<< "$out")"; else bad "ctigw status: $out"; fi
else
  say "the daemon's source has no control socket yet: skipping the control.sock check"
fi

# 4. reload keeps the process. The daemon announces its reload (RELOADING=1 ... READY=1); with Type=notify on
# systemd 252 that can arrive after ExecReload's kill returned, so the unit may show "reloading" for a moment:
# wait for it to be active again rather than sampling once.
reload_state=
if C timeout 60 systemctl reload "$unit" 2>&1; then
  for _ in $(seq 1 60); do
    reload_state=$(prop ActiveState)
    [ "$reload_state" = active ] && break
    sleep 0.5
  done
fi
if [ "$reload_state" = active ] && [ "$(prop MainPID)" = "$pid" ]; then
  say "reload: same process $pid, active again"
else
  bad "reload changed or stopped the daemon (MainPID $(prop MainPID) was $pid, state '$reload_state')"
  C journalctl -u "$unit" --no-pager -n 30 >&2
fi

# 5. a healthy daemon that pings is not restarted (only once the daemon sends WATCHDOG=1)
watchdog_usec=$(prop WatchdogUSec)
if grep -rqsF 'WATCHDOG=1' "$repo/src"; then
  restarts=$(prop NRestarts)
  say "waiting past WatchdogSec ($watchdog_usec) for a healthy daemon..."
  sleep 40
  if [ "$(prop NRestarts)" = "$restarts" ] && [ "$(prop MainPID)" = "$pid" ]; then
    say "healthy daemon kept its pings up: no watchdog restart"
  else
    bad "the watchdog restarted a healthy daemon (NRestarts $(prop NRestarts), MainPID $(prop MainPID))"
  fi
else
  say "the daemon's source sends no WATCHDOG=1 yet: skipping the healthy-daemon check"
fi

# 6. a hung daemon is killed and restarted by the watchdog
restarts=$(prop NRestarts)
pid=$(prop MainPID)
C kill -STOP "$pid"
say "froze MainPID $pid (SIGSTOP); waiting for the watchdog..."
new=
for _ in $(seq 1 240); do
  if [ "$(prop NRestarts)" -gt "$restarts" ] && [ "$(prop ActiveState)" = active ]; then new=$(prop MainPID); break; fi
  sleep 0.5
done
if [ -n "$new" ] && [ "$new" != "$pid" ]; then
  say "watchdog: restarted (NRestarts $(prop NRestarts), new MainPID $new)"
  C journalctl -u "$unit" --no-pager -o cat | grep -E 'Watchdog timeout|SIGABRT|SIGKILL|Scheduled restart' | sed 's/^/systemd-boot-check:   journal: /'
else
  bad "no watchdog restart within 120 s (NRestarts $(prop NRestarts), $(prop ActiveState))"
fi

# 7. stop: clean exit 0
C timeout 60 systemctl stop "$unit"
if [ "$(prop Result)" = success ] && [ "$(prop ExecMainStatus)" = 0 ]; then
  say "stop: exit 0, result success"
else
  bad "stop: result $(prop Result), exit $(prop ExecMainStatus)"
fi

[ "$failed" -eq 0 ]
