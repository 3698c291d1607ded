// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hand-off to kTLS: once the handshake is over, the socket sends and
 * receives TLS 1.3 records itself.
 *
 * Where kTLS can take new keys on a TLS 1.3 socket (6.14 and later), the
 * engine also keeps the application traffic secrets of each socket it
 * handed over, so that it can follow a KeyUpdate (RFC 8446 section
 * 4.6.3): a small session, freed and wiped with the socket.
 */

#include <linux/delay.h>
#include <linux/error-injection.h>
#include <linux/hashtable.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/sockptr.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <linux/unaligned.h>
#include <net/sock.h>
#include <net/tls.h>
#include <net/tls_prot.h>
#include <uapi/linux/tls.h>

#include "compat.h"
#include "transport.h"

static int set_ktls(struct socket *sock, int dir, const struct tls13_suite *s,
		    const u8 *key, const u8 *iv)
{
	/* rec_seq: 0, for the first keys and for each KeyUpdate's (5.3) */
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

/**
 * tls13_ktls_install - hand the application traffic keys to kTLS
 * @sock: the consumer's socket, its callbacks its own again
 * @hs: a connected handshake
 *
 * TCP_ULP "tls", then TLS_TX and TLS_RX: TLS 1.3, the suite's cipher,
 * the application traffic keys, sequence 0.
 *
 * Return values: 0, or the error setsockopt() or the key schedule gave
 */
int tls13_ktls_install(struct socket *sock, struct tls13_hs *hs)
{
	char ulp[] = "tls";
	const struct tls13_suite *s = tls13_suite_find(tls13_hs_result(hs)->suite);
	u8 key[TLS13_MAX_KEY_LEN], iv[TLS13_AEAD_NONCE_LEN];
	int err;

	err = sock->ops->setsockopt(sock, SOL_TCP, TCP_ULP,
					 KERNEL_SOCKPTR(ulp), sizeof(ulp));
	if (!err)
		err = tls13_hs_traffic_keys(hs, true, key, iv);
	if (!err)
		err = set_ktls(sock, TLS_TX, s, key, iv);
	if (!err)
		err = tls13_hs_traffic_keys(hs, false, key, iv);
	if (!err)
		err = set_ktls(sock, TLS_RX, s, key, iv);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	return err;
}

/**
 * struct tls13_session - what the engine keeps of a connection it handed
 *	to kTLS, to follow KeyUpdates
 * @node: in @sessions, keyed by @sk
 * @sk: the socket; the session lives as long as it does
 * @odestruct: the socket's destructor before ours (called from ours)
 * @lock: one KeyUpdate at a time
 * @suite: the negotiated cipher suite
 * @forced: key_update=1 asked for a KeyUpdate of ours (under
 *	@sessions_lock; @forced_pending counts the sessions with it set)
 * @tx: our current application traffic secret (sending)
 * @rx: the peer's (receiving)
 */
struct tls13_session {
	struct hlist_node node;
	struct sock *sk;
	void (*odestruct)(struct sock *sk);
	struct mutex lock;	/* one KeyUpdate at a time */
	const struct tls13_suite *suite;
	bool forced;
	u8 tx[TLS13_MAX_HASH_LEN];
	u8 rx[TLS13_MAX_HASH_LEN];
};

static DEFINE_HASHTABLE(sessions, 8);
static DEFINE_SPINLOCK(sessions_lock);
static atomic_t forced_pending;	/* sessions with ->forced set */

/*
 * Our own KeyUpdates, which a consumer sends where it is about to send
 * (net/handshake's tls_handshake_key_update_due()): after as many records
 * under one key as the AEAD allows, or when an administrator asks.
 */
static unsigned long key_update_records;
module_param(key_update_records, ulong, 0644);
MODULE_PARM_DESC(key_update_records,
		 "Records sent under one key before a KeyUpdate of our own (0: the AEAD's limit, RFC 8446 5.5; kernels whose kTLS can change keys)");

static int key_update_set(const char *val, const struct kernel_param *kp);
static const struct kernel_param_ops key_update_ops = {
	.set	= key_update_set,
};
module_param_cb(key_update, &key_update_ops, NULL, 0200);
MODULE_PARM_DESC(key_update,
		 "Write 1: every connection the engine set up sends a KeyUpdate (update_requested) before its next record (kernels whose kTLS can change keys)");

static struct tls13_session *session_find(const struct sock *sk)
{
	struct tls13_session *s;

	hash_for_each_possible(sessions, s, node, (unsigned long)sk)
		if (s->sk == sk)
			return s;
	return NULL;
}

/*
 * The socket is going away (last reference; any context): drop its
 * session, then run the destructor ours replaced.
 */
static void session_destruct(struct sock *sk)
{
	void (*odestruct)(struct sock *sk);
	struct tls13_session *s;
	unsigned long flags;

	spin_lock_irqsave(&sessions_lock, flags);
	s = session_find(sk);
	if (s) {
		hash_del(&s->node);
		if (s->forced)
			atomic_dec(&forced_pending);
	}
	spin_unlock_irqrestore(&sessions_lock, flags);
	if (!s)
		return;
	odestruct = s->odestruct;
	kfree_sensitive(s);
	if (odestruct)
		odestruct(sk);
	module_put(THIS_MODULE);
}

/**
 * tls13_session_keep - keep a connection's traffic secrets for KeyUpdates
 * @sock: the socket tls13_ktls_install() just handed to kTLS
 * @hs: its connected handshake
 *
 * Only where kTLS can take new keys (%TLS13_KTLS_REKEY). The session
 * holds a reference on the module and is freed, wiped, when the socket
 * is destroyed. Without one (allocation failure, an older kernel) the
 * connection works as before, and a KeyUpdate from the peer ends it, as
 * on a connection tlshd set up (fail_function can make this fail: tests).
 *
 * Return values: 0, -ENOMEM, or -EOPNOTSUPP where kTLS cannot re-key
 */
int tls13_session_keep(struct socket *sock, struct tls13_hs *hs)
{
	struct sock *sk = sock->sk;
	struct tls13_session *s;
	unsigned long flags;

	if (!TLS13_KTLS_REKEY)
		return -EOPNOTSUPP;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->sk = sk;
	mutex_init(&s->lock);
	s->suite = tls13_suite_find(tls13_hs_result(hs)->suite);
	if (!s->suite || tls13_hs_traffic_secret(hs, true, s->tx) < 0 ||
	    tls13_hs_traffic_secret(hs, false, s->rx) < 0) {
		kfree_sensitive(s);
		return -EINVAL;
	}
	__module_get(THIS_MODULE);

	spin_lock_irqsave(&sessions_lock, flags);
	hash_add(sessions, &s->node, (unsigned long)sk);
	spin_unlock_irqrestore(&sessions_lock, flags);

	lock_sock(sk);
	s->odestruct = sk->sk_destruct;
	sk->sk_destruct = session_destruct;
	release_sock(sk);
	return 0;
}
ALLOW_ERROR_INJECTION(tls13_session_keep, ERRNO);

/* the KeyUpdate message itself, in a record of its own (RFC 8446 5.1) */
static int send_key_update(struct socket *sock, bool request)
{
	u8 record_type = TLS_RECORD_TYPE_HANDSHAKE;
	u8 cbuf[CMSG_SPACE(sizeof(record_type))];
	u8 ku[5] = { TLS13_HS_KEY_UPDATE, 0, 0, 1, request };
	struct msghdr msg = { };
	struct cmsghdr *cmsg;
	struct kvec iov;
	int tries, ret;

	/*
	 * Without waiting for memory forever: a peer that reads nothing
	 * must not hold the caller (a consumer's receive work) for long.
	 */
	for (tries = 0; ; tries++) {
		memset(&msg, 0, sizeof(msg));
		memset(cbuf, 0, sizeof(cbuf));
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		msg.msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL;
		cmsg = CMSG_FIRSTHDR(&msg);
		cmsg->cmsg_level = SOL_TLS;
		cmsg->cmsg_type = TLS_SET_RECORD_TYPE;
		cmsg->cmsg_len = CMSG_LEN(sizeof(record_type));
		memcpy(CMSG_DATA(cmsg), &record_type, sizeof(record_type));
		iov.iov_base = ku;
		iov.iov_len = sizeof(ku);
		iov_iter_kvec(&msg.msg_iter, ITER_SOURCE, &iov, 1, sizeof(ku));
		ret = sock_sendmsg(sock, &msg);
		if (ret != -EAGAIN || tries == 50)
			break;
		msleep(20);
	}
	if (ret < 0)
		return ret;
	return ret == sizeof(ku) ? 0 : -EIO;
}

/* move one direction to its next secret and hand kTLS its keys */
static int next_keys(struct socket *sock, struct tls13_session *s,
		     struct tls13_ks *ks, bool write)
{
	u8 key[TLS13_MAX_KEY_LEN], iv[TLS13_AEAD_NONCE_LEN];
	u8 *secret = write ? s->tx : s->rx;
	int err;

	err = tls13_next_traffic_secret(ks, secret);
	if (!err)
		err = tls13_traffic_keys(ks, s->suite, secret, key, iv);
	if (!err)
		err = set_ktls(sock, write ? TLS_TX : TLS_RX, s->suite, key, iv);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	return err;
}

/*
 * The two halves of a KeyUpdate. Each may fail where the kernel is short
 * of memory or the peer reads nothing; fail_function (CONFIG_FAIL_FUNCTION)
 * can make each fail on purpose, so that the tests drive what a consumer
 * does then. It patches the function itself: neither may be inlined, nor
 * cloned by the compiler (a clone would take the calls).
 */

/* the peer's KeyUpdate was read: its next receive key */
static noinline __noclone int tls13_ku_follow(struct socket *sock,
					      struct tls13_session *s,
					      struct tls13_ks *ks)
{
	int err;

	err = next_keys(sock, s, ks, false);
	if (!err)
		tls13_stat_inc(TLS13_STAT_KU_RECEIVED);
	return err;
}
ALLOW_ERROR_INJECTION(tls13_ku_follow, ERRNO);

/* ours, under the current send key, then our next send key */
static noinline __noclone int tls13_ku_send(struct socket *sock,
					    struct tls13_session *s,
					    struct tls13_ks *ks, bool request)
{
	int err;

	err = send_key_update(sock, request);
	if (!err)
		err = next_keys(sock, s, ks, true);
	if (!err)
		tls13_stat_inc(TLS13_STAT_KU_SENT);
	return err;
}
ALLOW_ERROR_INJECTION(tls13_ku_send, ERRNO);

/**
 * tls13_key_update - follow the peer's KeyUpdate, or send ours
 * @sock: a kTLS socket whose handshake the engine did
 * @how: %TLS13_KU_RECEIVED: the peer's KeyUpdate was read from @sock (kTLS
 *	reads nothing more until it has the next receive key); with
 *	%TLS13_KU_REQUESTED, it asked for ours (update_requested).
 *	Without %TLS13_KU_RECEIVED: send a KeyUpdate of our own, asking for
 *	the peer's if %TLS13_KU_REQUESTED or if key_update=1 marked the
 *	session.
 *
 * The receive key moves to application_traffic_secret_N+1 of the peer.
 * Where ours is due, our KeyUpdate goes out under the current send key and
 * the send key moves on right after it (RFC 8446 section 4.6.3).
 *
 * Context: process context. The caller keeps its other senders off @sock
 *	until this returns (kTLS's rule for a new send key: a record sent
 *	between our KeyUpdate and the new key would reach the peer under the
 *	old one after it moved on).
 * Return values:
 *   %0: done, the connection goes on
 *   %-EOPNOTSUPP: kTLS in this kernel cannot change keys
 *   %-ENOENT: the engine keeps no session for @sock
 *   another negative errno: a key could not be derived, set or sent; the
 *	connection cannot go on
 */
int tls13_key_update(struct socket *sock, unsigned int how)
{
	struct tls13_session *s;
	struct tls13_ks ks;
	unsigned long flags;
	bool forced;
	int err;

	if (!TLS13_KTLS_REKEY)
		return -EOPNOTSUPP;
	/* @sock is the caller's: the session cannot go away under us */
	spin_lock_irqsave(&sessions_lock, flags);
	s = session_find(sock->sk);
	spin_unlock_irqrestore(&sessions_lock, flags);
	if (!s)
		return -ENOENT;

	mutex_lock(&s->lock);
	err = tls13_ks_init(&ks, s->suite->hash);
	if (err)
		goto out;
	if (how & TLS13_KU_RECEIVED) {
		err = tls13_ku_follow(sock, s, &ks);
		if (!err && (how & TLS13_KU_REQUESTED))
			err = tls13_ku_send(sock, s, &ks, false);
	} else {
		/* an administrator's key_update=1 asks for the peer's too */
		spin_lock_irqsave(&sessions_lock, flags);
		forced = s->forced;
		if (forced) {
			s->forced = false;
			atomic_dec(&forced_pending);
		}
		spin_unlock_irqrestore(&sessions_lock, flags);
		err = tls13_ku_send(sock, s, &ks,
				    forced || (how & TLS13_KU_REQUESTED));
	}
	tls13_ks_free(&ks);
out:
	mutex_unlock(&s->lock);
	return err;
}

/*
 * RFC 8446 section 5.5: at most 2^24.5 full-size records under one
 * AES-GCM key; RFC 9147 section 4.5.3: 2^23.5 for AES-CCM; with
 * ChaCha20-Poly1305 the sequence number wraps first. A consumer asks
 * before a send, not before each record: the limits here keep a margin
 * of millions of records for the send that crosses them.
 */
static u64 record_limit(const struct tls_context *ctx)
{
	unsigned long n = READ_ONCE(key_update_records);

	if (n)
		return n;
	switch (ctx->crypto_send.info.cipher_type) {
	case TLS_CIPHER_AES_GCM_128:
	case TLS_CIPHER_AES_GCM_256:
		return 1ULL << 24;
	case TLS_CIPHER_AES_CCM_128:
		return 1ULL << 23;
	default:
		return U64_MAX;
	}
}

/**
 * tls13_key_update_due - is a KeyUpdate of ours due on @sock?
 * @sock: a kTLS socket; the caller keeps its senders off it
 *
 * Due when kTLS has sent record_limit() records under the current send
 * key (its record sequence number, which starts at 0 with each key), or
 * after key_update=1, on a socket the engine keeps a session for.
 * Cheap when nothing is due: one read of kTLS's sequence number and one
 * of a counter; the sessions are looked up only when something is.
 *
 * Context: any; does not sleep.
 */
bool tls13_key_update_due(struct socket *sock)
{
	const struct tls_context *ctx = tls_get_ctx(sock->sk);
	struct tls13_session *s;
	unsigned long flags;
	bool over, due = false;

	if (!TLS13_KTLS_REKEY || !ctx)
		return false;
	over = get_unaligned_be64(ctx->tx.rec_seq) >= record_limit(ctx);
	if (likely(!over && !atomic_read(&forced_pending)))
		return false;
	spin_lock_irqsave(&sessions_lock, flags);
	s = session_find(sock->sk);
	if (s)
		due = over || s->forced;
	spin_unlock_irqrestore(&sessions_lock, flags);
	return due;
}

/* key_update=1: mark every session; each consumer sends at its next send */
static int key_update_set(const char *val, const struct kernel_param *kp)
{
	struct tls13_session *s;
	unsigned long flags;
	unsigned int bkt;
	bool on;
	int err;

	err = kstrtobool(val, &on);
	if (err || !on)
		return err;
	if (!TLS13_KTLS_REKEY)
		return -EOPNOTSUPP;
	spin_lock_irqsave(&sessions_lock, flags);
	hash_for_each(sessions, bkt, s, node) {
		if (!s->forced) {
			s->forced = true;
			atomic_inc(&forced_pending);
		}
	}
	spin_unlock_irqrestore(&sessions_lock, flags);
	return 0;
}
