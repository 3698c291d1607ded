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
#
# With INTEROP_HOST=1 (tests/tools/check-interop-peers.sh) the same scenario
# runs on the host without the kernel: every PEER COMMAND runs unchanged
# against the other TLS library standing in for the kernel side, configured
# from the same TOOL-OPTIONS (host_case below). That proves the peer command
# lines and the expectations before the engine exists.

PORT=${INTEROP_PORT:-4433}
ADDR=127.0.0.1:$PORT
TMO=30000	# ms per case: peer start, handshake under TCG, data, peer exit
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
GT_CKX=-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA
# The SignatureSchemes the kernel signs and verifies, in each spelling: a
# stand-in limited to them behaves like the kernel (host mode). GnuTLS
# needs the certificates' own ecdsa-with-SHA256 (SIGN-ECDSA-SHA256).
OSSL_SIGALGS=ecdsa_secp256r1_sha256:ecdsa_secp384r1_sha384:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:rsa_pss_pss_sha256:rsa_pss_pss_sha384:rsa_pss_pss_sha512
GT_SIGALGS=-SIGN-ALL:+SIGN-ECDSA-SECP256R1-SHA256:+SIGN-ECDSA-SECP384R1-SHA384:+SIGN-RSA-PSS-RSAE-SHA256:+SIGN-RSA-PSS-RSAE-SHA384:+SIGN-RSA-PSS-RSAE-SHA512:+SIGN-RSA-PSS-SHA256:+SIGN-RSA-PSS-SHA384:+SIGN-RSA-PSS-SHA512:+SIGN-ECDSA-SHA256
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
	if [ "${INTEROP_HOST:-}" != 1 ]; then
		step "loopback up, /dev/tls13_test present"
		ip link set lo up
		[ -c /dev/tls13_test ]
	fi

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
	[ "${INTEROP_HOST:-}" = 1 ] || grep ' asymmetri tls13 test root CA: ' /proc/keys | sed 's/^/# /'
}

# cert_trust RING DER, cert_user FILE: pki_trust and pki_user, or in host
# mode a made-up serial that stands for the file (host_file).
cert_trust() {
	if [ "${INTEROP_HOST:-}" = 1 ]; then
		host_serial "ca:$1" "$2"
		return
	fi
	pki_trust "$1" "$2"
}
cert_user() {
	if [ "${INTEROP_HOST:-}" = 1 ]; then
		host_serial file "$1"
		return
	fi
	pki_user "$1"
}

# interop_defaults client|server: the engine's default identity of that
# role (.tls13-client or .tls13-server: the client or server P-256 chain)
# and the root CA in .tls13-trust, for requests with no --cert and no
# --keyring.
interop_defaults() {
	if [ "${INTEROP_HOST:-}" = 1 ]; then
		host_serial "ca:default" "$PKI/root.der" >/dev/null
		host_serial "default-$1" "$PKI/$1.chain.der" >/dev/null
		host_serial "default-$1-key" "$PKI/$1.key.der" >/dev/null
		return
	fi
	step "default identity in .tls13-$1, the root CA in .tls13-trust"
	ca=$(tls_trust_add "$PKI/root.der")
	tls_identity_set "$1" "$PKI/$1.chain.der" "$PKI/$1.key.der"
	echo "# .tls13-trust $(tls_ring .tls13-trust): CA $ca; .tls13-$1 $(tls_ring ".tls13-$1"): cert $cert_serial, privkey $privkey_serial"
}

new_ring() {
	if [ "${INTEROP_HOST:-}" = 1 ]; then
		host_serial
		return
	fi
	# @u: a keyctl process without a session keyring gets a new one that
	# dies with it, and the ring with it
	keyctl newring "$1" @u
}

