#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The server of the NFS root boots (tests/boot/nfsroot*.pair): knfsd with
# the in-kernel engine, NFSv4 over TLS only, exporting each client's root
# file system (busybox and tests/boot/root-init.sh, made on the host):
#   /export  admits xprtsec=tls and mtls: the root of the TLS clients
#   /mtls    admits xprtsec=mtls only: the root of the mutual TLS client
# with 2 MiB of random data in each as /data.bin. Its certificate is
# $PAIR/identity's (server: issued by the clients' built-in anchor;
# impostor: by a CA no client trusts). When the clients have stopped it
# checks, from its side, what each did (scripts/vm-pair.sh):
#   a client that booted: a handshake with it (for mtls, with its
#     certificate), its root mounted with the right xprtsec, the data it
#     read with the server's checksum, and the file it wrote on the
#     server with the checksum it reported;
#   a refused one: the alert it sent, received here, or (a server it
#     could not reach) no connection here at all.
# vm-memory: 1024
# vm-timeout: 900
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"
. "$TLS13_TOP/tests/nfs-lib.sh"
. "$TLS13_TOP/tests/boot/pair-lib.sh"

step "network, run directory and clients"
pair_setup
echo "# engine: $(tls_engine)"

read -r identity <$PAIR/identity
step "server identity: $identity"
tls_identity_set server "$PAIR/pki/$identity.der" "$PAIR/pki/$identity.key.der"
step "clients' certificates: the built-in CA's (.tls13-client-ca)"
tls_client_ca_add "$TLS13_TOP/tests/pki/builtin-ca.der" >/dev/null

step "knfsd: NFSv4 over TLS only, /export (tls, mtls) and /mtls (mtls)"
NFS_CLIENTS=$(while read -r _ a _; do echo "$a"; done <$PAIR/clients)
NFS_MTLS_SIZE=32m
nfsd_start $XPRTSEC_TLS $XPRTSEC_MTLS
nfsd_exports

step "the clients' roots, with data"
for d in export mtls; do
	tar -xf "$PAIR/root.tar" -C "$NFS_ROOT/$d"
	dd if=/dev/urandom of="$NFS_ROOT/$d/data.bin" bs=64k count=32 status=none
	set -- $(sha256sum "$NFS_ROOT/$d/data.bin")
	echo "# /$d/data.bin sha256 $1"
done

pair_ready
step "waiting for the clients"
pair_wait
kmsg | grep -E "$HS_DONE_RE|$HS_FAIL_RE" | sed 's/^/# /' || true

step "checks, client by client"
while read -r id addr expect; do
	hs=$(pair_hs "$addr")
	case $id in
	tls | mtls)
		root=$(pair_fact "$id" "/ is")
		echo "# $id root: $root"
		path=${root%% *}
		path=${path#*:}
		case $id:$root in
		tls:*" nfs4 "*xprtsec=tls*) ;;
		mtls:*" nfs4 "*xprtsec=mtls*) ;;
		*) pair_check "$id" "root not NFSv4 with xprtsec=$id: $root"; continue ;;
		esac
		echo "$hs" | grep -q ': TLS_' ||
			pair_check "$id" "no handshake with $addr here"
		[ "$id" != mtls ] || echo "$hs" | grep -q ', peer ecdsa' ||
			pair_check "$id" "the server saw no client certificate: $hs"
		set -- $(sha256sum "$NFS_ROOT$path/data.bin")
		[ "$(pair_fact "$id" 'read /data.bin sha256')" = "$1" ] ||
			pair_check "$id" "it read /data.bin with another checksum"
		[ -f "$NFS_ROOT$path/client.bin" ] ||
			{ pair_check "$id" "no /client.bin here"; continue; }
		set -- $(sha256sum "$NFS_ROOT$path/client.bin")
		[ "$(pair_fact "$id" 'wrote /client.bin sha256')" = "$1" ] ||
			pair_check "$id" "its /client.bin reads here with another checksum"
		echo "# $id: wrote /client.bin, here sha256 $1"
		;;
	refused-noanswer)
		[ -z "$hs" ] || pair_check "$id" "a handshake with it here: $hs"
		;;
	refused-*)
		case $id in
		refused-expired) alert=certificate_expired ;;
		refused-wrongaddr) alert=certificate_unknown ;;
		refused-untrusted) alert=unknown_ca ;;
		*) alert=unknown ;;
		esac
		pair_refused "$id" "$hs" "(received $alert)"
		n=$(echo "$hs" | grep -c failed || true)
		echo "# $id: $n failed handshakes here"
		[ "$n" -le 12 ] || pair_check "$id" "$n failed handshakes: a retry storm"
		;;
	*)
		pair_check "$id" "no check for this client"
		;;
	esac
done <$PAIR/clients
pair_verdicts

step "stop knfsd, clear the keys"
nfsd_stop
tls_keys_clear
