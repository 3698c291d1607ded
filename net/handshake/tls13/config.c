// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a request may negotiate and with what it authenticates: the
 * module's settings (suites, groups, psk_ke, client_auth), the consumer's
 * arguments and the test entry's overrides, made into the engine's
 * configuration.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/inet.h>
#include <linux/key.h>
#include <linux/moduleparam.h>
#include <uapi/linux/handshake.h>

#include "transport.h"

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

static unsigned int client_auth = TLS13_CLIENT_AUTH_REQUEST;
module_param(client_auth, uint, 0644);
MODULE_PARM_DESC(client_auth,
		 "Certificate server: 0 do not ask clients for a certificate, 1 ask (a client may send none; the consumer sees no peer id), 2 require one (default 1)");

static bool psk_ke;
module_param(psk_ke, bool, 0644);
MODULE_PARM_DESC(psk_ke,
		 "PSK handshakes: also offer (client) and accept (server) psk_ke, a PSK without (EC)DHE and so without forward secrecy (default 0: psk_dhe_ke only)");

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

/* the engine checks the peer's chain and signs through these */
static u8 verify_chain(void *ctx, const u8 *const *der, const u32 *der_len,
		       unsigned int n, struct tls13_pubkey *out)
{
	struct tls13_req *req = ctx;

	return tls13_cert_verify_chain(&req->policy, der, der_len, n, out);
}

static int sign(void *ctx, u16 scheme, const u8 *msg, size_t len, u8 *sig,
		size_t size, size_t *sig_len)
{
	struct tls13_req *req = ctx;

	return tls13_cred_sign(&req->cred, scheme, msg, len, sig, size,
			       sig_len);
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
		cfg->sign = sign;
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
	cfg->verify_chain = verify_chain;
	cfg->ctx = req;
	cfg->client_auth = req->opts.client_auth ? req->opts.client_auth - 1 :
			   min_t(unsigned int, READ_ONCE(client_auth),
				 TLS13_CLIENT_AUTH_REQUIRE);
	return 0;
}

/**
 * tls13_configure - build a request's engine configuration
 * @req: the request, its consumer's arguments copied in
 *
 * The module's suites, groups and PSK modes unless the test entry
 * overrides them; ALPN and server_name; then what authenticates us and
 * the peer: the client's PSKs, loaded now, or the server's keyring to
 * search, or certificates (configure_cert()).
 *
 * Return values: 0, -EINVAL (a suite, group or setting the engine does
 *	not know), -ENOKEY, or what loading a key gave
 */
int tls13_configure(struct tls13_req *req)
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
