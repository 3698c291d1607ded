// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running a handshake on a consumer's socket.
 *
 * A request pins what it uses (the socket's file and sock, the peer
 * name, our module), is recorded against its sock for cancellation and
 * the socket's callbacks, and queues its work. No worker ever waits on the
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
 * A consumer's request comes from net/handshake (tls13_notify()) and
 * stays one of its requests: it ends through tls_handshake_engine_done(),
 * where net/handshake's one bit decides between completion and
 * tls_handshake_cancel() (which tells us, tls13_cancelled()). The test
 * entry's requests (tls13_submit()) have a bit of their own for
 * tls13_cancel(). The handshake's time (ta_timeout_ms) starts with its
 * first step.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/hashtable.h>
#include <linux/module.h>
#include <linux/net.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <uapi/linux/handshake.h>

#include "compat.h"
#include "transport.h"

static unsigned int timeout_ms = 30000;
module_param(timeout_ms, uint, 0644);
MODULE_PARM_DESC(timeout_ms,
		 "Handshake time limit when the consumer gives none (default 30000)");

static unsigned int max_handshakes = 4096;
module_param(max_handshakes, uint, 0644);
MODULE_PARM_DESC(max_handshakes,
		 "Handshakes in flight at most, both roles; past it a consumer's request fails at once with -EAGAIN (default 4096; a peer that never speaks holds one until the consumer's timeout, a few KiB of memory and no thread)");

static bool wq_unbound;
module_param(wq_unbound, bool, 0444);
MODULE_PARM_DESC(wq_unbound,
		 "Run handshakes on an unbound workqueue, on any CPU (its cpumask and affinity_scope then in /sys/devices/virtual/workqueue/); default 0: on the CPU that started them, as nvme-tcp does");

/* records one step reads before it lets the CPU's other work run */
#define TLS13_STEP_RECORDS	8

static atomic_t in_flight;	/* accepted, not yet finished */

/**
 * tls13_in_flight - handshakes accepted and not yet finished
 *
 * Return values: their number
 */
