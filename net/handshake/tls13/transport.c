// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running a handshake on a consumer's socket.
 *
 * tls13_submit() pins what the request uses (the socket's file and sock,
 * the peer name, our module), records the request against its sock for
 * tls13_cancel(), and queues its work. No worker ever waits on the
 * socket: the work takes one step (it reads what the engine asks for
 * with MSG_DONTWAIT, feeds it, sends what the engine queues) and returns
 * when the socket has nothing more for it. The socket's data_ready,
 * write_space and state_change callbacks, wrapped for the handshake's
 * duration, queue the next step; so do cancellation and the deadline's
 * timer. A stalled peer costs its request's memory, not a thread.
 *
 * The engine never asks for more than the rest of the record under way,
 * so nothing past the record that completes the handshake is read: what
 * follows belongs to kTLS, which the last step installs (TLS_TX and
 * TLS_RX, TLS 1.3, the application traffic keys, sequence 0), after it
 * gave the socket its callbacks back, before it reports success.
 *
 * Every accepted request ends in exactly one ta_done call, unless
 * tls13_cancel() wins the race for it first: one bit decides. The
 * handshake's time (ta_timeout_ms) starts with its first step.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/hashtable.h>
#include <linux/inet.h>
#include <linux/module.h>
#include <linux/net.h>
#include <linux/proc_fs.h>
#include <linux/random.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <uapi/linux/handshake.h>
#include <uapi/linux/tls.h>

#include "engine.h"
#include "sig.h"

static ushort suites[4] = {
	TLS13_AES_128_GCM_SHA256, TLS13_AES_256_GCM_SHA384,
	TLS13_CHACHA20_POLY1305_SHA256, TLS13_AES_128_CCM_SHA256,
};

static unsigned int n_suites = ARRAY_SIZE(suites);

module_param_array(suites, ushort, &n_suites, 0644);
MODULE_PARM_DESC(suites,
		 "Cipher suites offered (client) and accepted (server), in order of preference (IANA code points; default 0x1301,0x1302,0x1303,0x1304)");

static ushort groups[3] = {
	TLS13_GROUP_X25519, TLS13_GROUP_SECP256R1, TLS13_GROUP_SECP384R1,
};

static unsigned int n_groups = ARRAY_SIZE(groups);

module_param_array(groups, ushort, &n_groups, 0644);
MODULE_PARM_DESC(groups,
		 "Key exchange groups in order of preference; a client sends a key share for the first (default 0x1d,0x17,0x18: x25519, secp256r1, secp384r1)");

static unsigned int timeout_ms = 30000;
module_param(timeout_ms, uint, 0644);
MODULE_PARM_DESC(timeout_ms,
		 "Handshake time limit when the consumer gives none (default 30000)");

static unsigned int client_auth = TLS13_CLIENT_AUTH_REQUEST;
module_param(client_auth, uint, 0644);
MODULE_PARM_DESC(client_auth,
		 "Certificate server: 0 do not ask clients for a certificate, 1 ask (a client may send none; the consumer sees no peer id), 2 require one (default 1)");

static bool psk_ke;
module_param(psk_ke, bool, 0644);
MODULE_PARM_DESC(psk_ke,
		 "PSK handshakes: also offer (client) and accept (server) psk_ke, a PSK without (EC)DHE and so without forward secrecy (default 0: psk_dhe_ke only)");

static unsigned int peer_key_ttl = 3600;
module_param(peer_key_ttl, uint, 0644);
MODULE_PARM_DESC(peer_key_ttl,
		 "Seconds a verified client certificate's key stays in .tls13-peers (default 3600; 0: until the ring is full)");

static unsigned int peer_keys_max = 1024;
module_param(peer_keys_max, uint, 0644);
MODULE_PARM_DESC(peer_keys_max,
		 "Keys .tls13-peers holds at most; a full ring is emptied before the next key (default 1024)");

static bool log_handshakes;
module_param(log_handshakes, bool, 0644);
MODULE_PARM_DESC(log_handshakes,
		 "Log every successful handshake at info level (default 0: at debug level; failures are always logged, rate-limited; /proc/net/tls13_stat counts both)");

static unsigned int max_handshakes = 4096;
module_param(max_handshakes, uint, 0644);
MODULE_PARM_DESC(max_handshakes,
		 "Handshakes in flight at most, both roles; past it a consumer's request fails at once with -EAGAIN (default 4096; a peer that never speaks holds one until the consumer's timeout, a few KiB of memory and no thread)");

static bool wq_unbound;
module_param(wq_unbound, bool, 0444);
MODULE_PARM_DESC(wq_unbound,
		 "Run handshakes on an unbound workqueue, on any CPU (its cpumask and affinity_scope then in /sys/devices/virtual/workqueue/); default 0: on the CPU that started them, as nvme-tcp does");

