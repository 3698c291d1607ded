// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the handshake engine in memory, a client engine against a server
 * engine, records passed one at a time as the transport would.
 *
 * Every suite with every group (psk_dhe_ke), psk_ke, HelloRetryRequest,
 * a SHA-384 PSK, several identities; the failures: unknown identity,
 * wrong key (binder), a second HelloRetryRequest, a ServerHello without
 * supported_versions (downgrade), an all-zero key share, messages out of
 * order, change_cipher_spec misuse. Each failure must queue the alert
 * RFC 8446 names and return the documented errno.
 *
 * Then a recorded PSK handshake (fixed randoms and keys, so it replays
 * byte for byte) is mutated: every byte of every record of each side's
 * flight is flipped, and every record is truncated at every length; each
 * mutant must fail cleanly, never complete. The only bytes exempt are
 * the legacy_record_version of plaintext records, which RFC 8446 section
 * 5.1 says to ignore.
 */

#include <kunit/test.h>
#include <linux/unaligned.h>

#include "../hs_int.h"

static const u8 fixed_random[TLS13_RANDOM_LEN] = { 0x5a, 0x01, 0x02, 0x03 };
static const u8 fixed_sid[TLS13_MAX_SESSION_ID_LEN] = { 0x51, 0xd0 };
/* a valid private key for x25519, P-256 and P-384 alike */
static const u8 fixed_priv[TLS13_MAX_KEX_KEY_LEN] = {
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe,
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe,
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe,
};

struct pair {
	struct tls13_psk cpsk[3];	/* what the client offers */
	struct tls13_psk spsk[3];	/* what the server knows */
	unsigned int n_spsk;
	struct tls13_hs_config ccfg, scfg;
	struct tls13_hs *c, *s;
	int cerr, serr;
};

static void make_psk(struct tls13_psk *p, const char *id, u8 fill,
		     unsigned int len, s32 serial)
{
	memset(p, 0, sizeof(*p));
	memset(p->key, fill, len);
	p->key_len = len;
	p->hash = len == 48 ? &tls13_sha384 : &tls13_sha256;
	p->id_len = strlen(id);
	memcpy(p->id, id, p->id_len);
	p->serial = serial;
}

static int find(void *ctx, const u8 *id, u16 id_len, struct tls13_psk *out)
{
	struct pair *p = ctx;
	unsigned int i;

	for (i = 0; i < p->n_spsk; i++)
		if (p->spsk[i].id_len == id_len &&
		    !memcmp(p->spsk[i].id, id, id_len)) {
			*out = p->spsk[i];
			return 0;
		}
	return -ENOKEY;
}

static void free_hs(void *hs)
{
	tls13_hs_free(hs);
}

/* A client offering one SHA-256 PSK and a server knowing it */
static struct pair *new_pair(struct kunit *test)
{
	static const u16 all_suites[] = {
		TLS13_AES_128_GCM_SHA256, TLS13_AES_256_GCM_SHA384,
		TLS13_CHACHA20_POLY1305_SHA256, TLS13_AES_128_CCM_SHA256,
	};
	static const u16 all_groups[] = {
		TLS13_GROUP_X25519, TLS13_GROUP_SECP256R1,
		TLS13_GROUP_SECP384R1,
	};
	struct pair *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct tls13_hs_config *cfg;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	make_psk(&p->cpsk[0], "client-one", 0x11, 32, 101);
	p->spsk[0] = p->cpsk[0];
	p->n_spsk = 1;
	for (i = 0; i < 2; i++) {
		cfg = i ? &p->scfg : &p->ccfg;
		cfg->server = i;
		memcpy(cfg->suites, all_suites, sizeof(all_suites));
		cfg->n_suites = ARRAY_SIZE(all_suites);
		memcpy(cfg->groups, all_groups, sizeof(all_groups));
		cfg->n_groups = ARRAY_SIZE(all_groups);
		cfg->psk_modes = BIT(TLS13_PSK_KE) | BIT(TLS13_PSK_DHE_KE);
	}
	p->ccfg.psks = p->cpsk;
	p->ccfg.n_psks = 1;
	p->scfg.psk_find = find;
	p->scfg.ctx = p;
	return p;
}

