# SPDX-License-Identifier: GPL-2.0-only
# NFS over TLS (RFC 9289) end to end in one VM, no tlshd anywhere; sourced
# by tests/scenarios/nfs-{tls,mtls,plain}.sh, which set NFS_PART. knfsd
# exports a tmpfs on 127.0.0.1:2049 (NFSv4); the kernel's NFS client
# mounts it; both hand their handshakes to the in-kernel engine, with
# certificates from a throwaway PKI (ECDSA P-256) in the engine's keyrings
# (.tls13-trust and .tls13-client-ca: the CA; .tls13-server, .tls13-client:
# default identities).
# NFS_PART=tls:
#  1. a mount without TLS is refused: the export admits TLS only
#  2. xprtsec=tls: the client authenticates the server (CA in the trust
#     keyring, 127.0.0.1 in the server's SAN, EKU serverAuth); kTLS on both
#     ends; 8 MiB of random data written and read back (O_DIRECT), same
#     sha256 on the client and in the server's tmpfs; the kTLS counters of
#     /proc/net/tls_stat moved; unmount
#  3. the same with a server certificate whose EKU is RFC 9289's
#     id-kp-rpcTLSServer only; 1 MiB read back; unmount
#  4. xprtsec=tls from a container's network namespace joined to knfsd's
#     by a veth pair: the client's handshake is that namespace's; 1 MiB
#     read back; unmount; the namespace deleted, no kTLS socket left
# NFS_PART=mtls:
#  5. an export that admits mutually authenticated TLS only: xprtsec=tls is
#     refused; xprtsec=mtls (the client's default identity, CN "tls13 nfs
#     client", EKU clientAuth: 6.12's NFS client has no cert_serial=) is
#     admitted: knfsd saw an authenticated peer, the key the engine made of
#     the client's certificate in .tls13-peers; 4 MiB written and read
#     back; unmount
# NFS_PART=plain runs the mechanics without TLS: the export admits plain
# NFS only; the mtls-only export refuses a plain mount.
# NFS_PART=demo (make demo, tests/demo/nfs-tls.sh): steps 2 (4 MiB) and 5,
# what was negotiated on "| " lines.
# Then knfsd is stopped and the keys are cleared.
# TLS13_NFS_PKI=DIR takes the PKI from DIR (made by nfs_pki on the host:
# scripts/vm-run.sh does) instead of making one in the VM (7 openssl
# execs, ~30 s under TCG).
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"
. "$TLS13_TOP/tests/nfs-lib.sh"

part=${NFS_PART:?}
# tls: a client in a container's network namespace too (netns_mount)
NS_SRV=10.213.0.1 NS_CLI=10.213.0.2
[ "$part" = tls ] && NFS_CLIENTS="$NFS_ADDR $NS_CLI"
[ "$part" = plain ] && mode=plain || mode=tls
echo "# part: $part"
case $part in
plain | tls) mib=8 ;;
demo) mib=4 ;;
*) mib=0 ;;	# mtls: /export is not mounted
esac
say() { echo "| $*"; }

hs_count() { dmesg | grep -cE "$HS_DONE_RE" || true; }

