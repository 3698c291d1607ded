#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# interop-gnutls-cert-server: the kernel's TLS 1.3 server, certificates,
# against gnutls-cli (GnuTLS 3.7), with the test PKI of tests/pki-lib.sh.
# The kernel serves a P-256 chain (leaf and intermediate), P-384 (SEC1
# key) and RSA-2048 (PKCS#1 and PKCS#8 keys; the priority string forces
# each rsa_pss_rsae scheme); gnutls-cli verifies it (--x509cafile, the
# name server.test or the address 127.0.0.1). Client certificates:
# requested and absent, present and verified (peerid set), required,
# not requested (--no-client-cert); the default identity and trust
# keyrings (client certificates refused until .tls13-client-ca has the
# CA); a HelloRetryRequest forced by the kernel; ALPN sunrpc.
# Refused: a required client certificate missing (certificate_required),
# a client certificate from an unknown CA, an expired one, no signature
# scheme the kernel can sign with, an expired server certificate.
# tls13-peer listens, runs gnutls-cli and hands the accepted socket to
# /dev/tls13_test; gnutls-cli sends $C2S (then a close_notify) and must
# print exactly the $S2C the kernel side sent over kTLS, and tls13-peer
# must read exactly $C2S.
#
# Limits of the peer:
# - gnutls-cli sends key shares for X25519 and the first NIST curve;
#   --single-key-share makes it one (the HelloRetryRequest case).
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
PRIO=$GT_BASE:$GT_CIPHERS:$GT_GROUPS
CLI="$GT_CLIENT --x509cafile $PKI/root.pem --verify-hostname server.test --sni-hostname server.test"
CLICERT="--x509certfile $PKI/client.chain.pem --x509keyfile $PKI/client.key.pem"
NOCLI="--expect-no-peer-cert --expect-peer-scheme none --expect-no-peerid"

kcase "gnutls cert server: P-256 chain, a client without a certificate" \
	$S $P256 $DATA $NOCLI --expect-scheme ecdsa_secp256r1_sha256 \
	--expect-suite 0x1301 --expect-group x25519 --expect-no-hrr \
	-- gnutls-cli $CLI --priority $GT_BASE:-CIPHER-ALL:+AES-128-GCM:-GROUP-ALL:+GROUP-X25519

kcase "gnutls cert server: P-384, SEC1 key, TLS_AES_256_GCM_SHA384, secp384r1" \
	$S --cert $C_SRV384 --privkey $K_SRV384_SEC1 $DATA $NOCLI \
	--expect-scheme ecdsa_secp384r1_sha384 --expect-suite 0x1302 --expect-group secp384r1 \
	-- gnutls-cli $CLI --priority $GT_BASE:-CIPHER-ALL:+AES-256-GCM:-GROUP-ALL:+GROUP-SECP384R1

kcase "gnutls cert server: RSA-2048, PKCS#1 key, rsa_pss_rsae_sha256" \
	$S --cert $C_RSA --privkey $K_RSA_PKCS1 $DATA --expect-scheme rsa_pss_rsae_sha256 \
	-- gnutls-cli $CLI --priority $PRIO:-SIGN-ALL:+SIGN-RSA-PSS-RSAE-SHA256

kcase "gnutls cert server: RSA-2048, PKCS#8 key, rsa_pss_rsae_sha384" \
	$S --cert $C_RSA --privkey $K_RSA $DATA --expect-scheme rsa_pss_rsae_sha384 \
	-- gnutls-cli $CLI --priority $PRIO:-SIGN-ALL:+SIGN-RSA-PSS-RSAE-SHA384

kcase "gnutls cert server: RSA-2048, PKCS#1 key, rsa_pss_rsae_sha512, CHACHA20" \
	$S --cert $C_RSA --privkey $K_RSA_PKCS1 $DATA --expect-scheme rsa_pss_rsae_sha512 \
	--expect-suite 0x1303 \
	-- gnutls-cli $CLI \
	--priority $GT_BASE:-CIPHER-ALL:+CHACHA20-POLY1305:$GT_GROUPS:-SIGN-ALL:+SIGN-RSA-PSS-RSAE-SHA512

kcase "gnutls cert server: client certificate (chain with intermediate) verified" \
	$S $P256 $DATA --expect-peer-cert --expect-peer-scheme ecdsa_secp256r1_sha256 \
	--expect-peerid-set \
	-- gnutls-cli $CLI $CLICERT

