#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# interop-openssl-cert-client: the kernel's TLS 1.3 client, certificates,
# against openssl s_server (OpenSSL 3.0), with the test PKI of
# tests/pki-lib.sh: server certificates ECDSA P-256 (sent with its
# intermediate CA), P-384 and RSA-2048 (rsa_pss_rsae_sha256/384/512),
# the kernel client without a certificate (anon) and with one (x509,
# s_server -Verify: mutual authentication), the default identity and
# trust keyrings, a HelloRetryRequest forced by the server, ALPN sunrpc,
# the peer name as a DNS name and as an IP address; refused: a server from
# an unknown CA, an expired server certificate, a wrong peer name, a
# server certificate without serverAuth, no signature scheme in common.
# tls13-peer runs each handshake through /dev/tls13_test and s_server
# beside it; data crosses kTLS both ways and is compared byte for byte
# (s_server -rev echoes every line reversed).
#
# Limits of the peer:
# - s_server's -sigalgs limits what it signs with and what it accepts: the
#   RSA cases name one rsa_pss_rsae scheme each to force it.
# vm-timeout: 900
# shellcheck disable=SC2086 # the option variables split into words (set -f)
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/interop-lib.sh"

interop_setup
interop_pki

SRV="$OSSL_CSERVER -ciphersuites $OSSL_SUITES -groups $OSSL_GROUPS"
P256="-cert $PKI/server.pem -key $PKI/server.key.pem -cert_chain $PKI/inter.pem"
P384="-cert $PKI/server384.pem -key $PKI/server384.key.pem"
RSA="-cert $PKI/serverrsa.pem -key $PKI/serverrsa.key.pem"
# s_server asks for a client certificate and verifies it (-Verify: it
# must come; -verify_return_error: a bad one ends the handshake)
MUTUAL="-Verify 1 -CAfile $PKI/root.pem -verify_return_error"
C="client --connect $ADDR --keyring $TRUST --peername server.test"
ANON="--auth anon --expect-no-cert-sent --expect-scheme none"
X509="--auth x509 --cert $C_CLI --privkey $K_CLI"
DATA="--send $C2S --expect $C2S_REV --expect-peer-cert"

kcase "openssl cert client: anon, P-256 server with its intermediate, x25519" \
	$C $ANON --suite 0x1301 --group x25519 $DATA \
	--expect-suite 0x1301 --expect-group x25519 --expect-no-hrr \
	--expect-peer-scheme ecdsa_secp256r1_sha256 \
	-- openssl $SRV $P256

kcase "openssl cert client: anon, P-384 server, TLS_AES_256_GCM_SHA384, secp384r1" \
	$C $ANON --suite 0x1302 --group secp384r1 $DATA \
	--expect-suite 0x1302 --expect-group secp384r1 \
	--expect-peer-scheme ecdsa_secp384r1_sha384 \
	-- openssl $SRV $P384

kcase "openssl cert client: anon, RSA-2048 server, rsa_pss_rsae_sha256" \
	$C $ANON $DATA --expect-peer-scheme rsa_pss_rsae_sha256 \
	-- openssl $SRV $RSA -sigalgs rsa_pss_rsae_sha256

kcase "openssl cert client: anon, RSA-2048 server, rsa_pss_rsae_sha384" \
	$C $ANON --suite 0x1303 $DATA --expect-suite 0x1303 \
	--expect-peer-scheme rsa_pss_rsae_sha384 \
	-- openssl $SRV $RSA -sigalgs rsa_pss_rsae_sha384

kcase "openssl cert client: anon, RSA-2048 server, rsa_pss_rsae_sha512" \
	$C $ANON --suite 0x1304 $DATA --expect-suite 0x1304 \
	--expect-peer-scheme rsa_pss_rsae_sha512 \
	-- openssl $SRV $RSA -sigalgs rsa_pss_rsae_sha512

kcase "openssl cert client: x509, s_server -Verify: the kernel's chain verified" \
	$C $X509 $DATA --expect-cert-sent --expect-scheme ecdsa_secp256r1_sha256 \
	--expect-peer-scheme ecdsa_secp256r1_sha256 \
	--peer-says "depth=0 CN = tls13 test client" \
	-- openssl $SRV $P256 $MUTUAL

