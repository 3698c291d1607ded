// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel TLS 1.3 handshake: module entry points.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include "tls13.h"

static int __init tls13_init(void)
{
	pr_info("TLS 1.3 handshake engine loaded\n");
	return 0;
}

static void __exit tls13_exit(void)
{
	pr_info("TLS 1.3 handshake engine unloaded\n");
}

module_init(tls13_init);
module_exit(tls13_exit);

MODULE_DESCRIPTION("In-kernel TLS 1.3 handshake");
MODULE_LICENSE("GPL");
