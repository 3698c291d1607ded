#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# interop-gnutls-psk-client: the kernel's TLS 1.3 client, PSK, against
# gnutls-serv (GnuTLS 3.7): the cipher suites GnuTLS can use with a PSK,
# every group, psk_ke and psk_dhe_ke, a HelloRetryRequest forced by the
# server, a wrong PSK. tls13-peer runs each handshake through
# /dev/tls13_test and gnutls-serv --echo beside it; data crosses kTLS
# both ways and is compared byte for byte.
#
# Limits of the peer:
# - TLS_AES_256_GCM_SHA384 is not covered here: GnuTLS 3.7 binds every
#   external PSK to SHA-256 (gnutls_psk_allocate_*_credentials2, which
#   takes the PSK's hash, came with GnuTLS 3.8), so a SHA-384 suite can
#   never be negotiated with a PSK; OpenSSL covers it
#   (interop-openssl-psk-client).
# - gnutls-serv serves until killed: tls13-peer ends it (--peer-daemon).
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/interop-lib.sh"

interop_setup

# One gnutls-serv per case: every suite and group, psk_ke and psk_dhe_ke.
SRV="$GT_SERVER --priority $GT_BASE:$GT_KX:$GT_CIPHERS:$GT_GROUPS"
C="client --connect $ADDR"
DATA="--send $C2S --expect $C2S --peer-daemon"

kcase "TLS_AES_128_GCM_SHA256, x25519 (NVMe0R01 identity: SHA-256)" \
	$C --psk "$S256" --suite 0x1301 --group x25519 $DATA \
	--expect-suite 0x1301 --expect-group x25519 --expect-no-hrr --expect-peerid "$S256" \
	-- gnutls-serv $SRV

kcase "TLS_CHACHA20_POLY1305_SHA256, x25519 (32-byte key: SHA-256)" \
	$C --psk "$SLEN" --suite 0x1303 --group x25519 $DATA \
	--expect-suite 0x1303 --expect-group x25519 --expect-no-hrr --expect-peerid "$SLEN" \
	-- gnutls-serv $SRV

kcase "TLS_AES_128_CCM_SHA256, x25519" \
	$C --psk "$S256" --suite 0x1304 --group x25519 $DATA \
	--expect-suite 0x1304 --expect-group x25519 --expect-no-hrr \
	-- gnutls-serv $SRV

kcase "secp256r1" \
	$C --psk "$S256" --suite 0x1301 --group secp256r1 $DATA \
	--expect-suite 0x1301 --expect-group secp256r1 --expect-no-hrr \
	-- gnutls-serv $SRV

kcase "secp384r1" \
	$C --psk "$S256" --suite 0x1301 --group secp384r1 $DATA \
	--expect-suite 0x1301 --expect-group secp384r1 --expect-no-hrr \
	-- gnutls-serv $SRV

kcase "psk_ke (no key exchange)" \
	$C --psk "$S256" --suite 0x1301 --psk-ke $DATA \
	--expect-suite 0x1301 --expect-group none --expect-no-hrr \
	-- gnutls-serv $SRV

kcase "psk_dhe_ke only, the engine's default suites and groups" \
	$C --psk "$S256" --psk-dhe-ke $DATA --expect-group any --expect-no-hrr \
	-- gnutls-serv $SRV

kcase "HelloRetryRequest: key share x25519, the server takes secp384r1 only" \
	$C --psk "$S256" --suite 0x1301 --group x25519,secp256r1,secp384r1 $DATA \
	--expect-suite 0x1301 --expect-group secp384r1 --expect-hrr \
	-- gnutls-serv $GT_SERVER --priority $GT_BASE:$GT_KX:$GT_CIPHERS:-GROUP-ALL:+GROUP-SECP384R1

# The binder does not verify: GnuTLS answers illegal_parameter.
kcase "wrong PSK: the server refuses the binder" \
	$C --psk "$SBAD" --suite 0x1301 --group x25519 \
	--expect-fail --expect-alert illegal_parameter \
	--peer-daemon --peer-says "Error in handshake" \
	-- gnutls-serv $SRV

interop_done