kcase "openssl cert client: x509 to an RSA server that asks (P-256 client key)" \
	$C $X509 $DATA --expect-cert-sent --expect-scheme ecdsa_secp256r1_sha256 \
	--expect-peer-scheme rsa_pss_rsae_sha256 \
	--peer-says "depth=0 CN = tls13 test client" \
	-- openssl $SRV $RSA $MUTUAL -sigalgs rsa_pss_rsae_sha256:ecdsa_secp256r1_sha256

kcase "openssl cert client: x509, the server asks for nothing: no certificate sent" \
	$C $X509 $DATA --expect-no-cert-sent --expect-scheme none \
	-- openssl $SRV $P256

interop_defaults client
kcase "openssl cert client: x509 default identity (.tls13-client), .tls13-trust" \
	client --connect $ADDR --auth x509 --peername server.test $DATA \
	--expect-cert-sent --expect-scheme ecdsa_secp256r1_sha256 \
	--peer-says "depth=0 CN = tls13 test client" \
	-- openssl $SRV $P256 $MUTUAL

kcase "openssl cert client: peer name 127.0.0.1, the iPAddress SAN" \
	client --connect $ADDR --keyring $TRUST --peername 127.0.0.1 $ANON $DATA \
	-- openssl $SRV $P256

kcase "openssl cert client: HelloRetryRequest, key share x25519, the server takes secp384r1 only" \
	$C $X509 --suite 0x1301 --group x25519,secp256r1,secp384r1 $DATA \
	--expect-suite 0x1301 --expect-group secp384r1 --expect-hrr --expect-cert-sent \
	-- openssl $OSSL_CSERVER -ciphersuites $OSSL_SUITES -groups P-384 $P256 $MUTUAL

kcase "openssl cert client: ALPN sunrpc (RFC 9289): offered, selected, required" \
	$C $X509 --alpn sunrpc $DATA --expect-cert-sent \
	-- openssl $SRV $P256 $MUTUAL -alpn sunrpc

# Refusals: the kernel aborts with the alert RFC 8446 section 6.2 names,
# and s_server reports the alert the kernel sent (%a: its number).
kcase "openssl cert client: refused: server certificate from an unknown CA (unknown_ca)" \
	$C --auth anon --expect-fail --expect-alert unknown_ca \
	--peer-says "SSL alert number %a" \
	-- openssl $SRV -cert $PKI/unknown.pem -key $PKI/unknown.key.pem

kcase "openssl cert client: refused: expired server certificate (certificate_expired)" \
	$C --auth anon --expect-fail --expect-alert certificate_expired \
	--peer-says "SSL alert number %a" \
	-- openssl $SRV -cert $PKI/expired.pem -key $PKI/expired.key.pem

kcase "openssl cert client: refused: peer name other.test not in the certificate (certificate_unknown)" \
	client --connect $ADDR --keyring $TRUST --peername other.test --auth anon \
	--expect-fail --expect-alert certificate_unknown \
	--peer-says "SSL alert number %a" \
	-- openssl $SRV $P256

kcase "openssl cert client: refused: server certificate with clientAuth only (certificate_unknown)" \
	$C --auth anon --expect-fail --expect-alert certificate_unknown \
	--peer-says "SSL alert number %a" \
	-- openssl $SRV -cert $PKI/badeku.pem -key $PKI/badeku.key.pem

# RFC 9289: the client offers "sunrpc" only; s_server, knowing only
# "nfs", refuses the ClientHello itself with no_application_protocol
# (OpenSSL 3 does; a server that went on without ALPN would get it from
# the kernel, as KUnit's tls13_hs_cert shows).
kcase "openssl cert client: refused: ALPN sunrpc, the server has only nfs (no_application_protocol)" \
	$C --auth anon --alpn sunrpc --expect-fail --expect-alert no_application_protocol \
	--peer-says "no application protocol" \
	-- openssl $SRV $P256 -alpn nfs

# No signature scheme for the server's key among those the kernel offers:
# OpenSSL then disables TLS 1.3 for the connection and, with -tls1_3
# alone, refuses the ClientHello with protocol_version.
kcase "openssl cert client: refused: the server signs ed25519 only (protocol_version)" \
	$C --auth anon --expect-fail --expect-alert protocol_version \
	--peer-says "unsupported protocol" \
	-- openssl $SRV $P256 -sigalgs ed25519

interop_done