static void deterministic(struct pair *p)
{
	p->ccfg.random = fixed_random;
	p->scfg.random = fixed_random;
	p->ccfg.kex_priv = fixed_priv;
	p->scfg.kex_priv = fixed_priv;
	p->ccfg.session_id = fixed_sid;
}

static struct tls13_hs *new_hs(struct kunit *test,
			       const struct tls13_hs_config *cfg)
{
	struct tls13_hs *hs = tls13_hs_alloc(cfg, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, hs);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_hs, hs), 0);
	return hs;
}

/*
 * Feed every record of @hs's output to @to. Returns @to's error, 0 if
 * all went in. @log, when set, gets a copy of what was sent.
 */
static int deliver(struct kunit *test, struct tls13_hs *from,
		   struct tls13_hs *to, u8 *log, size_t *log_len)
{
	size_t len, off = 0, rlen;
	const u8 *out = tls13_hs_output(from, &len);
	u8 *rec;
	int err = 0;

	if (log) {
		memcpy(log + *log_len, out, len);
		*log_len += len;
	}
	rec = kunit_kmalloc(test, TLS13_MAX_RECORD, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	while (!err && off + TLS13_RECORD_HEADER_LEN <= len) {
		rlen = TLS13_RECORD_HEADER_LEN + get_unaligned_be16(out + off + 3);
		KUNIT_ASSERT_LE(test, off + rlen, len);
		memcpy(rec, out + off, rlen);
		err = tls13_hs_input(to, rec, rlen);
		off += rlen;
	}
	tls13_hs_output_done(from);
	kunit_kfree(test, rec);
	return err;
}

/* Run both sides to the end; the logs get each side's records */
static void run(struct kunit *test, struct pair *p, u8 *clog, size_t *clen,
		u8 *slog, size_t *slen)
{
	int round;

	p->c = new_hs(test, &p->ccfg);
	p->s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->s), 0);
	p->cerr = tls13_hs_start(p->c);
	for (round = 0; round < 8 && !p->cerr && !p->serr; round++) {
		p->serr = deliver(test, p->c, p->s, clog, clen);
		if (p->serr)
			break;
		p->cerr = deliver(test, p->s, p->c, slog, slen);
		if (tls13_hs_state(p->c) == TLS13_ST_CONNECTED &&
		    tls13_hs_state(p->s) == TLS13_ST_CONNECTED)
			break;
	}
	/* the side that failed sends its alert to the other */
	if (p->serr)
		p->cerr = deliver(test, p->s, p->c, NULL, NULL);
	else if (p->cerr)
		p->serr = deliver(test, p->c, p->s, NULL, NULL);
}

static void expect_connected(struct kunit *test, struct pair *p)
{
	u8 ck[TLS13_MAX_KEY_LEN], civ[TLS13_AEAD_NONCE_LEN];
	u8 sk[TLS13_MAX_KEY_LEN], siv[TLS13_AEAD_NONCE_LEN];
	const struct tls13_hs_result *cr, *sr;
	unsigned int klen;

	KUNIT_ASSERT_EQ(test, p->cerr, 0);
	KUNIT_ASSERT_EQ(test, p->serr, 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_state(p->c), TLS13_ST_CONNECTED);
	KUNIT_ASSERT_EQ(test, tls13_hs_state(p->s), TLS13_ST_CONNECTED);
	cr = tls13_hs_result(p->c);
	sr = tls13_hs_result(p->s);
	KUNIT_EXPECT_EQ(test, cr->suite, sr->suite);
	KUNIT_EXPECT_EQ(test, cr->group, sr->group);
	KUNIT_EXPECT_EQ(test, cr->hrr, sr->hrr);
	KUNIT_EXPECT_EQ(test, cr->psk_serial, sr->psk_serial);
	/* what kTLS gets: each side's write key is the other's read key */
	klen = tls13_suite_find(cr->suite)->key_len;
	KUNIT_ASSERT_EQ(test, tls13_hs_traffic_keys(p->c, true, ck, civ), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_traffic_keys(p->s, false, sk, siv), 0);
	KUNIT_EXPECT_MEMEQ(test, ck, sk, klen);
	KUNIT_EXPECT_MEMEQ(test, civ, siv, TLS13_AEAD_NONCE_LEN);
	KUNIT_ASSERT_EQ(test, tls13_hs_traffic_keys(p->s, true, sk, siv), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_traffic_keys(p->c, false, ck, civ), 0);
	KUNIT_EXPECT_MEMEQ(test, ck, sk, klen);
	KUNIT_EXPECT_MEMEQ(test, civ, siv, TLS13_AEAD_NONCE_LEN);
	KUNIT_EXPECT_MEMNEQ(test, ck, civ, 4);	/* not all zero, not equal */
}

