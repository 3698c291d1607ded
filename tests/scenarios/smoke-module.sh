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

step "the built-in engine's workqueue is per CPU (no sysfs directory)"
[ "$(cat /sys/module/tls13/parameters/wq_unbound)" = N ]
[ ! -e /sys/devices/virtual/workqueue/tls13 ]

step "insmod $TLS13_KO testdev=0 wq_unbound=1"
[ -f "$TLS13_KO" ]
insmod "$TLS13_KO" testdev=0 wq_unbound=1
grep -q '^tls13_stack ' /proc/modules
[ "$(count 'tls13_stack: TLS 1.3 handshake engine loaded')" = 1 ]
[ "$(count "$registered")" = 2 ]
[ -d /sys/module/tls13_stack/parameters ]
[ "$(cat /sys/module/tls13_stack/parameters/timeout_ms)" = 30000 ]
# wq_unbound: an unbound workqueue an administrator can place
[ "$(cat /sys/module/tls13_stack/parameters/wq_unbound)" = Y ]
read -r scope </sys/devices/virtual/workqueue/tls13_stack/affinity_scope
echo "# tls13_stack's workqueue: unbound, affinity_scope $scope"

step "rmmod tls13_stack"
rmmod tls13_stack
! grep -q '^tls13_stack ' /proc/modules
[ "$(count 'tls13_stack: TLS 1.3 handshake engine unloaded')" = 1 ]
[ ! -e /sys/devices/virtual/workqueue/tls13_stack ]
[ -c /dev/tls13_test ]
