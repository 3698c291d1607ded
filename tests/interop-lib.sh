# SPDX-License-Identifier: GPL-2.0-only
# Helpers for the interop scenarios (tests/scenarios/interop-*.sh; POSIX sh,
# sourced after tests/lib.sh). The kernel side is build/tools/tls13-peer
# driving /dev/tls13_test; the peer, openssl or gnutls, is run by
# tls13-peer itself (the command after "--"), so readiness, timeouts, exit
# status and the peer's output are all checked in one place.
#
# A scenario is a list of cases:
#
#   kcase "title" client|server TOOL-OPTIONS... -- PEER COMMAND...
#
# Each prints "# case: title", the tool's report and "# result: pass|FAIL";
# interop_done fails the scenario if any case failed.
#
# Certificate scenarios (interop-*-cert-*.sh) also call interop_pki: the
# test PKI of tests/pki-lib.sh, loaded into kernel keyrings.

PORT=${INTEROP_PORT:-4433}
ADDR=127.0.0.1:$PORT
TMO=60000	# ms per case: peer start, handshake under TCG, data, peer exit
TOOL=$TLS13_TOP/build/tools/tls13-peer
WORK=${INTEROP_WORK:-/tmp/interop}

. "$TLS13_TOP/tests/pki-lib.sh"

# Fixed key material, so that logs are comparable between runs.
# ID256: NVMe identity, hash SHA-256 by its "R01"; 32-byte key.
# ID384: NVMe identity, hash SHA-384 by its "R02"; 48-byte key.
# IDLEN: not an NVMe identity, hash SHA-256 by the key's length (32).
# KBAD: a wrong key for ID256 (the negative cases).
# Identities carry spaces as real NVMe ones do, but no ':' (the separator
# of gnutls-serv's --pskpasswd file).
ID256="NVMe0R01 nqn.2014-08.org.example.host-1 nqn.2014-08.org.example.subsys-1"
K256=280369f2931ebab3283c1e76b327575ec3f45bb0e3f8d962d670b263c56cb42a
ID384="NVMe1R02 nqn.2014-08.org.example.host-1 nqn.2014-08.org.example.subsys-1"
K384=50e0603b780b8bc3717041bf6054689051bf787f2fe0b09690684cf1aef14acf2b9ad79cecc134ffa2a273b506a63c7c
IDLEN="tls13-interop-by-length"
KLEN=6160d39532d34aaa121fab134401e8cc4d808d07077c22716dadc80c011299ff
KBAD=f4f0a349f7554323760063586d831d271d624ce373c82411733d8a7b3c31ed19

# Peer spellings. The variables below are expanded unquoted on purpose
# (word splitting; no glob characters in them).
OSSL_SUITES=TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256
OSSL_GROUPS=X25519:P-256:P-384
GT_BASE=NORMAL:-VERS-ALL:+VERS-TLS1.3
GT_KX=-KX-ALL:+PSK:+ECDHE-PSK
GT_CIPHERS=-CIPHER-ALL:+AES-128-GCM:+CHACHA20-POLY1305:+AES-128-CCM:+AES-256-GCM
GT_GROUPS=-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1

# openssl s_server: one connection, PSK only (-nocert), TLS 1.3, echoes
# every line reversed (-rev: the tool expects $C2S_REV), no session
# tickets unless a case asks for them.
OSSL_SERVER="s_server -accept $ADDR -naccept 1 -nocert -tls1_3 -quiet -rev -num_tickets 0"
# The same with certificates (interop_pki): s_server takes -cert, -key,
# -cert_chain and, to ask for a client certificate, -verify/-Verify with
# -CAfile; s_client takes -CAfile, -verify_return_error and the name.
OSSL_CSERVER="s_server -accept $ADDR -naccept 1 -tls1_3 -quiet -rev -num_tickets 0"
GT_CSERVER="--port $PORT --echo --noticket -q"
# openssl s_client: sends its stdin, prints only what it receives (-quiet,
# which also ignores the end of stdin: it stays until the server closes).
OSSL_CLIENT="s_client -connect $ADDR -tls1_3 -quiet -nocommands -no_ticket"
# gnutls-serv: echoes what it receives; never exits (--peer-daemon); its
# PSKs are in $WORK/psk.passwd (make_keys).
GT_SERVER="--port $PORT --echo --noticket -q --pskpasswd $WORK/psk.passwd"
# gnutls-cli: sends its stdin, then close_notify, and prints what it
# receives until the server closes; its messages go to stderr (--logfile;
# the VM's devtmpfs has no /dev/stderr link).
GT_CLIENT="--port $PORT 127.0.0.1 --logfile=/proc/self/fd/2"