enum {
	TLS13_REQ_DONE,		/* ta_done called, or cancelled: nobody else may */
	TLS13_REQ_CANCELLED,	/* tls13_cancel() won */
	TLS13_REQ_TIMEDOUT,	/* the deadline passed */
};

/* records one step reads before it lets the CPU's other work run */
#define TLS13_STEP_RECORDS	8

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
 * @done: ta_done
 * @data: ta_data
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

static DEFINE_HASHTABLE(reqs, 6);
static DEFINE_SPINLOCK(reqs_lock);
static struct workqueue_struct *tls13_wq;

static struct tls13_req *req_lookup(struct sock *sk)
{
	struct tls13_req *req;

	hash_for_each_possible(reqs, req, node, (unsigned long)sk)
		if (req->sk == sk)
			return req;
	return NULL;
}

static bool cancelled(const struct tls13_req *req)
{
	return test_bit(TLS13_REQ_CANCELLED, &req->flags);
}

/* Is there something for us: data, an error, the end? */
static bool readable(const struct sock *sk)
{
	return !skb_queue_empty_lockless(&sk->sk_receive_queue) ||
	       READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN);
}

/*
 * The socket's callbacks while a handshake runs on it: the socket's own,
 * then the next step. TCP calls them with the socket locked, and they are
 * swapped under lock_sock(): a request found here is still hooked.
 */
static struct tls13_req *hooked_req(struct sock *sk)
{
	struct tls13_req *req;

	spin_lock_bh(&reqs_lock);
	req = req_lookup(sk);
	if (req)
		queue_work(tls13_wq, &req->work);
	spin_unlock_bh(&reqs_lock);
	return req;
}

static void tls13_data_ready(struct sock *sk)
{
	struct tls13_req *req = hooked_req(sk);

	if (req)
		req->data_ready(sk);
}

static void tls13_write_space(struct sock *sk)
{
	struct tls13_req *req = hooked_req(sk);

	if (req)
		req->write_space(sk);
}

static void tls13_state_change(struct sock *sk)
{
	struct tls13_req *req = hooked_req(sk);

	if (req)
		req->state_change(sk);
}

static void hook(struct tls13_req *req)
{
	struct sock *sk = req->sk;

	lock_sock(sk);
	write_lock_bh(&sk->sk_callback_lock);
	req->data_ready = sk->sk_data_ready;
	req->write_space = sk->sk_write_space;
	req->state_change = sk->sk_state_change;
	WRITE_ONCE(sk->sk_data_ready, tls13_data_ready);
	WRITE_ONCE(sk->sk_write_space, tls13_write_space);
	WRITE_ONCE(sk->sk_state_change, tls13_state_change);
	req->hooked = true;
	write_unlock_bh(&sk->sk_callback_lock);
	release_sock(sk);
}

/* Give the socket its callbacks back (before kTLS wraps them) */
static void unhook(struct tls13_req *req)
{
	struct sock *sk = req->sk;

	if (!req->hooked)
		return;
	lock_sock(sk);
	write_lock_bh(&sk->sk_callback_lock);
	WRITE_ONCE(sk->sk_data_ready, req->data_ready);
	WRITE_ONCE(sk->sk_write_space, req->write_space);
	WRITE_ONCE(sk->sk_state_change, req->state_change);
	req->hooked = false;
	write_unlock_bh(&sk->sk_callback_lock);
	release_sock(sk);
}

static void deadline(struct timer_list *t)
{
	struct tls13_req *req = from_timer(req, t, timer);

	set_bit(TLS13_REQ_TIMEDOUT, &req->flags);
	queue_work(tls13_wq, &req->work);
}

/*
 * Send what the engine queued, as far as the socket takes it now.
 * Return values: 0 (all of it), -EAGAIN (write_space will call again),
 * or the socket's error
 */
static int send_out(struct tls13_req *req)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	struct kvec iov;
	size_t len;
	const u8 *out = tls13_hs_output(req->hs, &len);
	int n;

	while (req->sent < len) {
		iov.iov_base = (void *)(out + req->sent);
		iov.iov_len = len - req->sent;
		n = kernel_sendmsg(req->sock, &msg, &iov, 1, iov.iov_len);
		if (n <= 0)
			return n ?: -EIO;
		req->sent += n;
	}
	tls13_hs_output_done(req->hs);
	req->sent = 0;
	return 0;
}

/*
 * Read what the engine wants and feed it, as long as there is some;
 * send what it answers. Return values: 0 (connected), -EINPROGRESS (the
 * socket's callbacks or the queue will call again), or why it failed
 */
