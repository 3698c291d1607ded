#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# smoke-module: the out-of-tree module (make module) loads into the debug
# kernel, registers its engine above the built-in one, and unloads
# cleanly, uncovering the built-in engine again; the kernel log stays
# clean and kmemleak finds nothing. The module is built a second time as
# tls13_stack.ko because a module cannot take the name of a built-in one
# (scripts/build-module.sh); testdev=0 leaves /dev/tls13_test to the
# built-in copy. (The KUnit suites are proven on the built-in engine by
# kunit.py and the smoke scenario.)
set -eu
. "$TLS13_TOP/tests/lib.sh"

count() { dmesg | grep -c "$1" || true; }
registered='handshake: in-kernel TLS engine tls13 registered'

step "built-in engine initialised and registered once"
[ "$(count 'tls13: TLS 1.3 handshake engine loaded')" = 1 ]
[ "$(count "$registered")" = 1 ]
[ -c /dev/tls13_test ]

step "insmod $TLS13_KO testdev=0"
[ -f "$TLS13_KO" ]
insmod "$TLS13_KO" testdev=0
grep -q '^tls13_stack ' /proc/modules
[ "$(count 'tls13_stack: TLS 1.3 handshake engine loaded')" = 1 ]
[ "$(count "$registered")" = 2 ]
[ -d /sys/module/tls13_stack/parameters ]
[ "$(cat /sys/module/tls13_stack/parameters/timeout_ms)" = 30000 ]

step "rmmod tls13_stack"
rmmod tls13_stack
! grep -q '^tls13_stack ' /proc/modules
[ "$(count 'tls13_stack: TLS 1.3 handshake engine unloaded')" = 1 ]
[ -c /dev/tls13_test ]
