#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# smoke-module: the out-of-tree module (make module) takes net/handshake's
# requests instead of the built-in engine, not above it: loaded while the
# built-in one serves, it is refused (one engine at most, -EBUSY) and
# leaves nothing behind; once the built-in one steps aside
# (tls13.engine=0) it registers, serves an NVMe/TCP connect over TLS
# (loopback, PSK), and unloads cleanly; engine=1 brings the built-in one
# back. The kernel log stays clean and kmemleak finds nothing. The module
# is built a second time as tls13_stack.ko because a module cannot take
# the name of a built-in one (scripts/build-module.sh); testdev=0 leaves
# /dev/tls13_test to the built-in copy. (The KUnit suites are proven on
# the built-in engine by kunit.py and the smoke scenario.)
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"

count() { dmesg | grep -c "$1" || true; }
registered='handshake: in-kernel TLS engine tls13 registered'
stack_registered='handshake: in-kernel TLS engine tls13_stack registered'
stack_stat() { sed -n "s/^$1 //p" /proc/net/tls13_stack_stat; }
ENGINE=/sys/module/tls13/parameters/engine

step "built-in engine initialised and registered once"
[ "$(count 'tls13: TLS 1.3 handshake engine loaded')" = 1 ]
[ "$(count "$registered")" = 1 ]
[ -c /dev/tls13_test ]

step "the built-in engine's workqueue is per CPU (no sysfs directory)"
[ "$(cat /sys/module/tls13/parameters/wq_unbound)" = N ]
[ ! -e /sys/devices/virtual/workqueue/tls13 ]

step "insmod $TLS13_KO while the built-in engine serves: -EBUSY"
[ -f "$TLS13_KO" ]
! insmod "$TLS13_KO" testdev=0 2>/tmp/insmod.err
cat /tmp/insmod.err | sed 's/^/# /'
grep -q 'busy' /tmp/insmod.err
! grep -q '^tls13_stack ' /proc/modules
[ "$(count 'tls13_stack: another in-kernel TLS engine is registered: -16')" = 1 ]
[ ! -e /proc/net/tls13_stack_stat ]
[ "$(count "$stack_registered")" = 0 ]

step "tls13.engine=0: the built-in engine steps aside"
echo 0 >$ENGINE
[ "$(cat $ENGINE)" = N ]
[ "$(count 'tls13: no longer serving net/handshake (engine=0)')" = 1 ]

step "insmod $TLS13_KO testdev=0 wq_unbound=1"
insmod "$TLS13_KO" testdev=0 wq_unbound=1
grep -q '^tls13_stack ' /proc/modules
[ "$(count 'tls13_stack: TLS 1.3 handshake engine loaded')" = 1 ]
[ "$(count "$stack_registered")" = 1 ]
[ -d /sys/module/tls13_stack/parameters ]
[ "$(cat /sys/module/tls13_stack/parameters/timeout_ms)" = 30000 ]
# wq_unbound: an unbound workqueue an administrator can place
[ "$(cat /sys/module/tls13_stack/parameters/wq_unbound)" = Y ]
read -r scope </sys/devices/virtual/workqueue/tls13_stack/affinity_scope
echo "# tls13_stack's workqueue: unbound, affinity_scope $scope"

step "an NVMe/TCP connect over TLS (loopback, PSK): the module serves both ends"
grep -q " $CFS configfs " /proc/mounts || mount -t configfs configfs $CFS
ip link set lo up
no_controllers
nullb_setup
ring=$(nvme_keyring)
printf %s 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f |
	xxd -r -p >/tmp/psk-sha256
k256=$(psk_add 01 "$ring" /tmp/psk-sha256)
nvmet_setup tls
builtin_hs=$(count 'tls13: .* handshake with')
nvme_connect "hostnqn=$HOSTNQN,nr_io_queues=1,tls,tls_key=$k256" || {
	echo "# connect failed after ${connect_secs}s: $connect_err"
	nvme_log; exit 1; }
echo "# connected $ctrl in ${connect_secs}s"
# an admin and an I/O queue: two handshakes a side, all the module's
echo "# client_ok $(stack_stat client_ok), server_ok $(stack_stat server_ok)"
[ "$(stack_stat client_ok)" = 2 ] && [ "$(stack_stat server_ok)" = 2 ]
[ "$(count 'tls13: .* handshake with')" = "$builtin_hs" ]
nvme_disconnect "$ctrl"
nvmet_teardown
nullb_teardown
keyctl unlink "$k256" "$ring" >/dev/null || true

step "rmmod tls13_stack"
rmmod tls13_stack
! grep -q '^tls13_stack ' /proc/modules
[ "$(count 'tls13_stack: TLS 1.3 handshake engine unloaded')" = 1 ]
[ ! -e /proc/net/tls13_stack_stat ]
[ ! -e /sys/devices/virtual/workqueue/tls13_stack ]
[ -c /dev/tls13_test ]

step "tls13.engine=1: the built-in engine serves again"
echo 1 >$ENGINE
[ "$(cat $ENGINE)" = Y ]
[ "$(count "$registered")" = 2 ]