# mount_ok PATH OPTS: mount $NFS_ADDR:PATH with OPTS, or fail with the
# logs; with TLS, wants a handshake on each side since $hs0 and kTLS on
# at least the RPC connection's two ends
mount_ok() {
	hs0=$(hs_count)
	nfs_mount "$1" "$2" || {
		echo "# mount $NFS_ADDR:$1 ($2) failed after ${mount_secs}s: $mount_err"
		nfs_log | tail -n 20
		return 1
	}
	o=$(nfs_mount_opts)
	echo "# mounted $NFS_ADDR:$1 in ${mount_secs}s: $o"
	# the client reports the policy it mounted with (fs/nfs/super.c)
	case ,$2, in
	*,xprtsec=tls,*) want=tls ;;
	*,xprtsec=mtls,*) want=mtls ;;
	*) want='' ;;
	esac
	case ,$o, in
	*,xprtsec=$want,*) ;;
	*,xprtsec=*) echo "# want xprtsec=${want:-none}"; return 1 ;;
	*) [ -z "$want" ] || { echo "# want xprtsec=$want"; return 1; } ;;
	esac
	[ $mode = plain ] && return 0
	[ "$(tls_stat TlsCurrTxSw)" -ge 2 ] && [ "$(tls_stat TlsCurrRxSw)" -ge 2 ] || {
		echo "# kTLS sockets: TX $(tls_stat TlsCurrTxSw) RX $(tls_stat TlsCurrRxSw), want >= 2"
		return 1
	}
	kmsg | grep -E "$HS_DONE_RE" | tail -n +$((hs0 + 1)) >/tmp/hs
	sed 's/^/# /' /tmp/hs
	say "mount -t nfs4 -o vers=4.0,$2 $NFS_ADDR:$1 $NFS_MNT: ${mount_secs} s, handshakes (kernel log):"
	while read -r line; do
		say "  ${line#tls13: }"
	done </tmp/hs
	grep -q ' client handshake with 127.0.0.1:2049: TLS_' /tmp/hs &&
		grep -q ' server handshake with 127.0.0.1:[0-9]*: TLS_' /tmp/hs ||
		{ echo "# want a client and a server handshake logged"; return 1; }
}

# mount_refused PATH OPTS: the mount fails, within NFS_MOUNT_TIMEOUT
mount_refused() {
	if nfs_mount "$1" "$2"; then
		echo "# mounted $NFS_ADDR:$1 with \"$2\": $(nfs_mount_opts)"
		return 1
	fi
	echo "# refused after ${mount_secs}s: $mount_err"
	[ -z "$(nfs_mount_opts)" ]
}