int tls13_in_flight(void)
{
	return atomic_read(&in_flight);
}

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
	struct tls13_req *req = timer_container_of(req, t, timer);

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
	if (req->start_err)
		return req->start_err;
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
		err = tls13_configure(req);
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
	key_serial_t peerid;

	unhook(req);
	if (hs) {
		if (!status)
			status = req->leaf.der ?
				 tls13_peer_key_add(&req->leaf,
						    &req->peer_serial) : 0;
		if (!status)
			status = tls13_ktls_install(req->sock, hs);
		/* without a session, a KeyUpdate ends the connection */
		if (!status)
			tls13_session_keep(req->sock, hs);
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

	peerid = status ? TLS_NO_PEERID :
		 req->auth == HANDSHAKE_AUTH_PSK ? res.psk_serial :
		 res.peer_cert ? res.cert_serial : TLS_NO_PEERID;
	if (req->hreq) {
		/* net/handshake's one bit decides against a cancel */
		if (tls_handshake_engine_done(req->hreq, status, peerid))
			tls13_report(req, status, &res);
		else
			tls13_stat_inc(TLS13_STAT_CANCELLED);
	} else if (!test_and_set_bit(TLS13_REQ_DONE, &req->flags)) {
		tls13_report(req, status, &res);
		if (req->opts.result)
			*req->opts.result = res;
		req->done(req->data, status, peerid);
	} else {
		tls13_stat_inc(TLS13_STAT_CANCELLED);
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

/* a place among the max_handshakes in flight, or %false */
static bool in_flight_get(void)
{
	if (atomic_inc_return(&in_flight) <= READ_ONCE(max_handshakes))
		return true;
	atomic_dec(&in_flight);
	tls13_stat_inc(TLS13_STAT_REFUSED);
	pr_warn_ratelimited("%u handshakes in flight (max_handshakes): refused one\n",
			    READ_ONCE(max_handshakes));
	return false;
}

/* What the consumer asked for, copied: its strings may not outlive it */
static int req_init(struct tls13_req *req, const struct tls_handshake_args *args,
		    unsigned int type, unsigned int auth, gfp_t gfp)
{
	INIT_WORK(&req->work, tls13_work);
	timer_setup(&req->timer, deadline, 0);
	INIT_LIST_HEAD(&req->rng_node);
	INIT_HLIST_NODE(&req->node);
	req->sock = args->ta_sock;
	req->sk = args->ta_sock->sk;
	if (kernel_getpeername(req->sock, (struct sockaddr *)&req->peer) < 0)
		req->peer.ss_family = AF_UNSPEC;
	req->server = type == HANDSHAKE_MSG_TYPE_SERVERHELLO;
	req->auth = auth;
	req->keyring = args->ta_keyring;
	req->cert = args->ta_my_cert;
	req->privkey = args->ta_my_privkey;
	req->timeout = msecs_to_jiffies(args->ta_timeout_ms ?:
					READ_ONCE(timeout_ms));

	if (auth != HANDSHAKE_AUTH_PSK && auth != HANDSHAKE_AUTH_X509 &&
	    (auth != HANDSHAKE_AUTH_UNAUTH || req->server))
		return -EOPNOTSUPP;
	if (!req->server && auth == HANDSHAKE_AUTH_PSK) {
		if (!args->ta_num_peerids || args->ta_num_peerids > 5)
			return -EINVAL;
		req->n_peerids = args->ta_num_peerids;
		memcpy(req->peerids, args->ta_my_peerids,
		       req->n_peerids * sizeof(req->peerids[0]));
	}
	if (args->ta_peername) {
		req->peername = kstrdup(args->ta_peername, gfp);
		if (!req->peername)
			return -ENOMEM;
	}
	if (args->ta_alpn) {
		size_t n = strlen(args->ta_alpn);

		if (!n || n > U8_MAX)
			return -EINVAL;
		req->alpn = kstrdup(args->ta_alpn, gfp);
		if (!req->alpn)
			return -ENOMEM;
	}
	return 0;
}

/*
 * Pin what the request uses (@file is a reference it takes over), then
 * hash it for the socket's callbacks and cancellation: %false if a
 * request of ours already runs on the sock.
 */
static bool req_hash(struct tls13_req *req, struct file *file)
{
	bool busy;

	req->file = file;
	sock_hold(req->sk);
	__module_get(THIS_MODULE);
	spin_lock_bh(&reqs_lock);
	busy = req_lookup(req->sk);
	if (!busy)
		hash_add(reqs, &req->node, (unsigned long)req->sk);
	spin_unlock_bh(&reqs_lock);
	return !busy;
}

/**
 * tls13_notify - take the TLS requests pending in @net
 * @net: a namespace in which no tlshd listens
 * @gfp: allocation flags
 *
 * The &tls_handshake_engine.notify of include/net/handshake.h: accepts
 * the next pending request and queues its first step; it is completed
 * from the work item, never in the consumer's own call (which may have
 * locks held), though another CPU may complete it before this returns.
 * A request this engine cannot run (a malformed ALPN name) fails in that
 * first step.
 *
 * Return values:
 *   %0: accepted, or nothing was pending
 *   %-EAGAIN: max_handshakes are in flight
 *   %-ENOMEM: out of memory
 */
int tls13_notify(struct net *net, gfp_t gfp)
{
	struct tls_handshake_accepted acc;
	struct tls13_req *req;

	if (!in_flight_get())
		return -EAGAIN;
	req = kzalloc(sizeof(*req), gfp);
	if (!req) {
		atomic_dec(&in_flight);
		return -ENOMEM;
	}
	if (!tls_handshake_engine_accept(net, &acc)) {
		/* another notification took it first, or it was cancelled */
		kfree(req);
		atomic_dec(&in_flight);
		return 0;
	}
	req->hreq = acc.req;
	req->start_err = req_init(req, &acc.args, acc.type, acc.auth, gfp);
	if (!req_hash(req, acc.file))
		req->start_err = -EBUSY;	/* the test entry's socket */
	queue_work(tls13_wq, &req->work);
	return 0;
}

/**
 * tls13_cancelled - net/handshake cancelled a request this engine runs
 * @sk: the consumer's sock
 *
 * The &tls_handshake_engine.cancel of include/net/handshake.h: the
 * consumer's ta_done will not be called; the next step gives the socket
 * back and frees the request.
 *
 * Context: process or softirq.
 */
void tls13_cancelled(struct sock *sk)
{
	struct tls13_req *req;

	spin_lock_bh(&reqs_lock);
	req = req_lookup(sk);
	if (req && req->hreq) {
		set_bit(TLS13_REQ_CANCELLED, &req->flags);
		queue_work(tls13_wq, &req->work);
	}
	spin_unlock_bh(&reqs_lock);
}

/**
 * tls13_submit - start a handshake on a socket, bypassing net/handshake
 * @args: the socket and parameters, as include/net/handshake.h has them
 * @type: HANDSHAKE_MSG_TYPE_CLIENTHELLO or _SERVERHELLO
 * @auth: HANDSHAKE_AUTH_*
 * @opts: overrides
 * @gfp: allocation flags
 *
 * The test entry's way in: its overrides and results do not fit
 * net/handshake's requests. Cancel with tls13_cancel().
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
	int err = -ENOMEM;

	if (!sock || !sock->sk || !sock->file)
		return -EINVAL;
	if (!in_flight_get())
		return -EAGAIN;
	req = kzalloc(sizeof(*req), gfp);
	if (!req)
		goto out;
	req->done = args->ta_done;
	req->data = args->ta_data;
	req->opts = *opts;
	err = req_init(req, args, type, auth, gfp);
	if (err) {
		kfree(req->alpn);
		kfree(req->peername);
		kfree(req);
		goto out;
	}
	if (!req_hash(req, get_file(sock->file))) {
		req_free(req);
		module_put(THIS_MODULE);
		err = -EBUSY;
		goto out;
	}
	queue_work(tls13_wq, &req->work);
	return 0;
out:
	atomic_dec(&in_flight);
	return err;
}

/**
 * tls13_cancel - cancel a tls13_submit() handshake on @sk, if any
 * @sk: the test entry's sock
 *
 * Context: process or softirq.
 *
 * Return values:
 *   %true: it was running and ta_done will not be called
 *   %false: no such handshake on @sk, or it has completed
 */
bool tls13_cancel(struct sock *sk)
{
	struct tls13_req *req;
	bool won = false;

	spin_lock_bh(&reqs_lock);
	req = req_lookup(sk);
	if (req && !req->hreq &&
	    !test_and_set_bit(TLS13_REQ_DONE, &req->flags)) {
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
	/* per-CPU said explicitly: 7.x warns when a queue says neither */
	tls13_wq = alloc_workqueue(KBUILD_MODNAME, WQ_MEM_RECLAIM |
				   (wq_unbound ? WQ_UNBOUND | WQ_SYSFS :
				    WQ_PERCPU), 0);
	if (!tls13_wq)
		return -ENOMEM;
	if (tls13_report_init()) {
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
	tls13_report_exit();
	destroy_workqueue(tls13_wq);
	flush_work(&rng_work);
}
