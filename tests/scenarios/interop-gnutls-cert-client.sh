#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# interop-gnutls-cert-client: the kernel's TLS 1.3 client, certificates,
# against gnutls-serv (GnuTLS 3.7), with the test PKI of tests/pki-lib.sh:
# server certificates ECDSA P-256 (sent with its intermediate CA), P-384
# and RSA-2048 (the priority string forces each rsa_pss_rsae scheme);
# the kernel client without a certificate (anon) and with one (x509,
# gnutls-serv --require-client-cert --verify-client-cert), the default
# identity and trust keyrings, a HelloRetryRequest forced by the server,
# ALPN sunrpc; refused: a server from an unknown CA, an expired server
# certificate, a wrong peer name, a server certificate without
# serverAuth, no signature scheme in common. tls13-peer runs each
# handshake through /dev/tls13_test and gnutls-serv --echo beside it;
# data crosses kTLS both ways and is compared byte for byte.
#
# Limits of the peer:
# - gnutls-serv asks for a client certificate unless --disable-client-cert
#   and serves until killed: tls13-peer ends it (--peer-daemon).
# vm-timeout: 900
# shellcheck disable=SC2086 # the option variables split into words (set -f)
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/interop-lib.sh"

interop_setup
interop_pki

PRIO=$GT_BASE:$GT_CIPHERS:$GT_GROUPS
SRV="$GT_CSERVER --priority $PRIO"
P256="--x509certfile $PKI/server.chain.pem --x509keyfile $PKI/server.key.pem"
P384="--x509certfile $PKI/server384.pem --x509keyfile $PKI/server384.key.pem"
RSA="--x509certfile $PKI/serverrsa.pem --x509keyfile $PKI/serverrsa.key.pem"
MUTUAL="--require-client-cert --verify-client-cert --x509cafile $PKI/root.pem"
C="client --connect $ADDR --keyring $TRUST --peername server.test"
ANON="--auth anon --expect-no-cert-sent --expect-scheme none"
X509="--auth x509 --cert $C_CLI --privkey $K_CLI"
DATA="--send $C2S --expect $C2S --peer-daemon --expect-peer-cert"

kcase "gnutls cert client: anon, P-256 server with its intermediate, x25519" \
	$C $ANON --suite 0x1301 --group x25519 $DATA \
	--expect-suite 0x1301 --expect-group x25519 --expect-no-hrr \
	--expect-peer-scheme ecdsa_secp256r1_sha256 \
	-- gnutls-serv $SRV $P256

kcase "gnutls cert client: anon, P-384 server, TLS_AES_256_GCM_SHA384, secp384r1" \
	$C $ANON --suite 0x1302 --group secp384r1 $DATA \
	--expect-suite 0x1302 --expect-group secp384r1 \
	--expect-peer-scheme ecdsa_secp384r1_sha384 \
	-- gnutls-serv $SRV $P384

kcase "gnutls cert client: anon, RSA-2048 server, rsa_pss_rsae_sha256" \
	$C $ANON $DATA --expect-peer-scheme rsa_pss_rsae_sha256 \
	-- gnutls-serv $GT_CSERVER --priority $PRIO:-SIGN-ALL:+SIGN-RSA-PSS-RSAE-SHA256 $RSA

kcase "gnutls cert client: anon, RSA-2048 server, rsa_pss_rsae_sha384" \
	$C $ANON --suite 0x1303 $DATA --expect-suite 0x1303 \
	--expect-peer-scheme rsa_pss_rsae_sha384 \
	-- gnutls-serv $GT_CSERVER --priority $PRIO:-SIGN-ALL:+SIGN-RSA-PSS-RSAE-SHA384 $RSA

kcase "gnutls cert client: anon, RSA-2048 server, rsa_pss_rsae_sha512" \
	$C $ANON --suite 0x1304 $DATA --expect-suite 0x1304 \
	--expect-peer-scheme rsa_pss_rsae_sha512 \
	-- gnutls-serv $GT_CSERVER --priority $PRIO:-SIGN-ALL:+SIGN-RSA-PSS-RSAE-SHA512 $RSA

