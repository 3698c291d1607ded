// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel TLS 1.3 handshake: module entry points and the engine that
 * serves include/net/handshake.h's tls_*_hello_*() calls.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/socket.h>
#include <net/inet_connection_sock.h>
#include <net/tcp.h>
#include <uapi/linux/tls.h>

#include "engine.h"

static int tls13_hello(const struct tls_handshake_args *args,
		       unsigned int type, unsigned int auth, gfp_t flags)
{
	return tls13_submit(args, type, auth, NULL, flags);
}

/*
 * tls_handshake_close(): a close_notify alert through kTLS, on a socket
 * whose handshake installed it. Nothing of the handshake is left to free.
 */
static void tls13_close(struct socket *sock)
{
	u8 cbuf[CMSG_SPACE(sizeof(u8))] = {};
	u8 alert[2] = { 1, TLS13_ALERT_CLOSE_NOTIFY };	/* warning */
	const struct tcp_ulp_ops *ulp;
	struct msghdr msg = {
		.msg_control = cbuf,
		.msg_controllen = sizeof(cbuf),
		.msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL,
	};
	struct kvec iov = { .iov_base = alert, .iov_len = sizeof(alert) };
	struct cmsghdr *cmsg;

	/* sunrpc also closes AF_LOCAL sockets (rpcbind) through here */
	if (!sock->sk || !sk_is_tcp(sock->sk))
		return;
	ulp = READ_ONCE(inet_csk(sock->sk)->icsk_ulp_ops);
	if (!ulp || strcmp(ulp->name, "tls"))
		return;
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_TLS;
	cmsg->cmsg_type = TLS_SET_RECORD_TYPE;
	cmsg->cmsg_len = CMSG_LEN(sizeof(u8));
	*(u8 *)CMSG_DATA(cmsg) = TLS13_CT_ALERT;
	kernel_sendmsg(sock, &msg, &iov, 1, sizeof(alert));
}

static struct tls_handshake_engine tls13_engine = {
	.name	= "tls13",
	.owner	= THIS_MODULE,
	.hello	= tls13_hello,
	.cancel	= tls13_cancel,
	.close	= tls13_close,
};

static int __init tls13_init(void)
{
	int err;

	err = tls13_keyrings_init();
	if (err)
		return err;
	err = tls13_transport_init();
	if (err)
		goto out_keyrings;
	err = tls13_testdev_init();
	if (err)
		goto out_transport;
	tls_handshake_engine_register(&tls13_engine);
	pr_info("TLS 1.3 handshake engine loaded\n");
	return 0;

out_transport:
	tls13_transport_exit();
out_keyrings:
	tls13_keyrings_exit();
	return err;
}

static void __exit tls13_exit(void)
{
	tls_handshake_engine_unregister(&tls13_engine);
	tls13_testdev_exit();
	tls13_transport_exit();
	tls13_keyrings_exit();
	tls13_ks_exit();
	pr_info("TLS 1.3 handshake engine unloaded\n");
}

module_init(tls13_init);
module_exit(tls13_exit);

MODULE_DESCRIPTION("In-kernel TLS 1.3 handshake");
MODULE_LICENSE("GPL");