static int pump(struct tls13_req *req)
{
	struct msghdr msg = {};
	struct tls13_hs *hs = req->hs;
	unsigned int records = 0;
	struct kvec iov;
	size_t want;
	int err, n;

	for (;;) {
		err = send_out(req);
		if (err == -EAGAIN)
			return -EINPROGRESS;
		if (err || tls13_hs_state(hs) == TLS13_ST_FAILED)
			return req->err ?: err;
		if (tls13_hs_state(hs) == TLS13_ST_CONNECTED)
			return 0;
		iov.iov_base = tls13_hs_want(hs, &want);
		iov.iov_len = want;
		if (want == TLS13_RECORD_HEADER_LEN &&
		    ++records > TLS13_STEP_RECORDS) {
			queue_work(tls13_wq, &req->work);
			return -EINPROGRESS;
		}
		n = kernel_recvmsg(req->sock, &msg, &iov, 1, want,
				   MSG_DONTWAIT);
		if (n == -EAGAIN)
			return -EINPROGRESS;
		err = n > 0 ? tls13_hs_got(hs, n) : n ?: -ECONNRESET;
		if (err) {
			if (tls13_hs_state(hs) != TLS13_ST_FAILED)
				tls13_hs_fail(hs, 0, err); /* transport error */
			req->err = err;		/* its alert, if any, goes next */
		}
	}
}

static int set_ktls(struct socket *sock, int dir, const struct tls13_suite *s,
		    const u8 *key, const u8 *iv)
{
	union {
		struct tls12_crypto_info_aes_gcm_128 gcm128;
		struct tls12_crypto_info_aes_gcm_256 gcm256;
		struct tls12_crypto_info_chacha20_poly1305 chacha;
		struct tls12_crypto_info_aes_ccm_128 ccm;
	} ci;
	struct tls_crypto_info *info = &ci.gcm128.info;
	unsigned int size;
	int err;

	memset(&ci, 0, sizeof(ci));
	info->version = TLS_1_3_VERSION;
	switch (s->id) {
	case TLS13_AES_128_GCM_SHA256:
		info->cipher_type = TLS_CIPHER_AES_GCM_128;
		memcpy(ci.gcm128.salt, iv, 4);
		memcpy(ci.gcm128.iv, iv + 4, 8);
		memcpy(ci.gcm128.key, key, 16);
		size = sizeof(ci.gcm128);
		break;
	case TLS13_AES_256_GCM_SHA384:
		info->cipher_type = TLS_CIPHER_AES_GCM_256;
		memcpy(ci.gcm256.salt, iv, 4);
		memcpy(ci.gcm256.iv, iv + 4, 8);
		memcpy(ci.gcm256.key, key, 32);
		size = sizeof(ci.gcm256);
		break;
	case TLS13_CHACHA20_POLY1305_SHA256:
		info->cipher_type = TLS_CIPHER_CHACHA20_POLY1305;
		memcpy(ci.chacha.iv, iv, 12);
		memcpy(ci.chacha.key, key, 32);
		size = sizeof(ci.chacha);
		break;
	case TLS13_AES_128_CCM_SHA256:
		info->cipher_type = TLS_CIPHER_AES_CCM_128;
		memcpy(ci.ccm.salt, iv, 4);
		memcpy(ci.ccm.iv, iv + 4, 8);
		memcpy(ci.ccm.key, key, 16);
		size = sizeof(ci.ccm);
		break;
	default:
		return -EINVAL;
	}
	err = sock->ops->setsockopt(sock, SOL_TLS, dir, KERNEL_SOCKPTR(&ci),
				    size);
	memzero_explicit(&ci, sizeof(ci));
	return err;
}

/* Hand the application traffic keys to kTLS */
static int install_ktls(struct tls13_req *req, struct tls13_hs *hs)
{
	char ulp[] = "tls";
	const struct tls13_suite *s = tls13_suite_find(tls13_hs_result(hs)->suite);
	u8 key[TLS13_MAX_KEY_LEN], iv[TLS13_AEAD_NONCE_LEN];
	int err;

	err = req->sock->ops->setsockopt(req->sock, SOL_TCP, TCP_ULP,
					 KERNEL_SOCKPTR(ulp), sizeof(ulp));
	if (!err)
		err = tls13_hs_traffic_keys(hs, true, key, iv);
	if (!err)
		err = set_ktls(req->sock, TLS_TX, s, key, iv);
	if (!err)
		err = tls13_hs_traffic_keys(hs, false, key, iv);
	if (!err)
		err = set_ktls(req->sock, TLS_RX, s, key, iv);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	return err;
}

/* A peer name that is not an address literal goes out as server_name */
static bool is_dns_name(const char *name)
{
	u8 addr[16];
	size_t len = strlen(name);

	return len && len <= 253 && !in4_pton(name, len, addr, -1, NULL) &&
	       !in6_pton(name, len, addr, -1, NULL);
}

static int psk_find(void *ctx, const u8 *id, u16 id_len, struct tls13_psk *out)
{
	struct tls13_req *req = ctx;

	return tls13_psk_find(req->keyring_key, id, id_len, out);
}

/*
 * Certificates: our credentials (ta_my_cert/ta_my_privkey, else the
 * default identity: a server needs one, a client without one answers a
 * CertificateRequest with no certificate) and the trust anchors
 * (ta_keyring, else .tls13-trust).
 */
