#!/usr/bin/env bash
# Builds the qmpscope test guest from what Debian installed on this machine:
# its kernel, the modules that make QEMU emit guest-side events, and a static
# busybox whose /init (init.sh) obeys the host over the serial console.
# Output: $QMPSCOPE_GUEST_CACHE (default e2e/.cache/guest)/{vmlinuz,initrd.gz}.
# Rebuilds only when an input changes (this script, init.sh, busybox, kernel).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${QMPSCOPE_GUEST_CACHE:-$here/../.cache/guest}"
busybox="${QMPSCOPE_GUEST_BUSYBOX:-/bin/busybox}"
missing="install them with: apt-get install linux-image-amd64 busybox-static cpio kmod"

# Modules in the order they are asked for, with their parameters. Dependencies
# come from modprobe, so a kernel update that moves code between modules still works.
#   i6300esb heartbeat=2: the default 30 s would make the WATCHDOG test slow.
modules=(
  "virtio_pci" "virtio_balloon" "virtio_console" "virtio_net" "virtio_blk"
  "pvpanic-pci" "pvpanic-mmio" "i6300esb heartbeat=2" "button" "evdev" "brd rd_nr=1 rd_size=131072"
)

fail() { echo "build-guest: $*" >&2; exit 1; }

kernel="${QMPSCOPE_GUEST_KERNEL:-$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1 || true)}"
[[ -n "$kernel" ]] || fail "no kernel in /boot (vmlinuz-*); $missing"
# Debian installs the kernel readable by root only.
[[ -r "$kernel" ]] || fail "$kernel is not readable by $(id -un): run as root or 'sudo chmod a+r $kernel'"
kver="${kernel##*/vmlinuz-}"
[[ -d "/lib/modules/$kver" ]] || fail "no /lib/modules/$kver for $kernel; $missing"
[[ -x "$busybox" ]] || fail "no $busybox; $missing"
file_type="$(LC_ALL=C od -An -c -N4 "$busybox" | tr -d ' ')"
[[ "$file_type" == '177ELF' ]] || fail "$busybox is not an ELF binary"
if ldd "$busybox" >/dev/null 2>&1; then fail "$busybox is dynamically linked; the guest needs busybox-static"; fi
for tool in cpio gzip modprobe sha256sum; do
  command -v "$tool" >/dev/null || fail "$tool not found; $missing"
done

key="$( { sha256sum "${BASH_SOURCE[0]}" "$here/init.sh" "$busybox" | cut -d' ' -f1; echo "$kver"; } | sha256sum | cut -c1-16)"
if [[ -f "$cache/key" && "$(cat "$cache/key")" == "$key" && -f "$cache/initrd.gz" && -f "$cache/vmlinuz" ]]; then
  echo "build-guest: up to date in $cache (kernel $kver, key $key)"
  exit 0
fi

echo "build-guest: building for kernel $kver into $cache (key $key)"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
root="$(mktemp -d "${TMPDIR:-/tmp}/qmpscope-guest-root.XXXXXX")"
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,root,lib/modules}
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [[ "$applet" == busybox ]] || ln -s busybox "$root/bin/$applet"
done
cp "$here/init.sh" "$root/init"
chmod 755 "$root/init"

: >"$root/etc/modules.order"
declare -A seen=()
for entry in "${modules[@]}"; do
  read -r name params <<<"$entry"
  deps="$(modprobe -S "$kver" --show-depends "$name" 2>&1)" || fail "module $name not found for $kver: $deps"
  while read -r verb path _; do
    [[ "$verb" == insmod ]] || continue # "builtin ..." lines need nothing
    rel="${path#/lib/modules/$kver/}"
    [[ -z "${seen[$rel]:-}" ]] || continue
    seen[$rel]=1
    mkdir -p "$root/lib/modules/$(dirname "$rel")"
    case "$path" in
      *.ko) cp "$path" "$root/lib/modules/$rel" ;;
      *.ko.xz) xz -dc "$path" >"$root/lib/modules/${rel%.xz}"; rel="${rel%.xz}" ;;
      *.ko.zst) zstd -qdc "$path" >"$root/lib/modules/${rel%.zst}"; rel="${rel%.zst}" ;;
      *) fail "unexpected module file $path" ;;
    esac
    # Parameters belong to the module asked for, not to its dependencies.
    line="$rel"
    [[ "$(basename "$rel" .ko | tr - _)" != "$(tr - _ <<<"$name")" ]] || line="$rel $params"
    echo "$line" >>"$root/etc/modules.order"
    echo "build-guest:   module $line"
  done <<<"$deps"
done

(cd "$root" && find . -print0 | LC_ALL=C sort -z | cpio --quiet -o -0 -H newc -R 0:0) | gzip -9n >"$cache/initrd.gz.tmp"
cp "$kernel" "$cache/vmlinuz.tmp"
mv "$cache/initrd.gz.tmp" "$cache/initrd.gz"
mv "$cache/vmlinuz.tmp" "$cache/vmlinuz"
echo "$key" >"$cache/key"
echo "build-guest: wrote $cache/vmlinuz and $cache/initrd.gz ($(du -k "$cache/initrd.gz" | cut -f1) KiB)"
