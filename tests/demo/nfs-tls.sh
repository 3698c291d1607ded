#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make demo, NFS part: NFS over TLS (RFC 9289) in one VM, knfsd and the
# kernel's NFS client, both handshakes done by the in-kernel engine with
# certificates from the engine's keyrings, no tlshd: xprtsec=tls (the
# client checks the server's certificate), then xprtsec=mtls (knfsd sees
# an authenticated client). tests/nfs-scenario.sh with NFS_PART=demo;
# lines starting with "| " are shown by scripts/demo.sh.
# vm-memory: 1536
# vm-timeout: 600
NFS_PART=demo
. "$TLS13_TOP/tests/nfs-scenario.sh"