# add_psk IDENTITY HEX RING: the key's serial. Type "psk" (the NVMe
# keyring's) when the kernel has it, else "user".
add_psk() {
	if [ "${INTEROP_HOST:-}" = 1 ]; then
		host_serial "$1" "$2"
		return
	fi
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
	if [ "${INTEROP_HOST:-}" = 1 ]; then
		host_case "$@"
	else
		role=$1
		shift
		"$TOOL" "$role" --timeout-ms "$TMO" "$@"
	fi && {
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

# ----------------------------------------------------------------------
# Host mode: the other library stands in for the kernel.

host_serial() {	# host_serial [IDENTITY HEX]: a made-up serial
	n=$(($(cat "$WORK/host.n" 2>/dev/null || echo 1000) + 1))
	echo "$n" >"$WORK/host.n"
	[ $# = 0 ] || printf '%s\t%s\t%s\n' "$n" "$1" "$2" >>"$WORK/host.keys"
	echo "$n"
}

host_key() {	# host_key SERIAL: ID and HEX of a host key
	ID=$(awk -F '\t' -v s="$1" '$1 == s { print $2 }' "$WORK/host.keys")
	HEX=$(awk -F '\t' -v s="$1" '$1 == s { print $3 }' "$WORK/host.keys")
}

# The kernel-side options of a case, parsed the way tls13-peer does.
host_parse() {
	h_role=$1
	h_psk='' h_suites='' h_groups='' h_flags='' h_send='' h_expect=''
	h_esuite='' h_egroup='' h_ehrr='' h_fail='' h_ealert='' h_says=''
	h_pstdin=/dev/null h_pout='' h_pfail='' h_daemon=''
	h_auth=psk h_cert='' h_key='' h_ring='' h_name='' h_creq='' h_alpn=''
	h_epeer='' h_esent='' h_escheme='' h_epscheme=''
	shift
	while [ $# -gt 0 ]; do
		case $1 in
		--) shift; break ;;
		--connect | --listen | --expect-peerid | --timeout-ms | \
			--expect-tickets) shift ;;
		--expect-peerid-set | --expect-no-peerid) ;;
		--keyring) h_ring=$2; shift ;;
		--auth) h_auth=$2; shift ;;
		--cert) h_cert=$2; shift ;;
		--privkey) h_key=$2; shift ;;
		--peername) h_name=$2; shift ;;
		--alpn) h_alpn=$2; shift ;;
		--no-client-cert) h_creq=no ;;
		--require-client-cert) h_creq=require ;;
		--expect-peer-cert) h_epeer=yes ;;
		--expect-no-peer-cert) h_epeer=no ;;
		--expect-cert-sent) h_esent=yes ;;
		--expect-no-cert-sent) h_esent=no ;;
		--expect-scheme) h_escheme=$2; shift ;;
		--expect-peer-scheme) h_epscheme=$2; shift ;;
		--psk) h_psk=$2; shift ;;
		--suite) h_suites=$2; shift ;;
		--group) h_groups=$2; shift ;;
		--psk-ke) h_flags=ke ;;
		--psk-dhe-ke) h_flags=dhe ;;
		--send) h_send=$2; shift ;;
		--expect) h_expect=$2; shift ;;
		--expect-suite) h_esuite=$2; shift ;;
		--expect-group) h_egroup=$2; shift ;;
		--expect-hrr) h_ehrr=yes ;;
		--expect-no-hrr) h_ehrr=no ;;
		--expect-fail) h_fail=1 ;;
		--expect-alert) h_ealert=$2; shift ;;
		--peer-says) h_says=$2; shift ;;
		--peer-stdin) h_pstdin=$2; shift ;;
		--peer-output) h_pout=$2; shift ;;
		--peer-fail) h_pfail=1 ;;
		--peer-daemon) h_daemon=1 ;;
		*) echo "# host mode: unknown option $1"; return 1 ;;
		esac
		shift
	done
	h_peer=$1
}

alert_num() {
	case $1 in
	illegal_parameter) echo 47 ;;
	decrypt_error) echo 51 ;;
	handshake_failure) echo 40 ;;
	protocol_version) echo 70 ;;
	bad_certificate) echo 42 ;;
	certificate_expired) echo 45 ;;
	certificate_unknown) echo 46 ;;
	unknown_ca) echo 48 ;;
	certificate_required) echo 116 ;;
	no_application_protocol) echo 120 ;;
	*) echo "$1" ;;
	esac
}