struct combo {
	u16 suite;
	u16 group;
	const char *name;
};

static const struct combo combos[] = {
	{ TLS13_AES_128_GCM_SHA256, TLS13_GROUP_X25519, "aes128gcm-x25519" },
	{ TLS13_AES_128_GCM_SHA256, TLS13_GROUP_SECP256R1, "aes128gcm-p256" },
	{ TLS13_AES_128_GCM_SHA256, TLS13_GROUP_SECP384R1, "aes128gcm-p384" },
	{ TLS13_AES_256_GCM_SHA384, TLS13_GROUP_X25519, "aes256gcm-x25519" },
	{ TLS13_AES_256_GCM_SHA384, TLS13_GROUP_SECP384R1, "aes256gcm-p384" },
	{ TLS13_CHACHA20_POLY1305_SHA256, TLS13_GROUP_X25519, "chacha-x25519" },
	{ TLS13_CHACHA20_POLY1305_SHA256, TLS13_GROUP_SECP256R1, "chacha-p256" },
	{ TLS13_AES_128_CCM_SHA256, TLS13_GROUP_X25519, "ccm-x25519" },
	{ TLS13_AES_128_CCM_SHA256, TLS13_GROUP_SECP384R1, "ccm-p384" },
};

static void combo_desc(const struct combo *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(combo, combos, combo_desc);

static void hs_suite_group(struct kunit *test)
{
	const struct combo *c = test->param_value;
	struct pair *p = new_pair(test);

	if (tls13_suite_find(c->suite)->hash == &tls13_sha384) {
		make_psk(&p->cpsk[0], "NVMe0R02 host sub", 0x22, 48, 202);
		p->spsk[0] = p->cpsk[0];
	}
	p->ccfg.suites[0] = c->suite;
	p->ccfg.n_suites = 1;
	p->ccfg.groups[0] = c->group;
	p->ccfg.n_groups = 1;
	p->ccfg.psk_modes = BIT(TLS13_PSK_DHE_KE);
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->c)->suite, c->suite);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->c)->group, c->group);
	KUNIT_EXPECT_FALSE(test, tls13_hs_result(p->c)->hrr);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->psk_serial,
			p->cpsk[0].serial);
}

/* The server prefers psk_dhe_ke; psk_ke when that is all the client has */
static void hs_psk_modes(struct kunit *test)
{
	struct pair *p = new_pair(test);

	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->group,
			TLS13_GROUP_X25519);

	p = new_pair(test);
	p->ccfg.psk_modes = BIT(TLS13_PSK_KE);
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->group, 0);

	/* a server that insists on (EC)DHE refuses a psk_ke-only client */
	p = new_pair(test);
	p->ccfg.psk_modes = BIT(TLS13_PSK_KE);
	p->scfg.psk_modes = BIT(TLS13_PSK_DHE_KE);
	run(test, p, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, p->serr, -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->alert,
			TLS13_ALERT_HANDSHAKE_FAILURE);
	KUNIT_EXPECT_EQ(test, p->cerr, -ECONNABORTED);
}

/* The server's suite order wins among what the client offers */
static void hs_server_preference(struct kunit *test)
{
	struct pair *p = new_pair(test);

	p->scfg.suites[0] = TLS13_CHACHA20_POLY1305_SHA256;
	p->scfg.suites[1] = TLS13_AES_128_GCM_SHA256;
	p->scfg.n_suites = 2;
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->c)->suite,
			TLS13_CHACHA20_POLY1305_SHA256);
}

