#!/usr/bin/env bash
# Installs CtiGateway on a Linux appliance without the .deb (docs/appliance.md).
#
#   sudo ./install.sh [--prefix DIR] [--no-start] [--publish-dir DIR]
#   sudo ./install.sh --uninstall [--purge] [--prefix DIR]
#   DESTDIR=/tmp/stage ./install.sh ...        stage into a folder (no user, no systemctl, root not needed)
#
# Idempotent: running it again replaces the binaries, the unit, the profiles and the dissector, and never
# overwrites an existing /etc/ctigateway/ctigateway.json (the new default goes beside it as .dist).
set -euo pipefail

repo=$(cd "$(dirname "$0")" && pwd)
prefix=/usr/local
start=yes
action=install
purge=no
publish_dir=${CTIGATEWAY_PUBLISH_DIR:-}
destdir=${DESTDIR:-}
service=ctigatewayd.service
user=ctigateway

usage() {
  cat <<'USAGE'
Usage: install.sh [--prefix DIR] [--no-start] [--publish-dir DIR]
       install.sh --uninstall [--purge] [--prefix DIR]
  --prefix DIR       installation prefix (default /usr/local): binaries in DIR/lib/ctigateway,
                     ctigw in DIR/bin, ctigatewayd in DIR/sbin, data in DIR/share/ctigateway
  --no-start         install and enable the unit but do not start or restart it
  --publish-dir DIR  use an existing packaging/publish.sh output instead of publishing now
                     (also CTIGATEWAY_PUBLISH_DIR)
  --uninstall        remove what install.sh installed; keeps /etc/ctigateway and /var/lib/ctigateway
  --purge            with --uninstall: also remove the config, the state and the ctigateway user
  DESTDIR=DIR        environment: stage the tree under DIR (no user, no systemctl, no root needed)
Config: /etc/ctigateway/ctigateway.json; unit: /etc/systemd/system/ctigatewayd.service.
USAGE
}

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }

while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --no-start) start=no; shift ;;
    --publish-dir) [ $# -ge 2 ] || die "--publish-dir needs a directory"; publish_dir=$2; shift 2 ;;
    --publish-dir=*) publish_dir=${1#--publish-dir=}; shift ;;
    --uninstall) action=uninstall; shift ;;
    --purge) purge=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
