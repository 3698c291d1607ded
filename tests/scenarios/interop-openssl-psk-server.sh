#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# interop-openssl-psk-server: the kernel's TLS 1.3 server, PSK, against
# openssl s_client (OpenSSL 3.0): every cipher suite, every group, psk_ke
# and psk_dhe_ke, a HelloRetryRequest forced by the kernel, a wrong PSK.
# tls13-peer listens, runs s_client and hands the accepted socket to
# /dev/tls13_test; s_client sends $C2S and must print exactly the $S2C
# the kernel side sent over kTLS, and tls13-peer must read exactly $C2S.
#
# Limits of the peer, none of which leaves a cell of the matrix empty:
# - "-psk" makes a SHA-256 PSK only; TLS_AES_256_GCM_SHA384 takes a
#   SHA-384 PSK from a PEM session (-psk_session, see make_keys).
# - s_client always offers psk_dhe_ke (with -allow_no_dhe_kex also
#   psk_ke): psk_ke is the kernel server accepting psk_ke only.
# - s_client sends one key share, for the first of -groups.
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/interop-lib.sh"

interop_setup

S="server --listen $ADDR --keyring $KR"
DATA="--send $S2C --expect $C2S --peer-stdin $C2S --peer-output $S2C"
CLI="$OSSL_CLIENT -groups $OSSL_GROUPS"

kcase "TLS_AES_128_GCM_SHA256, x25519 (NVMe0R01 identity: SHA-256)" \
	$S $DATA --expect-suite 0x1301 --expect-group x25519 --expect-no-hrr \
	--expect-peerid "$S256" \
	-- openssl $CLI -ciphersuites TLS_AES_128_GCM_SHA256 -psk $K256 -psk_identity "$ID256"

kcase "TLS_AES_256_GCM_SHA384, x25519 (NVMe1R02 identity: SHA-384)" \
	$S $DATA --expect-suite 0x1302 --expect-group x25519 --expect-no-hrr \
	--expect-peerid "$S384" \
	-- openssl $CLI -ciphersuites TLS_AES_256_GCM_SHA384 -psk_session "$SESS384" \
	-psk_identity "$ID384"

kcase "TLS_CHACHA20_POLY1305_SHA256, x25519 (32-byte key: SHA-256)" \
	$S $DATA --expect-suite 0x1303 --expect-group x25519 --expect-no-hrr \
	--expect-peerid "$SLEN" \
	-- openssl $CLI -ciphersuites TLS_CHACHA20_POLY1305_SHA256 -psk $KLEN -psk_identity "$IDLEN"

# CCM is in few default lists; the kernel side names all four suites.
kcase "TLS_AES_128_CCM_SHA256, x25519" \
	$S --suite 0x1301,0x1302,0x1303,0x1304 $DATA \
	--expect-suite 0x1304 --expect-group x25519 --expect-no-hrr --expect-peerid "$S256" \
	-- openssl $CLI -ciphersuites TLS_AES_128_CCM_SHA256 -psk $K256 -psk_identity "$ID256"

kcase "secp256r1" \
	$S $DATA --expect-suite 0x1301 --expect-group secp256r1 --expect-no-hrr \
	-- openssl $OSSL_CLIENT -groups P-256 -ciphersuites TLS_AES_128_GCM_SHA256 \
	-psk $K256 -psk_identity "$ID256"

kcase "ALPN sunrpc (RFC 9289): required and selected" \
	$S $DATA --alpn sunrpc --expect-suite 0x1301 \
	-- openssl $OSSL_CLIENT -alpn sunrpc -ciphersuites TLS_AES_128_GCM_SHA256 \
	-psk $K256 -psk_identity "$ID256"

kcase "ALPN mismatch: the kernel refuses h2 with no_application_protocol" \
	$S --alpn sunrpc --expect-fail --expect-alert no_application_protocol \
	--peer-stdin "$C2S" --peer-fail --peer-says "SSL alert number %a" \
	-- openssl $OSSL_CLIENT -alpn h2 -ciphersuites TLS_AES_128_GCM_SHA256 \
	-psk $K256 -psk_identity "$ID256"

kcase "secp384r1" \
	$S $DATA --expect-suite 0x1301 --expect-group secp384r1 --expect-no-hrr \
	-- openssl $OSSL_CLIENT -groups P-384 -ciphersuites TLS_AES_128_GCM_SHA256 \
	-psk $K256 -psk_identity "$ID256"

kcase "psk_ke: the client offers both modes, the kernel accepts psk_ke only" \
	$S --psk-ke $DATA --expect-suite 0x1301 --expect-group none --expect-no-hrr \
	-- openssl $CLI -allow_no_dhe_kex -ciphersuites TLS_AES_128_GCM_SHA256 \
	-psk $K256 -psk_identity "$ID256"

kcase "psk_dhe_ke: the kernel accepts psk_dhe_ke only" \
	$S --psk-dhe-ke $DATA --expect-suite 0x1301 --expect-group x25519 --expect-no-hrr \
	-- openssl $CLI -ciphersuites TLS_AES_128_GCM_SHA256 -psk $K256 -psk_identity "$ID256"

kcase "HelloRetryRequest: key share x25519, the kernel takes secp256r1 only" \
	$S --group secp256r1 $DATA --expect-suite 0x1301 --expect-group secp256r1 --expect-hrr \
	-- openssl $OSSL_CLIENT -groups X25519:P-256 -ciphersuites TLS_AES_128_GCM_SHA256 \
	-psk $K256 -psk_identity "$ID256"

# The kernel finds the identity, the binder does not verify: it must abort
# with an alert (RFC 8446 section 6.2: decrypt_error), which s_client
# reports as "SSL alert number 51".
kcase "wrong PSK: the kernel refuses the binder" \
	$S --expect-fail --expect-alert decrypt_error \
	--peer-stdin "$C2S" --peer-fail --peer-says "SSL alert number %a" \
	-- openssl $CLI -ciphersuites TLS_AES_128_GCM_SHA256 -psk $KBAD -psk_identity "$ID256"

interop_done