static void hs_hello_retry(struct kunit *test)
{
	struct pair *p = new_pair(test);

	/* the client's first share is x25519; the server takes P-384 only */
	p->scfg.groups[0] = TLS13_GROUP_SECP384R1;
	p->scfg.n_groups = 1;
	p->scfg.psk_modes = BIT(TLS13_PSK_DHE_KE);
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_TRUE(test, tls13_hs_result(p->c)->hrr);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->c)->group,
			TLS13_GROUP_SECP384R1);
}

/* ALPN (RFC 7301, RFC 9289's "sunrpc"): both ends must agree */
static void hs_alpn(struct kunit *test)
{
	struct pair *p = new_pair(test);

	p->ccfg.alpn = (const u8 *)"sunrpc";
	p->ccfg.alpn_len = 6;
	p->scfg.alpn = (const u8 *)"sunrpc";
	p->scfg.alpn_len = 6;
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_TRUE(test, tls13_hs_result(p->c)->alpn);
	KUNIT_EXPECT_TRUE(test, tls13_hs_result(p->s)->alpn);

	/* with a server name; the server does not acknowledge it */
	p = new_pair(test);
	p->ccfg.server_name = "nfs.example";
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);

	/* the server requires it, the client offers something else */
	p = new_pair(test);
	p->ccfg.alpn = (const u8 *)"h2";
	p->ccfg.alpn_len = 2;
	p->scfg.alpn = (const u8 *)"sunrpc";
	p->scfg.alpn_len = 6;
	run(test, p, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, p->serr, -ENOPROTOOPT);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->alert,
			TLS13_ALERT_NO_APPLICATION_PROTOCOL);
	KUNIT_EXPECT_EQ(test, p->cerr, -ECONNABORTED);

	/* ... or nothing */
	p = new_pair(test);
	p->scfg.alpn = (const u8 *)"sunrpc";
	p->scfg.alpn_len = 6;
	run(test, p, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, p->serr, -ENOPROTOOPT);

	/* the client requires it, the server selects none */
	p = new_pair(test);
	p->ccfg.alpn = (const u8 *)"sunrpc";
	p->ccfg.alpn_len = 6;
	run(test, p, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, p->cerr, -ENOPROTOOPT);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->c)->alert,
			TLS13_ALERT_NO_APPLICATION_PROTOCOL);
	KUNIT_EXPECT_FALSE(test, tls13_hs_result(p->s)->alpn);
}

/* Several identities: the server takes the first it knows */
static void hs_identities(struct kunit *test)
{
	struct pair *p = new_pair(test);

	make_psk(&p->cpsk[0], "unknown-one", 0x33, 32, 301);
	make_psk(&p->cpsk[1], "NVMe1R02 h s", 0x44, 48, 302);
	make_psk(&p->cpsk[2], "NVMe1R01 h s", 0x55, 32, 303);
	p->ccfg.n_psks = 3;
	p->spsk[0] = p->cpsk[2];
	p->spsk[1] = p->cpsk[1];
	p->n_spsk = 2;
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->c)->psk_serial, 302);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->c)->suite,
			TLS13_AES_256_GCM_SHA384);
}

static void hs_unknown_identity(struct kunit *test)
{
	struct pair *p = new_pair(test);

	p->n_spsk = 0;
	run(test, p, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, p->serr, -ENOKEY);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->alert,
			TLS13_ALERT_UNKNOWN_PSK_IDENTITY);
	KUNIT_EXPECT_EQ(test, p->cerr, -EACCES);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->c)->peer_alert,
			TLS13_ALERT_UNKNOWN_PSK_IDENTITY);
}

static void hs_wrong_key(struct kunit *test)
{
	struct pair *p = new_pair(test);

	p->spsk[0].key[0] ^= 1;
	run(test, p, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, p->serr, -EKEYREJECTED);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->alert,
			TLS13_ALERT_DECRYPT_ERROR);
	KUNIT_EXPECT_EQ(test, p->cerr, -EACCES);
}

/* A SHA-256 PSK cannot go with the only suite the server allows */
static void hs_no_common_suite(struct kunit *test)
{
	struct pair *p = new_pair(test);

	p->scfg.suites[0] = TLS13_AES_256_GCM_SHA384;
	p->scfg.n_suites = 1;
	run(test, p, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, p->serr, -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->alert,
			TLS13_ALERT_HANDSHAKE_FAILURE);
}