case $prefix in /*) ;; *) die "--prefix must be an absolute path (got '$prefix')" ;; esac
[ "$purge" = no ] || [ "$action" = uninstall ] || die "--purge goes with --uninstall"
prefix=${prefix%/}
[ -n "$prefix" ] || die "--prefix / is not supported; use /usr or /usr/local"

libdir=$prefix/lib/ctigateway
bindir=$prefix/bin
sbindir=$prefix/sbin
datadir=$prefix/share/ctigateway
docdir=$prefix/share/doc/ctigateway
mandir=$prefix/share/man
confdir=/etc/ctigateway
statedir=/var/lib/ctigateway
unitdir=/etc/systemd/system

# --- prerequisites --------------------------------------------------------------------------------------
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 ($2)"); }
need install coreutils
need sed sed
need gzip gzip
if [ -z "$destdir" ]; then
  [ "$(id -u)" -eq 0 ] || die "run as root (sudo ./install.sh), or set DESTDIR to stage without root"
  if [ "$action" = install ]; then
    need useradd passwd
    need groupadd passwd
    need usermod passwd
  elif [ "$purge" = yes ]; then
    need userdel passwd
  fi
fi
if [ "$action" = install ] && [ -z "$publish_dir" ]; then
  need dotnet "the .NET 10 SDK, see global.json; or pass --publish-dir"
fi
if [ ${#missing[@]} -gt 0 ]; then
  for m in "${missing[@]}"; do echo "install.sh: missing: $m" >&2; done
  die "install the missing prerequisites and run again"
fi
systemd_running=no
if [ -z "$destdir" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemd_running=yes
fi

# --- uninstall ------------------------------------------------------------------------------------------
if [ "$action" = uninstall ]; then
  if [ "$systemd_running" = yes ]; then
    systemctl disable --now "$service" >/dev/null 2>&1 || true
  elif [ -z "$destdir" ]; then
    say "systemd is not running (/run/systemd/system absent): skipping systemctl stop/disable"
  fi
  rm -f "$destdir$unitdir/$service"
  rm -f "$destdir$unitdir/multi-user.target.wants/$service"
  if [ "$systemd_running" = yes ]; then systemctl daemon-reload; fi
  rm -rf "$destdir$libdir" "$destdir$datadir" "$destdir$docdir"
  rm -f "$destdir$bindir/ctigw" "$destdir$sbindir/ctigatewayd" \
        "$destdir$mandir/man1/ctigw.1.gz" "$destdir$mandir/man8/ctigatewayd.8.gz"
  if [ "$purge" = yes ]; then
    rm -rf "$destdir$confdir" "$destdir$statedir" "$destdir/run/ctigateway"
    if [ -z "$destdir" ] && getent passwd "$user" >/dev/null; then
      userdel "$user" && say "removed user $user"
    fi
    if [ -z "$destdir" ] && getent group "$user" >/dev/null; then
      groupdel "$user" 2>/dev/null || true
    fi
    say "uninstalled and purged (config $confdir, state $statedir and user $user removed)"
  else
    say "uninstalled; kept $confdir and $statedir (use --uninstall --purge to remove them)"
  fi
  exit 0
fi

# --- publish --------------------------------------------------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$publish_dir" ]; then
  say "publishing ctigatewayd and ctigw (dotnet publish, linux-x64)"
  "$repo/packaging/publish.sh" "$tmp/publish"
  publish_dir=$tmp/publish
fi
[ -x "$publish_dir/ctigatewayd" ] && [ -x "$publish_dir/ctigw" ] \
  || die "$publish_dir has no ctigatewayd and ctigw; run packaging/publish.sh DIR first"
mode=$(cat "$publish_dir/.publish-mode" 2>/dev/null || echo unknown)
if [ "$mode" = framework-dependent ]; then
  say "WARNING: framework-dependent build: the host needs the .NET 10 runtime (dotnet-runtime-10.0)"
fi

# --- files ----------------------------------------------------------------------------------------------
# Binaries: a fresh copy swapped in by rename, so a running daemon keeps its open files until restarted.
install -d -m 0755 "$destdir$prefix/lib" "$destdir$bindir" "$destdir$sbindir" "$destdir$datadir" \
  "$destdir$docdir" "$destdir$mandir/man1" "$destdir$mandir/man8" "$destdir$unitdir" "$destdir$confdir"
rm -rf "$destdir$libdir.new" "$destdir$libdir.old"
cp -a "$publish_dir/." "$destdir$libdir.new/"
rm -f "$destdir$libdir.new/.publish-mode"
# Only the two hosts and createdump are executables; assemblies and shared libraries are 0644.
find "$destdir$libdir.new" -type d -exec chmod 0755 {} +
find "$destdir$libdir.new" -type f -exec chmod 0644 {} +
for exe in ctigatewayd ctigw createdump; do
  if [ -e "$destdir$libdir.new/$exe" ]; then chmod 0755 "$destdir$libdir.new/$exe"; fi
done
if [ -d "$destdir$libdir" ]; then mv "$destdir$libdir" "$destdir$libdir.old"; fi
mv "$destdir$libdir.new" "$destdir$libdir"
rm -rf "$destdir$libdir.old"
# Relative links (PREFIX/bin and PREFIX/sbin sit beside PREFIX/lib).
ln -sfn ../lib/ctigateway/ctigw "$destdir$bindir/ctigw"
ln -sfn ../lib/ctigateway/ctigatewayd "$destdir$sbindir/ctigatewayd"

rm -rf "$destdir$datadir/firmware-profiles"
install -d -m 0755 "$destdir$datadir/firmware-profiles/schema" "$destdir$datadir/wireshark"
install -m 0644 "$repo"/firmware-profiles/*.json "$destdir$datadir/firmware-profiles/"
install -m 0644 "$repo/firmware-profiles/schema/firmware-profile.schema.json" "$destdir$datadir/firmware-profiles/schema/"
install -m 0644 "$repo/packaging/wireshark/ctigateway-tlib.lua" "$destdir$datadir/wireshark/"
# The demo's default routing strategy (also what ctigw strategy try is shown with).
install -d -m 0755 "$destdir$datadir/strategies"
install -m 0644 "$repo/packaging/strategies/demo-route.scxml" "$destdir$datadir/strategies/"
install -m 0644 "$repo/docs/appliance.md" "$repo/docs/operations.md" "$repo/docs/configuration.md" "$destdir$docdir/"
gzip -9nc "$repo/packaging/man/ctigw.1" > "$destdir$mandir/man1/ctigw.1.gz"
gzip -9nc "$repo/packaging/man/ctigatewayd.8" > "$destdir$mandir/man8/ctigatewayd.8.gz"
chmod 0644 "$destdir$mandir/man1/ctigw.1.gz" "$destdir$mandir/man8/ctigatewayd.8.gz"

# The unit points at this prefix.
sed -e "s|/usr/lib/ctigateway/|$libdir/|g" -e "s|/usr/share/doc/ctigateway/|$docdir/|g" \
  "$repo/packaging/systemd/$service" > "$tmp/$service"
install -m 0644 "$tmp/$service" "$destdir$unitdir/$service"

# The config schema (editor hint: the default config's "$schema" points here).
install -m 0644 "$repo/packaging/config/ctigateway.schema.json" "$destdir$datadir/ctigateway.schema.json"

# Config: never overwrite an operator's file. The default's "$schema" path follows the prefix.
sed -e "s|/usr/share/ctigateway/|$datadir/|g" "$repo/packaging/config/ctigateway.json" > "$tmp/ctigateway.json"
conf=$destdir$confdir/ctigateway.json
if [ ! -e "$conf" ]; then
  install -m 0644 "$tmp/ctigateway.json" "$conf"
  say "installed the default config $confdir/ctigateway.json"
elif cmp -s "$tmp/ctigateway.json" "$conf"; then
  rm -f "$conf.dist"
else
  install -m 0644 "$tmp/ctigateway.json" "$conf.dist"
  say "kept your $confdir/ctigateway.json; the shipped default is beside it as ctigateway.json.dist"
fi

if [ -n "$destdir" ]; then
  say "staged into $destdir (DESTDIR set: no user created, no systemctl)"
  exit 0
fi

# --- user, group, state -----------------------------------------------------------------------------------
if ! getent group "$user" >/dev/null; then
  groupadd --system "$user"
  say "created group $user"
fi
if ! getent passwd "$user" >/dev/null; then
  useradd --system --gid "$user" --home-dir "$statedir" --no-create-home \
    --shell /usr/sbin/nologin --comment "CtiGateway daemon" "$user"
  say "created system user $user"
fi
if getent group dialout >/dev/null && ! id -nG "$user" | tr ' ' '\n' | grep -qx dialout; then
  usermod -a -G dialout "$user"
  say "added $user to dialout (serial PBX links)"
fi
install -d -m 0750 -o "$user" -g "$user" "$statedir"

# --- systemd --------------------------------------------------------------------------------------------
if [ "$systemd_running" = no ]; then
  say "systemd is not running (/run/systemd/system absent): skipping daemon-reload, enable and start"
  say "installed ($mode) into $libdir; start it by hand: $sbindir/ctigatewayd --config $confdir/ctigateway.json"
  exit 0
fi
systemctl daemon-reload
systemctl enable "$service" >/dev/null
if [ "$start" = yes ]; then
  systemctl restart "$service"
  say "ctigatewayd enabled and (re)started; check it: systemctl status ctigatewayd; journalctl -u ctigatewayd"
else
  say "ctigatewayd enabled, not started (--no-start); start it: systemctl start ctigatewayd"
fi
say "installed ($mode) into $libdir"
