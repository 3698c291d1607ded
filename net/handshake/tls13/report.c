// SPDX-License-Identifier: GPL-2.0-only
/*
 * What became of the handshakes: counters in /proc/net/<module>_stat and
 * one log line each.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/moduleparam.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include <uapi/linux/handshake.h>

#include "sig.h"
#include "transport.h"

static bool log_handshakes;
module_param(log_handshakes, bool, 0644);
MODULE_PARM_DESC(log_handshakes,
		 "Log every successful handshake at info level (default 0: at debug level; failures are always logged, rate-limited; /proc/net/tls13_stat counts both)");

/*
 * What became of the handshakes, counted per outcome for
 * /proc/net/<module>_stat: a remote peer can make every handshake fail,
 * so failures are logged rate-limited and successes at debug level
 * (unless log_handshakes is set), and these counters tell the rest.
 */

static const char *const stat_names[TLS13_STAT_COUNT] = {
	[TLS13_STAT_CLIENT_OK] = "client_ok",
	[TLS13_STAT_SERVER_OK] = "server_ok",
	[TLS13_STAT_ALERT_SENT] = "failed_alert_sent",
	[TLS13_STAT_ALERT_RECEIVED] = "failed_alert_received",
	[TLS13_STAT_TIMEOUT] = "failed_timeout",
	[TLS13_STAT_OTHER] = "failed_other",
	[TLS13_STAT_CANCELLED] = "cancelled",
	[TLS13_STAT_REFUSED] = "refused_max_handshakes",
	[TLS13_STAT_KU_SENT] = "key_updates_sent",
	[TLS13_STAT_KU_RECEIVED] = "key_updates_received",
};

static atomic_long_t stats[TLS13_STAT_COUNT];

/**
 * tls13_stat_inc - count one outcome
 * @stat: which
 */
void tls13_stat_inc(enum tls13_stat stat)
{
	atomic_long_inc(&stats[stat]);
}

static int stat_show(struct seq_file *m, void *v)
{
	unsigned int i;

	for (i = 0; i < TLS13_STAT_COUNT; i++)
		seq_printf(m, "%s %lu\n", stat_names[i],
			   (unsigned long)atomic_long_read(&stats[i]));
	seq_printf(m, "in_flight %d\n", tls13_in_flight());
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

/**
 * tls13_report - count a handshake's outcome and log it
 * @req: the request
 * @status: what ta_done gets
 * @res: what was negotiated, or how it failed
 *
 * A success: one line at debug level, or at info level with
 * log_handshakes. A failure: one line, rate-limited.
 */
void tls13_report(const struct tls13_req *req, int status,
		  const struct tls13_hs_result *res)
{
	const struct tls13_suite *s = tls13_suite_find(res->suite);
	const struct tls13_group *g = tls13_group_find(res->group);
	const struct sockaddr_storage *peer = &req->peer;
	const char *role = req->server ? "server" : "client";
	char who[48];

	tls13_stat_inc(outcome(req, status, res));
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

/**
 * tls13_report_init - create /proc/net/<module>_stat
 *
 * Return values: 0 or -ENOMEM
 */
int tls13_report_init(void)
{
	if (IS_ENABLED(CONFIG_PROC_FS) &&
	    !proc_create_single(STAT_FILE, 0444, init_net.proc_net, stat_show))
		return -ENOMEM;
	return 0;
}

/**
 * tls13_report_exit - remove it
 */
void tls13_report_exit(void)
{
	remove_proc_entry(STAT_FILE, init_net.proc_net);
}
