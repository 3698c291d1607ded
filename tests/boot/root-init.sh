#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The init of a client's root file system in the boot scenarios
# (tests/boot/*.pair): busybox sh on a root that came over TLS, NFS
# (root=/dev/nfs, no initramfs, or after an initramfs's switch_root) or
# NVMe/TCP (an ext4 namespace, after the initramfs). It proves where it
# runs and prints what it found as kernel log records, which the host
# (scripts/vm-pair.sh) and the server (its scenario) check:
#   TLS13-CLIENT: root init at uptime <s>s
#   TLS13-CLIENT: / is <device> <type> <options>
#   TLS13-CLIENT: handshake <the engine's line>
#   TLS13-CLIENT: kTLS tx <n> rx <n> (sockets now)
#   TLS13-CLIENT: read /data.bin sha256 <hex>
#   TLS13-CLIENT: wrote /client.bin sha256 <hex>
#   TLS13-CLIENT: FAIL <what>            (each failed check)
#   TLS13-CLIENT-RESULT: <0 or 1>
# then powers off. Checked here: a handshake with the server before the
# root was mounted, kTLS sockets in use, no kmemleak report.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug
[ -e /dev/kmsg ] || mount -t devtmpfs devtmpfs /dev
say() { echo "<6>TLS13-CLIENT: $*" >/dev/kmsg; }
read -r up _ </proc/uptime
say "root init at uptime ${up}s"
rc=0
fail() { say "FAIL $*"; rc=1; }

root=''
while read -r dev mp type opts _; do
	[ "$mp" = / ] && [ "$type" != rootfs ] && root="$dev $type $opts"
done </proc/mounts
say "/ is $root"

# The handshake that brought the root: logged before the root was
# mounted (NFS: "VFS: Mounted root"; NVMe: the initramfs's connect).
dmesg >/tmp/dmesg
hs=$(grep -n 'tls13: client handshake with [^ ]*: TLS_' /tmp/dmesg | head -n 1)
[ -n "$hs" ] || fail "no successful client handshake in the kernel log"
say "handshake ${hs#*tls13: }"
case $root in
*" nfs4 "*)
	mnt=$(grep -n 'VFS: Mounted root (nfs4 filesystem)' /tmp/dmesg | head -n 1)
	[ -n "$mnt" ] || mnt=$(grep -n 'TLS13-INITRAMFS: root mounted' /tmp/dmesg | head -n 1)
	[ -n "$mnt" ] || fail "no root mount in the kernel log"
	[ "${hs%%:*}" -lt "${mnt%%:*}" ] 2>/dev/null ||
		fail "the handshake (line ${hs%%:*}) is not before the root mount (line ${mnt%%:*})"
	;;
esac
grep 'random pool' /tmp/dmesg | sed 's/^\[[^]]*\] *//' | while read -r l; do say "$l"; done

tx=0 rx=0
while read -r name val; do
	case $name in
	TlsCurrTxSw) tx=$val ;;
	TlsCurrRxSw) rx=$val ;;
	esac
done </proc/net/tls_stat
say "kTLS tx $tx rx $rx"
[ "$tx" -ge 1 ] && [ "$rx" -ge 1 ] || fail "no kTLS socket in /proc/net/tls_stat"
if [ -d /sys/class/nvme/nvme0 ]; then
	read -r q </sys/class/nvme/nvme0/queue_count
	say "nvme0 queues $q (the admin queue and $((q - 1)) I/O queues)"
	[ "$q" -ge 3 ] || fail "fewer than 2 I/O queues"
	[ "$tx" -ge "$q" ] || fail "$q queues but $tx kTLS sockets"
fi

set -- $(sha256sum /data.bin)
say "read /data.bin sha256 $1"
dd if=/dev/urandom of=/client.bin bs=64k count=16 2>/dev/null
sync
set -- $(sha256sum /client.bin)
say "wrote /client.bin sha256 $1"
sync

# Leaks: objects older than kmemleak's minimum age, confirmed by a
# second scan.
k=/sys/kernel/debug/kmemleak
if [ -w $k ]; then
	sleep 6
	echo scan >$k
	echo scan >$k
	if [ -n "$(cat $k)" ]; then
		echo "# kmemleak reports:"
		cat $k
		fail "kmemleak reports"
	fi
fi
echo "<6>TLS13-CLIENT-RESULT: $rc" >/dev/kmsg
sync
poweroff -f
