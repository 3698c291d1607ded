#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install what the build and the tests need (Debian 12, as root). Does
# nothing when everything is already there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS=(linux-source-6.12 build-essential bc bison flex libelf-dev libssl-dev
      cpio rsync xz-utils python3 ccache sparse qemu-system-x86 qemu-system-data
      qemu-utils xxd perl git util-linux
      busybox-static openssl gnutls-bin keyutils nfs-kernel-server
      nvme-cli kmod iproute2 procps e2fsprogs
      clang-14 libclang-rt-14-dev)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

log "installing: ${missing[*]}"
[ "$(id -u)" -eq 0 ] || die "not root: install ${missing[*]} by hand"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
# nfs-kernel-server's postinst may start daemons on the host; the tests
# run their own inside the VM.
systemctl stop nfs-server nfs-mountd rpcbind 2>/dev/null || true