n_cases=0
n_failed=0
failed_cases=

# interop_setup: the tool, the device, loopback, payloads and keys.
interop_setup() {
	set -f	# no globbing in the unquoted expansions above
	step "tls13-peer built on the host"
	[ -x "$TOOL" ] || {
		echo "# $TOOL missing: run 'make tools' on the host before the VM"
		return 1
	}
	rm -rf "$WORK"
	mkdir -p "$WORK"
	step "loopback up, /dev/tls13_test present"
	ip link set lo up
	[ -c /dev/tls13_test ]

	step "payloads"
	C2S=$WORK/c2s S2C=$WORK/s2c C2S_REV=$WORK/c2s.rev
	make_payload "$C2S" c2s 600
	make_payload "$S2C" s2c 450
	rev <"$C2S" >"$C2S_REV"

	step "PSKs"
	make_keys
}

# make_payload FILE TAG LINES: about 75 bytes a line of varying length,
# printable, no CR: fine for -rev, --echo and terminals alike. 600 lines
# are 45 KB, several records each way.
make_payload() {
	i=0
	while [ "$i" -lt "$3" ]; do
		w=$(((i * 37) % 97 + 1))
		printf "%s %05d %0${w}d .,;:-_=+ tls13 interop\n" "$2" "$i" $(((i * 7919) % 100003))
		i=$((i + 1))
	done >"$1"
}

# make_keys: the kernel keys, the peers' PSK files.
# KR: a keyring with ID256, ID384 and IDLEN (server side: --keyring $KR;
# client side: --psk $S256 etc.). KRBAD: ID256 with the wrong key (a
# keyring updates a key of the same description, hence a second ring).
make_keys() {
	# gnutls-serv's PSK file: every identity the peer server knows
	printf '%s:%s\n' "$ID256" "$K256" "$IDLEN" "$KLEN" >"$WORK/psk.passwd"
	# openssl has no option for a SHA-384 PSK: -psk always makes a
	# TLS_AES_128_GCM_SHA256 session. -psk_session reads one from a
	# PEM SSL_SESSION: SEQUENCE { version 1, TLS 1.3, cipher 0x1302,
	# empty session id, master key = the PSK }.
	SESS384=$WORK/psk384.pem
	{
		echo "-----BEGIN SSL SESSION PARAMETERS-----"
		echo "303f020101020203040402130204000430$K384" | xxd -r -p | base64 -w 64
		echo "-----END SSL SESSION PARAMETERS-----"
	} >"$SESS384"

	KR=$(new_ring tls13-interop)
	KRBAD=$(new_ring tls13-interop-bad)
	S256=$(add_psk "$ID256" "$K256" "$KR")
	S384=$(add_psk "$ID384" "$K384" "$KR")
	SLEN=$(add_psk "$IDLEN" "$KLEN" "$KR")
	SBAD=$(add_psk "$ID256" "$KBAD" "$KRBAD")
	echo "# keys: ring $KR: $S256 (ID256) $S384 (ID384) $SLEN (IDLEN); ring $KRBAD: $SBAD (ID256, wrong key)"
}

