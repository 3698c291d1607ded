// SPDX-License-Identifier: GPL-2.0-only
/* The "hs" target's way into hs.c (see hs_adapter.h). */
#include "hs_int.h"
#include "sig.h"
#include "hs_adapter.h"

struct fz_hs {
	struct tls13_hs_config cfg;
	struct tls13_psk psk;
	struct tls13_cert_policy policy;
	struct tls13_cred cred;
	u8 priv[32];
	struct tls13_hs *hs;
};

/* keyrings the model answers for (tests/fuzz/model.cpp) */
static struct key trust = { .serial = 1 };

static const u8 fixed_random[32] = { 0x5a, 0x5a, 0x5a };
static const u8 fixed_priv[48] = {
	0x4f, 0x1d, 0x3e, 0x22, 0x91, 0x07, 0x6a, 0xc3, 0x28, 0x55, 0x14,
	0x9b, 0x72, 0x0e, 0x61, 0x33, 0x48, 0xa0, 0x19, 0x2c, 0x7d, 0x5e,
	0x02, 0x3b, 0x66, 0x81, 0x4a, 0x17, 0x39, 0x2f, 0x50, 0x0c,
	0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x08, 0x19, 0x2a, 0x3b,
	0x4c, 0x5d, 0x6e, 0x7f, 0x01,
};

static const u8 fixed_sid[32] = { 0x1d };

static void make_psk(struct tls13_psk *psk, const char *id, u8 fill)
{
	memset(psk, 0, sizeof(*psk));
	memset(psk->key, fill, 32);
	psk->key_len = 32;
	psk->hash = &tls13_sha256;
	psk->id_len = strlen(id);
	memcpy(psk->id, id, psk->id_len);
	psk->serial = 7;
}

static int find(void *ctx, const u8 *id, u16 id_len, struct tls13_psk *out)
{
	struct fz_hs *h = ctx;

	/* public: a PSK identity of our test configuration */
	if (id_len != h->psk.id_len || memcmp(id, h->psk.id, id_len))
		return -ENOKEY;
	*out = h->psk;
	return 0;
}

/* the transport's callbacks, on the model's keyring and signer */
static u8 verify_chain(void *ctx, const u8 *const *der, const u32 *der_len,
		       unsigned int n, struct tls13_pubkey *out)
{
	struct fz_hs *h = ctx;

	return tls13_cert_verify_chain(&h->policy, der, der_len, n, out);
}

static int sign(void *ctx, u16 scheme, const u8 *msg, size_t len, u8 *sig,
		size_t size, size_t *sig_len)
{
	struct fz_hs *h = ctx;

	return tls13_sig_sign(tls13_sigscheme_find(scheme), h->cred.priv,
			      h->cred.priv_len, msg, len, sig, size, sig_len);
}

struct fz_hs *fz_hs_new(const struct fz_hs_setup *s, bool server)
{
	static const u16 suites[] = {
		TLS13_AES_128_GCM_SHA256, TLS13_AES_256_GCM_SHA384,
		TLS13_CHACHA20_POLY1305_SHA256, TLS13_AES_128_CCM_SHA256,
	};
	static const u16 groups[] = {
		TLS13_GROUP_X25519, TLS13_GROUP_SECP256R1,
		TLS13_GROUP_SECP384R1,
	};
	struct fz_hs *h = calloc(1, sizeof(*h));
	struct tls13_hs_config *cfg;
	unsigned int i;

	if (!h)
		return NULL;
	cfg = &h->cfg;
	cfg->server = server;
	for (i = 0; i < 4; i++)
		cfg->suites[i] = suites[(i + (server ? s->suites : 0)) % 4];
	cfg->n_suites = 4;
	if (server && s->hrr) {
		cfg->groups[0] = TLS13_GROUP_SECP384R1;
		cfg->n_groups = 1;
	} else {
		memcpy(cfg->groups, groups, sizeof(groups));
		cfg->n_groups = 3;
	}
	cfg->psk_modes = BIT(TLS13_PSK_KE);
	if (!s->psk_ke)
		cfg->psk_modes |= BIT(TLS13_PSK_DHE_KE);
	cfg->random = fixed_random;
	cfg->kex_priv = fixed_priv;
	cfg->session_id = fixed_sid;
	if (s->alpn) {
		cfg->alpn = (const u8 *)"sunrpc";
		cfg->alpn_len = 6;
	}
	if (s->sni && !server)
		cfg->server_name = "server.test";
	make_psk(&h->psk, server && s->wrong_psk ? "other" : "fuzz-psk", 0x42);
	cfg->ctx = h;
	if (server) {
		cfg->psk_find = find;
	} else {
		cfg->psks = &h->psk;
		cfg->n_psks = 1;
	}
	if (s->cert) {
		cfg->cert = true;
		h->cred.kind = TLS13_KEY_EC_P256;
		h->cred.priv = h->priv;
		h->cred.priv_len = sizeof(h->priv);
		h->cred.der[0] = s->der;
		h->cred.der_len[0] = s->der_len;
		h->cred.n = 1;
		/* a server's, and a client's when one is asked for */
		if (server || s->client_auth)
			cfg->cred = &h->cred;
		h->policy.trust = &trust;
		h->policy.peername = server ? NULL : "server.test";
		h->policy.client = server;
		h->policy.now = 1780272000;	/* 2026-06-01 */
		cfg->verify_chain = verify_chain;
		cfg->sign = sign;
		if (server && s->client_auth)
			cfg->client_auth = TLS13_CLIENT_AUTH_REQUIRE;
	}
	h->hs = tls13_hs_alloc(cfg, GFP_KERNEL);
	if (!h->hs) {
		free(h);
		return NULL;
	}
	return h;
}

void fz_hs_free(struct fz_hs *h)
{
	tls13_hs_free(h->hs);
	free(h);
}

int fz_hs_start(struct fz_hs *h)
{
	return tls13_hs_start(h->hs);
}

uint8_t *fz_hs_want(struct fz_hs *h, size_t *len)
{
	return tls13_hs_want(h->hs, len);
}

int fz_hs_got(struct fz_hs *h, size_t len)
{
	return tls13_hs_got(h->hs, len);
}

bool fz_hs_mid_record(struct fz_hs *h)
{
	return h->hs->rec_len;
}

/* what transport.c does when the stream breaks: fail with no alert */
int fz_hs_fail(struct fz_hs *h, int err)
{
	return tls13_hs_fail(h->hs, 0, err);
}

const uint8_t *fz_hs_output(struct fz_hs *h, size_t *len)
{
	return tls13_hs_output(h->hs, len);
}

void fz_hs_output_done(struct fz_hs *h)
{
	tls13_hs_output_done(h->hs);
}

bool fz_hs_connected(struct fz_hs *h)
{
	return tls13_hs_state(h->hs) == TLS13_ST_CONNECTED;
}

bool fz_hs_failed(struct fz_hs *h)
{
	return tls13_hs_state(h->hs) == TLS13_ST_FAILED;
}

uint64_t fz_hs_summary(struct fz_hs *h)
{
	const struct tls13_hs_result *r = tls13_hs_result(h->hs);

	return (u64)r->suite << 32 | (u64)r->group << 16 | r->hrr << 1 |
	       r->alpn;
}

int fz_hs_keys(struct fz_hs *h, bool write, uint8_t *key, uint8_t *iv)
{
	return tls13_hs_traffic_keys(h->hs, write, key, iv);
}
