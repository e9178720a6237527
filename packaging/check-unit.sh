#!/usr/bin/env bash
# Lints ctigatewayd.service with systemd's own tools; needs no running systemd (works in CI containers).
#
#   packaging/check-unit.sh --binary FILE [--unit FILE] [--threshold N]
#   packaging/check-unit.sh --deb FILE [--threshold N]
#
# 1. systemd-analyze verify --root=TMP: TMP holds the unit, systemd's own units (sysinit.target ...),
#    /bin/kill (ExecReload) and the daemon at the unit's ExecStart path: --binary copies FILE there,
#    --deb extracts the package as the root (so the package's real layout is what gets verified).
#    verify exits 0 on unknown keys or unparseable values (it only warns), so any output is a failure.
# 2. systemd-analyze security --offline=yes --threshold=N: the exposure score must not exceed N
#    (default 2.5, on systemd's 0.0-10.0 scale; docs/appliance.md gives the measured score).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
unit=$repo/packaging/systemd/ctigatewayd.service
threshold=2.5
binary=
deb=
die() { echo "check-unit.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case $1 in
    --unit) unit=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --deb) deb=$2; shift 2 ;;
    --threshold) threshold=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[ -n "$binary" ] || [ -n "$deb" ] || die "give --binary FILE (the built ctigatewayd) or --deb FILE"
command -v systemd-analyze >/dev/null || die "systemd-analyze is missing (apt-get install systemd)"
sysunits=
for d in /usr/lib/systemd/system /lib/systemd/system; do
  if [ -f "$d/sysinit.target" ]; then sysunits=$d; break; fi
done
[ -n "$sysunits" ] || die "systemd's units (sysinit.target) not found; install the systemd package"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
if [ -n "$deb" ]; then
  dpkg-deb -x "$deb" "$root"
  unit=$root/lib/systemd/system/ctigatewayd.service
  [ -f "$unit" ] || die "$deb has no /lib/systemd/system/ctigatewayd.service"
else
  exec_path=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit")
  [ -n "$exec_path" ] || die "$unit has no ExecStart="
  install -D -m 0755 "$binary" "$root$exec_path"
  install -D -m 0644 "$unit" "$root/etc/systemd/system/ctigatewayd.service"
fi
# Debian 12 layout: /bin and /lib are links into /usr.
mkdir -p "$root/usr/bin" "$root/usr/lib/systemd/system"
for l in bin lib; do
  if [ ! -e "$root/$l" ]; then ln -s "usr/$l" "$root/$l"; fi
done
if [ -d "$root/lib" ] && [ ! -L "$root/lib" ]; then
  # An extracted .deb has a real /lib/systemd/system: merge it into /usr/lib like Debian's usrmerge.
  cp -a "$root/lib/." "$root/usr/lib/" && rm -rf "$root/lib" && ln -s usr/lib "$root/lib"
fi
cp -a "$sysunits/." "$root/usr/lib/systemd/system/"
kill_bin=$(type -P kill) || die "no kill(1) executable (procps)"
install -m 0755 "$kill_bin" "$root/usr/bin/kill"

echo "== systemd-analyze verify --root (systemd $(systemd-analyze --version | sed -n '1s/^systemd \([0-9]*\).*/\1/p'))"
out=$(systemd-analyze verify --man=no --root="$root" ctigatewayd.service 2>&1) || { echo "$out" >&2; die "verify failed"; }
if [ -n "$out" ]; then echo "$out" >&2; die "verify printed warnings (above): fix the unit"; fi
echo "verify: ok (no warnings)"

# systemd-analyze takes the threshold in tenths (0-100): 2.5 is --threshold=25.
case $threshold in
  [0-9].[0-9]|10.0) tenths=$(( ${threshold%.*} * 10 + ${threshold#*.} )) ;;
  [0-9]|10) tenths=$(( threshold * 10 )) ;;
  *) die "--threshold takes a score 0.0-10.0 with one decimal (got '$threshold')" ;;
esac
echo "== systemd-analyze security --offline=yes --threshold=$tenths (score $threshold)"
sec=$(systemd-analyze security --offline=yes --threshold="$tenths" "$unit" 2>&1) && sec_rc=0 || sec_rc=$?
score=$(printf '%s\n' "$sec" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) .*/\1/p')
[ -n "$score" ] || { echo "$sec" >&2; die "no exposure score in the output"; }
printf '%s\n' "$sec" | grep -F '✗' || true
echo "security: exposure $score (threshold $threshold)"
[ "$sec_rc" -eq 0 ] || die "exposure $score is above the threshold $threshold"
