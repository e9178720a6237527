#!/usr/bin/env bash
# Builds the ctigateway .deb with plain dpkg-deb (no debhelper).
#
#   packaging/build-deb.sh [--publish-dir DIR] [--out DIR]
#
# --publish-dir reuses a packaging/publish.sh output (CI publishes once for install.sh and the .deb);
# without it this script publishes. Output: OUT/ctigateway_VERSION_amd64.deb (default OUT: artifacts/deb).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
pkg=$repo/packaging
publish_dir=${CTIGATEWAY_PUBLISH_DIR:-}
out=$repo/artifacts/deb
die() { echo "build-deb.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case $1 in
    --publish-dir) [ $# -ge 2 ] || die "--publish-dir needs a directory"; publish_dir=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a directory"; out=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
for t in dpkg-deb gzip sed install; do
  command -v "$t" >/dev/null || die "missing: $t (apt-get install dpkg-dev coreutils gzip sed)"
done

# Version: the top entry of the Debian changelog; its upstream part must match Directory.Build.props.
version=$(sed -n '1s/^ctigateway (\([^)]*\)).*/\1/p' "$pkg/deb/changelog")
[ -n "$version" ] || die "cannot read the version from packaging/deb/changelog"
upstream=$(sed -n 's|.*<Version>\(.*\)</Version>.*|\1|p' "$repo/Directory.Build.props" | head -n 1)
[ "${version%-*}" = "$upstream" ] \
  || die "packaging/deb/changelog says $version but Directory.Build.props says $upstream; add a changelog entry"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$publish_dir" ]; then
  "$pkg/publish.sh" "$tmp/publish"
  publish_dir=$tmp/publish
fi
[ -x "$publish_dir/ctigatewayd" ] && [ -x "$publish_dir/ctigw" ] || die "$publish_dir has no ctigatewayd and ctigw"
mode=$(cat "$publish_dir/.publish-mode" 2>/dev/null || echo self-contained)

# Staged tree: the same layout install.sh gives with --prefix /usr, plus the Debian files.
root=$tmp/root
DESTDIR=$root "$repo/install.sh" --prefix /usr --publish-dir "$publish_dir" >/dev/null
# A packaged unit lives in /lib/systemd/system (Debian 12); /etc/systemd/system is the administrator's.
install -d -m 0755 "$root/lib/systemd/system"
mv "$root/etc/systemd/system/ctigatewayd.service" "$root/lib/systemd/system/"
rm -rf "$root/etc/systemd"
install -d -m 0755 "$root/usr/share/doc/ctigateway" "$root/usr/share/lintian/overrides"
install -m 0644 "$pkg/deb/copyright" "$root/usr/share/doc/ctigateway/copyright"
gzip -9nc "$pkg/deb/changelog" > "$root/usr/share/doc/ctigateway/changelog.Debian.gz"
chmod 0644 "$root/usr/share/doc/ctigateway/changelog.Debian.gz"
install -m 0644 "$pkg/deb/lintian-overrides" "$root/usr/share/lintian/overrides/ctigateway"

depends="adduser, libc6 (>= 2.27), libgcc-s1, libstdc++6, libssl3, zlib1g"
if [ "$mode" = framework-dependent ]; then
  echo "build-deb.sh: WARNING: framework-dependent build: the package depends on dotnet-runtime-10.0" >&2
  depends="$depends, dotnet-runtime-10.0"
fi
install -d -m 0755 "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
  "$pkg/deb/control.in" > "$root/DEBIAN/control"
install -m 0644 "$pkg/deb/conffiles" "$root/DEBIAN/conffiles"
install -m 0755 "$pkg/deb/postinst" "$pkg/deb/prerm" "$pkg/deb/postrm" "$root/DEBIAN/"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -print0 | sort -z | sed -z 's|^\./||' \
  | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"

mkdir -p "$out"
deb=$out/ctigateway_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "build-deb.sh: $deb ($mode, $(du -h "$deb" | cut -f1))"
