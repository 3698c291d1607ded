/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The engine as net/handshake sees it: requests, the transport that runs
 * them on their sockets, credentials from keyrings, and the test entry.
 */
#ifndef _NET_HANDSHAKE_TLS13_ENGINE_H
#define _NET_HANDSHAKE_TLS13_ENGINE_H

#include <linux/key.h>
#include <net/sock.h>
#include <net/handshake.h>

#include "cert.h"
#include "compat.h"
#include "hs.h"

/**
 * struct tls13_opts - per-request overrides (the test entry)
 * @suites: cipher suites, 0-terminated; all 0: the module's list
 * @groups: groups, 0-terminated; all 0: the module's list
 * @psk_modes: BIT(%TLS13_PSK_KE) and/or BIT(%TLS13_PSK_DHE_KE); 0: the
 *	module's (psk_dhe_ke, and psk_ke if the psk_ke parameter is set)
 * @client_auth: server: %TLS13_CLIENT_AUTH_* + 1; 0: the module's policy
 * @no_name_check: client: check no name in the server's certificate (a
 *	client without ta_peername is refused otherwise)
 * @result: filled in, when not %NULL, right before ta_done is called
 */
struct tls13_opts {
	u16 suites[4];
	u16 groups[3];
	u8 psk_modes;
	u8 client_auth;
	bool no_name_check;
	struct tls13_hs_result *result;
};

/* transport.c */
int tls13_notify(struct net *net, gfp_t gfp);
void tls13_cancelled(struct sock *sk);
int tls13_submit(const struct tls_handshake_args *args, unsigned int type,
		 unsigned int auth, const struct tls13_opts *opts, gfp_t gfp);
bool tls13_cancel(struct sock *sk);
int tls13_transport_init(void);
void tls13_transport_exit(void);

/* ktls.c; @how: TLS13_KU_RECEIVED (the peer's KeyUpdate was read),
 * TLS13_KU_REQUESTED (update_requested), compat.h
 */
int tls13_key_update(struct socket *sock, unsigned int how);
bool tls13_key_update_due(struct socket *sock);

/* keyrings.c */
enum tls13_keyring {
	TLS13_KEYRING_TRUST,
	TLS13_KEYRING_CLIENT_CA,
	TLS13_KEYRING_SERVER,
	TLS13_KEYRING_CLIENT,
	TLS13_KEYRING_PEERS,
	TLS13_KEYRING_COUNT
};

struct key *tls13_keyring(enum tls13_keyring which);
int tls13_peer_key_add(const struct tls13_leaf *leaf, key_serial_t *serial);
int tls13_keyrings_init(void);
void tls13_keyrings_exit(void);

/* psk.c */
int tls13_psk_load(key_serial_t serial, struct tls13_psk *out);
int tls13_psk_find(struct key *keyring, const u8 *id, u16 id_len,
		   struct tls13_psk *out);

/* testdev.c */
#if IS_ENABLED(CONFIG_NET_HANDSHAKE_TLS13_TESTDEV)
int tls13_testdev_init(void);
void tls13_testdev_exit(void);
#else
static inline int tls13_testdev_init(void) { return 0; }
static inline void tls13_testdev_exit(void) { }
#endif

#endif /* _NET_HANDSHAKE_TLS13_ENGINE_H */