kcase "gnutls cert client: x509, a client certificate required and verified" \
	$C $X509 $DATA --expect-cert-sent --expect-scheme ecdsa_secp256r1_sha256 \
	--expect-peer-scheme ecdsa_secp256r1_sha256 \
	-- gnutls-serv $SRV $P256 $MUTUAL

kcase "gnutls cert client: x509 to a P-384 server that requires one" \
	$C $X509 $DATA --expect-cert-sent --expect-scheme ecdsa_secp256r1_sha256 \
	--expect-peer-scheme ecdsa_secp384r1_sha384 \
	-- gnutls-serv $SRV $P384 $MUTUAL

kcase "gnutls cert client: x509, --disable-client-cert: no certificate sent" \
	$C $X509 $DATA --expect-no-cert-sent --expect-scheme none \
	-- gnutls-serv $SRV $P256 --disable-client-cert

interop_defaults client
kcase "gnutls cert client: x509 default identity (.tls13-client), .tls13-trust" \
	client --connect $ADDR --auth x509 --peername server.test $DATA \
	--expect-cert-sent --expect-scheme ecdsa_secp256r1_sha256 \
	-- gnutls-serv $SRV $P256 $MUTUAL

kcase "gnutls cert client: peer name 127.0.0.1, the iPAddress SAN" \
	client --connect $ADDR --keyring $TRUST --peername 127.0.0.1 $ANON $DATA \
	-- gnutls-serv $SRV $P256

kcase "gnutls cert client: HelloRetryRequest, key share x25519, the server takes secp384r1 only" \
	$C $X509 --suite 0x1301 --group x25519,secp256r1,secp384r1 $DATA \
	--expect-suite 0x1301 --expect-group secp384r1 --expect-hrr --expect-cert-sent \
	-- gnutls-serv $GT_CSERVER --priority $GT_BASE:$GT_CIPHERS:-GROUP-ALL:+GROUP-SECP384R1 \
	$P256 $MUTUAL

kcase "gnutls cert client: ALPN sunrpc (RFC 9289): offered, selected, required" \
	$C $X509 --alpn sunrpc $DATA --expect-cert-sent \
	-- gnutls-serv $SRV $P256 $MUTUAL --alpn sunrpc --alpn-fatal

# Refusals: the kernel aborts with the alert RFC 8446 section 6.2 names;
# gnutls-serv logs "Error in handshake" (and the alert) and carries on.
kcase "gnutls cert client: refused: server certificate from an unknown CA (unknown_ca)" \
	$C --auth anon --expect-fail --expect-alert unknown_ca \
	--peer-daemon --peer-says "Error in handshake" \
	-- gnutls-serv $SRV --x509certfile $PKI/unknown.pem --x509keyfile $PKI/unknown.key.pem

kcase "gnutls cert client: refused: expired server certificate (certificate_expired)" \
	$C --auth anon --expect-fail --expect-alert certificate_expired \
	--peer-daemon --peer-says "Error in handshake" \
	-- gnutls-serv $SRV --x509certfile $PKI/expired.pem --x509keyfile $PKI/expired.key.pem

kcase "gnutls cert client: refused: peer name other.test not in the certificate (certificate_unknown)" \
	client --connect $ADDR --keyring $TRUST --peername other.test --auth anon \
	--expect-fail --expect-alert certificate_unknown \
	--peer-daemon --peer-says "Error in handshake" \
	-- gnutls-serv $SRV $P256

kcase "gnutls cert client: refused: server certificate with clientAuth only (certificate_unknown)" \
	$C --auth anon --expect-fail --expect-alert certificate_unknown \
	--peer-daemon --peer-says "Error in handshake" \
	-- gnutls-serv $SRV --x509certfile $PKI/badeku.pem --x509keyfile $PKI/badeku.key.pem

kcase "gnutls cert client: refused: the server signs ed25519 only (handshake_failure)" \
	$C --auth anon --expect-fail --expect-alert handshake_failure \
	--peer-daemon --peer-says "Error in handshake" \
	-- gnutls-serv $GT_CSERVER --priority $PRIO:-SIGN-ALL:+SIGN-EDDSA-ED25519 $P256

interop_done
