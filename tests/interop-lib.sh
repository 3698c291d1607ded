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
	shift
	while [ $# -gt 0 ]; do
		case $1 in
		--) shift; break ;;
		--connect | --listen | --keyring | --expect-peerid | --timeout-ms | \
			--expect-tickets) shift ;;
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
	if [ "$h_role" = client ]; then
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
			-groups "$(ossl_groups)" >"$out" 2>"$log"
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
			-trace -msgfile "$log" >"$out" 2>&1 &
		spid=$!
		echoed='rev'
	else
		echo "# host: stand-in gnutls-serv"
		printf '%s:%s\n' "$ID" "$HEX" >"$WORK/standin.passwd"
		timeout 20 gnutls-serv -d 4 --port "$PORT" --echo --noticket \
			--pskpasswd "$WORK/standin.passwd" --priority "$(gt_priority)" \
			>"$log" 2>&1 &
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
		says=$(echo "$h_says" | sed 's/%a/47/')
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