kcase "gnutls cert server: client certificate required and sent" \
	$S $P256 --require-client-cert $DATA --expect-peer-cert --expect-peerid-set \
	-- gnutls-cli $CLI $CLICERT

kcase "gnutls cert server: --no-client-cert: no CertificateRequest, none sent" \
	$S $P256 --no-client-cert $DATA $NOCLI \
	-- gnutls-cli $CLI $CLICERT

kcase "gnutls cert server: gnutls-cli checks the address 127.0.0.1 (iPAddress SAN)" \
	$S $P256 $DATA \
	-- gnutls-cli $GT_CLIENT --x509cafile $PKI/root.pem --verify-hostname 127.0.0.1

kcase "gnutls cert server: HelloRetryRequest: key share x25519, the kernel takes secp256r1 only" \
	$S $P256 --group secp256r1 $DATA --expect-group secp256r1 --expect-hrr \
	-- gnutls-cli $CLI $CLICERT --single-key-share \
	--priority $GT_BASE:$GT_CIPHERS:-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1

kcase "gnutls cert server: ALPN sunrpc (RFC 9289): required and selected" \
	$S $P256 --alpn sunrpc $DATA --expect-peer-cert \
	-- gnutls-cli $CLI $CLICERT --alpn sunrpc

interop_defaults server
# The root CA is in .tls13-trust only: that is for servers' chains, and
# with no anchor in .tls13-client-ca the server refuses every client
# certificate.
kcase "gnutls cert server: default identity (.tls13-server), no client anchors: refused (unknown_ca)" \
	server --listen $ADDR --auth x509 --expect-fail --expect-alert unknown_ca \
	--peer-stdin "$C2S" --peer-fail --peer-says "Received alert [%a]" \
	-- gnutls-cli $CLI $CLICERT
step "the root CA in .tls13-client-ca too"
tls_client_ca_add "$PKI/root.der" >/dev/null
kcase "gnutls cert server: default identity (.tls13-server), client checked against .tls13-client-ca" \
	server --listen $ADDR --auth x509 $DATA --expect-peer-cert --expect-peerid-set \
	--expect-scheme ecdsa_secp256r1_sha256 \
	-- gnutls-cli $CLI $CLICERT

# Refusals: the kernel's alert, sent or received; gnutls-cli reports it
# ("Received alert [%a]": the number the kernel reported).
kcase "gnutls cert server: refused: client certificate required, none sent (certificate_required)" \
	$S $P256 --require-client-cert --expect-fail --expect-alert certificate_required \
	--peer-stdin "$C2S" --peer-fail --peer-says "Received alert [%a]" \
	-- gnutls-cli $CLI

kcase "gnutls cert server: refused: client certificate from an unknown CA (unknown_ca)" \
	$S $P256 --expect-fail --expect-alert unknown_ca \
	--peer-stdin "$C2S" --peer-fail --peer-says "Received alert [%a]" \
	-- gnutls-cli $CLI --x509certfile $PKI/unknown.pem --x509keyfile $PKI/unknown.key.pem

kcase "gnutls cert server: refused: expired client certificate (certificate_expired)" \
	$S $P256 --expect-fail --expect-alert certificate_expired \
	--peer-stdin "$C2S" --peer-fail --peer-says "Received alert [%a]" \
	-- gnutls-cli $CLI --x509certfile $PKI/expired.pem --x509keyfile $PKI/expired.key.pem

kcase "gnutls cert server: refused: the client takes ecdsa_secp384r1_sha384 only, the key is P-256 (handshake_failure)" \
	$S $P256 --expect-fail --expect-alert handshake_failure \
	--peer-stdin "$C2S" --peer-fail --peer-says "Received alert [%a]" \
	-- gnutls-cli $CLI --priority $PRIO:-SIGN-ALL:+SIGN-ECDSA-SECP384R1-SHA384

# GnuTLS answers any certificate it does not trust with bad_certificate.
kcase "gnutls cert server: refused by gnutls-cli: expired server certificate (bad_certificate)" \
	$S --cert $C_EXP --privkey $K_EXP --expect-fail --expect-alert bad_certificate \
	--peer-stdin "$C2S" --peer-fail --peer-says "The certificate chain uses expired certificate" \
	-- gnutls-cli $CLI

interop_done
