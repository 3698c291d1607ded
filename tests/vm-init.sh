#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# PID 1 of the test VM (see scripts/vm-run.sh). The root file system is the
# host's, read-only over 9p; /tmp, /run and /var are fresh tmpfs. Runs
# the scenario scripts listed in $TLS13_PLAN one after the other, checks
# kmemleak, prints "TLS13-RESULT: <status>" on the console and powers off.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp TERM=dumb LANG=C

# /tmp, /run and /var become fresh tmpfs. The host's copies stay reachable
# under /mnt/host, and paths handed in under them (a clone or cache in
# /tmp, say) are translated there. devtmpfs is mounted by the kernel.
mount -t proc proc /proc
mount -a -T "$TLS13_TOP/tests/vm-fstab" || echo "# vm-init: mount -a failed"
mkdir -p /var/tmp /var/lib /var/run /run/lock
echo tls13-vm > /proc/sys/kernel/hostname
hostpath() {
	case $1 in
	/tmp/* | /run/* | /var/*) echo "/mnt/host$1" ;;
	*) echo "$1" ;;
	esac
}
TLS13_TOP=$(hostpath "$TLS13_TOP")
TLS13_PLAN=$(hostpath "$TLS13_PLAN")
TLS13_KO=$(hostpath "$TLS13_KO")
TLS13_KBUILD=$(hostpath "$TLS13_KBUILD")
TLS13_PKI=$(hostpath "$TLS13_PKI")
TLS13_NFS_PKI=$(hostpath "$TLS13_NFS_PKI")
export TLS13_TOP TLS13_KO TLS13_KBUILD TLS13_PKI TLS13_NFS_PKI

# Everything is built in, yet the kernel still calls request_module() (the
# first allocation of a crypto transform such as gcm(aes), a fabrics
# connect); each would exec modprobe over 9p, 1-2 s under TCG, enough to
# push a first handshake past a consumer's timeout. An empty modprobe path
# makes request_module() fail at once.
echo > /proc/sys/kernel/modprobe
ip link set lo up 2>/dev/null
cd /tmp || exit 1

uptime() { read -r up _ </proc/uptime; echo "$up"; }

# The plan (scripts/vm-run.sh) lists the parts of this boot, one scenario
# script a line; each runs in its own shell, in order, between markers
# that scripts/vm-run.sh uses to give each part its own verdict and its
# own share of the kernel log. The markers are kernel log records
# (/dev/kmsg, not rate-limited here): the console prints a record whole,
# where a line written to the console by a process can be cut by a
# kernel message printed while it is on its way.
echo on >/proc/sys/kernel/printk_devkmsg
mark() { echo "<6>$*" >/dev/kmsg; }
rc=0
i=0
while read -r part <&8; do
	i=$((i + 1))
	TLS13_SCENARIO=$(hostpath "$part")
	export TLS13_SCENARIO
	mark "TLS13-PART-BEGIN: $i $TLS13_SCENARIO (uptime $(uptime)s)"
	/bin/sh "$TLS13_SCENARIO" 8<&-
	prc=$?
	sleep 0.1	# the part's last lines leave the console first
	mark "TLS13-PART-END: $i $prc (uptime $(uptime)s)"
	[ "$rc" != 0 ] || rc=$prc
	cd /tmp || exit 1
done 8<"$TLS13_PLAN"
echo "# vm-init: $i parts done at uptime $(uptime)s, first failure status $rc"

# Leaks: objects must be older than kmemleak's minimum age (5 s) to be
# reported, and a second scan confirms them.
leaks=/sys/kernel/debug/kmemleak
if [ -w "$leaks" ]; then
	sleep 6
	echo scan > "$leaks"
	echo scan > "$leaks"
	# debugfs files report size 0: read the content, do not test -s
	report=$(cat "$leaks")
	if [ -n "$report" ]; then
		echo "# kmemleak reports (scenario status was $rc):"
		echo "$report"
		[ "$rc" = 0 ] && rc=1
	fi
fi

echo "# vm-init: leak check done at uptime $(uptime)s"
echo "TLS13-RESULT: $rc"
sync
echo o > /proc/sysrq-trigger
# Wait for the power-off in the shell itself: on an SMP kernel it runs on
# another CPU while the 9p root goes away, and an exec (sleep) failing
# then would end init and panic before the machine is off.
while :; do :; done