static int configure_cert(struct tls13_req *req)
{
	struct tls13_hs_config *cfg = &req->cfg;
	const char *who = req->server ? "server" : "client";
	int err = 0;

	/*
	 * A client that checks no name accepts any certificate the anchors
	 * ever issued: only a caller that says so gets that.
	 */
	if (!req->server && !req->peername && !req->opts.no_name_check) {
		pr_warn_ratelimited("client handshake with %pISpc: no peer name to check the server's certificate against\n",
				    &req->peer);
		return -EINVAL;
	}

	cfg->cert = true;
	if (req->auth == HANDSHAKE_AUTH_UNAUTH)
		err = -ENOKEY;		/* an anonymous client */
	else if (req->cert != TLS_NO_CERT)
		err = tls13_cred_load(req->cert, req->privkey, &req->cred);
	else
		err = tls13_cred_load_default(tls13_keyring(req->server ?
						TLS13_KEYRING_SERVER :
						TLS13_KEYRING_CLIENT),
					      &req->cred);
	if (!err) {
		cfg->cred = &req->cred;
	} else if (req->server || err != -ENOKEY) {
		if (req->cert != TLS_NO_CERT)
			pr_warn_ratelimited("%s certificate key %08x, private key %08x: %d\n",
					    who, req->cert, req->privkey, err);
		else
			pr_warn_ratelimited("no %s certificate in .tls13-%s: %d\n",
					    who, who, err);
		return err;
	}

	if (req->keyring != TLS_NO_KEYRING) {
		req->trust = key_lookup(req->keyring);
		if (IS_ERR(req->trust)) {
			err = PTR_ERR(req->trust);
			req->trust = NULL;
			pr_warn_ratelimited("trust keyring %08x: %d\n",
					    req->keyring, err);
			return -ENOKEY;
		}
	} else {
		/* a server checks clients against their own anchors */
		req->trust = key_get(tls13_keyring(req->server ?
						   TLS13_KEYRING_CLIENT_CA :
						   TLS13_KEYRING_TRUST));
	}
	req->policy.trust = req->trust;
	req->policy.client = req->server;
	if (req->server)
		req->policy.leaf = &req->leaf;
	else
		req->policy.peername = req->peername;
	cfg->policy = &req->policy;
	cfg->client_auth = req->opts.client_auth ? req->opts.client_auth - 1 :
			   min_t(unsigned int, READ_ONCE(client_auth),
				 TLS13_CLIENT_AUTH_REQUIRE);
	return 0;
}

/* Build the engine configuration; load what the client offers */
static int configure(struct tls13_req *req)
{
	struct tls13_hs_config *cfg = &req->cfg;
	unsigned int i;
	int err;

	cfg->server = req->server;
	for (i = 0; i < ARRAY_SIZE(cfg->suites); i++) {
		u16 s = req->opts.suites[0] ? req->opts.suites[i] :
			i < READ_ONCE(n_suites) ? suites[i] : 0;

		if (!s)
			break;
		if (!tls13_suite_find(s))
			return -EINVAL;
		cfg->suites[cfg->n_suites++] = s;
	}
	for (i = 0; i < ARRAY_SIZE(cfg->groups); i++) {
		u16 g = req->opts.groups[0] ? req->opts.groups[i] :
			i < READ_ONCE(n_groups) ? groups[i] : 0;

		if (!g)
			break;
		if (!tls13_group_find(g))
			return -EINVAL;
		cfg->groups[cfg->n_groups++] = g;
	}
	cfg->psk_modes = req->opts.psk_modes ?: BIT(TLS13_PSK_DHE_KE) |
			 (READ_ONCE(psk_ke) ? BIT(TLS13_PSK_KE) : 0);
	if (!cfg->n_suites)
		return -EINVAL;
	if (req->alpn) {
		cfg->alpn = req->alpn;
		cfg->alpn_len = strlen(req->alpn);
	}
	if (!req->server && req->peername && is_dns_name(req->peername))
		cfg->server_name = req->peername;

	if (req->auth != HANDSHAKE_AUTH_PSK)
		return configure_cert(req);
	if (req->server) {
		if (req->keyring == TLS_NO_KEYRING)
			return -ENOKEY;
		req->keyring_key = key_lookup(req->keyring);
		if (IS_ERR(req->keyring_key)) {
			req->keyring_key = NULL;
			return -ENOKEY;
		}
		cfg->psk_find = psk_find;
		cfg->ctx = req;
		return 0;
	}
	for (i = 0; i < req->n_peerids; i++) {
		err = tls13_psk_load(req->peerids[i], &req->psks[i]);
		if (err) {
			pr_warn_ratelimited("PSK key %08x: %d\n",
					    req->peerids[i], err);
			return err;
		}
	}
	cfg->psks = req->psks;
	cfg->n_psks = req->n_peerids;
	return 0;
}