# Suite/group lists of the kernel options in each library's spelling.
ossl_suites() {
	[ -n "$h_suites" ] || { echo "$OSSL_SUITES"; return; }
	echo "$h_suites" | sed 's/0x1301/TLS_AES_128_GCM_SHA256/; s/0x1302/TLS_AES_256_GCM_SHA384/;
		s/0x1303/TLS_CHACHA20_POLY1305_SHA256/; s/0x1304/TLS_AES_128_CCM_SHA256/; s/,/:/g'
}
ossl_groups() {
	[ -n "$h_groups" ] || { echo "$OSSL_GROUPS"; return; }
	echo "$h_groups" | sed 's/x25519/X25519/; s/secp256r1/P-256/; s/secp384r1/P-384/; s/,/:/g'
}
gt_priority() {
	p=$GT_BASE
	case $h_flags in
	ke) p=$p:-KX-ALL:+PSK ;;
	dhe) p=$p:-KX-ALL:+ECDHE-PSK ;;
	*) p=$p:$GT_KX ;;
	esac
	if [ -n "$h_suites" ]; then
		p=$p:-CIPHER-ALL:$(echo "$h_suites" | sed 's/0x1301/+AES-128-GCM/;
			s/0x1302/+AES-256-GCM/; s/0x1303/+CHACHA20-POLY1305/;
			s/0x1304/+AES-128-CCM/; s/,/:/g')
	else
		p=$p:$GT_CIPHERS
	fi
	if [ -n "$h_groups" ]; then
		p=$p:-GROUP-ALL:$(echo "$h_groups" | sed 's/x25519/+GROUP-X25519/;
			s/secp256r1/+GROUP-SECP256R1/; s/secp384r1/+GROUP-SECP384R1/; s/,/:/g')
	else
		p=$p:$GT_GROUPS
	fi
	echo "$p"
}

# What a stand-in negotiated: h_gsuite, h_ggroup, h_ghrr from its log.
read_ossl_trace() {	# -trace output of s_client or s_server
	h_ghrr=no
	[ "$(grep -c ' ClientHello, Length=' "$1")" -ge 2 ] && h_ghrr=yes
	h_gsuite=$(sed -n 's/.*cipher_suite {0x13, 0x0\([1-5]\)}.*/0x130\1/p' "$1" | tail -n 1)
	h_ggroup=$(awk '/ ServerHello, Length=/ { sh = 1; g = "none"; next }
		/^ *[A-Za-z]+, Length=/ { sh = 0 }
		sh && /NamedGroup:/ { g = $2 }
		END { print g }' "$1" | sed 's/ecdh_x25519/x25519/')
}
read_gnutls_log() {	# -d 4 -V output of gnutls-cli or gnutls-serv
	h_ghrr=no
	grep -q 'HELLO RETRY REQUEST' "$1" && h_ghrr=yes
	h_gsuite=$(sed -n 's/^- Cipher: //p' "$1" | tail -n 1 | sed 's/^AES-128-GCM$/0x1301/;
		s/^AES-256-GCM$/0x1302/; s/^CHACHA20-POLY1305$/0x1303/; s/^AES-128-CCM$/0x1304/')
	h_ggroup=$(sed -n 's/^ - Using curve: //p' "$1" | tail -n 1 | tr 'A-Z' 'a-z')
	[ -n "$h_ggroup" ] || h_ggroup=none
}

host_check() {	# host_check WHAT GOT WANTED
	[ "$3" = any ] && [ -n "$2" ] && [ "$2" != none ] && return
	[ -z "$3" ] || [ "$2" = "$3" ] || {
		echo "# host: $1 is '$2', expected '$3'"
		h_bad=1
	}
}

# host_case TOOL-ARGS... -- PEER...: the peer against a stand-in.
host_case() {
	host_parse "$@" || return 1
	while [ "$1" != -- ]; do shift; done
	shift
	h_bad='' log=$WORK/standin.log out=$WORK/standin.out
	rm -f "$log" "$log.info" "$out" "$WORK/peer.out" "$WORK/peer.err"
	if [ "$h_auth" != psk ] && [ "$h_role" = client ]; then
		host_cert_client_side "$@"
	elif [ "$h_auth" != psk ]; then
		host_cert_server_side "$@"
	elif [ "$h_role" = client ]; then
		host_client_side "$@"
	else
		host_server_side "$@"
	fi
	for f in "$WORK/peer.out" "$WORK/peer.err" "$log"; do
		[ -s "$f" ] || continue
		[ -z "$h_bad" ] && [ -z "${INTEROP_VERBOSE:-}" ] && continue
		tail -n 8 "$f" | sed "s|^|# ${f##*/}: |"
	done
	[ -z "$h_bad" ]
}

# host_peer SECONDS PEER...: run the peer in the background as tls13-peer
# would (stderr a pipe: gnutls-cli reopens it as its --logfile); $ppid.
host_peer() {
	rm -f "$WORK/peer.fifo"
	mkfifo "$WORK/peer.fifo"
	cat "$WORK/peer.fifo" >"$WORK/peer.err" &
	catpid=$!
	t=$1
	shift
	timeout "$t" "$@" <"$h_pstdin" >"$WORK/peer.out" 2>"$WORK/peer.fifo" &
	ppid=$!
}

# The kernel would be the client: the peer is a server.
host_client_side() {
	psk=${h_psk##*,}	# one PSK only: userspace clients offer one
	host_key "$psk"
	host_peer 20 "$@"
	sleep 1
	stdin=${h_send:-/dev/null}
	if [ ${#HEX} = 96 ]; then
		echo "# host: stand-in openssl s_client (gnutls has no SHA-384 PSK)"
		pskopt="-psk_session $SESS384"
	else
		pskopt="-psk $HEX"
	fi
	modes=
	[ -z "$h_flags" ] && modes=-allow_no_dhe_kex	# offer both, as the kernel
	if [ ${#HEX} != 96 ] && { [ "$h_peer" = openssl ] || [ "$h_flags" = ke ]; }; then
		# gnutls-cli: offers psk_ke alone, like the kernel can
		# (s_client always offers psk_dhe_ke); one key share.
		echo "# host: stand-in gnutls-cli$([ "$h_peer" = openssl ] || echo ' (s_client cannot offer psk_ke alone)')"
		timeout 20 gnutls-cli -d 4 -V --port "$PORT" 127.0.0.1 --single-key-share \
			--pskusername "$ID" --pskkey "$HEX" --priority "$(gt_priority)" \
			${h_alpn:+--alpn="$h_alpn"} \
			--logfile="$log.info" <"$stdin" >"$out" 2>"$log"
		rc=$?
		cat "$log.info" >>"$log"
		read_gnutls_log "$log"
		seen_alert="Received alert \[$(alert_num "$h_ealert")\]"
	else
		[ ${#HEX} = 96 ] || echo "# host: stand-in openssl s_client"
		# s_client -quiet would wait for ever: let it end 2 s after
		# its input, with a close_notify.
		{ cat "$stdin"; sleep 2; } | timeout 20 openssl s_client -connect "$ADDR" \
			-tls1_3 -quiet -no_ign_eof -trace -msgfile "$log.info" $modes \
			$pskopt -psk_identity "$ID" -ciphersuites "$(ossl_suites)" \
			-groups "$(ossl_groups)" ${h_alpn:+-alpn "$h_alpn"} >"$out" 2>"$log"
		rc=$?
		cat "$log.info" >>"$log"
		read_ossl_trace "$log"
		seen_alert="alert number $(alert_num "$h_ealert")"
	fi
	if [ -n "$h_daemon" ]; then
		sleep 1
		{ kill "$ppid" && wait "$ppid"; } 2>/dev/null
	else
		wait "$ppid" || { echo "# host: the peer exited $?"; h_bad=1; }
	fi
	wait "$catpid"
	host_verdict "$rc"
	if [ -n "$h_fail" ] && [ -n "$h_ealert" ]; then
		grep -q "$seen_alert" "$log" || { echo "# host: no '$seen_alert'"; h_bad=1; }
	fi
	if [ -z "$h_fail" ] && [ -n "$h_expect" ]; then
		cmp "$out" "$h_expect" || { echo "# host: data differ"; h_bad=1; }
	fi
	if [ -n "$h_says" ]; then
		grep -qF "$h_says" "$WORK/peer.out" "$WORK/peer.err" ||
			{ echo "# host: the peer did not say '$h_says'"; h_bad=1; }
	fi
}

# The kernel would be the server: the peer is a client.
host_server_side() {
	# The key the peer offers, by its identity on the command line.
	for a in "$@"; do
		for s in $(cut -f 1 "$WORK/host.keys"); do
			host_key "$s"
			[ "$a" = "$ID" ] && break 2
		done
	done
	if [ "$h_peer" = gnutls-cli ] || [ ${#HEX} = 96 ]; then
		echo "# host: stand-in openssl s_server$([ "$h_peer" = gnutls-cli ] || echo ' (gnutls has no SHA-384 PSK)')"
		pskopt="-psk $HEX"
		[ ${#HEX} = 96 ] && pskopt="-psk_session $SESS384"
		mode=-allow_no_dhe_kex
		[ "$h_flags" = dhe ] && mode=
		timeout 20 openssl s_server -accept "$ADDR" -naccept 1 -nocert -tls1_3 \
			-quiet -rev -num_tickets 0 $pskopt -psk_identity "$ID" $mode \
			-ciphersuites "$(ossl_suites)" -groups "$(ossl_groups)" \
			${h_alpn:+-alpn "$h_alpn"} -trace -msgfile "$log" >"$out" 2>&1 &
		spid=$!
		echoed='rev'
	else
		echo "# host: stand-in gnutls-serv"
		printf '%s:%s\n' "$ID" "$HEX" >"$WORK/standin.passwd"
		timeout 20 gnutls-serv -d 4 --port "$PORT" --echo --noticket \
			--pskpasswd "$WORK/standin.passwd" --priority "$(gt_priority)" \
			${h_alpn:+--alpn="$h_alpn" --alpn-fatal} >"$log" 2>&1 &
		spid=$!
		echoed='echo'
	fi
	sleep 1
	# s_client -quiet stays until the server closes, which the kernel
	# does after its data and the stand-ins never do: end it after 6 s.
	host_peer 6 "$@"
	wait "$ppid"
	rc=$?
	wait "$catpid"
	[ "$rc" = 124 ] && [ "$h_peer" = openssl ] && rc=0
	{ kill "$spid" && wait "$spid"; } 2>/dev/null
	case $h_peer in
	gnutls-cli) read_ossl_trace "$log" ;;
	*) read_gnutls_log "$log" ;;
	esac
	[ ${#HEX} = 96 ] && read_ossl_trace "$log"
	if [ -n "$h_pfail" ]; then
		[ "$rc" != 0 ] || { echo "# host: the peer succeeded"; h_bad=1; }
		# The stand-ins answer a bad binder with illegal_parameter.
		a=$(alert_num "$h_ealert")
		[ "$h_ealert" = decrypt_error ] && a=47
		says=$(echo "$h_says" | sed "s/%a/$a/")
		grep -qF "$says" "$WORK/peer.out" "$WORK/peer.err" ||
			{ echo "# host: the peer did not say '$says'"; h_bad=1; }
	else
		host_verdict "$rc"
		if [ "$echoed" = rev ]; then
			rev <"$h_pstdin" >"$WORK/echoed"
		else
			cp "$h_pstdin" "$WORK/echoed"
		fi
		[ -z "$h_pout" ] || cmp "$WORK/peer.out" "$WORK/echoed" ||
			{ echo "# host: the peer did not print the echo of its input"; h_bad=1; }
	fi
}

host_verdict() {	# host_verdict RC: the handshake result against --expect-*
	if [ -n "$h_fail" ]; then
		[ "$1" != 0 ] || { echo "# host: the handshake succeeded"; h_bad=1; }
		return
	fi
	[ "$1" = 0 ] || { echo "# host: exit status $1"; h_bad=1; }
	echo "# host: suite $h_gsuite, group $h_ggroup, hrr $h_ghrr"
	host_check suite "$h_gsuite" "$h_esuite"
	host_check group "$h_ggroup" "$h_egroup"
	host_check hrr "$h_ghrr" "$h_ehrr"
}

# ----------------------------------------------------------------------
# Host mode with certificates: the stand-in gets the files the kernel's
# keys were made from (cert_user, cert_trust, interop_defaults), as PEM.

# host_file SERIAL|default-ROLE[-key]: the file behind a made-up serial
host_file() {
	awk -F '\t' -v s="$1" '$1 == s && $2 == "file" { print $3 } $2 == s { print $3 }' \
		"$WORK/host.keys" | tail -n 1
}

# host_pem FILE.der: the PEM the PKI has beside it (NAME.key.sec1.der and
# NAME.key.pkcs1.der: NAME.key.pem)
host_pem() {
	f=${1%.der}
	case $f in *.key.sec1 | *.key.pkcs1) f=${f%.*} ;; esac
	echo "$f.pem"
}

# host_cafile RING|default: the PEM of the CAs in a trust ring, in $WORK
host_cafile() {
	: >"$WORK/standin-ca.pem"
	for f in $(awk -F '\t' -v r="ca:$1" '$2 == r { print $3 }' "$WORK/host.keys"); do
		cat "$(host_pem "$f")" >>"$WORK/standin-ca.pem"
	done
	echo "$WORK/standin-ca.pem"
}

# host_identity ROLE: h_certpem, h_keypem, h_chainpem (the chain's
# certificates after the leaf, for openssl's -cert_chain; empty if none)
# of --cert/--privkey, or of the default identity of ROLE.
host_identity() {
	c=$h_cert k=$h_key
	[ -n "$c" ] || { c=default-$1; k=default-$1-key; }
	h_certpem=$(host_pem "$(host_file "$c")")
	h_keypem=$(host_pem "$(host_file "$k")")
	h_chainpem=
	awk 'n >= 1 { print } /END CERTIFICATE/ { n++ }' "$h_certpem" >"$WORK/standin-chain.pem"
	[ -s "$WORK/standin-chain.pem" ] && h_chainpem=$WORK/standin-chain.pem
	h_leafpem=$WORK/standin-leaf.pem
	awk '{ print } /END CERTIFICATE/ { exit }' "$h_certpem" >"$h_leafpem"
}

# The stand-in's gnutls priority with certificates: TLS 1.3, suites and
# groups of the kernel options, the kernel's signature schemes.
gt_cert_priority() {
	h_flags=dhe
	echo "$(gt_priority | sed "s/:-KX-ALL:+ECDHE-PSK/:$GT_CKX/"):$GT_SIGALGS"
}

# Signature schemes and alerts a stand-in saw, as code points:
# h_gscheme (its own CertificateVerify), h_gpscheme (the peer's), h_galert
# (the alert it sent or received, "" if none).
read_ossl_cert_trace() {
	h_gscheme=$(awk '/^Sent Record/ { d = "s" } /^Received Record/ { d = "r" }
		/CertificateVerify, Length=/ { cv = d; next }
		cv && /Signature Algorithm:/ { if (cv == "s") print $NF; cv = "" }' "$1" |
		tr -d '()' | tail -n 1)
	h_gpscheme=$(awk '/^Sent Record/ { d = "s" } /^Received Record/ { d = "r" }
		/CertificateVerify, Length=/ { cv = d; next }
		cv && /Signature Algorithm:/ { if (cv == "r") print $NF; cv = "" }' "$1" |
		tr -d '()' | tail -n 1)
	h_galert=$(sed -n 's/.*Level=fatal.*description=\(.*\)/\1/p' "$1" | head -n 1)
	h_galertn=$(echo "$h_galert" | sed -n 's/.*(\([0-9]*\))$/\1/p')
}
read_gnutls_cert_log() {
	h_gscheme=$(sed -n 's/.*signing TLS 1.3 handshake data: using \([A-Z0-9-]*\).*/\1/p' "$1" |
		tail -n 1 | gt_scheme)
	h_gpscheme=$(sed -n 's/.*verifying TLS 1.3 handshake data using \([A-Z0-9-]*\).*/\1/p' "$1" |
		tail -n 1 | gt_scheme)
	# -d 5: "REC: Sending Alert[2|42] - Certificate is bad"
	h_galert=$(grep -oE '(Sending |Received |REC: |)Alert\[2\|[0-9]+\].*' "$1" | head -n 1)
	h_galertn=$(echo "$h_galert" | sed -n 's/.*Alert\[2|\([0-9]*\)\].*/\1/p')
	# the group, when there is no "Using curve" line
	[ "$h_ggroup" != none ] || h_ggroup=$(sed -n 's/^- Description: .*-(ECDHE-\([A-Z0-9]*\))-.*/\1/p' \
		"$1" | tail -n 1 | tr '[:upper:]' '[:lower:]')
	[ -n "$h_ggroup" ] || h_ggroup=none
}
gt_scheme() {
	sed 's/^ECDSA-SECP256R1-SHA256$/0x0403/; s/^ECDSA-SECP384R1-SHA384$/0x0503/;
		s/^RSA-PSS-RSAE-SHA256$/0x0804/; s/^RSA-PSS-RSAE-SHA384$/0x0805/;
		s/^RSA-PSS-RSAE-SHA512$/0x0806/; s/^RSA-PSS-SHA256$/0x0809/;
		s/^RSA-PSS-SHA384$/0x080a/; s/^RSA-PSS-SHA512$/0x080b/'
}
# scheme_code NAME|0xNNNN|none: as a code point
scheme_code() {
	case $1 in
	ecdsa_secp256r1_sha256) echo 0x0403 ;;
	ecdsa_secp384r1_sha384) echo 0x0503 ;;
	rsa_pss_rsae_sha256) echo 0x0804 ;;
	rsa_pss_rsae_sha384) echo 0x0805 ;;
	rsa_pss_rsae_sha512) echo 0x0806 ;;
	rsa_pss_pss_sha256) echo 0x0809 ;;
	rsa_pss_pss_sha384) echo 0x080a ;;
	rsa_pss_pss_sha512) echo 0x080b ;;
	*) echo "$1" ;;
	esac
}

# The certificate expectations against what the stand-in saw: the kernel's
# "scheme" is the stand-in's own, its "peer scheme" the stand-in's peer's.
host_cert_verdict() {
	[ -n "$h_gscheme" ] || h_gscheme=none
	[ -n "$h_gpscheme" ] || h_gpscheme=none
	echo "# host: stand-in signed with $h_gscheme, its peer with $h_gpscheme"
	host_check scheme "$h_gscheme" "$(scheme_code "$h_escheme")"
	host_check "peer scheme" "$h_gpscheme" "$(scheme_code "$h_epscheme")"
	if [ -n "$h_esent" ]; then
		[ "$h_gscheme" != none ] && got=yes || got=no
		host_check "cert sent" "$got" "$h_esent"
	fi
	if [ -n "$h_epeer" ]; then
		[ "$h_gpscheme" != none ] && got=yes || got=no
		host_check "peer cert" "$got" "$h_epeer"
	fi
}

# host_cert_failed: an expected failure; shows the alert the stand-in
# sent or got next to the one the kernel is expected to report.
host_cert_failed() {
	echo "# host: failed as expected; stand-in alert: ${h_galert:-none}; the kernel's expected: ${h_ealert:-any}"
	[ -z "$h_ealert" ] || [ "$h_galertn" = "$(alert_num "$h_ealert")" ] ||
		echo "# host: note: the stand-in's alert differs from the kernel's expected one"
}

# The kernel would be a certificate client: the peer is a server, the
# stand-in the other library's client, with the kernel's trust anchors,
# peer name, identity (x509), groups and ALPN.
host_cert_client_side() {
	cafile=$(host_cafile "${h_ring:-default}")
	h_certpem='' h_chainpem='' h_leafpem='' h_keypem=''
	[ "$h_auth" != x509 ] || host_identity client
	host_peer 20 "$@"
	sleep 1
	stdin=${h_send:-/dev/null}
	if [ "$h_peer" = openssl ]; then
		echo "# host: stand-in gnutls-cli"
		set -- --port "$PORT" --x509cafile "$cafile" --priority "$(gt_cert_priority)"
		[ -z "$h_certpem" ] || set -- "$@" --x509certfile "$h_certpem" --x509keyfile "$h_keypem"
		[ -z "$h_alpn" ] || set -- "$@" --alpn "$h_alpn"
		case $h_name in
		'') ;;
		*[a-z]*) set -- "$@" --verify-hostname "$h_name" --sni-hostname "$h_name" ;;
		*) set -- "$@" --verify-hostname "$h_name" ;;
		esac
		[ -n "$h_groups" ] && set -- "$@" --single-key-share
		timeout 20 gnutls-cli -d 5 -V "$@" --logfile="$log.info" 127.0.0.1 \
			<"$stdin" >"$out" 2>"$log"
		rc=$?
		cat "$log.info" >>"$log"
		read_gnutls_log "$log"
		read_gnutls_cert_log "$log"
	else
		echo "# host: stand-in openssl s_client"
		set -- -connect "$ADDR" -tls1_3 -quiet -no_ign_eof -trace -msgfile "$log.info" \
			-CAfile "$cafile" -verify_return_error -sigalgs "$OSSL_SIGALGS" \
			-ciphersuites "$(ossl_suites)" -groups "$(ossl_groups)"
		[ -z "$h_certpem" ] || set -- "$@" -cert "$h_leafpem" -key "$h_keypem"
		[ -z "$h_chainpem" ] || set -- "$@" -cert_chain "$h_chainpem"
		[ -z "$h_alpn" ] || set -- "$@" -alpn "$h_alpn"
		case $h_name in
		'') ;;
		*[a-z]*) set -- "$@" -verify_hostname "$h_name" -servername "$h_name" ;;
		*) set -- "$@" -verify_ip "$h_name" ;;
		esac
		{ cat "$stdin"; sleep 2; } | timeout 20 openssl s_client "$@" >"$out" 2>"$log"
		rc=$?
		cat "$log.info" >>"$log"
		read_ossl_trace "$log"
		read_ossl_cert_trace "$log"
	fi
	if [ -n "$h_daemon" ]; then
		sleep 1
		{ kill "$ppid" && wait "$ppid"; } 2>/dev/null
	else
		wait "$ppid" || { echo "# host: the peer exited $?"; h_bad=1; }
	fi
	wait "$catpid"
	host_verdict "$rc"
	if [ -n "$h_fail" ]; then
		host_cert_failed
	else
		host_cert_verdict
		[ -z "$h_expect" ] || cmp "$out" "$h_expect" || { echo "# host: data differ"; h_bad=1; }
	fi
	# %a: the alert the stand-in (not the kernel) sent or received
	says=$(echo "$h_says" | sed "s/%a/$h_galertn/")
	if [ -n "$says" ]; then
		grep -qF "$says" "$WORK/peer.out" "$WORK/peer.err" ||
			{ echo "# host: the peer did not say '$says'"; h_bad=1; }
	fi
}

