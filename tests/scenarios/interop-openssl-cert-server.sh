#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# interop-openssl-cert-server: the kernel's TLS 1.3 server, certificates,
# against openssl s_client (OpenSSL 3.0), with the test PKI of
# tests/pki-lib.sh. The kernel serves a P-256 chain (leaf and
# intermediate), P-384 (SEC1 and PKCS#8 keys) and RSA-2048 (PKCS#1 and
# PKCS#8 keys; s_client's -sigalgs forces each rsa_pss_rsae scheme);
# s_client verifies it (-CAfile, -verify_return_error, the name
# server.test or the address 127.0.0.1). Client certificates: requested
# by default and absent, present and verified (peerid set), required,
# not requested (--no-client-cert); the default identity and trust
# keyrings (client certificates refused until .tls13-client-ca has the
# CA); .tls13-peers (keys that expire, a full ring emptied); a
# HelloRetryRequest forced by the kernel; ALPN sunrpc.
# Refused: a required client certificate missing (certificate_required),
# a client certificate from an unknown CA, an expired one, no signature
# scheme the kernel can sign with, an expired server certificate.
# tls13-peer listens, runs s_client and hands the accepted socket to
# /dev/tls13_test; s_client sends $C2S and must print exactly the $S2C
# the kernel side sent over kTLS, and tls13-peer must read exactly $C2S.
# vm-timeout: 900
# shellcheck disable=SC2086 # the option variables split into words (set -f)
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/interop-lib.sh"

interop_setup
interop_pki

S="server --listen $ADDR --auth x509 --keyring $TRUST"
P256="--cert $C_SRV --privkey $K_SRV"
DATA="--send $S2C --expect $C2S --peer-stdin $C2S --peer-output $S2C --expect-cert-sent"
CLI="$OSSL_CLIENT -CAfile $PKI/root.pem -verify_return_error"
CLI="$CLI -verify_hostname server.test -servername server.test"
CLICERT="-cert $PKI/client.pem -key $PKI/client.key.pem -cert_chain $PKI/inter.pem"
NOCLI="--expect-no-peer-cert --expect-peer-scheme none --expect-no-peerid"

kcase "openssl cert server: P-256 chain, a client without a certificate" \
	$S $P256 $DATA $NOCLI --expect-scheme ecdsa_secp256r1_sha256 \
	--expect-suite 0x1301 --expect-group x25519 --expect-no-hrr \
	-- openssl $CLI -groups X25519 -ciphersuites TLS_AES_128_GCM_SHA256

kcase "openssl cert server: P-384, SEC1 key, TLS_AES_256_GCM_SHA384, secp384r1" \
	$S --cert $C_SRV384 --privkey $K_SRV384_SEC1 $DATA $NOCLI \
	--expect-scheme ecdsa_secp384r1_sha384 --expect-suite 0x1302 --expect-group secp384r1 \
	-- openssl $CLI -groups P-384 -ciphersuites TLS_AES_256_GCM_SHA384

kcase "openssl cert server: P-384, PKCS#8 key, secp256r1" \
	$S --cert $C_SRV384 --privkey $K_SRV384 $DATA --expect-scheme ecdsa_secp384r1_sha384 \
	--expect-group secp256r1 \
	-- openssl $CLI -groups P-256

kcase "openssl cert server: RSA-2048, PKCS#1 key, rsa_pss_rsae_sha256" \
	$S --cert $C_RSA --privkey $K_RSA_PKCS1 $DATA --expect-scheme rsa_pss_rsae_sha256 \
	-- openssl $CLI -sigalgs rsa_pss_rsae_sha256

kcase "openssl cert server: RSA-2048, PKCS#1 key, rsa_pss_rsae_sha384" \
	$S --cert $C_RSA --privkey $K_RSA_PKCS1 $DATA --expect-scheme rsa_pss_rsae_sha384 \
	-- openssl $CLI -sigalgs rsa_pss_rsae_sha384

kcase "openssl cert server: RSA-2048, PKCS#8 key, rsa_pss_rsae_sha512, CHACHA20" \
	$S --cert $C_RSA --privkey $K_RSA $DATA --expect-scheme rsa_pss_rsae_sha512 \
	--expect-suite 0x1303 \
	-- openssl $CLI -sigalgs rsa_pss_rsae_sha512 -ciphersuites TLS_CHACHA20_POLY1305_SHA256

kcase "openssl cert server: client certificate (chain with intermediate) verified" \
	$S $P256 $DATA --expect-peer-cert --expect-peer-scheme ecdsa_secp256r1_sha256 \
	--expect-peerid-set \
	-- openssl $CLI $CLICERT

kcase "openssl cert server: client certificate required and sent" \
	$S $P256 --require-client-cert $DATA --expect-peer-cert --expect-peerid-set \
	-- openssl $CLI $CLICERT

kcase "openssl cert server: --no-client-cert: no CertificateRequest, none sent" \
	$S $P256 --no-client-cert $DATA $NOCLI \
	-- openssl $CLI $CLICERT

kcase "openssl cert server: s_client checks the address 127.0.0.1 (iPAddress SAN)" \
	$S $P256 $DATA \
	-- openssl $OSSL_CLIENT -CAfile $PKI/root.pem -verify_return_error -verify_ip 127.0.0.1

