#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make demo: build the debug kernel (incrementally), then boot machines
# whose root file system comes over TLS from another machine, every
# handshake done in the kernel (scripts/vm-pair.sh, QEMU in software
# emulation, the VMs joined by one virtual wire through the host):
#   - a server VM with knfsd, and clients that mount their root over
#     NFSv4.2 with TLS: one from the kernel command line alone (no
#     initramfs), one with mutual TLS from an initramfs, two that must
#     refuse the server (expired, wrong address);
#   - a server VM with nvmet-tcp, and clients that connect from an
#     initramfs with a PSK and switch_root to the namespace's ext4, one
#     with the wrong PSK.
# Every line shown is asserted by the scenario (the client's root init,
# the server's checks); `make check` runs the same two pairs
# (scenario.boot-nfsroot-*, scenario.boot-nvme-root*).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/runner.sh"

"$TOP/scripts/deps.sh"
echo "== building the test kernel (cached in $CACHE; the first build takes ~15 min)"
"$TOP/scripts/build-kernel.sh"
echo "== two servers and six clients, VMs in software emulation (~5 min)"
# One pair after the other: the clients of a pair boot at once, and the
# boot times shown mean more without the other pair on the same CPUs.
B=$TOP/tests/boot
job demo-nvme-root pair "$B/nvme-root.pair"
job demo-nfsroot pair "$B/nfsroot.pair"
tap=$CACHE/logs/demo.tap
rc=0
{ JOB_SERIAL=1 run_jobs && tap_footer; } >"$tap" 2>&1 || rc=$?

# fact LOG WHAT: what the client's root init said after "WHAT"
fact() {
	tr -d '\r' <"$1" | sed -n "s|.*TLS13-CLIENT: $2||p" | head -n 1
}
# kline LOG REGEX: the first kernel log line matching REGEX, untimed
kline() {
	tr -d '\r' <"$1" | grep -aE "$2" | head -n 1 | sed 's/^\[[^]]*\] *//'
}

booted() {	# booted TITLE PAIR ID
	local log=$CACHE/pair/$2/client-$3.log
	echo
	echo "== $1"
	echo "   kernel command line: $(kline "$log" '^\[ *0\.0+\] Command line:' |
		sed 's/.*printk_devkmsg=on //')"
	echo "   handshake:  $(fact "$log" 'handshake ' | sed 's/^client handshake with //')"
	echo "   $(kline "$log" 'waited [0-9]+ ms for the random pool' | sed 's/^tls13: client handshake with [^ ]* //')"
	echo "   root:       $(fact "$log" '/ is ' | cut -d, -f1-2),...$(fact "$log" '/ is ' | grep -o ',xprtsec=[a-z]*' || true)"
	echo "   kTLS:       $(fact "$log" 'kTLS ')$(fact "$log" 'nvme0 queues ' | sed 's/^/; queues /')"
	echo "   data:       read /data.bin sha256 $(fact "$log" 'read /data.bin sha256 ' | cut -c1-16)..., wrote /client.bin sha256 $(fact "$log" 'wrote /client.bin sha256 ' | cut -c1-16)... (the server's checksums match)"
	echo "   the root's init started $(fact "$log" 'root init at uptime ') after the kernel did"
}

refused() {	# refused WHAT PAIR ID
	local log=$CACHE/pair/$2/client-$3.log
	echo "   refused, $1: $(kline "$log" 'tls13: client handshake with [^ ]* failed|TLS13-CLIENT-REFUSED' |
		sed 's/^tls13: client handshake with //')"
}

booted "NFS root over TLS, no initramfs: the kernel command line and the built-in trust anchor" nfsroot tls
booted "NFS root over mutual TLS: the client's certificate loaded by an initramfs" nfsroot mtls
booted "NVMe/TCP root over TLS with a PSK, from an initramfs" nvme-root nvme-root
echo
echo "== refusals (each boot ends within its bound, the alert and the reason logged)"
refused "expired server certificate (the client's clock a year ahead)" nfsroot refused-expired
refused "the server's certificate does not name the address asked for" nfsroot refused-wrongaddr
refused "wrong PSK" nvme-root nvme-root-refused
echo
echo "== logs: $CACHE/pair/{nfsroot,nvme-root}/ (client-*.log) and $CACHE/logs/boot-*-server.log"
sed -n 's/^\(ok\|not ok\) [0-9]* /   \1 /p' "$tap"
if [ $rc != 0 ]; then
	grep -v '^ok ' "$tap" >&2
	die "demo failed"
fi
