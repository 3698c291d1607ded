#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# interop-gnutls-psk-server: the kernel's TLS 1.3 server, PSK, against
# gnutls-cli (GnuTLS 3.7): the cipher suites GnuTLS can use with a PSK,
# every group, psk_ke and psk_dhe_ke, a HelloRetryRequest forced by the
# kernel, a wrong PSK. tls13-peer listens, runs gnutls-cli and hands the
# accepted socket to /dev/tls13_test; gnutls-cli sends $C2S (then a
# close_notify: TLS 1.3 half-close) and must print exactly the $S2C the
# kernel side sent over kTLS, and tls13-peer must read exactly $C2S.
#
# Limits of the peer:
# - TLS_AES_256_GCM_SHA384 is not covered here: GnuTLS 3.7 binds every
#   external PSK to SHA-256 (the API to give a PSK its hash came with
#   GnuTLS 3.8); OpenSSL covers it (interop-openssl-psk-server).
# - gnutls-cli sends a key share for the first group of each kind
#   (X25519 and the first NIST curve); --single-key-share makes it one.
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/interop-lib.sh"

interop_setup

S="server --listen $ADDR --keyring $KR"
DATA="--send $S2C --expect $C2S --peer-stdin $C2S --peer-output $S2C"
CLI="$GT_CLIENT --pskusername"
X25519=-GROUP-ALL:+GROUP-X25519

kcase "TLS_AES_128_GCM_SHA256, x25519 (NVMe0R01 identity: SHA-256)" \
	$S $DATA --expect-suite 0x1301 --expect-group x25519 --expect-no-hrr \
	--expect-peerid "$S256" \
	-- gnutls-cli $CLI "$ID256" --pskkey $K256 \
	--priority $GT_BASE:$GT_KX:-CIPHER-ALL:+AES-128-GCM:$X25519

kcase "TLS_CHACHA20_POLY1305_SHA256, x25519 (32-byte key: SHA-256)" \
	$S $DATA --expect-suite 0x1303 --expect-group x25519 --expect-no-hrr \
	--expect-peerid "$SLEN" \
	-- gnutls-cli $CLI "$IDLEN" --pskkey $KLEN \
	--priority $GT_BASE:$GT_KX:-CIPHER-ALL:+CHACHA20-POLY1305:$X25519

# CCM is in few default lists; the kernel side names all four suites.
kcase "TLS_AES_128_CCM_SHA256, x25519" \
	$S --suite 0x1301,0x1302,0x1303,0x1304 $DATA \
	--expect-suite 0x1304 --expect-group x25519 --expect-no-hrr \
	-- gnutls-cli $CLI "$ID256" --pskkey $K256 \
	--priority $GT_BASE:$GT_KX:-CIPHER-ALL:+AES-128-CCM:$X25519

kcase "secp256r1" \
	$S $DATA --expect-suite 0x1301 --expect-group secp256r1 --expect-no-hrr \
	-- gnutls-cli $CLI "$ID256" --pskkey $K256 \
	--priority $GT_BASE:$GT_KX:-CIPHER-ALL:+AES-128-GCM:-GROUP-ALL:+GROUP-SECP256R1

kcase "secp384r1" \
	$S $DATA --expect-suite 0x1301 --expect-group secp384r1 --expect-no-hrr \
	-- gnutls-cli $CLI "$ID256" --pskkey $K256 \
	--priority $GT_BASE:$GT_KX:-CIPHER-ALL:+AES-128-GCM:-GROUP-ALL:+GROUP-SECP384R1

# gnutls-cli offers psk_ke alone (and still sends key shares, which the
# kernel must ignore). psk_ke has no forward secrecy: the kernel accepts
# it only when told to (--psk-ke here, the psk_ke module parameter).
kcase "psk_ke: the client offers psk_ke only, the kernel accepts it when asked" \
	$S --psk-ke $DATA --expect-suite 0x1301 --expect-group none --expect-no-hrr \
	-- gnutls-cli $CLI "$ID256" --pskkey $K256 \
	--priority $GT_BASE:-KX-ALL:+PSK:-CIPHER-ALL:+AES-128-GCM:$GT_GROUPS

kcase "psk_ke: the client offers psk_ke only, refused by default (handshake_failure)" \
	$S --expect-fail --expect-alert handshake_failure \
	--peer-stdin "$C2S" --peer-fail --peer-says "Received alert [%a]" \
	-- gnutls-cli $CLI "$ID256" --pskkey $K256 \
	--priority $GT_BASE:-KX-ALL:+PSK:-CIPHER-ALL:+AES-128-GCM:$GT_GROUPS

kcase "psk_dhe_ke: both sides psk_dhe_ke only" \
	$S --psk-dhe-ke $DATA --expect-suite 0x1301 --expect-group x25519 --expect-no-hrr \
	-- gnutls-cli $CLI "$ID256" --pskkey $K256 \
	--priority $GT_BASE:-KX-ALL:+ECDHE-PSK:-CIPHER-ALL:+AES-128-GCM:$X25519

kcase "HelloRetryRequest: key share x25519, the kernel takes secp256r1 only" \
	$S --group secp256r1 $DATA --expect-suite 0x1301 --expect-group secp256r1 --expect-hrr \
	-- gnutls-cli $CLI "$ID256" --pskkey $K256 --single-key-share \
	--priority $GT_BASE:$GT_KX:-CIPHER-ALL:+AES-128-GCM:$X25519:+GROUP-SECP256R1

# The kernel finds the identity, the binder does not verify: it must abort
# with an alert (RFC 8446 section 6.2: decrypt_error), which gnutls-cli
# reports as "Received alert [51]".
kcase "wrong PSK: the kernel refuses the binder" \
	$S --expect-fail --expect-alert decrypt_error \
	--peer-stdin "$C2S" --peer-fail --peer-says "Received alert [%a]" \
	-- gnutls-cli $CLI "$ID256" --pskkey $KBAD \
	--priority $GT_BASE:$GT_KX:-CIPHER-ALL:+AES-128-GCM:$X25519

interop_done
