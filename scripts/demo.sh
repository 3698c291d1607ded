#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make demo: build the debug kernel (incrementally) and boot it under QEMU
# three times: NVMe/TCP over TLS 1.3 with every handshake done by the
# in-kernel engine (connect, write, read back, what was negotiated), NFS
# over TLS with certificates (knfsd and the NFS client, xprtsec=tls and
# mtls), then the engine reproducing the RFC 8448 1-RTT key schedule.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

show() {
	local scn=$1 log=$2

	if ! "$TOP/scripts/vm-run.sh" "$scn" "$log"; then
		die "demo failed (log: $log)"
	fi
	echo
	sed -n 's/^| \{0,1\}//p' "$log"
	echo
	echo "== full VM console log: $log"
}

"$TOP/scripts/deps.sh"
echo "== building the test kernel (cached in $CACHE; the first build takes ~15 min)"
"$TOP/scripts/build-kernel.sh"
echo "== NVMe/TCP over TLS, handshakes in the kernel (QEMU, software emulation, ~1 min)"
show "$TOP/tests/demo/nvme-tls.sh" "$CACHE/logs/demo-nvme-tls.log"
echo
echo "== NFS over TLS (RFC 9289), certificates, handshakes in the kernel (~3 min)"
show "$TOP/tests/demo/nfs-tls.sh" "$CACHE/logs/demo-nfs-tls.log"
echo
echo "== the RFC 8448 1-RTT key schedule, derived in the kernel (~40 s)"
show "$TOP/tests/demo/rfc8448-1rtt.sh" "$CACHE/logs/demo.log"