# rw_check MiB: write MiB of random data to $NFS_MNT/data and read it back
# past the client's page cache, same sha256 on the client and in the
# server's tmpfs ($2: the export's directory there)
rw_check() {
	dd if=/dev/urandom of=/tmp/data bs=1M count="$1" status=none
	sum=$(sha256 </tmp/data)
	t0=$(now_us)
	dd if=/tmp/data of=$NFS_MNT/data bs=1M oflag=direct status=none
	echo "# wrote $1 MiB in $(secs_since "$t0")s"
	t0=$(now_us)
	got=$(dd if=$NFS_MNT/data bs=1M iflag=direct status=none | sha256)
	echo "# read $1 MiB back in $(secs_since "$t0")s"
	[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; return 1; }
	got=$(sha256 <"$2/data")
	[ "$got" = "$sum" ] || { echo "# server has $got, wrote $sum"; return 1; }
	echo "# sha256 $sum (client and server)"
	say "wrote $1 MiB of random data, read it back: sha256 ${sum%"${sum#????????????????}"}… same on the client and in knfsd's tmpfs"
	rm $NFS_MNT/data
}

if [ $mode = tls ]; then
	step "an in-kernel engine serves net/handshake (no tlshd)"
	engine=$(tls_engine)
	echo "# engine: $engine"
fi

step "test PKI: CA, server and client certificates (ECDSA P-256)"
nfs_test_pki
for f in ca server server-rpctls client; do [ -s $pki/$f.der ]; done
[ -s $pki/server.key.der ] && [ -s $pki/client.key.der ]

step "trust anchor and default identities in keyrings"
ca=$(tls_trust_add $pki/ca.der)
tls_client_ca_add $pki/ca.der >/dev/null
tls_identity_set server $pki/server.der $pki/server.key.der
echo "# server: cert $cert_serial, privkey $privkey_serial"
tls_identity_set client $pki/client.der $pki/client.key.der
echo "# client: cert $cert_serial, privkey $privkey_serial"
grep ' asymmetri tls13 NFS test CA: ' /proc/keys | sed 's/^/# /'
grep -q "^$(printf %08x "$ca") .* asymmetri tls13 NFS test CA: " /proc/keys
say "kernel $(uname -r): NFS over TLS (RFC 9289), knfsd and the NFS client in one kernel, no tlshd"
say "keys, set with keyctl in the engine's keyrings:"
say "  .tls13-trust   CA \"tls13 NFS test CA\" (asymmetric key $(printf %08x "$ca")), for knfsd's certificate"
say "  .tls13-client-ca  the same CA, for the clients' certificates (mtls)"
say "  .tls13-server  knfsd's certificate (CN=localhost, IP:127.0.0.1) and key: knfsd names none"
say "  .tls13-client  the client's (CN=tls13 nfs client), for xprtsec=mtls: 6.12's NFS client names none"
say ""

[ $mode = tls ] && modes="$XPRTSEC_TLS $XPRTSEC_MTLS" || modes=$XPRTSEC_NONE
step "knfsd: NFSv4 on $NFS_ADDR:$NFS_PORT, /export (xprtsec modes $modes), /mtls (mtls only)"
t0=$(now_us)
# shellcheck disable=SC2086 # one argument per mode
nfsd_start $modes
echo "# started in $(secs_since "$t0")s"
nfsd_show
nfsd_exports

if [ $part = tls ]; then
	step "a mount without TLS is refused"
	mount_refused /export ""
	opts=xprtsec=tls
else
	opts=""
fi

[ $part = demo ] && opts=xprtsec=tls
if [ $mib != 0 ]; then
	tx0=$(tls_stat TlsTxSw) rx0=$(tls_stat TlsRxSw)
	step "mount $NFS_ADDR:/export${opts:+ with $opts}"
	mount_ok /export "$opts"

	step "write $mib MiB of random data and read it back"
	rw_check $mib $NFS_ROOT/export
	if [ $mode = tls ]; then
		[ "$(tls_stat TlsDecryptError)" = 0 ]
		tx=$(tls_stat TlsTxSw) rx=$(tls_stat TlsRxSw)
		echo "# kTLS: TlsTxSw $tx0 -> $tx, TlsRxSw $rx0 -> $rx"
		[ $((tx - tx0)) -ge 2 ] && [ $((rx - rx0)) -ge 2 ]
		say "kTLS (/proc/net/tls_stat): TlsTxSw $tx0 -> $tx, TlsRxSw $rx0 -> $rx sockets set up, 0 decrypt errors"
	fi

	step "unmount"
	nfs_umount
	[ $mode = plain ] || wait_tls_sockets 0
	say ""
fi

if [ $part = tls ]; then
	step "the server's certificate with EKU id-kp-rpcTLSServer only"
	# same type and description in the same ring: the key is updated
	tls_identity_set server $pki/server-rpctls.der $pki/server.key.der
	mount_ok /export xprtsec=tls
	rw_check 1 $NFS_ROOT/export
	nfs_umount
	wait_tls_sockets 0
	tls_identity_set server $pki/server.der $pki/server.key.der
fi

# netns_mount: an NFS client in namespace nfsc (a container's), knfsd in
# the initial one, joined by a veth pair. The client's handshake request
# is nfsc's (net/handshake keeps requests per namespace) and the engine
# serves it there. ip netns exec gives the mount a mount namespace of its
# own: mount, write, read back and unmount happen in that one exec.
netns_mount() {
	ip netns add nfsc
	ip link add tls13v0 type veth peer name tls13v1 netns nfsc
	ip addr add $NS_SRV/24 dev tls13v0
	ip link set tls13v0 up
	ip netns exec nfsc sh -c "ip link set lo up &&
		ip addr add $NS_CLI/24 dev tls13v1 && ip link set tls13v1 up"
	dd if=/dev/urandom of=/tmp/data bs=1M count=1 status=none
	sum=$(sha256 </tmp/data)
	hs0=$(hs_count)
	# the name the client checks in knfsd's certificate: DNS:localhost
	rc=0
	ip netns exec nfsc sh -c "
		timeout -k 5 $NFS_MOUNT_TIMEOUT mount -i -t nfs4 -o \
		vers=$NFS_VERS,proto=tcp,port=$NFS_PORT,addr=$NS_SRV,clientaddr=$NS_CLI,hard,timeo=600,retrans=2,xprtsec=tls \
			localhost:/export $NFS_MNT || exit 10
		grep ' $NFS_MNT nfs4 ' /proc/mounts | sed 's/^/# nfsc: /'
		grep -q ' $NFS_MNT nfs4 .*xprtsec=tls' /proc/mounts || rc=11
		dd if=/tmp/data of=$NFS_MNT/data bs=1M oflag=direct status=none &&
		got=\$(dd if=$NFS_MNT/data bs=1M iflag=direct status=none |
			sha256sum) && [ \"\${got%% *}\" = $sum ] || rc=\${rc:-12}
		umount $NFS_MNT || rc=13
		exit \${rc:-0}" || rc=$?
	kmsg | grep -E "$HS_DONE_RE" | tail -n +$((hs0 + 1)) >/tmp/hs
	sed 's/^/# /' /tmp/hs
	ip netns del nfsc
	[ $rc = 0 ] || { echo "# in nfsc: exit $rc (10 mount, 11 policy, 12 data, 13 umount)"; nfs_log | tail -n 20; return 1; }
	[ "$(sha256 <$NFS_ROOT/export/data)" = "$sum" ] ||
		{ echo "# knfsd's tmpfs has other data"; return 1; }
	rm $NFS_ROOT/export/data
	# the client reached knfsd from nfsc's address: not through the
	# initial namespace's own address
	grep -q " client handshake with $NS_SRV:2049: TLS_" /tmp/hs &&
		grep -q " server handshake with $NS_CLI:[0-9]*: TLS_" /tmp/hs ||
		{ echo "# want a client handshake with $NS_SRV and a server handshake with $NS_CLI"; return 1; }
	say "mount from network namespace nfsc ($NS_CLI, veth) of localhost:/export at $NS_SRV, handshakes:"
	while read -r line; do
		say "  ${line#tls13: }"
	done </tmp/hs
}

if [ $part = tls ]; then
	step "a mount from a container's network namespace (veth pair)"
	netns_mount
	wait_tls_sockets 0
fi

if [ $part = mtls ] || [ $part = demo ]; then
	if [ $part = mtls ]; then
		step "/mtls refuses xprtsec=tls"
		mount_refused /mtls xprtsec=tls
		wait_tls_sockets 0
	fi
	# 6.12's NFS client has no cert_serial=/privkey_serial= mount options:
	# tls_client_hello_x509() comes with TLS_NO_CERT, and the engine takes
	# the default client identity from .tls13-client
	step "/mtls admits xprtsec=mtls: knfsd authenticated the client"
	mount_ok /mtls xprtsec=mtls
	# the server verified the client's certificate and handed knfsd the
	# serial of the key it made of it (XPT_PEER_AUTH)
	peer=$(sed -n 's/.* server handshake with .*, peer ecdsa_secp256r1_sha256, key \([0-9a-f]*\),.*/\1/p' /tmp/hs)
	[ -n "$peer" ] || { echo "# no verified client certificate logged"; exit 1; }
	grep "^$peer .* asymmetri tls13 nfs client:" /proc/keys | sed 's/^/# peer key: /'
	grep -q "^$peer .* asymmetri tls13 nfs client:" /proc/keys
	say "knfsd got peer id $peer: the key the engine made of the client's verified certificate"
	rw_check 4 $NFS_ROOT/mtls	# an 8 MiB tmpfs
	nfs_umount
	wait_tls_sockets 0
elif [ $part = plain ]; then
	step "/mtls refuses a plain mount"
	mount_refused /mtls ""
fi

step "stop knfsd, clear the keys"
nfsd_stop
[ ! -e $NFSD/threads ]
while read -r _ mp _; do
	case $mp in $NFS_ROOT* | $NFSD | $NFS_MNT) echo "# $mp still mounted"; exit 1 ;; esac
done </proc/mounts
tls_keys_clear
rm -f /tmp/data /tmp/hs
[ -n "${TLS13_NFS_PKI:-}" ] || rm -r $pki
nfs_log | tail -n 30
