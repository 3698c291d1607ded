/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The trust anchors compiled in (CONFIG_NET_HANDSHAKE_TLS13_TRUSTED_CERTS):
 * concatenated DER certificates, from builtin_certs.S. Init data, freed
 * once the engine is initialised.
 */
#ifndef _NET_HANDSHAKE_TLS13_BUILTIN_CERTS_H
#define _NET_HANDSHAKE_TLS13_BUILTIN_CERTS_H

#include <linux/init.h>
#include <linux/types.h>

extern __initconst const u8 tls13_builtin_certs[];
extern __initconst const u8 tls13_builtin_certs_end[];

#endif /* _NET_HANDSHAKE_TLS13_BUILTIN_CERTS_H */
