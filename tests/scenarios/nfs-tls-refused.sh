#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# nfs-tls-refused: NFS over TLS handshakes that must fail, with knfsd and
# the kernel's NFS client in one VM and the in-kernel engine on both ends.
# The PKI is tests/pki-lib.sh's (root CA in .tls13-trust). First a mount
# that works (the server's certificate chain through the intermediate
# CA), so that each refusal below is the one thing changed; then each
# must fail the mount promptly (within REFUSE_SECS), with the alert on the
# wire named in the kernel log on both sides, and leave no kTLS socket:
#   1. the server's certificate from an unknown CA: the client sends
#      unknown_ca
#   2. an expired server certificate: certificate_expired
#   3. a server certificate without the name the client asked for (no
#      iPAddress SAN 127.0.0.1): certificate_unknown
#   4. xprtsec=mtls without a client certificate (.tls13-client empty) to
#      an export that requires one: knfsd sees no authenticated peer and
#      refuses the mount
# (An ALPN mismatch cannot be staged between these two: both always use
# "sunrpc", and RFC 9289's STARTTLS probe comes first; the interop
# scenarios and KUnit's tls13_hs_cert cover it.)
# The VM's harness fails the run on any WARN, KASAN, UBSAN, lockdep or
# kmemleak report.
# vm-memory: 1536
# vm-timeout: 900
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"
. "$TLS13_TOP/tests/nfs-lib.sh"

# Well below mount(2)'s own limit (NFS_MOUNT_TIMEOUT): the refusal is
# final, not retried until then. On the SMP debug kernel, two vCPUs with
# other VMs beside under software emulation, the client took 25 s to
# start its first handshake once (a refusal that took 31 s in all).
REFUSE_SECS=45

step "an in-kernel engine serves net/handshake (no tlshd)"
echo "# engine: $(tls_engine)"

if [ -f "${TLS13_PKI:-/nonexistent}/done" ]; then
	pki=$TLS13_PKI
	step "test PKI from $pki (made on the host)"
else
	pki=/tmp/pki
	step "test PKI"
	pki_make $pki
fi

step "trust anchor and server identity in keyrings"
tls_trust_add "$pki/root.der" >/dev/null
tls_identity_set server $pki/server.chain.der $pki/server.key.der
nfsd_start $XPRTSEC_TLS $XPRTSEC_MTLS
nfsd_exports

# fail_count: handshake failures logged so far
fail_count() { dmesg | grep -cE "$HS_FAIL_RE" || true; }

# refused WHAT PATH OPTS [ALERT WHY]: mounting PATH with OPTS fails within
# REFUSE_SECS; with ALERT, a client handshake failed sending ALERT, saying
# WHY, and a server one failed receiving it
refused() {
	f0=$(fail_count)
	step "refused: $1"
	if nfs_mount "$2" "$3"; then
		echo "# mounted $NFS_ADDR:$2 with \"$3\": $(nfs_mount_opts)"
		return 1
	fi
	echo "# refused after ${mount_secs}s: $mount_err"
	[ "${mount_secs%.*}" -lt $REFUSE_SECS ] ||
		{ echo "# want less than ${REFUSE_SECS}s"; return 1; }
	kmsg | grep -E "$HS_FAIL_RE" | tail -n +$((f0 + 1)) >/tmp/fails
	sed 's/^/# /' /tmp/fails
	if [ -n "${4:-}" ]; then
		grep -q " client handshake with 127.0.0.1:[0-9]* failed: .*(sent $4: $5)" /tmp/fails &&
			grep -q " server handshake with 127.0.0.1:[0-9]* failed: .*(received $4)" /tmp/fails ||
			{ echo "# want the client to send $4 ($5), the server to receive it"; return 1; }
	fi
	wait_tls_sockets 0
}

step "baseline: xprtsec=tls mounts with the good chain"
nfs_mount /export xprtsec=tls || { echo "# $mount_err"; nfs_log | tail -n 20; exit 1; }
echo "# mounted in ${mount_secs}s"
nfs_umount
wait_tls_sockets 0

tls_identity_set server $pki/unknown.der $pki/unknown.key.der
refused "a server certificate from an unknown CA" /export xprtsec=tls unknown_ca \
	"no trusted anchor issued the chain"

tls_identity_set server $pki/expired.der $pki/expired.key.der
refused "an expired server certificate" /export xprtsec=tls certificate_expired \
	"a certificate has expired"

tls_identity_set server $pki/wrongname.der $pki/wrongname.key.der
refused "a server certificate without 127.0.0.1" /export xprtsec=tls certificate_unknown \
	"it does not name the peer we asked for"

tls_identity_set server $pki/server.chain.der $pki/server.key.der
keyctl clear "$(tls_ring .tls13-client)"
refused "xprtsec=mtls without a client certificate" /mtls xprtsec=mtls
kmsg | grep -E "$HS_DONE_RE" | tail -n 2 >/tmp/hs
sed 's/^/# /' /tmp/hs
grep -q ' server handshake with .*, peer anonymous' /tmp/hs ||
	{ echo "# want the server's handshake to have seen an anonymous client"; exit 1; }

step "stop knfsd, clear the keys"
nfsd_stop
tls_keys_clear
wait_tls_sockets 0
nfs_log | tail -n 30
