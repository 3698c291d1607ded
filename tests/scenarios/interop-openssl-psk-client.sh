#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# interop-openssl-psk-client: the kernel's TLS 1.3 client, PSK, against
# openssl s_server (OpenSSL 3.0): every cipher suite, every group, psk_ke
# and psk_dhe_ke, a HelloRetryRequest forced by the server, a session
# ticket right after the handshake, two PSKs offered, a wrong PSK.
# tls13-peer (tests/tools/tls13-peer/) runs each handshake through
# /dev/tls13_test and s_server beside it; data crosses kTLS both ways and
# is compared byte for byte (s_server -rev echoes every line reversed).
#
# Limits of the peer, none of which leaves a cell of the matrix empty:
# - "-psk" makes a SHA-256 PSK only; TLS_AES_256_GCM_SHA384 takes a
#   SHA-384 PSK from a PEM session (-psk_session, see make_keys).
# - s_server picks psk_dhe_ke whenever the client offers it with a usable
#   key share; psk_ke is the kernel client offering psk_ke alone
#   (-allow_no_dhe_kex lets s_server accept it).
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/interop-lib.sh"

interop_setup

# One s_server per case: every suite, our three groups, psk_ke allowed.
SRV="$OSSL_SERVER -ciphersuites $OSSL_SUITES -groups $OSSL_GROUPS -allow_no_dhe_kex"
C="client --connect $ADDR"
DATA="--send $C2S --expect $C2S_REV"

kcase "TLS_AES_128_GCM_SHA256, x25519 (NVMe0R01 identity: SHA-256)" \
	$C --psk "$S256" --suite 0x1301 --group x25519 $DATA \
	--expect-suite 0x1301 --expect-group x25519 --expect-no-hrr --expect-peerid "$S256" \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

kcase "TLS_AES_256_GCM_SHA384, x25519 (NVMe1R02 identity: SHA-384)" \
	$C --psk "$S384" --suite 0x1302 --group x25519 $DATA \
	--expect-suite 0x1302 --expect-group x25519 --expect-no-hrr --expect-peerid "$S384" \
	-- openssl $SRV -psk_session "$SESS384" -psk_identity "$ID384"

kcase "TLS_CHACHA20_POLY1305_SHA256, x25519 (32-byte key: SHA-256)" \
	$C --psk "$SLEN" --suite 0x1303 --group x25519 $DATA \
	--expect-suite 0x1303 --expect-group x25519 --expect-no-hrr --expect-peerid "$SLEN" \
	-- openssl $SRV -psk $KLEN -psk_identity "$IDLEN"

kcase "TLS_AES_128_CCM_SHA256, x25519" \
	$C --psk "$S256" --suite 0x1304 --group x25519 $DATA \
	--expect-suite 0x1304 --expect-group x25519 --expect-no-hrr --expect-peerid "$S256" \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

kcase "ALPN sunrpc (RFC 9289): offered, selected, required" \
	$C --psk "$S256" --suite 0x1301 --group x25519 --alpn sunrpc $DATA \
	--expect-suite 0x1301 --expect-group x25519 \
	-- openssl $SRV -alpn sunrpc -psk $K256 -psk_identity "$ID256"

kcase "secp256r1" \
	$C --psk "$S256" --suite 0x1301 --group secp256r1 $DATA \
	--expect-suite 0x1301 --expect-group secp256r1 --expect-no-hrr \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

kcase "secp384r1" \
	$C --psk "$S256" --suite 0x1301 --group secp384r1 $DATA \
	--expect-suite 0x1301 --expect-group secp384r1 --expect-no-hrr \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

kcase "psk_ke (no key exchange)" \
	$C --psk "$S256" --suite 0x1301 --psk-ke $DATA \
	--expect-suite 0x1301 --expect-group none --expect-no-hrr \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

kcase "psk_dhe_ke only, the engine's default suites and groups" \
	$C --psk "$S256" --psk-dhe-ke $DATA \
	--expect-group any --expect-no-hrr \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

kcase "HelloRetryRequest: key share x25519, the server takes secp384r1 only" \
	$C --psk "$S256" --suite 0x1301 --group x25519,secp256r1,secp384r1 $DATA \
	--expect-suite 0x1301 --expect-group secp384r1 --expect-hrr \
	-- openssl $OSSL_SERVER -ciphersuites $OSSL_SUITES -groups P-384 \
	-psk $K256 -psk_identity "$ID256"

# A NewSessionTicket follows the handshake at once (after a PSK handshake
# OpenSSL sends one, whatever -num_tickets says): the engine must not read
# past the server's Finished; kTLS hands the ticket to tls13-peer.
kcase "NewSessionTicket right after the handshake" \
	$C --psk "$S256" --suite 0x1301 --group x25519 $DATA \
	--expect-suite 0x1301 --expect-group x25519 --expect-tickets 1 \
	-- openssl $SRV -num_tickets 1 -psk $K256 -psk_identity "$ID256"

kcase "two PSKs offered, the server knows the second" \
	$C --psk "$SLEN,$S256" --suite 0x1301 --group x25519 $DATA \
	--expect-suite 0x1301 --expect-peerid "$S256" \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

# The server finds the identity, the binder does not verify: it sends
# illegal_parameter (OpenSSL's choice) and logs why.
kcase "wrong PSK: the server refuses the binder" \
	$C --psk "$SBAD" --suite 0x1301 --group x25519 \
	--expect-fail --expect-alert illegal_parameter \
	--peer-says "binder does not verify" \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"

# The module parameters restrict what the engine offers when the request
# does not (nvme-tcp and sunrpc never do): tls13.suites and tls13.groups.
P=/sys/module/tls13/parameters
echo 0x1303 > $P/suites
echo 0x17 > $P/groups
kcase "module parameters: suites=0x1303 groups=0x17" \
	$C --psk "$S256" $DATA \
	--expect-suite 0x1303 --expect-group secp256r1 --expect-no-hrr \
	-- openssl $SRV -psk $K256 -psk_identity "$ID256"
echo 0x1301,0x1302,0x1303,0x1304 > $P/suites
echo 0x1d,0x17,0x18 > $P/groups

interop_done