/* Records from the server, recorded in a deterministic handshake */
struct recording {
	u8 *c2s, *s2c;
	size_t c2s_len, s2c_len;
};

static struct recording *record(struct kunit *test, bool hrr)
{
	struct recording *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct pair *p = new_pair(test);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->c2s = kunit_kzalloc(test, 4 * TLS13_MAX_RECORD, GFP_KERNEL);
	r->s2c = kunit_kzalloc(test, 4 * TLS13_MAX_RECORD, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r->c2s);
	KUNIT_ASSERT_NOT_NULL(test, r->s2c);
	deterministic(p);
	if (hrr) {
		p->scfg.groups[0] = TLS13_GROUP_SECP256R1;
		p->scfg.n_groups = 1;
	}
	run(test, p, r->c2s, &r->c2s_len, r->s2c, &r->s2c_len);
	expect_connected(test, p);
	return r;
}

/*
 * Replay @in to a fresh deterministic side (@server or client), with one
 * record changed by @mutate. The other direction's records are what the
 * recording holds: a mutant makes the replayed side diverge, and it must
 * then fail. Returns the replayed side's final error.
 */
static int replay(struct kunit *test, bool server, bool hrr, const u8 *in,
		  size_t in_len, size_t target, size_t pos, int cut)
{
	struct pair *p = new_pair(test);
	struct tls13_hs *hs;
	size_t off = 0, rlen, idx = 0;
	u8 *rec = kunit_kmalloc(test, TLS13_MAX_RECORD, GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, rec);
	deterministic(p);
	if (hrr) {
		p->scfg.groups[0] = TLS13_GROUP_SECP256R1;
		p->scfg.n_groups = 1;
	}
	hs = tls13_hs_alloc(server ? &p->scfg : &p->ccfg, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hs);
	err = tls13_hs_start(hs);
	tls13_hs_output_done(hs);
	while (!err && off < in_len) {
		rlen = TLS13_RECORD_HEADER_LEN +
		       get_unaligned_be16(in + off + 3);
		memcpy(rec, in + off, rlen);
		if (idx == target) {
			if (cut >= 0) {
				rlen = cut;
				if (rlen >= TLS13_RECORD_HEADER_LEN)
					put_unaligned_be16(rlen -
						TLS13_RECORD_HEADER_LEN,
						rec + 3);
			} else {
				rec[pos] ^= 0x01;
			}
		}
		err = tls13_hs_input(hs, rec, rlen);
		tls13_hs_output_done(hs);
		off += TLS13_RECORD_HEADER_LEN +
		       get_unaligned_be16(in + off + 3);
		idx++;
	}
	if (!err && tls13_hs_state(hs) == TLS13_ST_CONNECTED)
		err = 1;	/* the mutant went through */
	else if (!err)
		err = -EAGAIN;	/* waiting for more: the transport times out */
	else
		KUNIT_EXPECT_EQ(test, tls13_hs_state(hs), TLS13_ST_FAILED);
	tls13_hs_free(hs);
	kunit_kfree(test, rec);
	return err;
}

static void mutate_flight(struct kunit *test, bool server, bool hrr)
{
	struct recording *r = record(test, hrr);
	const u8 *in = server ? r->c2s : r->s2c;
	size_t in_len = server ? r->c2s_len : r->s2c_len;
	size_t off = 0, rlen, idx, pos, cases = 0;
	bool plain;
	int err;

	/* the unmutated replay must succeed, or the test proves nothing */
	KUNIT_ASSERT_EQ(test, replay(test, server, hrr, in, in_len, ~0UL, 0,
				     -1), 1);
	for (idx = 0; off < in_len; idx++, off += rlen) {
		rlen = TLS13_RECORD_HEADER_LEN +
		       get_unaligned_be16(in + off + 3);
		plain = in[off] != TLS13_CT_APPLICATION_DATA;
		for (pos = 0; pos < rlen; pos++) {
			if (plain && (pos == 1 || pos == 2))
				continue;	/* legacy_record_version */
			err = replay(test, server, hrr, in, in_len, idx, pos,
				     -1);
			KUNIT_EXPECT_LT_MSG(test, err, 0,
					    "record %zu byte %zu flipped: %d",
					    idx, pos, err);
			cases++;
		}
		for (pos = 0; pos < rlen; pos++) {
			err = replay(test, server, hrr, in, in_len, idx, 0, pos);
			KUNIT_EXPECT_LT_MSG(test, err, 0,
					    "record %zu cut at %zu: %d",
					    idx, pos, err);
			cases++;
		}
	}
	kunit_info(test, "%zu mutants of %zu records, %zu bytes: all failed\n",
		   cases, idx, in_len);
}

