#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# smoke-module: the out-of-tree tls13.ko (make module) loads into the debug
# kernel, initialises, and unloads cleanly; the kernel log stays clean and
# kmemleak finds nothing. The engine exports no symbols, so the module loads
# beside the built-in copy. (The KUnit suites are proven on the built-in
# engine by kunit.py and the smoke scenario.)
# vm-cmdline: kunit.enable=0
set -eu
. "$TLS13_TOP/tests/lib.sh"

loaded() { dmesg | grep -c "tls13: TLS 1.3 handshake engine $1" || true; }

step "built-in engine initialised once"
[ "$(loaded loaded)" = 1 ]

step "insmod $TLS13_KO"
[ -f "$TLS13_KO" ]
insmod "$TLS13_KO"
grep -q '^tls13 ' /proc/modules
[ "$(loaded loaded)" = 2 ]

step "rmmod tls13"
rmmod tls13
! grep -q '^tls13 ' /proc/modules
[ "$(loaded unloaded)" = 1 ]