/*
 * Randoms, key shares and signature nonces come from get_random_bytes(),
 * which does not wait for the random pool: early in boot (an NFS root, a
 * fabrics connect from an initramfs) the pool may not be ready yet, and
 * a handshake must not run on a guessable state. The first handshake to
 * find the pool not ready starts one worker that makes it ready
 * (wait_for_random_bytes() gathers timer jitter rather than waiting for
 * interrupts); every such handshake waits on rng_waiters, without a
 * thread, until then or until its own deadline. Nothing at all once the
 * pool is ready.
 */
static LIST_HEAD(rng_waiters);
static DEFINE_SPINLOCK(rng_lock);

static void rng_seed(struct work_struct *work)
{
	struct tls13_req *req;

	wait_for_random_bytes();
	spin_lock_bh(&rng_lock);
	while ((req = list_first_entry_or_null(&rng_waiters, struct tls13_req,
					       rng_node))) {
		list_del_init(&req->rng_node);
		queue_work(tls13_wq, &req->work);
	}
	spin_unlock_bh(&rng_lock);
}

static DECLARE_WORK(rng_work, rng_seed);

/* %true if the pool is ready; else the request waits for it */
static bool rng_ready(struct tls13_req *req)
{
	bool ready;

	if (rng_is_initialized())
		goto ready;
	spin_lock_bh(&rng_lock);
	ready = rng_is_initialized();
	if (!ready && list_empty(&req->rng_node)) {
		list_add_tail(&req->rng_node, &rng_waiters);
		req->rng_wait = jiffies ?: 1;
		queue_work(system_unbound_wq, &rng_work);
	}
	spin_unlock_bh(&rng_lock);
	if (!ready)
		return false;
ready:
	if (req->rng_wait)
		pr_info_ratelimited("%s handshake with %pISpc waited %u ms for the random pool\n",
				    req->server ? "server" : "client",
				    &req->peer,
				    jiffies_to_msecs(jiffies - req->rng_wait));
	req->rng_wait = 0;
	return true;
}

static void rng_forget(struct tls13_req *req)
{
	spin_lock_bh(&rng_lock);
	list_del_init(&req->rng_node);
	spin_unlock_bh(&rng_lock);
}

/*
 * What became of the handshakes, counted per outcome for
 * /proc/net/<module>_stat: a remote peer can make every handshake fail,
 * so failures are logged rate-limited and successes at debug level
 * (unless log_handshakes is set), and these counters tell the rest.
 */
enum tls13_stat {
	TLS13_STAT_CLIENT_OK,
	TLS13_STAT_SERVER_OK,
	TLS13_STAT_ALERT_SENT,
	TLS13_STAT_ALERT_RECEIVED,
	TLS13_STAT_TIMEOUT,
	TLS13_STAT_OTHER,
	TLS13_STAT_CANCELLED,
	TLS13_STAT_REFUSED,
	TLS13_STAT_COUNT
};

static const char *const stat_names[TLS13_STAT_COUNT] = {
	[TLS13_STAT_CLIENT_OK] = "client_ok",
	[TLS13_STAT_SERVER_OK] = "server_ok",
	[TLS13_STAT_ALERT_SENT] = "failed_alert_sent",
	[TLS13_STAT_ALERT_RECEIVED] = "failed_alert_received",
	[TLS13_STAT_TIMEOUT] = "failed_timeout",
	[TLS13_STAT_OTHER] = "failed_other",
	[TLS13_STAT_CANCELLED] = "cancelled",
	[TLS13_STAT_REFUSED] = "refused_max_handshakes",
};

static atomic_long_t stats[TLS13_STAT_COUNT];
static atomic_t in_flight;	/* accepted, not yet finished */

static int stat_show(struct seq_file *m, void *v)
{
	unsigned int i;

	for (i = 0; i < TLS13_STAT_COUNT; i++)
		seq_printf(m, "%s %lu\n", stat_names[i],
			   (unsigned long)atomic_long_read(&stats[i]));
	seq_printf(m, "in_flight %d\n", atomic_read(&in_flight));
	/* our identities proven (cred.c): once each, not per handshake */
	seq_printf(m, "identity_proofs %u\n", tls13_cred_proofs());
	return 0;
}

#define STAT_FILE	KBUILD_MODNAME "_stat"

static enum tls13_stat outcome(const struct tls13_req *req, int status,
			       const struct tls13_hs_result *res)
{
	if (!status)
		return req->server ? TLS13_STAT_SERVER_OK : TLS13_STAT_CLIENT_OK;
	if (res->alert)
		return TLS13_STAT_ALERT_SENT;
	if (res->peer_alert >= 0)
		return TLS13_STAT_ALERT_RECEIVED;
	if (status == -ETIMEDOUT)
		return TLS13_STAT_TIMEOUT;
	return TLS13_STAT_OTHER;
}

