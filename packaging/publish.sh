#!/usr/bin/env bash
# Publishes ctigatewayd and ctigw for linux-x64 into one folder (the tree installed as /usr/lib/ctigateway).
#
#   packaging/publish.sh OUTDIR
#
# Self-contained + ReadyToRun, not trimmed (docs/appliance.md, "Publish mode"). Needs the runtime packs
# Microsoft.NETCore.App.Runtime.linux-x64 and Microsoft.NETCore.App.Crossgen2.linux-x64 from the NuGet feed;
# when they cannot be restored it falls back to framework-dependent (then the host needs the .NET 10 runtime)
# and says so loudly. CTIGATEWAY_PUBLISH_MODE=framework-dependent forces the fallback.
# Build output goes to a private artifacts folder, so bin/ and obj/ of the working tree are not touched.
# Writes OUTDIR/.publish-mode (self-contained or framework-dependent).
set -euo pipefail

die() { echo "publish.sh: $*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: packaging/publish.sh OUTDIR"
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$1
rid=${CTIGATEWAY_RID:-linux-x64}
mode=${CTIGATEWAY_PUBLISH_MODE:-self-contained}
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is missing; install dotnet-sdk-10.0 (see global.json for the version)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# No XML docs and no symbol files in the installed tree (assemblies embed their PDBs).
common=(-c Release -nologo -p:PublishDocumentationFiles=false -p:PublishReferencesDocumentationFiles=false
        -p:DebugType=embedded --artifacts-path "$work/artifacts")

publish_one() { # project outdir
  if [ "$mode" = self-contained ]; then
    dotnet publish "$repo/src/$1/$1.csproj" "${common[@]}" -r "$rid" --self-contained true \
      -p:PublishReadyToRun=true -p:PublishTrimmed=false -p:PublishSingleFile=false -o "$2"
  else
    dotnet publish "$repo/src/$1/$1.csproj" "${common[@]}" -r "$rid" --self-contained false -o "$2"
  fi
}

publish_both() {
  publish_one CtiGateway.Daemon "$work/daemon" && publish_one CtiGateway.Cli "$work/cli"
}

if ! publish_both > "$work/publish.log" 2>&1; then
  # Fall back only when the runtime/crossgen2 packs are what failed (NU1101/NU1102: package not found,
  # NETSDK1094/1095/1112: R2R or runtime pack unavailable); a compile error is a failure.
  if [ "$mode" = self-contained ] && grep -qE 'NU110[12]|NETSDK109[45]|NETSDK1112' "$work/publish.log"; then
    grep -E 'error' "$work/publish.log" | tail -n 10 >&2
    echo "publish.sh: WARNING: self-contained ReadyToRun publish failed (runtime or crossgen2 packs for $rid not restorable?)." >&2
    echo "publish.sh: WARNING: falling back to FRAMEWORK-DEPENDENT: the target host needs the .NET 10 runtime (dotnet-runtime-10.0)." >&2
    mode=framework-dependent
    rm -rf "$work/daemon" "$work/cli"
    publish_both > "$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; die "dotnet publish failed"; }
  else
    cat "$work/publish.log" >&2; die "dotnet publish failed"
  fi
fi

# Both apps share one folder: every file they have in common must be identical (same runtime, same
# centrally pinned package versions); only each app's own host, dll, deps.json and runtimeconfig differ.
conflicts=0
while IFS= read -r -d '' f; do
  rel=${f#"$work/cli/"}
  if [ -e "$work/daemon/$rel" ] && ! cmp -s "$f" "$work/daemon/$rel"; then
    echo "publish.sh: $rel differs between ctigatewayd and ctigw" >&2
    conflicts=1
  fi
done < <(find "$work/cli" -type f -print0)
[ "$conflicts" -eq 0 ] || die "the two publish outputs cannot share one folder"

rm -rf "$out"
mkdir -p "$out"
cp -a "$work/daemon/." "$out/"
cp -a "$work/cli/." "$out/"
# The LTTng trace provider links against liblttng-ust; the runtime loads it only when present, so it is
# dropped rather than adding that dependency (the same as DOTNET_LTTng=0).
rm -f "$out/libcoreclrtraceptprovider.so"
echo "$mode" > "$out/.publish-mode"
[ -x "$out/ctigatewayd" ] && [ -x "$out/ctigw" ] || die "ctigatewayd or ctigw missing from $out"
echo "publish.sh: $mode $rid -> $out ($(du -sh "$out" | cut -f1), $(find "$out" -type f | wc -l) files)"
