#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The server of the NVMe/TCP root boots (tests/boot/nvme-root.pair):
# nvmet-tcp with the in-kernel engine, TLS 1.3 required (tsas tls1.3),
# one namespace holding the client's root (an ext4 image made on the
# host: busybox, tests/boot/root-init.sh and 2 MiB of data), the host's
# retained PSK in .nvme. When the clients have stopped it checks from its
# side (scripts/vm-pair.sh):
#   nvme-root: a handshake with it on every queue it reported, the data
#     it read with the host's checksum, the file it wrote in the
#     namespace with the checksum it reported;
#   nvme-root-refused (another PSK under the same identity): the
#     decrypt_error sent here, and no handshake with it that succeeded.
# vm-memory: 1024
# vm-timeout: 900
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"
. "$TLS13_TOP/tests/boot/pair-lib.sh"

step "network, run directory and clients"
pair_setup
echo "# engine: $(tls_engine)"

step "nvmet-tcp on 192.0.2.1:4420, TLS required, the root image as namespace"
grep -q " $CFS configfs " /proc/mounts || mount -t configfs configfs $CFS
ring=$(nvme_keyring)
psk_add 01 "$ring" $PAIR/psk.bin >/dev/null
# as the clients' nvme_tcp.tls_handshake_timeout (tests/boot/nvme-root.pair)
echo 30 >/sys/module/nvmet_tcp/parameters/tls_handshake_timeout
# The image where the host made it, in the run directory: a copy to
# tmpfs first moved 32 MiB over 9p, half a minute of an idle TCG boot and
# three minutes beside the rest of make check (past the server's deadline
# for TLS13-PAIR-READY). The clients read what they need of it.
NVME_ADDR=192.0.2.1 NVME_NS_PATH=$PAIR/root.img NVME_NS_BUFFERED=1
nvmet_setup tls

pair_ready
step "waiting for the clients"
pair_wait
nvme_log | tail -n 30

step "the namespace, read back"
echo 0 >"$NVMET/subsystems/$SUBNQN/namespaces/1/enable"
# no journal on the image (boot-lib.sh): what the client synced is there
debugfs -R "dump /client.bin /tmp/client.bin" $PAIR/root.img 2>/dev/null || true

step "checks, client by client"
while read -r id addr expect; do
	hs=$(pair_hs "$addr")
	case $id in
	nvme-root)
		q=$(pair_fact "$id" "nvme0 queues")
		q=${q%% *}
		n=$(echo "$hs" | grep -c ': TLS_' || true)
		echo "# $id: $n handshakes here, ${q:-no} queues there"
		[ -n "$q" ] && [ "$n" -ge "$q" ] ||
			pair_check "$id" "$n handshakes for ${q:-no} queues"
		set -- $(sha256sum $PAIR/root/data.bin)
		[ "$(pair_fact "$id" 'read /data.bin sha256')" = "$1" ] ||
			pair_check "$id" "it read /data.bin with another checksum"
		[ -f /tmp/client.bin ] ||
			{ pair_check "$id" "no /client.bin in the namespace"; continue; }
		set -- $(sha256sum /tmp/client.bin)
		[ "$(pair_fact "$id" 'wrote /client.bin sha256')" = "$1" ] ||
			pair_check "$id" "its /client.bin reads here with another checksum"
		echo "# $id: wrote /client.bin, here sha256 $1"
		;;
	nvme-root-refused)
		pair_refused "$id" "$hs" "(sent decrypt_error)"
		;;
	*)
		pair_check "$id" "no check for this client"
		;;
	esac
done <$PAIR/clients
pair_verdicts

step "stop nvmet, clear the keys"
nvmet_teardown
keyctl clear "$ring"
