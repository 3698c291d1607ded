#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# nfs-plain: the NFS over TLS scenario's mechanics without TLS
# (tests/nfs-scenario.sh, NFS_PART=plain), with the in-kernel engine
# registered: knfsd starts (its rpcbind clients, AF_LOCAL sockets, are
# closed through tls_handshake_close(), which once read them as TCP
# sockets: KASAN), exports a tmpfs, the kernel's NFS client mounts it,
# 8 MiB go there and back with the same sha256, an mtls-only export
# refuses a plain mount, and everything is torn down.
# vm-memory: 1536
# vm-timeout: 900
NFS_PART=plain
. "$TLS13_TOP/tests/nfs-scenario.sh"
