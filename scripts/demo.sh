#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make demo: build the debug kernel (incrementally) and boot it under QEMU
# three times, the three VMs side by side (tests/runner.sh): NVMe/TCP
# over TLS 1.3 with every handshake done by the in-kernel engine
# (connect, write, read back, what was negotiated), NFS over TLS with
# certificates (knfsd and the NFS client, xprtsec=tls and mtls), and the
# engine reproducing the RFC 8448 1-RTT key schedule. Every line shown is
# asserted by its script; `make check` runs the same scripts
# (demo.nvme-tls, demo.nfs-tls, demo.rfc8448).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/runner.sh"

"$TOP/scripts/deps.sh"
echo "== building the test kernel (cached in $CACHE; the first build takes ~15 min)"
"$TOP/scripts/build-kernel.sh"
echo "== three VMs (QEMU, software emulation): NVMe/TCP, NFS, RFC 8448 (~2 min)"
D=$TOP/tests/demo
job demo-nvme boot demo-nvme "demo.nvme-tls=$D/nvme-tls.sh"
job demo-nfs boot demo-nfs "demo.nfs-tls=$D/nfs-tls.sh"
job demo-rfc8448 boot demo-rfc8448 "demo.rfc8448=$D/rfc8448-1rtt.sh"
tap=$CACHE/logs/demo.tap
rc=0
{ JOB_TIMES=$CACHE/demo-times run_jobs && tap_footer; } >"$tap" 2>&1 || rc=$?

show() {	# show TITLE TAPNAME
	echo
	echo "== $1"
	echo
	sed -n 's/^| \{0,1\}//p' "$CACHE/logs/$2.log"
	echo
	echo "== its part of the VM console log: $CACHE/logs/$2.log"
}
show "NVMe/TCP over TLS, handshakes in the kernel" demo.nvme-tls
show "NFS over TLS (RFC 9289), certificates, handshakes in the kernel" demo.nfs-tls
show "the RFC 8448 1-RTT key schedule, derived in the kernel" demo.rfc8448
if [ $rc != 0 ]; then
	grep -v '^ok ' "$tap" >&2
	die "demo failed"
fi
