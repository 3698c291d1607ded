// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test entry (CONFIG_NET_HANDSHAKE_TLS13_TESTDEV): /dev/tls13_test
 * lets a userspace program run the engine on a TCP socket of its own, so
 * that OpenSSL and GnuTLS can be the peer. The request runs as the
 * kernel's consumers' do, but enters through tls13_submit() rather than
 * net/handshake, which has no room for the test's overrides and results:
 * ta_done, or tls13_cancel() when the caller is interrupted. The ABI is
 * in testdev.h.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/capability.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/key.h>
#include <linux/miscdevice.h>
#include <linux/net.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <uapi/linux/handshake.h>

#include "engine.h"
#include "testdev.h"

/*
 * What ta_done fills in. Allocated, and freed at once when a cancel wins:
 * a ta_done that came after a successful cancel would write to freed
 * memory, and KASAN says so (scenario.cancel-storm).
 */
struct testdev_wait {
	struct completion done;
	int status;
	key_serial_t peerid;
};

static void testdev_done(void *data, int status, key_serial_t peerid)
{
	struct testdev_wait *w = data;

	w->status = status;
	w->peerid = peerid;
	complete(&w->done);
}

static int testdev_opts(const struct tls13_test_handshake *t,
			struct tls13_opts *opts)
{
	unsigned int i;

	for (i = 0; i < TLS13_TEST_MAX_SUITES; i++)
		opts->suites[i] = t->suites[i];
	for (i = 0; i < TLS13_TEST_MAX_GROUPS; i++)
		opts->groups[i] = t->groups[i];
	switch (t->flags & (TLS13_TEST_F_PSK_KE | TLS13_TEST_F_PSK_DHE_KE)) {
	case 0:
		break;
	case TLS13_TEST_F_PSK_KE:
		opts->psk_modes = BIT(TLS13_PSK_KE);
		break;
	case TLS13_TEST_F_PSK_DHE_KE:
		opts->psk_modes = BIT(TLS13_PSK_DHE_KE);
		break;
	default:
		return -EINVAL;
	}
	switch (t->flags & (TLS13_TEST_F_NO_CLIENT_CERT |
			    TLS13_TEST_F_REQUIRE_CLIENT_CERT)) {
	case 0:
		break;
	case TLS13_TEST_F_NO_CLIENT_CERT:
		opts->client_auth = TLS13_CLIENT_AUTH_NONE + 1;
		break;
	case TLS13_TEST_F_REQUIRE_CLIENT_CERT:
		opts->client_auth = TLS13_CLIENT_AUTH_REQUIRE + 1;
		break;
	default:
		return -EINVAL;
	}
	opts->no_name_check = t->flags & TLS13_TEST_F_NO_NAME_CHECK;
	if (t->flags & ~(TLS13_TEST_F_PSK_KE | TLS13_TEST_F_PSK_DHE_KE |
			 TLS13_TEST_F_NO_CLIENT_CERT |
			 TLS13_TEST_F_REQUIRE_CLIENT_CERT |
			 TLS13_TEST_F_NO_NAME_CHECK))
		return -EINVAL;
	return 0;
}

/*
 * May the caller use key @serial (0: none) as it asks the engine to?
 * Checked in its own context, as keyctl would: possession and the key's
 * permissions. The engine itself resolves serials without such checks
 * (for the kernel's consumers, as nvme-tcp does), so without this any
 * CAP_NET_ADMIN process could have it use any PSK or private key.
 */
static int testdev_key_ok(key_serial_t serial, enum key_need_perm need)
{
	key_ref_t ref;

	if (!serial)
		return 0;
	ref = lookup_user_key(serial, 0, need);
	if (IS_ERR(ref))
		return PTR_ERR(ref);
	key_ref_put(ref);
	return 0;
}

/* PSKs, certificates and keys are read; keyrings are searched */
static int testdev_keys_ok(const struct tls13_test_handshake *t)
{
	unsigned int i;
	int err;

	err = testdev_key_ok(t->keyring, KEY_NEED_SEARCH) ?:
	      testdev_key_ok(t->cert, KEY_NEED_READ) ?:
	      testdev_key_ok(t->privkey, KEY_NEED_READ);
	for (i = 0; !err && i < t->num_peerids; i++)
		err = testdev_key_ok(t->peerids[i], KEY_NEED_READ);
	return err;
}