static void hs_mutate_server_flight(struct kunit *test)
{
	mutate_flight(test, false, false);
}

static void hs_mutate_client_flight(struct kunit *test)
{
	mutate_flight(test, true, false);
}

static void hs_mutate_hrr_flight(struct kunit *test)
{
	mutate_flight(test, false, true);
}

/* Feed one handcrafted plaintext handshake message to a fresh client */
static int client_gets(struct kunit *test, const u8 *msg, size_t len,
		       u8 *alert)
{
	struct pair *p = new_pair(test);
	struct tls13_hs *c;
	u8 *rec = kunit_kmalloc(test, len + TLS13_RECORD_HEADER_LEN,
				GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, rec);
	deterministic(p);
	c = new_hs(test, &p->ccfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(c), 0);
	rec[0] = TLS13_CT_HANDSHAKE;
	rec[1] = 3;
	rec[2] = 3;
	put_unaligned_be16(len, rec + 3);
	memcpy(rec + TLS13_RECORD_HEADER_LEN, msg, len);
	err = tls13_hs_input(c, rec, len + TLS13_RECORD_HEADER_LEN);
	*alert = tls13_hs_result(c)->alert;
	return err;
}

/* ServerHello: our session id, 0x1301, and the given extensions */
static size_t server_hello(u8 *buf, const u8 *random, const u8 *exts,
			   size_t exts_len)
{
	size_t body = 2 + 32 + 1 + 32 + 2 + 1 + 2 + exts_len;

	buf[0] = TLS13_HS_SERVER_HELLO;
	buf[1] = 0;
	put_unaligned_be16(body, buf + 2);
	put_unaligned_be16(0x0303, buf + 4);
	memcpy(buf + 6, random, 32);
	buf[38] = 32;
	memcpy(buf + 39, fixed_sid, 32);
	put_unaligned_be16(TLS13_AES_128_GCM_SHA256, buf + 71);
	buf[73] = 0;
	put_unaligned_be16(exts_len, buf + 74);
	memcpy(buf + 76, exts, exts_len);
	return 4 + body;
}

static void hs_downgrade(struct kunit *test)
{
	/* pre_shared_key only: a TLS 1.2 answer; then 0x0303 selected */
	static const u8 psk_only[] = { 0x00, 0x29, 0x00, 0x02, 0x00, 0x00 };
	static const u8 tls12[] = {
		0x00, 0x2b, 0x00, 0x02, 0x03, 0x03,
		0x00, 0x29, 0x00, 0x02, 0x00, 0x00,
	};
	u8 msg[128], alert;

	KUNIT_EXPECT_EQ(test, client_gets(test, msg,
					  server_hello(msg, fixed_random,
						       psk_only,
						       sizeof(psk_only)),
					  &alert), -EPROTONOSUPPORT);
	KUNIT_EXPECT_EQ(test, alert, TLS13_ALERT_PROTOCOL_VERSION);
	KUNIT_EXPECT_EQ(test, client_gets(test, msg,
					  server_hello(msg, fixed_random, tls12,
						       sizeof(tls12)),
					  &alert), -EPROTO);
	KUNIT_EXPECT_EQ(test, alert, TLS13_ALERT_ILLEGAL_PARAMETER);
}