# The kernel would be a certificate server: the peer is a client, the
# stand-in the other library's server, with the kernel's identity, trust
# anchors for client certificates, client certificate policy, groups and
# ALPN.
host_cert_server_side() {
	host_cert_standin_server
	sleep 1
	# the peer's stdin ends its input; s_client -quiet then waits for the
	# server to close, which the stand-ins do not: end it after 6 s
	host_peer 6 "$@"
	wait "$ppid"
	rc=$?
	wait "$catpid"
	[ "$rc" = 124 ] && [ "$h_peer" = openssl ] && [ -z "$h_pfail" ] && rc=0
	{ kill "$spid" && wait "$spid"; } 2>/dev/null
	if [ "$echoed" = rev ]; then
		read_ossl_trace "$log"
		read_ossl_cert_trace "$log"
	else
		read_gnutls_log "$log"
		read_gnutls_cert_log "$log"
	fi
	if [ -n "$h_pfail" ]; then
		[ "$rc" != 0 ] || { echo "# host: the peer succeeded"; h_bad=1; }
		[ "$rc" != 124 ] || { echo "# host: the peer timed out"; h_bad=1; }
		host_cert_failed
		says=$(echo "$h_says" | sed "s/%a/$h_galertn/")
		[ -z "$says" ] || grep -qF "$says" "$WORK/peer.out" "$WORK/peer.err" ||
			{ echo "# host: the peer did not say '$says'"; h_bad=1; }
	else
		host_verdict "$rc"
		host_cert_verdict
		if [ "$echoed" = rev ]; then
			rev <"$h_pstdin" >"$WORK/echoed"
		else
			cp "$h_pstdin" "$WORK/echoed"
		fi
		[ -z "$h_pout" ] || cmp "$WORK/peer.out" "$WORK/echoed" ||
			{ echo "# host: the peer did not print the echo of its input"; h_bad=1; }
		[ -z "$h_says" ] || grep -qF "$h_says" "$WORK/peer.out" "$WORK/peer.err" ||
			{ echo "# host: the peer did not say '$h_says'"; h_bad=1; }
	fi
}

