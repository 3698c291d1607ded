# SPDX-License-Identifier: GPL-2.0-only
# NFS over TLS (RFC 9289) inside one test VM: knfsd exporting a tmpfs on
# 127.0.0.1:2049 over NFSv4 and the kernel's NFS client mounting it, with
# xprtsec=none|tls|mtls. Sourced by tests/pending/nfs-tls.sh after lib.sh
# and nvme-lib.sh (kmsg, tls_engine, now_us, secs_since, tls_stat,
# sha256). POSIX sh; every exec comes over 9p, so the helpers use builtins
# and /proc writes where they can. The keyring helpers (tls_ring,
# tls_trust_add, tls_identity_set, tls_keys_clear) are tests/pki-lib.sh's,
# sourced below.
#
# No nfs-utils daemon runs. knfsd is driven through /proc/fs/nfsd (what
# rpc.nfsd does), and the export is written straight into the kernel's
# export caches (what rpc.mountd answers on upcalls), with entries that do
# not expire. Reasons:
#  - nfs-utils 2.6.2 (Debian 12) knows no xprtsec= export option, so an
#    export that only admits mutually authenticated TLS cannot be made with
#    exportfs/mountd; the kernel takes it as "xprtsec N MODE..." in the
#    nfsd.export downcall (fs/nfsd/export.c, xprtsec_parse());
#  - with no reader on the cache channels the kernel answers any lookup
#    that was not primed negatively at once (-ENOENT), never by waiting;
#    auth.unix.gid is one such (the credential's own groups are used);
#  - four fewer execs, no rpcbind, no races with mountd's own flushes.
# NFSv4 only: no lockd, no MOUNT protocol, no rpcbind: knfsd's start
# (svc_bind) still makes rpcbind clients, over AF_LOCAL first, then TCP;
# they fail at once and the v4 registration is optional. Each failed
# AF_LOCAL client is destroyed there and then, through xs_close() ->
# tls_handshake_close(): the engine's close must leave non-TCP sockets
# alone (see tests/pending/nfs-tls.sh).
#
# Layout (the VM's / is the host's, read-only over 9p, which nfsd cannot
# export: no export_operations; so the NFSv4 root is a tmpfs of its own):
#   $NFS_ROOT         tmpfs, exported fsid=0: the client's "/"
#   $NFS_ROOT/export  the data directory: the client mounts 127.0.0.1:/export
#   $NFS_ROOT/mtls    a second tmpfs, exported fsid=1 with "xprtsec=mtls"
#                     only: the client mounts 127.0.0.1:/mtls
#
# The client is mount(2) from util-linux with -i (no /sbin/mount.nfs*
# helper): the kernel parses the text options itself (fs/nfs/fs_context.c),
# so addr= and clientaddr= must be given. This kernel has no
# CONFIG_NFS_V4_1, so the client speaks NFSv4.0 (vers=4.0; with v4.1 and
# later, set NFS_VERS=4.2). NFSv4.0 has the server call the client back on
# a connection of its own (clientaddr=); delegations need it, data does not.

. "$TLS13_TOP/tests/pki-lib.sh"

NFS_ADDR=127.0.0.1 NFS_PORT=2049
NFS_ROOT=/run/nfs4
NFS_MNT=/mnt/nfs
NFS_VERS=${NFS_VERS:-4.0}
NFS_DOMAIN=tls13		# the unix auth_domain the IP maps to
# the clients' addresses (default $NFS_ADDR), all mapped to $NFS_DOMAIN
NFS_CLIENTS=${NFS_CLIENTS:-}
NFS_MTLS_SIZE=${NFS_MTLS_SIZE:-8m}	# the mtls-only export's tmpfs
NFS_THREADS=4
# bound on one mount(2) (a failing TLS handshake may be retried)
NFS_MOUNT_TIMEOUT=${NFS_MOUNT_TIMEOUT:-120}
NFSD=/proc/fs/nfsd
RPC=/proc/net/rpc
# expiry of the primed cache entries: seconds since the epoch (2038)
NFS_EXPIRY=2147483647
# export flags (include/uapi/linux/nfsd/export.h): NFSEXP_FSID 0x2000 |
# NFSEXP_NOSUBTREECHECK 0x0400; rw, no_root_squash, secure ports
NFS_EXP_FLAGS=$((0x2000 | 0x0400))
# NFSEXP_XPRTSEC_NONE 1, _TLS 2, _MTLS 4
XPRTSEC_NONE=1 XPRTSEC_TLS=2 XPRTSEC_MTLS=4

