// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel TLS 1.3 handshake: module entry points, and the engine
 * net/handshake asks for the requests of namespaces where tlshd does not
 * listen (include/net/handshake.h).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/module.h>

#include "engine.h"

static const struct tls_handshake_engine tls13_engine = {
	.name	= KBUILD_MODNAME,
	.owner	= THIS_MODULE,
	.notify	= tls13_notify,
	.cancel	= tls13_cancelled,
	TLS13_ENGINE_KEY_UPDATE_OPS
};

static bool serving = true;	/* registered with net/handshake */
static bool initialised;

/* engine=0 steps aside (for a module build of the engine), engine=1 back */
static int engine_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int err = kstrtobool(val, &on);

	if (err || on == serving)
		return err;
	if (initialised) {
		if (on) {
			err = tls_handshake_engine_register(&tls13_engine);
			if (err)
				return err;
		} else {
			tls_handshake_engine_unregister(&tls13_engine);
			pr_info("no longer serving net/handshake (engine=0)\n");
		}
	}
	serving = on;
	return 0;
}

static const struct kernel_param_ops engine_ops = {
	.set = engine_set,
	.get = param_get_bool,
};

module_param_cb(engine, &engine_ops, &serving, 0644);
MODULE_PARM_DESC(engine,
		 "Serve net/handshake's TLS requests (default 1); 0 leaves them to another in-kernel engine or to tlshd, and handshakes already running finish");

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
	err = serving ? tls_handshake_engine_register(&tls13_engine) : 0;
	if (err) {
		pr_err("another in-kernel TLS engine is registered: %d\n", err);
		goto out_testdev;
	}
	initialised = true;
	pr_info("TLS 1.3 handshake engine loaded\n");
	return 0;

out_testdev:
	tls13_testdev_exit();
out_transport:
	tls13_transport_exit();
out_keyrings:
	tls13_keyrings_exit();
	return err;
}

static void __exit tls13_exit(void)
{
	if (serving)
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