# The stand-in server in the background: $spid, and $echoed: rev or echo.
host_cert_standin_server() {
	cafile=$(host_cafile "${h_ring:-default}")
	host_identity server
	if [ "$h_peer" = gnutls-cli ]; then
		echo "# host: stand-in openssl s_server"
		set -- -accept "$ADDR" -naccept 1 -tls1_3 -quiet -rev -num_tickets 0 \
			-cert "$h_leafpem" -key "$h_keypem" -CAfile "$cafile" \
			-verify_return_error -sigalgs "$OSSL_SIGALGS" \
			-ciphersuites "$(ossl_suites)" -groups "$(ossl_groups)"
		[ -z "$h_chainpem" ] || set -- "$@" -cert_chain "$h_chainpem"
		[ -z "$h_alpn" ] || set -- "$@" -alpn "$h_alpn"
		case $h_creq in
		'') set -- "$@" -verify 1 ;;
		require) set -- "$@" -Verify 1 ;;
		esac
		timeout 20 openssl s_server "$@" -trace -msgfile "$log" >"$out" 2>&1 &
		spid=$!
		echoed='rev'
	else
		echo "# host: stand-in gnutls-serv"
		set -- -d 5 --port "$PORT" --echo --noticket --x509certfile "$h_certpem" \
			--x509keyfile "$h_keypem" --x509cafile "$cafile" \
			--priority "$(gt_cert_priority)"
		[ -z "$h_alpn" ] || set -- "$@" --alpn "$h_alpn" --alpn-fatal
		case $h_creq in
		'') set -- "$@" --verify-client-cert ;;
		require) set -- "$@" --require-client-cert --verify-client-cert ;;
		no) set -- "$@" --disable-client-cert ;;
		esac
		timeout 20 gnutls-serv "$@" >"$log" 2>&1 &
		spid=$!
		echoed='echo'
	fi
}