# nfs_prime_export PATH FSID MODE...: the export of PATH (fsid FSID) to
# $NFS_DOMAIN, admitting the transport security MODEs, in both caches
# (fsid -> path, path -> export). Later writes replace earlier entries.
# printf, not echo: dash's echo would eat the backslash of \x.
nfs_prime_export() {
	p=$1 f=$2
	shift 2
	# FSID_NUM (1): the fsid as 4 bytes in host (little-endian) order
	printf '%s 1 \\x%02x%02x%02x%02x %s %s\n' $NFS_DOMAIN $((f & 255)) \
		$((f >> 8 & 255)) $((f >> 16 & 255)) $((f >> 24 & 255)) \
		$NFS_EXPIRY "$p" >$RPC/nfsd.fh/channel
	printf '%s\n' "$NFS_DOMAIN $p $NFS_EXPIRY $NFS_EXP_FLAGS 65534 65534 $f xprtsec $# $*" \
		>$RPC/nfsd.export/channel
}

# Flush every export cache entry (they pin the exported mounts).
nfs_flush_caches() {
	for c in nfsd.export nfsd.fh auth.unix.ip auth.unix.gid; do
		[ ! -e $RPC/$c/flush ] || echo 1 >$RPC/$c/flush
	done
}

# nfsd_start MODES: knfsd on $NFS_PORT (NFSv4 only, $NFS_THREADS threads,
# grace period ended at once), exporting $NFS_ROOT (client "/") and its
# export/ to $NFS_ADDR (or each of $NFS_CLIENTS) admitting the xprtsec MODEs ("1 2 4": all), and
# $NFS_ROOT/mtls admitting mutually authenticated TLS only.
nfsd_start() {
	# one exec for all the mounts: nfsd control fs, the export tmpfs and
	# the second one inside it (X-mount.mkdir creates the mount points)
	cat >/tmp/nfs-fstab <<-EOF
	nfsd     $NFSD          nfsd   defaults                    0 0
	nfs4root $NFS_ROOT      tmpfs  X-mount.mkdir,size=200m     0 0
	nfsmtls  $NFS_ROOT/mtls tmpfs  X-mount.mkdir,size=$NFS_MTLS_SIZE 0 0
	EOF
	mount -a -T /tmp/nfs-fstab
	# -p: an earlier part of the same boot may have run knfsd already
	mkdir -p $NFS_ROOT/export /var/lib/nfs/v4recovery $NFS_MNT
	# Client tracking (NFSv4 state across restarts): nfsd tries nfsdcld
	# (none: 1 s), then /sbin/nfsdcltrack as a usermode helper (an exec
	# over 9p; disabled here), then this legacy directory on the tmpfs /var.
	# (Newer kernels, 7.3, have no usermode helper and no parameter.)
	p=/sys/module/nfsd/parameters/cltrack_prog
	[ ! -e $p ] || echo >$p
	echo 10 >$NFSD/nfsv4gracetime
	echo "-3 +4" >$NFSD/versions		# before the server exists
	echo "tcp $NFS_PORT" >$NFSD/portlist	# creates it: tcp on 0.0.0.0 and ::
	echo $NFS_THREADS >$NFSD/threads
	# nothing to reclaim on a fresh server: no grace period
	echo Y >$NFSD/v4_end_grace
	# the client's IP -> $NFS_DOMAIN (auth.unix.ip creates the domain),
	# then the exports
	for a in ${NFS_CLIENTS:-$NFS_ADDR}; do
		printf '%s\n' "nfsd $a $NFS_EXPIRY $NFS_DOMAIN" >$RPC/auth.unix.ip/channel
	done
	nfs_prime_export $NFS_ROOT 0 "$@"
	nfs_prime_export $NFS_ROOT/mtls 1 $XPRTSEC_MTLS
}

# Undo nfsd_start (after nfs_umount).
nfsd_stop() {
	echo 0 >$NFSD/threads
	nfs_flush_caches
	umount $NFS_ROOT/mtls $NFS_ROOT $NFSD
}

# knfsd's state as comments: versions, listeners, threads, grace.
nfsd_show() {
	read -r v <$NFSD/versions; echo "# nfsd versions: $v"
	read -r t <$NFSD/threads; echo "# nfsd threads: $t"
	while read -r l; do echo "# nfsd portlist: $l"; done <$NFSD/portlist
	read -r g <$NFSD/v4_end_grace; echo "# nfsd grace ended: $g"
}

# The server's exports as it holds them (export cache contents).
nfsd_exports() {
	grep -v '^#' $RPC/nfsd.export/content | sed 's/^/# export: /'
}

# nfs_mount PATH OPTS: mount $NFS_ADDR:PATH on $NFS_MNT with the kernel's
# own option parsing; OPTS are added (xprtsec=tls, ...). Sets $mount_secs
# (how long mount(2) took) and, on failure, $mount_err (mount's message).
nfs_mount() {
	mount_err='' rc=0
	t0=$(now_us)
	timeout -k 5 "$NFS_MOUNT_TIMEOUT" mount -i -t nfs4 \
		-o "vers=$NFS_VERS,proto=tcp,port=$NFS_PORT,addr=$NFS_ADDR,clientaddr=$NFS_ADDR,hard,timeo=600,retrans=2${2:+,$2}" \
		"$NFS_ADDR:$1" $NFS_MNT 2>/tmp/mount.err || rc=$?
	mount_secs=$(secs_since "$t0")
	[ $rc != 0 ] || return 0
	read -r mount_err </tmp/mount.err || true
	case $rc in
	124 | 137) mount_err="timed out after ${NFS_MOUNT_TIMEOUT}s (exit $rc) $mount_err" ;;
	esac
	return 1
}

