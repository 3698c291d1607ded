#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The init of the boot scenarios' initramfs (tests/boot/boot-lib.sh's
# boot_initramfs): what an administrator's initramfs does to mount a root
# over TLS that needs keys first, with busybox and keyutils' keyctl only.
# The kernel has already configured the network (ip=). TLS13_BOOT, from
# the kernel command line, says which root:
#   nfs-mtls  the client's certificate and key (/client.der,
#             /client.key.der) into .tls13-client, then NFSv4.2 with
#             xprtsec=mtls from $TLS13_NFSROOT (server:/path)
#   nvme      the retained PSK (/psk.bin) into .nvme for
#             $TLS13_HOSTNQN and $TLS13_SUBNQN, then an NVMe/TCP
#             connect with TLS and 2 I/O queues (one for reads, one for
#             writes: the test kernel has one CPU, and nvme-tcp makes no
#             more default queues than CPUs) to $TLS13_SERVER:4420,
#             and the namespace's ext4 as the root
# then switch_root into the root's /init (tests/boot/root-init.sh). If
# the root cannot be had, it says why and powers off:
#   TLS13-CLIENT-REFUSED: <why>
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev	# the kernel mounts it on a root, not here
mount -t tmpfs tmpfs /tmp
mark() { echo "<6>$*" >/dev/kmsg; }

# keyring NAME: the serial of the kernel keyring NAME (/proc/keys)
keyring() {
	while read -r id _ _ _ _ _ _ type desc; do
		[ "$type" = keyring ] && [ "${desc%%:*}" = "$1" ] &&
			{ echo "0x$id"; return; }
	done </proc/keys
}

refused() {
	mark "TLS13-CLIENT-REFUSED: $*"
	dmesg | grep -E 'tls13: |nvme|NFS' | tail -n 5 |
		while read -r l; do mark "TLS13-INITRAMFS: $l"; done
	poweroff -f
}

case $TLS13_BOOT in
nfs-mtls)
	r=$(keyring .tls13-client)
	[ -n "$r" ] || refused "no .tls13-client keyring"
	keyctl padd user cert "$r" </client.der >/dev/null &&
		keyctl padd user privkey "$r" </client.key.der >/dev/null ||
		refused "keyctl padd into .tls13-client failed"
	mark "TLS13-INITRAMFS: client identity in .tls13-client ($r)"
	srv=${TLS13_NFSROOT%%:*}
	# Three attempts, as the kernel's own nfsroot retries (six times)
	# and an administrator's initramfs retries a root mount: sunrpc gives
	# a handshake 10 s, which a server busy with other clients' handshakes
	# can take under TCG. busybox's mount then retries read-only on the
	# EACCES, and a read-only root is a failed attempt too.
	n=1
	until mount -t nfs4 -o "vers=4.2,xprtsec=mtls,addr=$srv" \
		"$TLS13_NFSROOT" /newroot 2>/tmp/mount.err &&
		grep -q "^[^ ]* /newroot nfs4 rw," /proc/mounts; do
		grep -q " /newroot " /proc/mounts &&
			umount /newroot && echo "mounted read-only" >>/tmp/mount.err
		mark "TLS13-INITRAMFS: mount attempt $n failed: $(cat /tmp/mount.err)"
		[ $n -lt 3 ] ||
			refused "mount $TLS13_NFSROOT with xprtsec=mtls failed $n times"
		n=$((n + 1))
		sleep 2
	done
	;;
nvme)
	r=$(keyring .nvme)
	[ -n "$r" ] || refused "no .nvme keyring"
	keyctl padd psk "NVMe0R01 $TLS13_HOSTNQN $TLS13_SUBNQN" "$r" </psk.bin >/dev/null ||
		refused "keyctl padd into .nvme failed"
	mark "TLS13-INITRAMFS: retained PSK in .nvme ($r)"
	# what nvme connect --tls writes (Debian 12's nvme-cli predates --tls)
	o="transport=tcp,traddr=$TLS13_SERVER,trsvcid=4420,nqn=$TLS13_SUBNQN"
	o="$o,hostnqn=$TLS13_HOSTNQN,hostid=$TLS13_HOSTID,nr_io_queues=1,nr_write_queues=1,tls"
	echo -n "$o" >/dev/nvme-fabrics 2>/tmp/connect.err ||
		refused "NVMe/TCP connect to $TLS13_SERVER failed: $(cat /tmp/connect.err)"
	n=0
	until [ -b /dev/nvme0n1 ]; do
		n=$((n + 1))
		[ $n -le 100 ] || refused "no /dev/nvme0n1 after the connect"
		sleep 0.1
	done
	mount -t ext4 /dev/nvme0n1 /newroot || refused "mount /dev/nvme0n1 failed"
	;;
*)
	refused "TLS13_BOOT=$TLS13_BOOT: no such root"
	;;
esac
mark "TLS13-INITRAMFS: root mounted"
umount /tmp /sys /proc
mount --move /dev /newroot/dev
exec switch_root /newroot /init