/* one line on success (debug level unless log_handshakes) */
static __printf(1, 2) void log_ok(const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (READ_ONCE(log_handshakes))
		pr_info("%pV", &vaf);
	else
		pr_debug("%pV", &vaf);
	va_end(args);
}

static void log_result(struct tls13_req *req, int status,
		       const struct tls13_hs_result *res)
{
	const struct tls13_suite *s = tls13_suite_find(res->suite);
	const struct tls13_group *g = tls13_group_find(res->group);
	const struct sockaddr_storage *peer = &req->peer;
	const char *role = req->server ? "server" : "client";
	char who[48];

	atomic_long_inc(&stats[outcome(req, status, res)]);
	if (!status && req->auth == HANDSHAKE_AUTH_PSK) {
		log_ok("%s handshake with %pISpc: %s %s %s, peer key %08x%s%s\n",
		       role, peer, s ? s->name : "?",
		       g ? g->name : "-", g ? "psk_dhe_ke" : "psk_ke",
		       res->psk_serial, res->alpn ? ", alpn " : "",
		       res->alpn ? req->alpn : "");
		return;
	}
	if (!status) {
		if (!res->peer_cert)
			strscpy(who, "anonymous", sizeof(who));
		else if (res->cert_serial)
			snprintf(who, sizeof(who), "%s, key %08x",
				 tls13_sigscheme_name(res->peer_scheme),
				 res->cert_serial);
		else
			strscpy(who, tls13_sigscheme_name(res->peer_scheme),
				sizeof(who));
		log_ok("%s handshake with %pISpc: %s %s, certificate %s, peer %s%s%s\n",
		       role, peer, s ? s->name : "?", g ? g->name : "-",
		       res->cert_sent ? tls13_sigscheme_name(res->scheme) :
					"none",
		       who, res->alpn ? ", alpn " : "",
		       res->alpn ? req->alpn : "");
		return;
	}
	if (res->alert)
		pr_warn_ratelimited("%s handshake with %pISpc failed: %d (sent %s%s%s)\n",
				    role, peer, status,
				    tls13_alert_name(res->alert),
				    res->why ? ": " : "", res->why ?: "");
	else if (res->peer_alert >= 0)
		pr_warn_ratelimited("%s handshake with %pISpc failed: %d (received %s)\n",
				    role, peer, status,
				    tls13_alert_name(res->peer_alert));
	else
		pr_warn_ratelimited("%s handshake with %pISpc failed: %d\n",
				    role, peer, status);
}

/*
 * A server's client, authenticated by a certificate: its key in
 * .tls13-peers, whose serial is the peer id ta_done reports. Made only
 * now that the client has proven it holds the key and the handshake is
 * over; bounded by an expiry (peer_key_ttl) and a size (peer_keys_max,
 * past which the ring is emptied: the consumers keep the serial, not the
 * key). One key per certificate: the same one again updates it.
 */
static int record_peer(struct tls13_req *req)
{
	struct key *peers = tls13_keyring(TLS13_KEYRING_PEERS);
	unsigned int ttl = READ_ONCE(peer_key_ttl);
	key_ref_t ref;

	if (!req->leaf.der)
		return 0;
	if (peers->keys.nr_leaves_on_tree >= READ_ONCE(peer_keys_max)) {
		pr_info_ratelimited("%s is full (peer_keys_max %u): emptied\n",
				    peers->description,
				    READ_ONCE(peer_keys_max));
		keyring_clear(peers);
	}
	ref = key_create_or_update(make_key_ref(peers, true), "asymmetric",
				   NULL, req->leaf.der, req->leaf.len,
				   (KEY_POS_ALL & ~KEY_POS_SETATTR) |
				   KEY_USR_VIEW | KEY_USR_READ | KEY_USR_SEARCH,
				   KEY_ALLOC_NOT_IN_QUOTA);
	if (IS_ERR(ref))
		return PTR_ERR(ref);
	if (ttl)
		key_set_timeout(key_ref_to_ptr(ref), ttl);
	req->peer_serial = key_serial(key_ref_to_ptr(ref));
	key_ref_put(ref);
	return 0;
}

static void req_free(struct tls13_req *req)
{
	if (req->keyring_key)
		key_put(req->keyring_key);
	if (req->trust)
		key_put(req->trust);
	tls13_cred_free(&req->cred);
	kfree(req->leaf.der);
	kfree(req->peername);
	kfree(req->alpn);
	sock_put(req->sk);
	fput(req->file);
	kfree_sensitive(req);
}

/*
 * One step of the handshake. Nothing costly before it is needed: a
 * request cancelled while queued ends here, and a server loads and
 * proves its identity (a signature and a verification) only once the
 * client has sent something, so that idle connections cost no CPU.
 *
 * Return values: 0 (connected), -EINPROGRESS (waiting), or why it failed
 */
