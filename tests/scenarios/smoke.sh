#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# smoke: the debug kernel boots with the engine built in; the built-in
# KUnit suites run at boot (one of them, tls13_rfc8448, is run here and
# must pass under KASAN, UBSAN, KMEMLEAK and lockdep: every suite has
# just run on this same kernel and configuration through kunit.py, so
# running them all again here would prove nothing more); the engine's
# keyrings and its compiled-in trust anchor are there; the kernel log is
# clean (checked by scripts/vm-run.sh) and kmemleak finds nothing
# (checked by tests/vm-init.sh).
# The same on 7.x (make check's k7.3 job): scripts/kernel7.sh builds the
# engine into its kernel too, with the same anchor (every suite has just
# run on that kernel in kernel7.sh kunit's boot).
# vm-cmdline: kunit.enable=1 kunit.filter_glob=tls13_rfc8448
set -eu
. "$TLS13_TOP/tests/lib.sh"

step "engine built in and initialised (kernel $(uname -r))"
dmesg | grep -q 'tls13: TLS 1.3 handshake engine loaded'
! grep -q '^tls13 ' /proc/modules

step "its keyrings exist, root can fill them; no client CA by default"
for ring in .tls13-client-ca .tls13-server .tls13-client .tls13-peers; do
	grep -q " keyring  *$ring: empty\$" /proc/keys ||
		{ grep tls13 /proc/keys; exit 1; }
done
id=$(sed -n 's/^\([0-9a-f]*\) .* keyring  *\.tls13-server: empty$/\1/p' /proc/keys)
printf 'not a certificate' | keyctl padd user cert "0x$id" >/dev/null
grep -q " keyring  *\.tls13-server: 1\$" /proc/keys
keyctl clear "0x$id"

step "the compiled-in trust anchor is in .tls13-trust"
# CONFIG_NET_HANDSHAKE_TLS13_TRUSTED_CERTS=tests/pki/builtin-ca.der
ca='tls13 built-in test CA: c46a81e6f52f94cdf9bc20ad27524a403e12cfea'
dmesg | grep -q "tls13: built-in trust anchor '$ca' loaded into .tls13-trust"
trust=$(sed -n 's/^\([0-9a-f]*\) .* keyring  *\.tls13-trust: 1$/\1/p' /proc/keys)
[ -n "$trust" ] || { grep tls13 /proc/keys; exit 1; }
keyctl list "0x$trust" | grep -q " asymmetric: $ca\$" ||
	{ keyctl list "0x$trust"; exit 1; }

step "its counters: /proc/net/tls13_stat, every outcome, none yet"
cat /proc/net/tls13_stat | sed 's/^/# /'
for o in client_ok server_ok failed_alert_sent failed_alert_received \
	failed_timeout failed_other cancelled identity_proofs \
	key_updates_sent key_updates_received; do
	grep -qx "$o 0" /proc/net/tls13_stat
done

step "the engine's KUnit suites ran at boot: tls13_rfc8448 passed"
suite_passed tls13_rfc8448