kcase "openssl cert server: HelloRetryRequest: key share x25519, the kernel takes secp384r1 only" \
	$S $P256 --group secp384r1 $DATA --expect-group secp384r1 --expect-hrr \
	-- openssl $CLI -groups X25519:P-384 $CLICERT

kcase "openssl cert server: ALPN sunrpc (RFC 9289): required and selected" \
	$S $P256 --alpn sunrpc $DATA --expect-peer-cert \
	-- openssl $CLI -alpn sunrpc $CLICERT

# Our identity is proven once (a signature made and verified when it is
# first loaded), not per handshake: the P-256 identity again makes no
# proof, and neither does the default identity, the same bytes in other
# keys (keyed by content, not by serial).
proofs() { sed -n 's/^identity_proofs //p' /proc/net/tls13_stat; }
n=$(proofs)
kcase "openssl cert server: P-256 chain again, no new proof of our key" \
	$S $P256 $DATA $NOCLI -- openssl $CLI
[ "$(proofs)" = "$n" ] || { echo "# identity_proofs $n -> $(proofs)"; exit 1; }

interop_defaults server
# The root CA is in .tls13-trust only: that is for servers' chains, and
# with no anchor in .tls13-client-ca the server refuses every client
# certificate.
kcase "openssl cert server: default identity (.tls13-server), no client anchors: refused (unknown_ca)" \
	server --listen $ADDR --auth x509 --expect-fail --expect-alert unknown_ca \
	--peer-stdin "$C2S" --peer-fail --peer-says "SSL alert number %a" \
	-- openssl $CLI $CLICERT
step "the root CA in .tls13-client-ca too"
tls_client_ca_add "$PKI/root.der" >/dev/null
kcase "openssl cert server: default identity (.tls13-server), client checked against .tls13-client-ca" \
	server --listen $ADDR --auth x509 $DATA --expect-peer-cert --expect-peerid-set \
	--expect-scheme ecdsa_secp256r1_sha256 \
	-- openssl $CLI $CLICERT

# .tls13-peers: the client's key, made after the handshake, expires
# (peer_key_ttl), and a full ring is emptied (peer_keys_max)
[ "$(proofs)" = "$n" ] || { echo "# identity_proofs $n -> $(proofs)"; exit 1; }
step "the verified client's key in .tls13-peers expires"
peers=$(tls_ring .tls13-peers)
keys=$(keyctl rlist "$peers")
[ -n "$keys" ]
for k in $keys; do
	grep "^$(printf %08x "$k") " /proc/keys | sed 's/^/# /'
	! grep -q "^$(printf %08x "$k") [^ ]* *[0-9]* perm " /proc/keys
done
echo 1 > /sys/module/tls13/parameters/peer_keys_max
kcase "openssl cert server: .tls13-peers full (peer_keys_max 1): emptied, then the new key" \
	server --listen $ADDR --auth x509 $DATA --expect-peer-cert --expect-peerid-set \
	-- openssl $CLI $CLICERT
echo 1024 > /sys/module/tls13/parameters/peer_keys_max
dmesg | grep -q 'tls13: .tls13-peers is full (peer_keys_max 1): emptied'
[ "$(keyctl rlist "$peers" | wc -w)" = 1 ]

# Refusals: the kernel's alert, sent or received, and s_client reports it
# ("SSL alert number %a": the number the kernel reported).
kcase "openssl cert server: refused: client certificate required, none sent (certificate_required)" \
	$S $P256 --require-client-cert --expect-fail --expect-alert certificate_required \
	--peer-stdin "$C2S" --peer-fail --peer-says "SSL alert number %a" \
	-- openssl $CLI

kcase "openssl cert server: refused: client certificate from an unknown CA (unknown_ca)" \
	$S $P256 --expect-fail --expect-alert unknown_ca \
	--peer-stdin "$C2S" --peer-fail --peer-says "SSL alert number %a" \
	-- openssl $CLI -cert $PKI/unknown.pem -key $PKI/unknown.key.pem

kcase "openssl cert server: refused: expired client certificate (certificate_expired)" \
	$S $P256 --expect-fail --expect-alert certificate_expired \
	--peer-stdin "$C2S" --peer-fail --peer-says "SSL alert number %a" \
	-- openssl $CLI -cert $PKI/expired.pem -key $PKI/expired.key.pem

kcase "openssl cert server: refused: the client takes ecdsa_secp384r1_sha384 only, the key is P-256 (handshake_failure)" \
	$S $P256 --expect-fail --expect-alert handshake_failure \
	--peer-stdin "$C2S" --peer-fail --peer-says "SSL alert number %a" \
	-- openssl $CLI -sigalgs ecdsa_secp384r1_sha384

kcase "openssl cert server: refused: ALPN sunrpc required, the client offers nfs (no_application_protocol)" \
	$S $P256 --alpn sunrpc --expect-fail --expect-alert no_application_protocol \
	--peer-stdin "$C2S" --peer-fail --peer-says "SSL alert number %a" \
	-- openssl $CLI -alpn nfs

kcase "openssl cert server: refused by s_client: expired server certificate (certificate_expired)" \
	$S --cert $C_EXP --privkey $K_EXP --expect-fail --expect-alert certificate_expired \
	--peer-stdin "$C2S" --peer-fail --peer-says "certificate has expired" \
	-- openssl $CLI

interop_done