static void hs_bad_key_share(struct kunit *test)
{
	u8 exts[6 + 8 + 32 + 6] = {
		0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
		0x00, 0x33, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20,
	};
	u8 msg[160], alert;

	memcpy(exts + 46, "\x00\x29\x00\x02\x00\x00", 6);
	/* x25519 share of all zeros: the low-order point (RFC 7748 6.1) */
	KUNIT_EXPECT_EQ(test, client_gets(test, msg,
					  server_hello(msg, fixed_random, exts,
						       sizeof(exts)),
					  &alert), -EPROTO);
	KUNIT_EXPECT_EQ(test, alert, TLS13_ALERT_ILLEGAL_PARAMETER);
	/* a P-256 share for a group we sent no share for */
	exts[11] = TLS13_GROUP_SECP256R1;
	KUNIT_EXPECT_EQ(test, client_gets(test, msg,
					  server_hello(msg, fixed_random, exts,
						       sizeof(exts)),
					  &alert), -EPROTO);
	KUNIT_EXPECT_EQ(test, alert, TLS13_ALERT_ILLEGAL_PARAMETER);
}

static void hs_second_hrr(struct kunit *test)
{
	struct recording *r = record(test, true);
	struct pair *p = new_pair(test);
	size_t hrr_len = TLS13_RECORD_HEADER_LEN +
			 get_unaligned_be16(r->s2c + 3);
	struct tls13_hs *c;
	u8 *rec = kunit_kmalloc(test, hrr_len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, rec);
	memcpy(rec, r->s2c, hrr_len);
	deterministic(p);
	p->scfg.groups[0] = TLS13_GROUP_SECP256R1;
	c = new_hs(test, &p->ccfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(c), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_input(c, rec, hrr_len), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_state(c), TLS13_ST_C_WAIT_SH2);
	memcpy(rec, r->s2c, hrr_len);
	KUNIT_EXPECT_EQ(test, tls13_hs_input(c, rec, hrr_len), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(c)->alert,
			TLS13_ALERT_UNEXPECTED_MESSAGE);
}

static void hs_out_of_order(struct kunit *test)
{
	static const u8 ee[] = { TLS13_HS_ENCRYPTED_EXTENSIONS, 0, 0, 2, 0, 0 };
	static const u8 ccs_first[] = { 20, 3, 3, 0, 1, 1 };
	struct pair *p = new_pair(test);
	struct tls13_hs *s;
	u8 rec[8], alert;

	KUNIT_EXPECT_EQ(test, client_gets(test, ee, sizeof(ee), &alert),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, alert, TLS13_ALERT_UNEXPECTED_MESSAGE);

	/* after a ClientHello, change_cipher_spec 0x01 is dropped; 0x02 is not */
	s = new_hs(test, &p->ccfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(s), 0);
	memcpy(rec, ccs_first, sizeof(ccs_first));
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, rec, sizeof(ccs_first)), 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, rec, sizeof(ccs_first)), 0);
	rec[5] = 2;
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, rec, sizeof(ccs_first)),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(s)->alert,
			TLS13_ALERT_UNEXPECTED_MESSAGE);

	/* change_cipher_spec before any ClientHello */
	s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(s), 0);
	memcpy(rec, ccs_first, sizeof(ccs_first));
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, rec, sizeof(ccs_first)),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(s)->alert,
			TLS13_ALERT_UNEXPECTED_MESSAGE);
	/* nothing is accepted after a failure */
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, rec, sizeof(ccs_first)),
			-EINVAL);
}

/*
 * A recorded ClientHello with one extension renamed to an unknown type
 * (which the server must ignore): what is then missing must be named.
 */
