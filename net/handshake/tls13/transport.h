/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The transport's request, shared by its parts: transport.c (requests on
 * sockets, the steps that run them), config.c (the engine configuration a
 * request builds), ktls.c (the hand-off to kTLS) and report.c (what
 * became of each: counters, log lines).
 */
#ifndef _NET_HANDSHAKE_TLS13_TRANSPORT_H
#define _NET_HANDSHAKE_TLS13_TRANSPORT_H

#include <linux/socket.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include "engine.h"

enum {
	TLS13_REQ_DONE,		/* tls13_submit()'s: ta_done called, or cancelled */
	TLS13_REQ_CANCELLED,	/* a cancel won */
	TLS13_REQ_TIMEDOUT,	/* the deadline passed */
};

/**
 * struct tls13_req - one handshake request
 * @node: in @reqs, keyed by @sk
 * @work: runs the handshake's next step
 * @timer: the deadline
 * @rng_node: on rng_waiters while the random pool is not ready
 * @flags: %TLS13_REQ_*
 * @sock: the consumer's socket
 * @sk: its sock, held
 * @file: its file, held
 * @hreq: net/handshake's request, for tls_handshake_engine_done(); %NULL
 *	for the test entry's (tls13_submit())
 * @start_err: why the request cannot run, reported by its first step
 * @done: tls13_submit()'s ta_done
 * @data: its ta_data
 * @peername: ta_peername, copied
 * @peer: the peer's address, for the log (taken while it is connected)
 * @alpn: ta_alpn, copied
 * @server: the server side
 * @auth: HANDSHAKE_AUTH_*
 * @timeout: ta_timeout_ms (or the module's), in jiffies
 * @started: jiffies at the first step (0: not yet)
 * @rng_wait: jiffies when it began to wait for the random pool (0: not)
 * @hooked: the socket's callbacks are ours
 * @data_ready: the socket's own, called from ours
 * @write_space: likewise
 * @state_change: likewise
 * @hs: the engine, once configured
 * @sent: bytes of the engine's output already sent
 * @err: why the handshake failed, while its alert goes out
 * @keyring: ta_keyring
 * @keyring_key: @keyring, held while the handshake runs
 * @peerids: ta_my_peerids
 * @n_peerids: their number
 * @opts: the test entry's overrides
 * @cert: ta_my_cert
 * @privkey: ta_my_privkey
 * @cfg: the engine configuration built from all of the above
 * @psks: client: the PSKs loaded from @peerids
 * @cred: certificates: our chain and key
 * @policy: certificates: how the peer's chain is checked
 * @trust: @policy's trust anchors, held
 * @leaf: server: the client's verified certificate, for .tls13-peers
 * @peer_serial: server: the key made of @leaf, the peer id
 */
struct tls13_req {
	struct hlist_node node;
	struct work_struct work;
	struct timer_list timer;
	struct list_head rng_node;
	unsigned long flags;
	struct socket *sock;
	struct sock *sk;
	struct file *file;
	struct handshake_req *hreq;
	int start_err;
	tls_done_func_t done;
	void *data;
	char *peername;
	struct sockaddr_storage peer;
	char *alpn;
	bool server;
	unsigned int auth;
	unsigned long timeout;
	unsigned long started;
	unsigned long rng_wait;
	bool hooked;
	void (*data_ready)(struct sock *sk);
	void (*write_space)(struct sock *sk);
	void (*state_change)(struct sock *sk);
	struct tls13_hs *hs;
	size_t sent;
	int err;
	key_serial_t keyring;
	struct key *keyring_key;
	key_serial_t peerids[5];
	unsigned int n_peerids;
	key_serial_t cert;
	key_serial_t privkey;
	struct tls13_opts opts;
	struct tls13_hs_config cfg;
	struct tls13_psk psks[TLS13_MAX_PSKS];
	struct tls13_cred cred;
	struct tls13_cert_policy policy;
	struct key *trust;
	struct tls13_leaf leaf;
	key_serial_t peer_serial;
};

/* config.c */
int tls13_configure(struct tls13_req *req);

/* ktls.c */
int tls13_ktls_install(struct socket *sock, struct tls13_hs *hs);
int tls13_session_keep(struct socket *sock, struct tls13_hs *hs);

/* report.c */
enum tls13_stat {
	TLS13_STAT_CLIENT_OK,
	TLS13_STAT_SERVER_OK,
	TLS13_STAT_ALERT_SENT,
	TLS13_STAT_ALERT_RECEIVED,
	TLS13_STAT_TIMEOUT,
	TLS13_STAT_OTHER,
	TLS13_STAT_CANCELLED,
	TLS13_STAT_REFUSED,
	TLS13_STAT_KU_SENT,
	TLS13_STAT_KU_RECEIVED,
	TLS13_STAT_COUNT
};

void tls13_stat_inc(enum tls13_stat stat);
void tls13_report(const struct tls13_req *req, int status,
		  const struct tls13_hs_result *res);
int tls13_report_init(void);
void tls13_report_exit(void);

/* transport.c */
int tls13_in_flight(void);

#endif /* _NET_HANDSHAKE_TLS13_TRANSPORT_H */