static int step(struct tls13_req *req)
{
	int err;

	if (cancelled(req))
		return -ECANCELED;
	if (!req->started) {
		req->started = jiffies ?: 1;
		mod_timer(&req->timer, req->started + req->timeout);
		hook(req);
	}
	if (test_bit(TLS13_REQ_TIMEDOUT, &req->flags)) {
		if (req->rng_wait) {
			pr_warn_ratelimited("%s handshake with %pISpc failed: the random pool was not ready within the handshake's %u ms\n",
					    req->server ? "server" : "client",
					    &req->peer,
					    jiffies_to_msecs(req->timeout));
			return -EAGAIN;
		}
		return -ETIMEDOUT;
	}
	if (!req->hs) {
		if (req->server && !readable(req->sk))
			return -EINPROGRESS;
		/* a client that leaves without a word costs nothing more */
		if (req->server &&
		    skb_queue_empty_lockless(&req->sk->sk_receive_queue))
			return -READ_ONCE(req->sk->sk_err) ?: -ECONNRESET;
		if (!rng_ready(req))
			return -EINPROGRESS;
		err = configure(req);
		if (err)
			return err;
		req->hs = tls13_hs_alloc(&req->cfg, GFP_KERNEL);
		if (!req->hs)
			return -ENOMEM;
		err = tls13_hs_start(req->hs);
		if (err)
			return err;
	}
	return pump(req);
}

/* The handshake is over: give the socket back, then tell the consumer */
static void finish(struct tls13_req *req, int status)
{
	struct tls13_hs_result res = { .peer_alert = -1 };
	struct tls13_hs *hs = req->hs;

	unhook(req);
	if (hs) {
		if (!status)
			status = record_peer(req) ?: install_ktls(req, hs);
		res = *tls13_hs_result(hs);
		res.cert_serial = req->peer_serial;
	}
	tls13_hs_free(hs);
	req->hs = NULL;
	memzero_explicit(req->psks, sizeof(req->psks));

	/* nothing may queue the work again once it is out of all of these */
	spin_lock_bh(&reqs_lock);
	hash_del(&req->node);
	spin_unlock_bh(&reqs_lock);
	timer_shutdown_sync(&req->timer);
	rng_forget(req);
	cancel_work(&req->work);

	if (!test_and_set_bit(TLS13_REQ_DONE, &req->flags)) {
		log_result(req, status, &res);
		if (req->opts.result)
			*req->opts.result = res;
		req->done(req->data, status, status ? TLS_NO_PEERID :
			  req->auth == HANDSHAKE_AUTH_PSK ? res.psk_serial :
			  res.peer_cert ? res.cert_serial : TLS_NO_PEERID);
	} else {
		atomic_long_inc(&stats[TLS13_STAT_CANCELLED]);
	}
	req_free(req);
	atomic_dec(&in_flight);
	module_put(THIS_MODULE);
}

static void tls13_work(struct work_struct *work)
{
	struct tls13_req *req = container_of(work, struct tls13_req, work);
	int status = step(req);

	if (status != -EINPROGRESS)
		finish(req, status);
}

/**
 * tls13_submit - start a handshake on a socket
 * @args: the consumer's request (include/net/handshake.h)
 * @type: HANDSHAKE_MSG_TYPE_CLIENTHELLO or _SERVERHELLO
 * @auth: HANDSHAKE_AUTH_*
 * @opts: overrides (the test entry), or %NULL
 * @gfp: allocation flags
 *
 * Return values:
 *   %0: queued; ta_done will be called once, unless cancelled
 *   %-EINVAL: no socket, a client PSK request without 1..5 keys, or an
 *	ALPN protocol name that is empty or longer than 255 bytes
 *   %-EOPNOTSUPP: an unknown authentication mode, or an anonymous server
 *   %-EBUSY: a handshake is already running on this socket
 *   %-EAGAIN: max_handshakes are in flight
 *   %-ENOMEM: out of memory
 */