# interop_pki: the test PKI (tests/pki-lib.sh) in $PKI, and in keyrings:
#   TRUST        a keyring with the root CA (--keyring $TRUST)
#   C_x / K_x    "user" keys of certificate (chain) and private key:
#     SRV, K_SRV        server P-256, chain with the intermediate; PKCS#8
#     SRV384, K_SRV384  server P-384; its key PKCS#8, K_SRV384_SEC1 SEC1
#     RSA, K_RSA        server RSA-2048; its key PKCS#8, K_RSA_PKCS1 PKCS#1
#     CLI, K_CLI        client P-256, chain with the intermediate
#     EXP, K_EXP        expired (serverAuth and clientAuth)
# The peers take the other certificates as PEM files from $PKI.
# The default identities and .tls13-trust: interop_defaults.
interop_pki() {
	if [ -f "${TLS13_PKI:-/nonexistent}/done" ]; then
		# made on the host by scripts/vm-run.sh: ~45 execs less here
		PKI=$TLS13_PKI
		step "test PKI from $PKI (made on the host)"
	else
		PKI=$WORK/pki
		step "test PKI: root and intermediate CA, P-256, P-384 and RSA leaves"
		t0=$(date +%s)
		pki_make "$PKI"
		echo "# made in $(($(date +%s) - t0)) s"
	fi
	step "trust anchors and certificates in keyrings"
	TRUST=$(new_ring tls13-interop-trust)
	ca=$(cert_trust "$TRUST" "$PKI/root.der")
	C_SRV=$(cert_user "$PKI/server.chain.der")
	K_SRV=$(cert_user "$PKI/server.key.der")
	C_SRV384=$(cert_user "$PKI/server384.der")
	K_SRV384=$(cert_user "$PKI/server384.key.der")
	K_SRV384_SEC1=$(cert_user "$PKI/server384.key.sec1.der")
	C_RSA=$(cert_user "$PKI/serverrsa.der")
	K_RSA=$(cert_user "$PKI/serverrsa.key.der")
	K_RSA_PKCS1=$(cert_user "$PKI/serverrsa.key.pkcs1.der")
	C_CLI=$(cert_user "$PKI/client.chain.der")
	K_CLI=$(cert_user "$PKI/client.key.der")
	C_EXP=$(cert_user "$PKI/expired.der")
	K_EXP=$(cert_user "$PKI/expired.key.der")
	echo "# ring $TRUST: root CA $ca; server $C_SRV/$K_SRV, P-384 $C_SRV384/$K_SRV384 (SEC1 $K_SRV384_SEC1), RSA $C_RSA/$K_RSA (PKCS#1 $K_RSA_PKCS1), client $C_CLI/$K_CLI"
	grep ' asymmetri tls13 test root CA: ' /proc/keys | sed 's/^/# /'
}

# cert_trust RING DER, cert_user FILE: pki_trust and pki_user.
cert_trust() {
	pki_trust "$1" "$2"
}
cert_user() {
	pki_user "$1"
}

# interop_defaults client|server: the engine's default identity of that
# role (.tls13-client or .tls13-server: the client or server P-256 chain)
# and the root CA in .tls13-trust, for requests with no --cert and no
# --keyring.
interop_defaults() {
	step "default identity in .tls13-$1, the root CA in .tls13-trust"
	# from nothing: an earlier scenario in this boot may have filled them
	tls_keys_clear
	ca=$(tls_trust_add "$PKI/root.der")
	tls_identity_set "$1" "$PKI/$1.chain.der" "$PKI/$1.key.der"
	echo "# .tls13-trust $(tls_ring .tls13-trust): CA $ca; .tls13-$1 $(tls_ring ".tls13-$1"): cert $cert_serial, privkey $privkey_serial"
}

new_ring() {
	# @u: a keyctl process without a session keyring gets a new one that
	# dies with it, and the ring with it
	keyctl newring "$1" @u
}

# add_psk IDENTITY HEX RING: the key's serial. Type "psk" (the NVMe
# keyring's) when the kernel has it, else "user".
add_psk() {
	echo "$2" | xxd -r -p >"$WORK/key.bin"
	keyctl padd psk "$1" "$3" <"$WORK/key.bin" 2>/dev/null ||
		keyctl padd user "$1" "$3" <"$WORK/key.bin"
}

# kcase TITLE TOOL-ARGS... -- PEER...
kcase() {
	title=$1
	shift
	n_cases=$((n_cases + 1))
	echo "# case: $title"
	role=$1
	shift
	"$TOOL" "$role" --timeout-ms "$TMO" "$@" && {
		echo "# result: pass ($title)"
		return 0
	}
	echo "# result: FAIL ($title)"
	n_failed=$((n_failed + 1))
	failed_cases="$failed_cases
#   $title"
}

interop_done() {
	step "every one of the $n_cases cases passed"
	[ "$n_failed" = 0 ] || {
		echo "# $n_failed of $n_cases cases failed:$failed_cases"
		return 1
	}
}
