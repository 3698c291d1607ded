# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# Host side of the boot scenarios (tests/boot/*.pair, run by
# scripts/vm-pair.sh): the client's root file systems, its initramfs and
# the certificates, made from Debian's packages (busybox-static,
# keyutils, e2fsprogs, cpio, openssl; scripts/deps.sh installs them).
# Bash, sourced by the .pair files; $TOP is the clone.

# A client's deadline (scripts/vm-pair.sh kills it then and fails it):
# alone, a boot with its root's checks and kmemleak scans takes 40-90 s
# and a refused NFS root ~140 s (the kernel's six mounts and 95 s of
# pauses); with make check's other VMs on the same CPUs, twice that.
BOOT_SECS=420
BOOT_SERVER=192.0.2.1
BOOT_OTHER=192.0.2.3		# the server's too; its certificate omits it
BOOT_NETMASK=255.255.255.0
# NVMe names (tests/nvme-lib.sh uses the same)
BOOT_SUBNQN=nqn.2014-08.org.example:tls13:subsys
BOOT_HOSTNQN=nqn.2014-08.org.example:tls13:host
BOOT_HOSTID=7f1c2a3e-5b4d-4c6e-8f90-a1b2c3d4e5f6

# boot_ip N HOSTNAME: the ip= argument of client N (scripts/vm-pair.sh
# numbers the clients from 1 and gives client N 192.0.2.(10+N)): static,
# no autoconfiguration; HOSTNAME is also the NFSv4 client's name.
boot_ip() {
	echo "ip=192.0.2.$((10 + $1))::$BOOT_SERVER:$BOOT_NETMASK:$2:eth0:off"
}

# boot_busybox DIR: a minimal root in DIR: busybox-static with a link for
# each of its applets in /bin, and the usual mount points.
boot_busybox() {
	local d=$1 a
	mkdir -p "$d"/{bin,dev,proc,sys,tmp,mnt,newroot,etc}
	cp /bin/busybox "$d/bin/busybox"
	for a in $(/bin/busybox --list); do
		[ "$a" = busybox ] || ln -sf busybox "$d/bin/$a"
	done
	ln -sf bin "$d/sbin"
}

# boot_keyctl DIR: keyutils' keyctl and the libraries it loads, in DIR
# (an initramfs: keys are added there, before the root is mounted).
boot_keyctl() {
	local d=$1 lib
	mkdir -p "$d/bin"
	cp /bin/keyctl "$d/bin/keyctl"
	for lib in $(ldd /bin/keyctl | grep -o '/[^ ]*'); do
		mkdir -p "$d$(dirname "$lib")"
		cp -L "$lib" "$d$lib"
	done
}

# boot_root DIR: the client's root file system: busybox and the root's
# init (tests/boot/root-init.sh), which proves where it runs; also as
# DIR.tar (a server unpacks one file faster than it copies 270 over 9p).
boot_root() {
	boot_busybox "$1"
	cp "$TOP/tests/boot/root-init.sh" "$1/init"
	chmod 755 "$1/init"
	tar -C "$1" -cf "$1.tar" .
}

# boot_initramfs DIR OUT: DIR with tests/boot/initramfs-init.sh as its
# /init, as an uncompressed newc cpio archive in OUT.
boot_initramfs() {
	cp "$TOP/tests/boot/initramfs-init.sh" "$1/init"
	chmod 755 "$1/init"
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$2"
}

# boot_pki DIR: the boot scenarios' certificates, each key P-256 and
# each private key also as PKCS#8 DER (*.key.der), made with openssl:
#   server.der    CN=tls13 boot server, SAN IP:192.0.2.1 only, serverAuth,
#                 issued by the test kernel's built-in CA
#                 (tests/pki/builtin-ca.*), valid from now for 30 days
#                 (the VMs' clocks are the host's)
#   client.der    CN=tls13 boot client, SAN IP:192.0.2.12, clientAuth,
#                 issued by the built-in CA (mutual TLS at boot)
#   impostor.der  like server.der, issued by a CA of its own that no
#                 kernel trusts (impostor-ca.der)
boot_pki() {
	local d=$1 ca=$TOP/tests/pki/builtin-ca
	mkdir -p "$d"
	local ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc"
	# shellcheck disable=SC2086 # word splitting intended
	{
	openssl req -x509 $ec -keyout "$d/impostor-ca.key.pem" -days 30 \
		-subj "/CN=tls13 impostor CA" \
		-addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign \
		-out "$d/impostor-ca.pem" &&
	boot_leaf "$d" server "/CN=tls13 boot server" serverAuth \
		"IP:$BOOT_SERVER" "$ca.der" DER "$ca.key" DER &&
	boot_leaf "$d" client "/CN=tls13 boot client" clientAuth \
		"IP:192.0.2.12" "$ca.der" DER "$ca.key" DER &&
	boot_leaf "$d" impostor "/CN=tls13 boot server" serverAuth \
		"IP:$BOOT_SERVER" "$d/impostor-ca.pem" PEM \
		"$d/impostor-ca.key.pem" PEM
	} 2>"$d/err" || { cat "$d/err" >&2; return 1; }
}

# boot_leaf DIR NAME SUBJECT EKU SAN CA CAFORM CAKEY CAKEYFORM
boot_leaf() {
	local d=$1 n=$2
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc \
		-keyout "$d/$n.key.pem" -subj "$3" -out "$d/$n.csr" &&
	printf '%s\n' "basicConstraints=critical,CA:FALSE" \
		"keyUsage=critical,digitalSignature" "extendedKeyUsage=$4" \
		"subjectAltName=$5" >"$d/$n.ext" &&
	openssl x509 -req -in "$d/$n.csr" -CA "$6" -CAform "$7" \
		-CAkey "$8" -CAkeyform "$9" -extfile "$d/$n.ext" -days 30 \
		-outform DER -out "$d/$n.der" &&
	openssl pkcs8 -topk8 -nocrypt -in "$d/$n.key.pem" -outform DER \
		-out "$d/$n.key.der"
}