static int testdev_handshake(struct tls13_test_handshake *t)
{
	struct tls_handshake_args args = {};
	struct tls13_hs_result res = { .peer_alert = -1 };
	struct tls13_opts opts = { .result = &res };
	struct testdev_wait *w;
	struct socket *sock;
	unsigned int type, auth;
	int err;

	switch (t->auth) {
	case TLS13_TEST_AUTH_PSK:
		auth = HANDSHAKE_AUTH_PSK;
		break;
	case TLS13_TEST_AUTH_X509:
		auth = HANDSHAKE_AUTH_X509;
		break;
	case TLS13_TEST_AUTH_ANON:
		auth = HANDSHAKE_AUTH_UNAUTH;
		break;
	default:
		return -EINVAL;
	}
	if (t->num_peerids > TLS13_TEST_MAX_PEERIDS ||
	    (t->role != TLS13_TEST_CLIENT && t->role != TLS13_TEST_SERVER) ||
	    (auth == HANDSHAKE_AUTH_UNAUTH && t->role != TLS13_TEST_CLIENT))
		return -EINVAL;
	t->peername[TLS13_TEST_PEERNAME_LEN - 1] = '\0';
	t->alpn[TLS13_TEST_ALPN_LEN - 1] = '\0';
	err = testdev_opts(t, &opts) ?: testdev_keys_ok(t);
	if (err)
		return err;
	sock = sockfd_lookup(t->fd, &err);
	if (!sock)
		return err;
	err = -EINVAL;
	if (sock->type != SOCK_STREAM || sock->sk->sk_protocol != IPPROTO_TCP)
		goto out;

	err = -ENOMEM;
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		goto out;
	init_completion(&w->done);
	args.ta_sock = sock;
	args.ta_done = testdev_done;
	args.ta_data = w;
	args.ta_peername = t->peername[0] ? t->peername : NULL;
	args.ta_alpn = t->alpn[0] ? t->alpn : NULL;
	args.ta_timeout_ms = t->timeout_ms;
	args.ta_keyring = t->keyring;
	args.ta_my_cert = t->cert;
	args.ta_my_privkey = t->privkey;
	args.ta_num_peerids = t->num_peerids;
	memcpy(args.ta_my_peerids, t->peerids, sizeof(args.ta_my_peerids));
	type = t->role == TLS13_TEST_CLIENT ? HANDSHAKE_MSG_TYPE_CLIENTHELLO :
					      HANDSHAKE_MSG_TYPE_SERVERHELLO;
	err = tls13_submit(&args, type, auth, &opts, GFP_KERNEL);
	if (err)
		goto out_free;
	if (wait_for_completion_killable(&w->done)) {
		/* as a consumer would: cancel, or take the result if too late */
		if (tls13_cancel(sock->sk)) {
			err = -EINTR;
			goto out_free;
		}
		wait_for_completion(&w->done);
	}
	t->status = w->status;
	t->peerid = w->peerid;
	t->suite = res.suite;
	t->group = res.group;
	t->result_flags = (res.hrr ? TLS13_TEST_R_HRR : 0) |
			  (res.group && auth == HANDSHAKE_AUTH_PSK ?
			   TLS13_TEST_R_PSK_DHE : 0) |
			  (res.alpn ? TLS13_TEST_R_ALPN : 0) |
			  (res.peer_cert ? TLS13_TEST_R_PEER_CERT : 0) |
			  (res.cert_sent ? TLS13_TEST_R_CERT_SENT : 0);
	t->scheme = res.scheme;
	t->peer_scheme = res.peer_scheme;
	t->alert = res.alert ? res.alert :
		   res.peer_alert >= 0 ? res.peer_alert : 0;
	err = 0;
out_free:
	kfree(w);
out:
	sockfd_put(sock);
	return err;
}

/* a KeyUpdate on a socket a TLS13_TEST_HANDSHAKE left with kTLS */
static int testdev_key_update(const struct tls13_test_key_update *k)
{
	unsigned int how = 0;
	struct socket *sock;
	int err;

	if (k->flags & ~(TLS13_TEST_KU_RECEIVED | TLS13_TEST_KU_REQUESTED))
		return -EINVAL;
	if (k->flags & TLS13_TEST_KU_RECEIVED)
		how |= TLS13_KU_RECEIVED;
	if (k->flags & TLS13_TEST_KU_REQUESTED)
		how |= TLS13_KU_REQUESTED;
	sock = sockfd_lookup(k->fd, &err);
	if (!sock)
		return err;
	err = tls13_key_update(sock, how);
	sockfd_put(sock);
	return err;
}

static long testdev_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct tls13_test_handshake t;
	int err;

	if (cmd != TLS13_TEST_HANDSHAKE && cmd != TLS13_TEST_KEY_UPDATE)
		return -ENOTTY;
	if (!capable(CAP_NET_ADMIN))
		return -EPERM;
	if (cmd == TLS13_TEST_KEY_UPDATE) {
		struct tls13_test_key_update k;

		if (copy_from_user(&k, (void __user *)arg, sizeof(k)))
			return -EFAULT;
		return testdev_key_update(&k);
	}
	if (copy_from_user(&t, (void __user *)arg, sizeof(t)))
		return -EFAULT;
	err = testdev_handshake(&t);
	if (err)
		return err;
	if (copy_to_user((void __user *)arg, &t, sizeof(t)))
		return -EFAULT;
	return 0;
}

static const struct file_operations testdev_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= testdev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

static struct miscdevice testdev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tls13_test",
	.fops	= &testdev_fops,
};

static bool testdev_on = true;
module_param_named(testdev, testdev_on, bool, 0444);
MODULE_PARM_DESC(testdev,
		 "Create /dev/tls13_test (default 1; 0 for a second copy of the engine beside another)");

/**
 * tls13_testdev_init - create /dev/tls13_test, unless testdev=0
 *
 * Return values: 0 or misc_register()'s negative errno
 */
int tls13_testdev_init(void)
{
	if (!testdev_on)
		return 0;
	return misc_register(&testdev);
}

/**
 * tls13_testdev_exit - remove /dev/tls13_test
 */
void tls13_testdev_exit(void)
{
	if (testdev_on)
		misc_deregister(&testdev);
}