int tls13_submit(const struct tls_handshake_args *args, unsigned int type,
		 unsigned int auth, const struct tls13_opts *opts, gfp_t gfp)
{
	struct socket *sock = args->ta_sock;
	struct tls13_req *req;
	unsigned long tmo;
	int err = -ENOMEM;

	if (!sock || !sock->sk || !sock->file)
		return -EINVAL;
	if (auth != HANDSHAKE_AUTH_PSK && auth != HANDSHAKE_AUTH_X509 &&
	    (auth != HANDSHAKE_AUTH_UNAUTH ||
	     type != HANDSHAKE_MSG_TYPE_CLIENTHELLO))
		return -EOPNOTSUPP;
	if (type == HANDSHAKE_MSG_TYPE_CLIENTHELLO && auth == HANDSHAKE_AUTH_PSK &&
	    (!args->ta_num_peerids || args->ta_num_peerids > 5))
		return -EINVAL;

	if (atomic_inc_return(&in_flight) > READ_ONCE(max_handshakes)) {
		atomic_dec(&in_flight);
		atomic_long_inc(&stats[TLS13_STAT_REFUSED]);
		pr_warn_ratelimited("%u handshakes in flight (max_handshakes): refused one\n",
				    READ_ONCE(max_handshakes));
		return -EAGAIN;
	}
	req = kzalloc(sizeof(*req), gfp);
	if (!req)
		goto out;
	if (args->ta_peername) {
		req->peername = kstrdup(args->ta_peername, gfp);
		if (!req->peername)
			goto out;
	}
	if (args->ta_alpn) {
		size_t n = strlen(args->ta_alpn);

		err = -EINVAL;
		if (!n || n > U8_MAX)
			goto out;
		err = -ENOMEM;
		req->alpn = kstrdup(args->ta_alpn, gfp);
		if (!req->alpn)
			goto out;
	}
	INIT_WORK(&req->work, tls13_work);
	timer_setup(&req->timer, deadline, 0);
	INIT_LIST_HEAD(&req->rng_node);
	req->sock = sock;
	req->sk = sock->sk;
	if (kernel_getpeername(sock, (struct sockaddr *)&req->peer) < 0)
		req->peer.ss_family = AF_UNSPEC;
	req->done = args->ta_done;
	req->data = args->ta_data;
	req->server = type == HANDSHAKE_MSG_TYPE_SERVERHELLO;
	req->auth = auth;
	req->keyring = args->ta_keyring;
	req->cert = args->ta_my_cert;
	req->privkey = args->ta_my_privkey;
	if (!req->server && auth == HANDSHAKE_AUTH_PSK) {
		req->n_peerids = args->ta_num_peerids;
		memcpy(req->peerids, args->ta_my_peerids,
		       req->n_peerids * sizeof(req->peerids[0]));
	}
	if (opts)
		req->opts = *opts;
	tmo = args->ta_timeout_ms ?: READ_ONCE(timeout_ms);
	req->timeout = msecs_to_jiffies(tmo);

	spin_lock_bh(&reqs_lock);
	if (req_lookup(req->sk)) {
		spin_unlock_bh(&reqs_lock);
		err = -EBUSY;
		goto out;
	}
	req->file = get_file(sock->file);
	sock_hold(req->sk);
	__module_get(THIS_MODULE);
	hash_add(reqs, &req->node, (unsigned long)req->sk);
	spin_unlock_bh(&reqs_lock);

	queue_work(tls13_wq, &req->work);
	return 0;

out:
	if (req) {
		kfree(req->alpn);
		kfree(req->peername);
		kfree(req);
	}
	atomic_dec(&in_flight);
	return err;
}

/**
 * tls13_cancel - cancel the handshake running on @sk, if any
 * @sk: the consumer's sock
 *
 * Context: process or softirq.
 *
 * Return values:
 *   %true: it was running and ta_done will not be called
 *   %false: no handshake of ours on @sk, or it has completed
 */
bool tls13_cancel(struct sock *sk)
{
	struct tls13_req *req;
	bool won = false;

	spin_lock_bh(&reqs_lock);
	req = req_lookup(sk);
	if (req && !test_and_set_bit(TLS13_REQ_DONE, &req->flags)) {
		set_bit(TLS13_REQ_CANCELLED, &req->flags);
		queue_work(tls13_wq, &req->work);
		won = true;
	}
	spin_unlock_bh(&reqs_lock);
	return won;
}

/**
 * tls13_transport_init - create the workqueue handshakes run on
 *
 * Per CPU by default: a handshake runs where the consumer started it (a
 * connecting nvme-tcp or sunrpc thread, which then sleeps until it is
 * done; nvmet-tcp's and knfsd's accepting CPU), without waking another
 * CPU for each step; long CPU-bound steps leave that CPU's other work
 * items to another worker (the workqueue's CPU-intensive detection).
 * wq_unbound spreads them instead, as nvme-tcp's own parameter does:
 * for a target whose connections all arrive on one CPU.
 *
 * Return values: 0 or -ENOMEM
 */
int tls13_transport_init(void)
{
	tls13_wq = alloc_workqueue(KBUILD_MODNAME, WQ_MEM_RECLAIM |
				   (wq_unbound ? WQ_UNBOUND | WQ_SYSFS : 0), 0);
	if (!tls13_wq)
		return -ENOMEM;
	if (IS_ENABLED(CONFIG_PROC_FS) &&
	    !proc_create_single(STAT_FILE, 0444, init_net.proc_net,
				stat_show)) {
		destroy_workqueue(tls13_wq);
		return -ENOMEM;
	}
	return 0;
}

/**
 * tls13_transport_exit - wait for running handshakes and free the queue
 */
void tls13_transport_exit(void)
{
	remove_proc_entry(STAT_FILE, init_net.proc_net);
	destroy_workqueue(tls13_wq);
	flush_work(&rng_work);
}