# The options the client reports for $NFS_MNT (/proc/mounts), or nothing.
nfs_mount_opts() {
	while read -r _ mp type opts _; do
		[ "$mp" = $NFS_MNT ] && [ "$type" = nfs4 ] && { echo "$opts"; return; }
	done </proc/mounts
}

nfs_umount() {
	umount -i $NFS_MNT
	[ -z "$(nfs_mount_opts)" ]
}

# What NFS, SunRPC, knfsd and the handshake layers logged, as comments.
nfs_log() {
	kmsg | grep -E '^(NFS|NFSD|nfs|nfsd|RPC|svc|sunrpc|handshake|tls13)[: ]' |
		sed 's/^/# /'
}

# --- certificates --------------------------------------------------------
#
# nfs_pki DIR: a throwaway PKI in DIR (openssl; 6 execs, also runs on the
# host to make DIR once and hand it in as TLS13_NFS_PKI):
#   ca.der ca.key.pem            CA, ECDSA P-256, CA:TRUE, keyCertSign
#   server.der                   CN=localhost, SAN IP:127.0.0.1 DNS:localhost,
#                                EKU serverAuth, signed by the CA
#   server-rpctls.der            the same key and names, EKU id-kp-rpcTLSServer
#                                only (RFC 9289 section 7.1.3; OID below)
#   server.key.der               its private key, PKCS#8 DER, unencrypted
#   client.der client.key.der    CN=tls13 nfs client, SAN IP:127.0.0.1,
#                                EKU clientAuth; PKCS#8 DER key
# RFC 9289 assigns id-kp-rpcTLSClient 1.3.6.1.5.5.7.3.33 and
# id-kp-rpcTLSServer 1.3.6.1.5.5.7.3.34 (IANA "SMI Security for PKIX
# Extended Key Purpose"; the draft in ../shared/reference still says
# XXX/YYY).
OID_RPCTLS_CLIENT=1.3.6.1.5.5.7.3.33
OID_RPCTLS_SERVER=1.3.6.1.5.5.7.3.34
nfs_pki() {
	d=$1
	mkdir -p "$d"
	ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc"
	leaf="-days 3650 -CA $d/ca.der -CAkey $d/ca.key.pem
		-addext basicConstraints=critical,CA:FALSE
		-addext keyUsage=critical,digitalSignature -outform DER"
	# shellcheck disable=SC2086 # word splitting intended
	openssl req -x509 $ec -keyout "$d/ca.key.pem" -days 3650 \
		-subj "/CN=tls13 NFS test CA" \
		-addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign,cRLSign \
		-outform DER -out "$d/ca.der" 2>"$d/err" &&
	openssl req $ec -keyout "$d/server.key.pem" -subj /CN=localhost $leaf \
		-addext extendedKeyUsage=serverAuth \
		-addext subjectAltName=IP:127.0.0.1,DNS:localhost \
		-out "$d/server.der" 2>>"$d/err" &&
	openssl req -new -key "$d/server.key.pem" -subj /CN=localhost $leaf \
		-addext extendedKeyUsage=$OID_RPCTLS_SERVER \
		-addext subjectAltName=IP:127.0.0.1,DNS:localhost \
		-out "$d/server-rpctls.der" 2>>"$d/err" &&
	openssl req $ec -keyout "$d/client.key.pem" -subj "/CN=tls13 nfs client" $leaf \
		-addext extendedKeyUsage=clientAuth \
		-addext subjectAltName=IP:127.0.0.1 \
		-out "$d/client.der" 2>>"$d/err" &&
	openssl pkcs8 -topk8 -nocrypt -in "$d/server.key.pem" -outform DER \
		-out "$d/server.key.der" 2>>"$d/err" &&
	openssl pkcs8 -topk8 -nocrypt -in "$d/client.key.pem" -outform DER \
		-out "$d/client.key.der" 2>>"$d/err" || {
		sed 's/^/# openssl: /' "$d/err"
		return 1
	}
	rm -f "$d/err"
}

# nfs_test_pki: pki= the NFS test PKI: the one the host made for this boot
# (TLS13_NFS_PKI, scripts/vm-run.sh; the host's /tmp is /mnt/host/tmp in
# the VM, tests/vm-init.sh), else a new one in /tmp/pki (nfs_pki). Says
# which on stdout. Uses now_us and secs_since (tests/nvme-lib.sh).
nfs_test_pki() {
	if [ -n "${TLS13_NFS_PKI:-}" ]; then
		pki=$TLS13_NFS_PKI
		[ -d "$pki" ] || pki=/mnt/host$pki
		echo "# test PKI from $pki"
	else
		pki=/tmp/pki
		_t0=$(now_us)
		nfs_pki $pki
		echo "# test PKI made in $pki in $(secs_since "$_t0")s"
	fi
}