static void hs_missing_extension(struct kunit *test)
{
	static const u16 renamed[] = {
		TLS13_EXT_PSK_KEY_EXCHANGE_MODES, TLS13_EXT_SUPPORTED_GROUPS,
		TLS13_EXT_KEY_SHARE, TLS13_EXT_SUPPORTED_VERSIONS,
		TLS13_EXT_PRE_SHARED_KEY,
	};
	static const u8 want[] = {
		TLS13_ALERT_MISSING_EXTENSION, TLS13_ALERT_MISSING_EXTENSION,
		TLS13_ALERT_MISSING_EXTENSION, TLS13_ALERT_PROTOCOL_VERSION,
		TLS13_ALERT_HANDSHAKE_FAILURE,
	};
	struct recording *r = record(test, false);
	size_t len = TLS13_RECORD_HEADER_LEN + get_unaligned_be16(r->c2s + 3);
	u8 *rec = kunit_kmalloc(test, len, GFP_KERNEL);
	struct tls13_hs *s;
	unsigned int i;
	size_t off;

	KUNIT_ASSERT_NOT_NULL(test, rec);
	for (i = 0; i < ARRAY_SIZE(renamed); i++) {
		struct pair *p = new_pair(test);

		memcpy(rec, r->c2s, len);
		/* walk to the extensions, then along them */
		off = TLS13_RECORD_HEADER_LEN + TLS13_HS_HEADER_LEN + 2 + 32;
		off += 1 + rec[off];				/* session id */
		off += 2 + get_unaligned_be16(rec + off);	/* suites */
		off += 1 + rec[off];				/* compression */
		for (off += 2; off + 4 <= len &&
		     get_unaligned_be16(rec + off) != renamed[i];
		     off += 4 + get_unaligned_be16(rec + off + 2))
			;
		KUNIT_ASSERT_LT(test, off + 4, len);
		rec[off] = 0xfe;	/* an unassigned type */
		s = new_hs(test, &p->scfg);
		KUNIT_ASSERT_EQ(test, tls13_hs_start(s), 0);
		KUNIT_EXPECT_LT(test, tls13_hs_input(s, rec, len), 0);
		KUNIT_EXPECT_EQ_MSG(test, tls13_hs_result(s)->alert, want[i],
				    "extension %#x renamed", renamed[i]);
	}
}

/* A handshake message announcing more than the engine accepts */
static void hs_oversized(struct kunit *test)
{
	static const u8 big[] = { 22, 3, 3, 0, 4, TLS13_HS_CLIENT_HELLO,
				  0x01, 0x00, 0x01 };
	struct pair *p = new_pair(test);
	struct tls13_hs *s = new_hs(test, &p->scfg);
	u8 rec[sizeof(big)];

	KUNIT_ASSERT_EQ(test, tls13_hs_start(s), 0);
	memcpy(rec, big, sizeof(big));
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, rec, sizeof(rec)), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(s)->alert,
			TLS13_ALERT_DECODE_ERROR);
}

static void hs_errno_table(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tls13_alert_errno(TLS13_ALERT_DECRYPT_ERROR,
						true), -EACCES);
	KUNIT_EXPECT_EQ(test, tls13_alert_errno(TLS13_ALERT_CLOSE_NOTIFY,
						true), -ECONNRESET);
	KUNIT_EXPECT_EQ(test, tls13_alert_errno(TLS13_ALERT_DECODE_ERROR,
						true), -ECONNABORTED);
	KUNIT_EXPECT_EQ(test, tls13_alert_errno(TLS13_ALERT_DECODE_ERROR,
						false), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_alert_errno(TLS13_ALERT_BAD_RECORD_MAC,
						false), -EBADMSG);
	KUNIT_EXPECT_STREQ(test, tls13_alert_name(TLS13_ALERT_UNKNOWN_PSK_IDENTITY),
			   "unknown_psk_identity");
	KUNIT_EXPECT_STREQ(test, tls13_alert_name(255), "unknown");
}

static struct kunit_case hs_test_cases[] = {
	KUNIT_CASE_PARAM(hs_suite_group, combo_gen_params),
	KUNIT_CASE(hs_psk_modes),
	KUNIT_CASE(hs_server_preference),
	KUNIT_CASE(hs_hello_retry),
	KUNIT_CASE(hs_identities),
	KUNIT_CASE(hs_alpn),
	KUNIT_CASE(hs_unknown_identity),
	KUNIT_CASE(hs_wrong_key),
	KUNIT_CASE(hs_no_common_suite),
	KUNIT_CASE(hs_downgrade),
	KUNIT_CASE(hs_bad_key_share),
	KUNIT_CASE(hs_second_hrr),
	KUNIT_CASE(hs_out_of_order),
	KUNIT_CASE(hs_missing_extension),
	KUNIT_CASE(hs_oversized),
	KUNIT_CASE(hs_errno_table),
	KUNIT_CASE_SLOW(hs_mutate_server_flight),
	KUNIT_CASE_SLOW(hs_mutate_client_flight),
	KUNIT_CASE_SLOW(hs_mutate_hrr_flight),
	{}
};

static struct kunit_suite hs_test_suite = {
	.name = "tls13_hs",
	.test_cases = hs_test_cases,
};

kunit_test_suite(hs_test_suite);
