#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# keyupdate-interop: KeyUpdate (RFC 8446 section 4.6.3) followed on a
# kernel whose kTLS can change keys (6.14 and later; make check runs it
# on Linux 7.3). tls13-peer runs the engine's handshake through
# /dev/tls13_test, then exchanges data over kTLS while it sends a
# KeyUpdate(update_requested) of its own after every 4 KiB (at a line's
# end: s_server -rev reads lines, and a KeyUpdate that cuts one makes it
# reverse the two pieces apart); each one
# moves the engine's send key, and the peer's answering KeyUpdate, read
# from kTLS, is handed back to the engine (TLS13_TEST_KEY_UPDATE), which
# moves the receive key. The peers are OpenSSL 3.0 and GnuTLS: they
# decrypt what we send under each new key and answer under theirs; the
# data is compared byte for byte both ways, and the tool requires that
# it followed at least one KeyUpdate of the peer.
# Every cipher suite with OpenSSL, both roles; GnuTLS in both roles.
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/interop-lib.sh"

interop_setup

KU="--key-update-every 4096 --expect-key-updates 1"

step "the engine as client, openssl s_server (-rev) as server"
SRV="$OSSL_SERVER -ciphersuites $OSSL_SUITES -groups $OSSL_GROUPS"
C="client --connect $ADDR"
DATA="--send $C2S --expect $C2S_REV $KU"

kcase "client, TLS_AES_128_GCM_SHA256" \
	$C --psk "$S256" --suite 0x1301 $DATA --expect-suite 0x1301 \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

kcase "client, TLS_AES_256_GCM_SHA384" \
	$C --psk "$S384" --suite 0x1302 $DATA --expect-suite 0x1302 \
	-- openssl $SRV -psk_session "$SESS384" -psk_identity "$ID384"

kcase "client, TLS_CHACHA20_POLY1305_SHA256" \
	$C --psk "$SLEN" --suite 0x1303 $DATA --expect-suite 0x1303 \
	-- openssl $SRV -psk $KLEN -psk_identity "$IDLEN"

kcase "client, TLS_AES_128_CCM_SHA256" \
	$C --psk "$S256" --suite 0x1304 $DATA --expect-suite 0x1304 \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

step "the engine as server, openssl s_client as client"
S="server --listen $ADDR --keyring $KR"
DATA="--send $S2C --expect $C2S --peer-stdin $C2S --peer-output $S2C $KU"
CLI="$OSSL_CLIENT -groups $OSSL_GROUPS"

kcase "server, TLS_AES_128_GCM_SHA256" \
	$S $DATA --expect-suite 0x1301 \
	-- openssl $CLI -ciphersuites TLS_AES_128_GCM_SHA256 -psk $K256 -psk_identity "$ID256"

kcase "server, TLS_AES_256_GCM_SHA384" \
	$S $DATA --expect-suite 0x1302 \
	-- openssl $CLI -ciphersuites TLS_AES_256_GCM_SHA384 -psk_session "$SESS384" \
	-psk_identity "$ID384"

kcase "server, TLS_CHACHA20_POLY1305_SHA256" \
	$S $DATA --expect-suite 0x1303 \
	-- openssl $CLI -ciphersuites TLS_CHACHA20_POLY1305_SHA256 -psk $KLEN -psk_identity "$IDLEN"

kcase "server, TLS_AES_128_CCM_SHA256" \
	$S --suite 0x1301,0x1302,0x1303,0x1304 $DATA --expect-suite 0x1304 \
	-- openssl $CLI -ciphersuites TLS_AES_128_CCM_SHA256 -psk $K256 -psk_identity "$ID256"

# GnuTLS ends a connection on more than 8 KeyUpdates a second (its own
# guard): one every 16 KiB. gnutls-cli answers update_requested with the
# next data it sends, and it has sent its input by then: in that case
# only our KeyUpdates are checked (the data decrypted under each new key).
step "GnuTLS: gnutls-serv (--echo) and gnutls-cli"
GSRV="$GT_SERVER --priority $GT_BASE:$GT_KX:$GT_CIPHERS:$GT_GROUPS"
kcase "client, gnutls-serv, TLS_AES_128_GCM_SHA256" \
	$C --psk "$S256" --suite 0x1301 --send $C2S --expect $C2S \
	--key-update-every 16384 --expect-key-updates 1 \
	--expect-suite 0x1301 --peer-daemon \
	-- gnutls-serv $GSRV

DATA="--send $S2C --expect $C2S --peer-stdin $C2S --peer-output $S2C"
kcase "server, gnutls-cli, TLS_AES_128_GCM_SHA256" \
	$S $DATA --key-update-every 16384 --expect-suite 0x1301 \
	-- gnutls-cli $GT_CLIENT --pskusername "$ID256" --pskkey $K256 \
	--priority $GT_BASE:$GT_KX:-CIPHER-ALL:+AES-128-GCM:$GT_GROUPS

interop_done
