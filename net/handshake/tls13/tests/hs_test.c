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
 * Tables of single rules, each with the alert RFC 8446 names (the list
 * and where each is proved: tests/ALERTS.md): what a client checks in a
 * ServerHello or HelloRetryRequest, messages in states that do not take
 * them (in the clear and under the handshake key), records the record
 * layer refuses, and messages that span a key change.
 *
 * Then a recorded PSK handshake (fixed randoms and keys, so it replays
 * byte for byte) is mutated: every byte of every record of each side's
 * flight is flipped, and every record is truncated at every length; each
 * mutant must fail cleanly, never complete. The only bytes exempt are
 * the legacy_record_version of plaintext records, which RFC 8446 section
 * 5.1 says to ignore.
 *
 * The second suite, tls13_hs_cert, does the same with certificates (the
 * PKI of cert_vectors.h, checked at a fixed time): server keys P-256
 * (with an intermediate CA), P-384 and RSA-2048 against anonymous and
 * certificate clients under each client_auth policy, HelloRetryRequest,
 * ALPN; a chain the client cannot trust, an expired one, a wrong name; no
 * signature scheme in common, no signature_algorithms; a
 * CertificateVerify with a scheme the client never offered, with one
 * that does not fit the key, over the wrong transcript; an empty server
 * Certificate; tables of ClientHello, second ClientHello, Certificate and
 * CertificateRequest rules; and the byte mutation of a recorded mutual
 * handshake (ECDSA signatures are deterministic, RFC 6979).
 */

#include <crypto/public_key.h>
#include <keys/asymmetric-parser.h>
#include <keys/asymmetric-subtype.h>
#include <keys/asymmetric-type.h>
#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/key-type.h>
#include <linux/key.h>
#include <linux/unaligned.h>

#include "../hs_int.h"
#include "../sig.h"
#include "cert_vectors.h"
#include "util.h"

/* the time certificates are checked against: 2026-06-01 00:00:00 UTC */
#define CERT_NOW	1780272000

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
	/*
	 * Certificates: the protocol tests pin the peer's leaf (no keyring);
	 * with @chain_check, cert.c checks the chains against @cpol/@spol,
	 * as the transport does
	 */
	bool chain_check;
	struct tls13_cert_policy cpol, spol;
	struct tls13_leaf sleaf;	/* the client's, as the server keeps it */
	unsigned int cverified, sverified;	/* verify_chain calls */
	struct tls13_hs *c, *s;
	int cerr, serr;
};

/* Loaded once for the certificate suite (suite_init) */
enum { SRV_P256, SRV_P384, SRV_RSA, CLI_P256, N_CREDS };
static struct tls13_cred creds[N_CREDS];
static struct tls13_pubkey pins[N_CREDS];	/* each leaf's key */
static struct key *trust, *other_trust;

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
static void free_leaf(void *leaf)
{
	kfree(((struct tls13_leaf *)leaf)->der);
}

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
	KUNIT_ASSERT_EQ(test, kunit_add_action(test, free_leaf, &p->sleaf), 0);
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

/* What a recorded handshake is made of */
enum setup { SETUP_PSK, SETUP_PSK_HRR, SETUP_CERT };

static void use_certs(struct pair *p, unsigned int srv, bool client_cert,
		      u8 client_auth);

static struct pair *setup_pair(struct kunit *test, enum setup setup)
{
	struct pair *p = new_pair(test);

	deterministic(p);
	if (setup == SETUP_PSK_HRR) {
		p->scfg.groups[0] = TLS13_GROUP_SECP256R1;
		p->scfg.n_groups = 1;
	}
	if (setup == SETUP_CERT)
		use_certs(p, SRV_P256, true, TLS13_CLIENT_AUTH_REQUIRE);
	return p;
}

static struct recording *record(struct kunit *test, enum setup setup)
{
	struct recording *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct pair *p = setup_pair(test, setup);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->c2s = kunit_kzalloc(test, 4 * TLS13_MAX_RECORD, GFP_KERNEL);
	r->s2c = kunit_kzalloc(test, 4 * TLS13_MAX_RECORD, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r->c2s);
	KUNIT_ASSERT_NOT_NULL(test, r->s2c);
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
static int replay(struct kunit *test, bool server, enum setup setup,
		  const u8 *in, size_t in_len, size_t target, size_t pos,
		  int cut)
{
	struct pair *p = setup_pair(test, setup);
	struct tls13_hs *hs;
	size_t off = 0, rlen, idx = 0;
	u8 *rec = kunit_kmalloc(test, TLS13_MAX_RECORD, GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, rec);
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
	kunit_release_action(test, free_leaf, &p->sleaf);
	kunit_kfree(test, p);
	return err;
}

static void mutate_flight(struct kunit *test, bool server, enum setup setup)
{
	struct recording *r = record(test, setup);
	const u8 *in = server ? r->c2s : r->s2c;
	size_t in_len = server ? r->c2s_len : r->s2c_len;
	size_t off = 0, rlen, idx, pos, cases = 0;
	bool plain;
	int err;

	/* the unmutated replay must succeed, or the test proves nothing */
	KUNIT_ASSERT_EQ(test, replay(test, server, setup, in, in_len, ~0UL, 0,
				     -1), 1);
	for (idx = 0; off < in_len; idx++, off += rlen) {
		rlen = TLS13_RECORD_HEADER_LEN +
		       get_unaligned_be16(in + off + 3);
		plain = in[off] != TLS13_CT_APPLICATION_DATA;
		for (pos = 0; pos < rlen; pos++) {
			if (plain && (pos == 1 || pos == 2))
				continue;	/* legacy_record_version */
			err = replay(test, server, setup, in, in_len, idx,
				     pos, -1);
			KUNIT_EXPECT_LT_MSG(test, err, 0,
					    "record %zu byte %zu flipped: %d",
					    idx, pos, err);
			cases++;
		}
		for (pos = 0; pos < rlen; pos++) {
			err = replay(test, server, setup, in, in_len, idx, 0,
				     pos);
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
	mutate_flight(test, false, SETUP_PSK);
}

static void hs_mutate_client_flight(struct kunit *test)
{
	mutate_flight(test, true, SETUP_PSK);
}

static void hs_mutate_hrr_flight(struct kunit *test)
{
	mutate_flight(test, false, SETUP_PSK_HRR);
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

/*
 * Section 4.1.3, 4.1.4, 4.2, 4.2.1, 4.2.8, 4.2.11: what a client checks in
 * a ServerHello or HelloRetryRequest, each row one rule and the alert the
 * RFC names (or, where it names none, the one section 6.2 implies).
 */
/* extension blocks, without their length */
static const u8 x_sv13_psk0[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x29, 0x00, 0x02, 0x00, 0x00,
};

static const u8 x_sv13_psk1[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x29, 0x00, 0x02, 0x00, 0x01,
};

static const u8 x_sv13[] = { 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04 };
static const u8 x_psk0[] = { 0x00, 0x29, 0x00, 0x02, 0x00, 0x00 };
static const u8 x_sv13_unknown[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x29, 0x00, 0x02, 0x00, 0x00,
	0xfe, 0xfe, 0x00, 0x00,
};

static const u8 x_sv13_sni[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x29, 0x00, 0x02, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

static const u8 x_sv13_twice[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x29, 0x00, 0x02, 0x00, 0x00,
};

static const u8 x_hrr_x25519[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x33, 0x00, 0x02, 0x00, 0x1d,
};

static const u8 x_hrr_x448[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x33, 0x00, 0x02, 0x00, 0x1e,
};

static const u8 x_hrr_p256[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x33, 0x00, 0x02, 0x00, 0x17,
};

static const u8 x_hrr_tls12[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x03,
	0x00, 0x33, 0x00, 0x02, 0x00, 0x17,
};

static const u8 x_hrr_psk[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x33, 0x00, 0x02, 0x00, 0x17,
	0x00, 0x29, 0x00, 0x02, 0x00, 0x00,
};

static const u8 x_hrr_unknown[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x33, 0x00, 0x02, 0x00, 0x17,
	0xfe, 0xfe, 0x00, 0x00,
};

/* with an x25519 share the checks refuse before they use it */
static const u8 x_sh_x25519[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x33, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20,
	0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09,
	0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09,
	0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09,
	0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09,
	0x00, 0x29, 0x00, 0x02, 0x00, 0x00,
};

static const u8 x_sh_tls12_x25519[] = {
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x03,
	0x00, 0x33, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20,
	0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09,
	0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09,
	0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09,
	0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09,
	0x00, 0x29, 0x00, 0x02, 0x00, 0x00,
};

enum { RND_FIXED, RND_HRR, RND_DOWN12, RND_DOWN11 };

struct sh_case {
	const char *name;
	u16 version;		/* legacy_version; 0: 0x0303 */
	u8 random;		/* RND_* */
	bool other_sid;		/* not the session id we sent */
	u16 suite;		/* 0: TLS_AES_128_GCM_SHA256 */
	u8 comp;		/* legacy_compression_method */
	const u8 *exts;
	size_t exts_len;
	bool after_hrr;		/* a valid HRR (P-256) first */
	bool cert;		/* a client with certificates, no PSK */
	u8 psk_modes;		/* 0: psk_ke and psk_dhe_ke */
	u8 alert;
};

#define EXTS(a)	.exts = (a), .exts_len = sizeof(a)

static const struct sh_case sh_cases[] = {
	{ "SH legacy_session_id_echo not ours", .other_sid = true,
	  EXTS(x_sv13_psk0), .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH cipher suite not offered", .suite = 0x1305, EXTS(x_sv13_psk0),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH compression method 1", .comp = 1, EXTS(x_sv13_psk0),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH legacy_version 0x0300", .version = 0x0300, EXTS(x_sv13_psk0),
	  .alert = TLS13_ALERT_PROTOCOL_VERSION },
	{ "SH TLS 1.2, no sentinel", EXTS(x_psk0),
	  .alert = TLS13_ALERT_PROTOCOL_VERSION },
	{ "SH TLS 1.2 with DOWNGRD 01", .random = RND_DOWN12, EXTS(x_psk0),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH TLS 1.1 with DOWNGRD 00", .version = 0x0302,
	  .random = RND_DOWN11, EXTS(x_psk0),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH selected_identity out of range", EXTS(x_sv13_psk1),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH suite hash is not the PSK's", .suite = 0x1302,
	  EXTS(x_sv13_psk0), .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH no key_share, psk_dhe_ke only", EXTS(x_sv13_psk0),
	  .psk_modes = BIT(TLS13_PSK_DHE_KE),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH no key_share, certificates", .cert = true, EXTS(x_sv13),
	  .alert = TLS13_ALERT_MISSING_EXTENSION },
	{ "SH pre_shared_key not offered", .cert = true, EXTS(x_sv13_psk0),
	  .alert = TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "SH unknown extension", EXTS(x_sv13_unknown),
	  .alert = TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "SH server_name (not for SH)", EXTS(x_sv13_sni),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH supported_versions twice", EXTS(x_sv13_twice),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "HRR for the group already shared", .random = RND_HRR,
	  EXTS(x_hrr_x25519), .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "HRR changing nothing", .random = RND_HRR, EXTS(x_sv13),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "HRR group not in supported_groups", .random = RND_HRR,
	  EXTS(x_hrr_x448), .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "HRR selecting TLS 1.2", .random = RND_HRR, EXTS(x_hrr_tls12),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "HRR cipher suite not offered", .random = RND_HRR, .suite = 0x1305,
	  EXTS(x_hrr_p256), .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "HRR session id not ours", .random = RND_HRR, .other_sid = true,
	  EXTS(x_hrr_p256), .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "HRR pre_shared_key (not for HRR)", .random = RND_HRR,
	  EXTS(x_hrr_psk), .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "HRR unknown extension", .random = RND_HRR, EXTS(x_hrr_unknown),
	  .alert = TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "second HRR", .random = RND_HRR, EXTS(x_hrr_p256),
	  .after_hrr = true, .alert = TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "SH after HRR, another suite", .suite = 0x1303, EXTS(x_sh_x25519),
	  .after_hrr = true, .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH after HRR, another group", EXTS(x_sh_x25519),
	  .after_hrr = true, .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "SH after HRR, another version", EXTS(x_sh_tls12_x25519),
	  .after_hrr = true, .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
};

static void sh_case_desc(const struct sh_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sh_case, sh_cases, sh_case_desc);

/*
 * Encode @c's ServerHello or HelloRetryRequest into @buf, or with @hrr
 * the valid HelloRetryRequest (P-256) that precedes it
 */
static size_t sh_case_msg(const struct sh_case *c, bool hrr, u8 *buf)
{
	static const u8 down[8] = { 'D', 'O', 'W', 'N', 'G', 'R', 'D', 1 };
	const u8 *exts = hrr ? x_hrr_p256 : c->exts;
	size_t exts_len = hrr ? sizeof(x_hrr_p256) : c->exts_len;
	size_t body = 2 + 32 + 1 + 32 + 2 + 1 + 2 + exts_len;

	buf[0] = TLS13_HS_SERVER_HELLO;
	buf[1] = 0;
	put_unaligned_be16(body, buf + 2);
	put_unaligned_be16(c->version && !hrr ? c->version : 0x0303, buf + 4);
	memcpy(buf + 6, fixed_random, TLS13_RANDOM_LEN);
	if (hrr || c->random == RND_HRR)
		memcpy(buf + 6, tls13_hrr_random, TLS13_RANDOM_LEN);
	if (c->random == RND_DOWN12 || c->random == RND_DOWN11) {
		memcpy(buf + 6 + 24, down, sizeof(down));
		buf[6 + 31] = c->random == RND_DOWN12;
	}
	buf[38] = 32;
	memcpy(buf + 39, fixed_sid, 32);
	if (c->other_sid && !hrr)
		buf[39] ^= 1;
	put_unaligned_be16(c->suite && !hrr ? c->suite :
			   TLS13_AES_128_GCM_SHA256, buf + 71);
	buf[73] = hrr ? 0 : c->comp;
	put_unaligned_be16(exts_len, buf + 74);
	memcpy(buf + 76, exts, exts_len);
	return 4 + body;
}

/* Wrap @msg in a plaintext handshake record and give it to @hs */
static int plain_to(struct kunit *test, struct tls13_hs *hs, const u8 *msg,
		    size_t len)
{
	u8 *rec = kunit_kmalloc(test, len + TLS13_RECORD_HEADER_LEN,
				GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, rec);
	rec[0] = TLS13_CT_HANDSHAKE;
	rec[1] = 3;
	rec[2] = 3;
	put_unaligned_be16(len, rec + 3);
	memcpy(rec + TLS13_RECORD_HEADER_LEN, msg, len);
	return tls13_hs_input(hs, rec, len + TLS13_RECORD_HEADER_LEN);
}

static void hs_server_hello_checks(struct kunit *test)
{
	const struct sh_case *c = test->param_value;
	struct pair *p = new_pair(test);
	u8 *msg = kunit_kzalloc(test, 256, GFP_KERNEL);
	struct tls13_hs *hs;
	size_t len;
	int err;

	/* Arrange: a client that sent its ClientHello */
	KUNIT_ASSERT_NOT_NULL(test, msg);
	deterministic(p);
	if (c->psk_modes)
		p->ccfg.psk_modes = c->psk_modes;
	if (c->cert) {
		p->ccfg.cert = true;
		p->ccfg.psks = NULL;
		p->ccfg.n_psks = 0;
	}
	hs = new_hs(test, &p->ccfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(hs), 0);
	tls13_hs_output_done(hs);
	if (c->after_hrr) {
		len = sh_case_msg(c, true, msg);
		KUNIT_ASSERT_EQ(test, plain_to(test, hs, msg, len), 0);
		KUNIT_ASSERT_EQ(test, tls13_hs_state(hs), TLS13_ST_C_WAIT_SH2);
		tls13_hs_output_done(hs);
	}

	/* Act */
	len = sh_case_msg(c, false, msg);
	err = plain_to(test, hs, msg, len);

	/* Assert */
	KUNIT_EXPECT_EQ(test, err, tls13_alert_errno(c->alert, false));
	KUNIT_EXPECT_EQ(test, tls13_hs_result(hs)->alert, c->alert);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(hs), TLS13_ST_FAILED);
}

/* Seal @len bytes of @content as inner type @type with @hs's read key */
static int sealed_to(struct kunit *test, struct tls13_hs *hs, u8 type,
		     const u8 *content, size_t len, size_t pad, bool corrupt)
{
	size_t size = TLS13_RECORD_HEADER_LEN + len + 1 + pad +
		      TLS13_AEAD_TAG_LEN;
	struct tls13_rec_key key = hs->rd;	/* it seals as it opens */
	u8 *rec = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_ASSERT_TRUE(test, hs->rd_on);
	if (len)
		memcpy(rec + TLS13_RECORD_HEADER_LEN, content, len);
	KUNIT_ASSERT_EQ(test, tls13_rec_seal_raw(&key, type, rec, size, len,
						 pad), (int)size);
	if (corrupt)
		rec[TLS13_RECORD_HEADER_LEN] ^= 1;
	return tls13_hs_input(hs, rec, size);
}

/*
 * A deterministic PSK handshake taken to @state on one side: the server
 * before the ClientHello or after it (waiting for Finished), the client
 * before the ServerHello or after each record of the server's flight.
 */
static struct tls13_hs *psk_at(struct kunit *test, enum tls13_state state)
{
	struct pair *p = new_pair(test);
	size_t len, off = 0, rlen;
	const u8 *out;
	u8 *rec;

	deterministic(p);
	p->c = new_hs(test, &p->ccfg);
	p->s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->s), 0);
	if (state == TLS13_ST_S_WAIT_CH)
		return p->s;
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->c), 0);
	if (state == TLS13_ST_C_WAIT_SH) {
		tls13_hs_output_done(p->c);
		return p->c;
	}
	KUNIT_ASSERT_EQ(test, deliver(test, p->c, p->s, NULL, NULL), 0);
	if (state == TLS13_ST_S_WAIT_FINISHED) {
		KUNIT_ASSERT_EQ(test, tls13_hs_state(p->s), state);
		tls13_hs_output_done(p->s);
		return p->s;
	}
	out = tls13_hs_output(p->s, &len);
	rec = kunit_kmalloc(test, TLS13_MAX_RECORD, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	while (tls13_hs_state(p->c) != state) {
		KUNIT_ASSERT_LT(test, off + TLS13_RECORD_HEADER_LEN, len);
		rlen = TLS13_RECORD_HEADER_LEN +
		       get_unaligned_be16(out + off + 3);
		memcpy(rec, out + off, rlen);
		KUNIT_ASSERT_EQ(test, tls13_hs_input(p->c, rec, rlen), 0);
		off += rlen;
	}
	tls13_hs_output_done(p->c);
	return p->c;
}

/* Give @hs one handshake message: in the clear, or under its read key */
static int msg_to(struct kunit *test, struct tls13_hs *hs, u8 type,
		  const u8 *body, size_t body_len)
{
	u8 *msg = kunit_kzalloc(test, TLS13_HS_HEADER_LEN + body_len + 1,
				GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, msg);
	msg[0] = type;
	msg[1] = 0;
	put_unaligned_be16(body_len, msg + 2);
	if (body)
		memcpy(msg + TLS13_HS_HEADER_LEN, body, body_len);
	if (hs->rd_on)
		return sealed_to(test, hs, TLS13_CT_HANDSHAKE, msg,
				 TLS13_HS_HEADER_LEN + body_len, 0, false);
	return plain_to(test, hs, msg, TLS13_HS_HEADER_LEN + body_len);
}

struct msg_case {
	const char *name;
	enum tls13_state state;
	u8 type;
	const u8 *body;		/* NULL: @body_len zero bytes */
	size_t body_len;
	u8 alert;
};

static const u8 ku_body[] = { 0 };
static const u8 ee_early_data[] = { 0x00, 0x04, 0x00, 0x2a, 0x00, 0x00 };
static const u8 ee_key_share[] = { 0x00, 0x04, 0x00, 0x33, 0x00, 0x00 };
static const u8 ee_unknown[] = { 0x00, 0x04, 0xfe, 0xfe, 0x00, 0x00 };
static const u8 ee_groups_twice[] = {
	0x00, 0x08, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00,
};

#define UNEXPECTED(st, t, what) \
	{ what, TLS13_ST_##st, TLS13_HS_##t, NULL, 0, \
	  TLS13_ALERT_UNEXPECTED_MESSAGE }
#define BODY(a)	.body = (a), .body_len = sizeof(a)

/*
 * Appendix A and sections 4.1.2, 4.5, 4.6.3: a message the state does not
 * accept is unexpected_message, in the clear and under the handshake
 * key; sections 4.2, 4.3.1: what EncryptedExtensions may not carry;
 * section 4.4.4: a Finished that does not verify.
 */
static const struct msg_case msg_cases[] = {
	UNEXPECTED(C_WAIT_SH, CLIENT_HELLO, "client WAIT_SH: ClientHello"),
	UNEXPECTED(C_WAIT_SH, NEW_SESSION_TICKET,
		   "client WAIT_SH: NewSessionTicket"),
	UNEXPECTED(C_WAIT_SH, END_OF_EARLY_DATA,
		   "client WAIT_SH: EndOfEarlyData"),
	UNEXPECTED(C_WAIT_SH, CERTIFICATE_REQUEST,
		   "client WAIT_SH: CertificateRequest"),
	UNEXPECTED(C_WAIT_SH, CERTIFICATE, "client WAIT_SH: Certificate"),
	UNEXPECTED(C_WAIT_SH, CERTIFICATE_VERIFY,
		   "client WAIT_SH: CertificateVerify"),
	UNEXPECTED(C_WAIT_SH, FINISHED, "client WAIT_SH: Finished"),
	{ "client WAIT_SH: KeyUpdate", .state = TLS13_ST_C_WAIT_SH,
	  .type = TLS13_HS_KEY_UPDATE, BODY(ku_body),
	  .alert = TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "client WAIT_SH: message_hash", TLS13_ST_C_WAIT_SH,
	  TLS13_HS_MESSAGE_HASH, NULL, 32, TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "client WAIT_SH: unassigned type 3", TLS13_ST_C_WAIT_SH, 3, NULL,
	  0, TLS13_ALERT_UNEXPECTED_MESSAGE },
	UNEXPECTED(S_WAIT_CH, SERVER_HELLO, "server WAIT_CH: ServerHello"),
	UNEXPECTED(S_WAIT_CH, END_OF_EARLY_DATA,
		   "server WAIT_CH: EndOfEarlyData"),
	UNEXPECTED(S_WAIT_CH, ENCRYPTED_EXTENSIONS,
		   "server WAIT_CH: EncryptedExtensions"),
	UNEXPECTED(S_WAIT_CH, CERTIFICATE, "server WAIT_CH: Certificate"),
	UNEXPECTED(S_WAIT_CH, FINISHED, "server WAIT_CH: Finished"),
	{ "server WAIT_CH: KeyUpdate", .state = TLS13_ST_S_WAIT_CH,
	  .type = TLS13_HS_KEY_UPDATE, BODY(ku_body),
	  .alert = TLS13_ALERT_UNEXPECTED_MESSAGE },
	UNEXPECTED(C_WAIT_EE, CLIENT_HELLO, "client WAIT_EE: ClientHello"),
	UNEXPECTED(C_WAIT_EE, SERVER_HELLO, "client WAIT_EE: ServerHello"),
	UNEXPECTED(C_WAIT_EE, NEW_SESSION_TICKET,
		   "client WAIT_EE: NewSessionTicket"),
	UNEXPECTED(C_WAIT_EE, END_OF_EARLY_DATA,
		   "client WAIT_EE: EndOfEarlyData"),
	UNEXPECTED(C_WAIT_EE, CERTIFICATE, "client WAIT_EE: Certificate"),
	UNEXPECTED(C_WAIT_EE, FINISHED, "client WAIT_EE: Finished"),
	{ "client WAIT_EE: KeyUpdate", .state = TLS13_ST_C_WAIT_EE,
	  .type = TLS13_HS_KEY_UPDATE, BODY(ku_body),
	  .alert = TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "EE: early_data not offered", .state = TLS13_ST_C_WAIT_EE,
	  .type = TLS13_HS_ENCRYPTED_EXTENSIONS, BODY(ee_early_data),
	  .alert = TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "EE: key_share (not for EE)", .state = TLS13_ST_C_WAIT_EE,
	  .type = TLS13_HS_ENCRYPTED_EXTENSIONS, BODY(ee_key_share),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "EE: unknown extension", .state = TLS13_ST_C_WAIT_EE,
	  .type = TLS13_HS_ENCRYPTED_EXTENSIONS, BODY(ee_unknown),
	  .alert = TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "EE: supported_groups twice", .state = TLS13_ST_C_WAIT_EE,
	  .type = TLS13_HS_ENCRYPTED_EXTENSIONS, BODY(ee_groups_twice),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	UNEXPECTED(C_WAIT_FINISHED, CERTIFICATE_REQUEST,
		   "client WAIT_FIN: CR under a PSK"),
	UNEXPECTED(C_WAIT_FINISHED, CERTIFICATE,
		   "client WAIT_FIN: Certificate"),
	UNEXPECTED(C_WAIT_FINISHED, END_OF_EARLY_DATA,
		   "client WAIT_FIN: EndOfEarlyData"),
	UNEXPECTED(C_WAIT_FINISHED, NEW_SESSION_TICKET,
		   "client WAIT_FIN: NewSessionTicket"),
	{ "client WAIT_FIN: KeyUpdate", .state = TLS13_ST_C_WAIT_FINISHED,
	  .type = TLS13_HS_KEY_UPDATE, BODY(ku_body),
	  .alert = TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "client: Finished wrong", TLS13_ST_C_WAIT_FINISHED,
	  TLS13_HS_FINISHED, NULL, 32, TLS13_ALERT_DECRYPT_ERROR },
	{ "client: Finished short", TLS13_ST_C_WAIT_FINISHED,
	  TLS13_HS_FINISHED, NULL, 31, TLS13_ALERT_DECODE_ERROR },
	UNEXPECTED(S_WAIT_FINISHED, CLIENT_HELLO,
		   "server WAIT_FIN: ClientHello again"),
	UNEXPECTED(S_WAIT_FINISHED, END_OF_EARLY_DATA,
		   "server WAIT_FIN: EndOfEarlyData"),
	UNEXPECTED(S_WAIT_FINISHED, CERTIFICATE,
		   "server WAIT_FIN: Certificate"),
	UNEXPECTED(S_WAIT_FINISHED, CERTIFICATE_VERIFY,
		   "server WAIT_FIN: CertificateVerify"),
	UNEXPECTED(S_WAIT_FINISHED, NEW_SESSION_TICKET,
		   "server WAIT_FIN: NewSessionTicket"),
	{ "server WAIT_FIN: KeyUpdate", .state = TLS13_ST_S_WAIT_FINISHED,
	  .type = TLS13_HS_KEY_UPDATE, BODY(ku_body),
	  .alert = TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "server: Finished wrong", TLS13_ST_S_WAIT_FINISHED,
	  TLS13_HS_FINISHED, NULL, 32, TLS13_ALERT_DECRYPT_ERROR },
};

static void msg_case_desc(const struct msg_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(msg_case, msg_cases, msg_case_desc);

static void hs_message_checks(struct kunit *test)
{
	const struct msg_case *c = test->param_value;
	struct tls13_hs *hs = psk_at(test, c->state);
	int err;

	err = msg_to(test, hs, c->type, c->body, c->body_len);

	KUNIT_EXPECT_EQ(test, err, tls13_alert_errno(c->alert, false));
	KUNIT_EXPECT_EQ(test, tls13_hs_result(hs)->alert, c->alert);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(hs), TLS13_ST_FAILED);
}

/*
 * Section 5: the record layer. Records for a server before the
 * ClientHello (in the clear) or after it (under the client's handshake
 * key); @seal protects the content with inner type @type.
 */
struct rec_case {
	const char *name;
	bool keyed;		/* the server has read the ClientHello */
	bool seal;
	u8 type;
	u16 len;
	u8 fill;
	u16 pad;
	bool corrupt;
	u8 alert;		/* 0: accepted */
};

static const struct rec_case rec_cases[] = {
	{ "plaintext of 2^14+1", false, false, TLS13_CT_HANDSHAKE,
	  TLS13_MAX_PLAINTEXT + 1, 1, 0, false,
	  TLS13_ALERT_RECORD_OVERFLOW },
	{ "plaintext app data of 2^14+1", false, false,
	  TLS13_CT_APPLICATION_DATA, TLS13_MAX_PLAINTEXT + 1, 1, 0, false,
	  TLS13_ALERT_RECORD_OVERFLOW },
	{ "ciphertext of 2^14+257", true, false, TLS13_CT_APPLICATION_DATA,
	  TLS13_MAX_CIPHERTEXT + 1, 0, 0, false,
	  TLS13_ALERT_RECORD_OVERFLOW },
	{ "ciphertext of 2^14+256, forged", true, false,
	  TLS13_CT_APPLICATION_DATA, TLS13_MAX_CIPHERTEXT, 0, 0, false,
	  TLS13_ALERT_BAD_RECORD_MAC },
	{ "inner plaintext of 2^14+2", true, true, TLS13_CT_HANDSHAKE,
	  TLS13_MAX_PLAINTEXT + 1, 0, 0, false,
	  TLS13_ALERT_RECORD_OVERFLOW },
	{ "sealed record tampered", true, true, TLS13_CT_HANDSHAKE, 4, 0, 0,
	  true, TLS13_ALERT_BAD_RECORD_MAC },
	{ "protected change_cipher_spec", true, true,
	  TLS13_CT_CHANGE_CIPHER_SPEC, 1, 1, 0, false,
	  TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "protected empty handshake", true, true, TLS13_CT_HANDSHAKE, 0, 0,
	  0, false, TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "protected empty alert", true, true, TLS13_CT_ALERT, 0, 0, 0, false,
	  TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "protected all-zero inner", true, true, TLS13_CT_INVALID, 0, 0, 8,
	  false, TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "protected inner type 24", true, true, 24, 1, 1, 0, false,
	  TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "plaintext handshake under a key", true, false, TLS13_CT_HANDSHAKE,
	  4, 0, 0, false, TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "change_cipher_spec 0x01 after CH", true, false,
	  TLS13_CT_CHANGE_CIPHER_SPEC, 1, 1, 0, false, 0 },
	{ "change_cipher_spec 0x02", true, false, TLS13_CT_CHANGE_CIPHER_SPEC,
	  1, 2, 0, false, TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "change_cipher_spec 0x01 0x01", true, false,
	  TLS13_CT_CHANGE_CIPHER_SPEC, 2, 1, 0, false,
	  TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "change_cipher_spec before CH", false, false,
	  TLS13_CT_CHANGE_CIPHER_SPEC, 1, 1, 0, false,
	  TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "application_data in the clear", false, false,
	  TLS13_CT_APPLICATION_DATA, 1, 0, 0, false,
	  TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "content type 24", false, false, 24, 1, 0, 0, false,
	  TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "content type 0", false, false, TLS13_CT_INVALID, 1, 0, 0, false,
	  TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "empty handshake record", false, false, TLS13_CT_HANDSHAKE, 0, 0,
	  0, false, TLS13_ALERT_UNEXPECTED_MESSAGE },
	{ "alert of one byte", false, false, TLS13_CT_ALERT, 1, 2, 0, false,
	  TLS13_ALERT_DECODE_ERROR },
	{ "two alerts in one record", false, false, TLS13_CT_ALERT, 4, 2, 0,
	  false, TLS13_ALERT_DECODE_ERROR },
};

static void rec_case_desc(const struct rec_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rec_case, rec_cases, rec_case_desc);

static void hs_record_checks(struct kunit *test)
{
	const struct rec_case *c = test->param_value;
	struct tls13_hs *hs = psk_at(test, c->keyed ? TLS13_ST_S_WAIT_FINISHED :
						      TLS13_ST_S_WAIT_CH);
	enum tls13_state before = tls13_hs_state(hs);
	u8 *rec = kunit_kmalloc(test, TLS13_RECORD_HEADER_LEN + c->len,
				GFP_KERNEL);
	int err;

	/* Arrange */
	KUNIT_ASSERT_NOT_NULL(test, rec);
	memset(rec + TLS13_RECORD_HEADER_LEN, c->fill, c->len);

	/* Act */
	if (c->seal) {
		err = sealed_to(test, hs, c->type,
				rec + TLS13_RECORD_HEADER_LEN, c->len, c->pad,
				c->corrupt);
	} else {
		rec[0] = c->type;
		rec[1] = 3;
		rec[2] = 3;
		put_unaligned_be16(c->len, rec + 3);
		err = tls13_hs_input(hs, rec,
				     TLS13_RECORD_HEADER_LEN + c->len);
	}

	/* Assert */
	KUNIT_EXPECT_EQ(test, tls13_hs_result(hs)->alert, c->alert);
	if (!c->alert) {
		KUNIT_EXPECT_EQ(test, err, 0);
		KUNIT_EXPECT_EQ(test, tls13_hs_state(hs), before);
		return;
	}
	KUNIT_EXPECT_LT(test, err, 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(hs), TLS13_ST_FAILED);
}

/*
 * Give @hs the handshake bytes @msg in two plaintext records, split at
 * @cut, with a change_cipher_spec between them if @ccs_between
 */
static int split_to(struct kunit *test, struct tls13_hs *hs, const u8 *msg,
		    size_t len, size_t cut, bool ccs_between)
{
	static const u8 ccs[] = { TLS13_CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1 };
	u8 rec[sizeof(ccs)];
	int err;

	err = plain_to(test, hs, msg, cut);
	if (!err && ccs_between) {
		memcpy(rec, ccs, sizeof(ccs));
		err = tls13_hs_input(hs, rec, sizeof(ccs));
	}
	if (!err)
		err = plain_to(test, hs, msg + cut, len - cut);
	return err;
}

/*
 * The deterministic ClientHello and the ServerHello that answers it
 * (psk_at()'s), each with a spare byte at the end
 */
static void first_messages(struct kunit *test, u8 **ch, size_t *ch_len,
			   u8 **sh, size_t *sh_len)
{
	struct pair *p = new_pair(test);
	const u8 *out;
	size_t len;

	deterministic(p);
	p->c = new_hs(test, &p->ccfg);
	p->s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->c), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->s), 0);
	out = tls13_hs_output(p->c, &len);
	*ch_len = get_unaligned_be16(out + 3);
	KUNIT_ASSERT_EQ(test, TLS13_RECORD_HEADER_LEN + *ch_len, len);
	*ch = tls13_test_dup(test, out + TLS13_RECORD_HEADER_LEN, *ch_len,
			     *ch_len + 1);
	KUNIT_ASSERT_EQ(test, deliver(test, p->c, p->s, NULL, NULL), 0);
	out = tls13_hs_output(p->s, &len);
	KUNIT_ASSERT_EQ(test, out[0], TLS13_CT_HANDSHAKE);
	KUNIT_ASSERT_EQ(test, out[TLS13_RECORD_HEADER_LEN],
			TLS13_HS_SERVER_HELLO);
	*sh_len = get_unaligned_be16(out + 3);
	*sh = tls13_test_dup(test, out + TLS13_RECORD_HEADER_LEN, *sh_len,
			     *sh_len + 1);
}

/*
 * Section 5.1: a handshake message may not span a key change (the
 * ServerHello and the ClientHello end their records), and nothing may
 * come between the fragments of one message.
 */
static void hs_record_boundaries(struct kunit *test)
{
	size_t sh_len, ch_len;
	struct tls13_hs *hs;
	u8 *sh, *ch;

	first_messages(test, &ch, &ch_len, &sh, &sh_len);

	/* ServerHello and one byte of the next message in one record */
	hs = psk_at(test, TLS13_ST_C_WAIT_SH);
	sh[sh_len] = TLS13_HS_ENCRYPTED_EXTENSIONS;
	KUNIT_EXPECT_EQ(test, plain_to(test, hs, sh, sh_len + 1), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(hs)->alert,
			TLS13_ALERT_UNEXPECTED_MESSAGE);

	/* the same for the ClientHello */
	hs = psk_at(test, TLS13_ST_S_WAIT_CH);
	ch[ch_len] = TLS13_HS_FINISHED;
	KUNIT_EXPECT_EQ(test, plain_to(test, hs, ch, ch_len + 1), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(hs)->alert,
			TLS13_ALERT_UNEXPECTED_MESSAGE);

	/* a ServerHello in two records: fine; with a CCS between: not */
	hs = psk_at(test, TLS13_ST_C_WAIT_SH);
	KUNIT_EXPECT_EQ(test, split_to(test, hs, sh, sh_len, 2, false), 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(hs), TLS13_ST_C_WAIT_EE);
	hs = psk_at(test, TLS13_ST_C_WAIT_SH);
	KUNIT_EXPECT_EQ(test, split_to(test, hs, sh, sh_len, 6, true),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(hs)->alert,
			TLS13_ALERT_UNEXPECTED_MESSAGE);
}

/* Section 4.1.1: no group in common, and the server insists on DHE */
static void hs_no_common_group(struct kunit *test)
{
	struct pair *p = new_pair(test);

	p->ccfg.groups[0] = TLS13_GROUP_X25519;
	p->ccfg.n_groups = 1;
	p->scfg.groups[0] = TLS13_GROUP_SECP384R1;
	p->scfg.n_groups = 1;
	p->scfg.psk_modes = BIT(TLS13_PSK_DHE_KE);
	run(test, p, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, p->serr, -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->alert,
			TLS13_ALERT_HANDSHAKE_FAILURE);
	KUNIT_EXPECT_EQ(test, p->cerr, -ECONNABORTED);
}

static void hs_second_hrr(struct kunit *test)
{
	struct recording *r = record(test, SETUP_PSK_HRR);
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
 * Section 5.4: a Handshake or Alert record with zero-length content is
 * unexpected_message, in the clear (either role) as under a key; a
 * ClientHello whose legacy_version is SSL 3.0 is protocol_version
 * (appendix D.5), seen through the whole server.
 */
static void hs_empty_records(struct kunit *test)
{
	static const u8 empty_alert[] = { TLS13_CT_ALERT, 3, 3, 0, 0 };
	static const u8 empty_hs[] = { TLS13_CT_HANDSHAKE, 3, 3, 0, 0 };
	const u8 *const recs[] = { empty_alert, empty_hs };
	struct pair *p = new_pair(test);
	u8 sealed[TLS13_RECORD_HEADER_LEN + 1 + TLS13_AEAD_TAG_LEN];
	const struct tls13_hs_config *cfg;
	struct tls13_rec_key key;
	struct tls13_hs *hs, *s;
	const u8 *ch;
	size_t len;
	u8 rec[5], *buf;
	int i, role;

	for (role = 0; role < 2; role++) {
		cfg = role ? &p->scfg : &p->ccfg;
		for (i = 0; i < ARRAY_SIZE(recs); i++) {
			hs = new_hs(test, cfg);
			KUNIT_ASSERT_EQ(test, tls13_hs_start(hs), 0);
			tls13_hs_output_done(hs);
			memcpy(rec, recs[i], sizeof(rec));
			KUNIT_EXPECT_EQ(test, tls13_hs_input(hs, rec, sizeof(rec)),
					-EPROTO);
			KUNIT_EXPECT_EQ(test, tls13_hs_result(hs)->alert,
					TLS13_ALERT_UNEXPECTED_MESSAGE);
			KUNIT_EXPECT_EQ(test, tls13_hs_state(hs),
					TLS13_ST_FAILED);
		}
	}

	/*
	 * Under a key: the server has read the ClientHello and waits for the
	 * client's Finished under the client's handshake key; an alert with
	 * empty content, sealed with that key, is unexpected_message too.
	 */
	hs = new_hs(test, &p->ccfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(hs), 0);
	ch = tls13_hs_output(hs, &len);
	buf = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, ch, len);
	s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(s), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_input(s, buf, len), 0);
	KUNIT_ASSERT_TRUE(test, s->rd_on);
	KUNIT_ASSERT_EQ(test, s->rd.seq, 0);
	key = s->rd;	/* the same AEAD: it seals as well as it opens */
	KUNIT_ASSERT_EQ(test, tls13_rec_seal_raw(&key, TLS13_CT_ALERT, sealed,
						 sizeof(sealed), 0, 0),
			(int)sizeof(sealed));
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, sealed, sizeof(sealed)),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(s)->alert,
			TLS13_ALERT_UNEXPECTED_MESSAGE);

	/* the client's first flight, with legacy_version 0x0300 */
	hs = new_hs(test, &p->ccfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(hs), 0);
	ch = tls13_hs_output(hs, &len);
	KUNIT_ASSERT_GT(test, len, 11);
	buf = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, ch, len);
	KUNIT_ASSERT_EQ(test, buf[0], TLS13_CT_HANDSHAKE);
	KUNIT_ASSERT_EQ(test, buf[5], TLS13_HS_CLIENT_HELLO);
	buf[9] = 3;	/* record header 5, message header 4 */
	buf[10] = 0;
	hs = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(hs), 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_input(hs, buf, len), -EPROTONOSUPPORT);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(hs)->alert,
			TLS13_ALERT_PROTOCOL_VERSION);
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
	struct recording *r = record(test, SETUP_PSK);
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

/*
 * A ClientHello announcing 64 KiB + 1, one more than the engine accepts
 * (TLS13_MAX_HS_MSG, documented): decode_error
 */
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

/*
 * A PSK handshake fits in the buffers' first sizes (the memory a stalled
 * peer holds, hs_int.h): none of them grew on either side.
 */
static void hs_psk_buffers_stay_small(struct kunit *test)
{
	struct pair *p = new_pair(test);

	run(test, p, NULL, NULL, NULL, NULL);

	expect_connected(test, p);
	KUNIT_EXPECT_EQ(test, p->c->in_size, TLS13_HS_BUF_START);
	KUNIT_EXPECT_EQ(test, p->c->out_size, TLS13_HS_BUF_START);
	KUNIT_EXPECT_EQ(test, p->s->in_size, TLS13_HS_BUF_START);
	KUNIT_EXPECT_EQ(test, p->s->out_size, TLS13_HS_BUF_START);
	KUNIT_EXPECT_EQ(test, p->c->msg_size, TLS13_HS_MSG_BASE);
	KUNIT_EXPECT_EQ(test, p->s->msg_size, TLS13_HS_MSG_BASE);
}

/*
 * Feed @from's output to @to as transport.c does, through
 * tls13_hs_want()/tls13_hs_got(), @chunk bytes at most at a time, with
 * @extra bytes of something else after it. Returns how many bytes @to
 * took; @err gets its error.
 */
static size_t trickle(struct kunit *test, struct tls13_hs *from,
		      struct tls13_hs *to, size_t chunk, size_t extra,
		      int *err)
{
	size_t len, want, off = 0;
	const u8 *out = tls13_hs_output(from, &len);
	u8 *wire = kunit_kzalloc(test, len + extra, GFP_KERNEL);
	u8 *p;

	KUNIT_ASSERT_NOT_NULL(test, wire);
	memcpy(wire, out, len);
	memset(wire + len, TLS13_CT_APPLICATION_DATA, extra);
	tls13_hs_output_done(from);
	*err = 0;
	while (!*err && off < len + extra &&
	       (p = tls13_hs_want(to, &want))) {
		KUNIT_ASSERT_GT(test, want, 0);
		want = min3(want, chunk, len + extra - off);
		memcpy(p, wire + off, want);
		*err = tls13_hs_got(to, want);
		off += want;
	}
	return off;
}

/*
 * The transport's input: bytes as they come, a record never overrun. A
 * PSK handshake fed a byte at a time connects, and the client's last
 * flight, followed by application data, is taken up to its last byte and
 * no further (what follows belongs to kTLS).
 */
static void hs_want_stops_at_last_record(struct kunit *test)
{
	struct pair *p = new_pair(test);
	size_t flight, took, want;

	p->c = new_hs(test, &p->ccfg);
	p->s = new_hs(test, &p->scfg);
	KUNIT_EXPECT_NULL(test, tls13_hs_want(p->s, &want));
	KUNIT_EXPECT_EQ(test, want, 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->s), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->c), 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_got(p->s, 6), -EINVAL);	/* > 5 */

	trickle(test, p->c, p->s, 1, 0, &p->serr);		/* ClientHello */
	KUNIT_ASSERT_EQ(test, p->serr, 0);
	trickle(test, p->s, p->c, 7, 0, &p->cerr);		/* server flight */
	KUNIT_ASSERT_EQ(test, p->cerr, 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_state(p->c), TLS13_ST_CONNECTED);
	tls13_hs_output(p->c, &flight);
	took = trickle(test, p->c, p->s, 3, 100, &p->serr);	/* Finished */
	expect_connected(test, p);
	KUNIT_EXPECT_EQ(test, took, flight);
	KUNIT_EXPECT_NULL(test, tls13_hs_want(p->s, &want));
	KUNIT_EXPECT_EQ(test, want, 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_got(p->s, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, p->s->rec_size, TLS13_HS_BUF_START);
}

/* A record header the engine refuses fails it before any body is read */
static void hs_want_refuses_header(struct kunit *test)
{
	static const u8 big[] = { TLS13_CT_HANDSHAKE, 3, 3, 0x48, 0x01 };
	struct pair *p = new_pair(test);
	size_t want;
	u8 *buf;

	p->s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->s), 0);
	buf = tls13_hs_want(p->s, &want);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, want, TLS13_RECORD_HEADER_LEN);
	memcpy(buf, big, sizeof(big));
	KUNIT_EXPECT_EQ(test, tls13_hs_got(p->s, sizeof(big)), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(p->s), TLS13_ST_FAILED);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->alert,
			TLS13_ALERT_RECORD_OVERFLOW);
	KUNIT_EXPECT_NULL(test, tls13_hs_want(p->s, &want));
	KUNIT_EXPECT_EQ(test, p->s->rec_size, TLS13_HS_BUF_START);
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
	KUNIT_CASE_PARAM(hs_server_hello_checks, sh_case_gen_params),
	KUNIT_CASE_PARAM(hs_message_checks, msg_case_gen_params),
	KUNIT_CASE_PARAM(hs_record_checks, rec_case_gen_params),
	KUNIT_CASE(hs_record_boundaries),
	KUNIT_CASE(hs_no_common_group),
	KUNIT_CASE(hs_out_of_order),
	KUNIT_CASE(hs_empty_records),
	KUNIT_CASE(hs_missing_extension),
	KUNIT_CASE(hs_oversized),
	KUNIT_CASE(hs_psk_buffers_stay_small),
	KUNIT_CASE(hs_want_stops_at_last_record),
	KUNIT_CASE(hs_want_refuses_header),
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

/* The certificate suite */

static const char *const cred_names[N_CREDS] = {
	"server P-256", "server P-384", "server RSA-2048", "client P-256",
};

static struct key *anchor_ring(const char *name, const u8 *der, size_t len)
{
	struct key *ring;
	key_ref_t ref;

	ring = keyring_alloc(name, GLOBAL_ROOT_UID, GLOBAL_ROOT_GID,
			     current_cred(), KEY_POS_ALL | KEY_USR_ALL,
			     KEY_ALLOC_NOT_IN_QUOTA, NULL, NULL);
	if (IS_ERR(ring) || !der)
		return ring;
	ref = key_create_or_update(make_key_ref(ring, true), "asymmetric",
				   NULL, der, len, KEY_POS_ALL | KEY_USR_ALL,
				   KEY_ALLOC_NOT_IN_QUOTA);
	if (IS_ERR(ref)) {
		key_put(ring);
		return ERR_CAST(ref);
	}
	key_ref_put(ref);
	return ring;
}

static void put_ring(struct key **ring)
{
	if (!IS_ERR_OR_NULL(*ring)) {
		key_revoke(*ring);
		key_put(*ring);
	}
	*ring = NULL;
}

static void cert_suite_exit(struct kunit_suite *suite)
{
	unsigned int i;

	for (i = 0; i < N_CREDS; i++)
		tls13_cred_free(&creds[i]);
	put_ring(&trust);
	put_ring(&other_trust);
}

static int load_cred(struct tls13_cred *cred, const u8 *leaf,
		     size_t leaf_len, const u8 *ica, size_t ica_len,
		     const u8 *key, size_t key_len)
{
	u8 *chain = kmalloc(leaf_len + ica_len, GFP_KERNEL);
	int err;

	if (!chain)
		return -ENOMEM;
	memcpy(chain, leaf, leaf_len);
	if (ica)
		memcpy(chain + leaf_len, ica, ica_len);
	err = tls13_cred_set(chain, leaf_len + ica_len, key, key_len, cred);
	kfree(chain);
	return err;
}

/* A leaf's key, as a verifier that pins it would know it */
static int pin_key(const struct tls13_cred *c, struct tls13_pubkey *out)
{
	struct key_preparsed_payload prep = {
		.data = c->der[0],
		.datalen = c->der_len[0],
	};
	const struct public_key *pub;
	int err;

	err = key_type_asymmetric.preparse(&prep);
	if (err)
		return err;
	pub = prep.payload.data[asym_crypto];
	if (pub && pub->keylen <= sizeof(out->key)) {
		memset(out, 0, sizeof(*out));
		out->kind = c->kind;
		memcpy(out->key, pub->key, pub->keylen);
		out->len = pub->keylen;
	} else {
		err = -EKEYREJECTED;
	}
	key_type_asymmetric.free_preparse(&prep);
	return err;
}

/* Credentials and keyrings, once: loading them signs and parses */
static int cert_suite_init(struct kunit_suite *suite)
{
	unsigned int i;
	int err;

	err = load_cred(&creds[SRV_P256], server_p256_der,
			sizeof(server_p256_der), ica_der, sizeof(ica_der),
			server_p256_key_pkcs8, sizeof(server_p256_key_pkcs8));
	if (!err)
		err = load_cred(&creds[SRV_P384], server_p384_der,
				sizeof(server_p384_der), NULL, 0,
				server_p384_key_pkcs8,
				sizeof(server_p384_key_pkcs8));
	if (!err)
		err = load_cred(&creds[SRV_RSA], server_rsa_der,
				sizeof(server_rsa_der), NULL, 0,
				server_rsa_key_pkcs8,
				sizeof(server_rsa_key_pkcs8));
	if (!err)
		err = load_cred(&creds[CLI_P256], client_p256_der,
				sizeof(client_p256_der), ica_der,
				sizeof(ica_der), client_p256_key_pkcs8,
				sizeof(client_p256_key_pkcs8));
	for (i = 0; !err && i < N_CREDS; i++)
		err = pin_key(&creds[i], &pins[i]);
	if (err)
		goto fail;
	trust = anchor_ring("tls13-test-trust", root_ca_der,
			    sizeof(root_ca_der));
	other_trust = anchor_ring("tls13-test-other", unknown_root_der,
				  sizeof(unknown_root_der));
	if (IS_ERR(trust) || IS_ERR(other_trust)) {
		err = -ENOKEY;
		goto fail;
	}
	return 0;
fail:
	pr_err("tls13_hs_cert: test credentials: %d\n", err);
	cert_suite_exit(suite);
	return err;
}

/*
 * The peer's chain as the engine's caller checks it: by default pinned,
 * its leaf the one the peer was configured with (no keyring, no path);
 * with chain_check, cert.c against the test's trust keyrings
 */
static u8 check_chain(struct pair *p, bool server, const u8 *const *der,
		      const u32 *der_len, unsigned int n,
		      struct tls13_pubkey *out)
{
	const struct tls13_cred *peer = server ? p->ccfg.cred : p->scfg.cred;

	if (server)
		p->sverified++;
	else
		p->cverified++;
	if (p->chain_check)
		return tls13_cert_verify_chain(server ? &p->spol : &p->cpol,
					       der, der_len, n, out);
	if (!peer || !n || der_len[0] != peer->der_len[0] ||
	    memcmp(der[0], peer->der[0], der_len[0]))
		return TLS13_ALERT_BAD_CERTIFICATE;
	*out = pins[peer - creds];
	return 0;
}

static u8 client_verify(void *ctx, const u8 *const *der, const u32 *der_len,
			unsigned int n, struct tls13_pubkey *out)
{
	return check_chain(ctx, false, der, der_len, n, out);
}

static u8 server_verify(void *ctx, const u8 *const *der, const u32 *der_len,
			unsigned int n, struct tls13_pubkey *out)
{
	return check_chain(ctx, true, der, der_len, n, out);
}

static int client_sign(void *ctx, u16 scheme, const u8 *msg, size_t len,
		       u8 *sig, size_t size, size_t *sig_len)
{
	struct pair *p = ctx;

	return tls13_cred_sign(p->ccfg.cred, scheme, msg, len, sig, size,
			       sig_len);
}

static int server_sign(void *ctx, u16 scheme, const u8 *msg, size_t len,
		       u8 *sig, size_t size, size_t *sig_len)
{
	struct pair *p = ctx;

	return tls13_cred_sign(p->scfg.cred, scheme, msg, len, sig, size,
			       sig_len);
}

static void use_certs(struct pair *p, unsigned int srv, bool client_cert,
		      u8 client_auth)
{
	p->ccfg.cert = true;
	p->scfg.cert = true;
	p->ccfg.psks = NULL;
	p->ccfg.n_psks = 0;
	p->scfg.psk_find = NULL;
	p->scfg.cred = &creds[srv];
	p->ccfg.cred = client_cert ? &creds[CLI_P256] : NULL;
	p->scfg.client_auth = client_auth;
	p->cpol.trust = trust;
	p->cpol.peername = "server.test";
	p->cpol.now = CERT_NOW;
	p->spol.trust = trust;
	p->spol.client = true;
	p->spol.now = CERT_NOW;
	p->spol.leaf = &p->sleaf;
	p->ccfg.verify_chain = client_verify;
	p->scfg.verify_chain = server_verify;
	p->ccfg.sign = client_sign;
	p->scfg.sign = server_sign;
	p->ccfg.ctx = p;
	p->scfg.ctx = p;
}

struct cert_mode {
	unsigned int srv;
	bool client_cert;
	u8 client_auth;
	u16 scheme;		/* the server's CertificateVerify */
};

static const struct cert_mode cert_modes[] = {
	{ SRV_P256, false, TLS13_CLIENT_AUTH_NONE, 0x0403 },
	{ SRV_P256, false, TLS13_CLIENT_AUTH_REQUEST, 0x0403 },
	{ SRV_P256, false, TLS13_CLIENT_AUTH_REQUIRE, 0x0403 },
	{ SRV_P256, true, TLS13_CLIENT_AUTH_NONE, 0x0403 },
	{ SRV_P256, true, TLS13_CLIENT_AUTH_REQUEST, 0x0403 },
	{ SRV_P256, true, TLS13_CLIENT_AUTH_REQUIRE, 0x0403 },
	{ SRV_P384, false, TLS13_CLIENT_AUTH_NONE, 0x0503 },
	{ SRV_P384, true, TLS13_CLIENT_AUTH_REQUIRE, 0x0503 },
	{ SRV_RSA, false, TLS13_CLIENT_AUTH_NONE, 0x0804 },
	{ SRV_RSA, true, TLS13_CLIENT_AUTH_REQUEST, 0x0804 },
};

static void cert_mode_desc(const struct cert_mode *m, char *desc)
{
	static const char *const auth[] = { "none", "request", "require" };

	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s, client %s, client_auth %s",
		 cred_names[m->srv], m->client_cert ? "x509" : "anon",
		 auth[m->client_auth]);
}

KUNIT_ARRAY_PARAM(cert_mode, cert_modes, cert_mode_desc);

/* Each server key against each kind of client under each policy */
static void hs_cert_modes(struct kunit *test)
{
	const struct cert_mode *m = test->param_value;
	bool mutual = m->client_cert &&
		      m->client_auth != TLS13_CLIENT_AUTH_NONE;
	const struct tls13_hs_result *cr, *sr;
	struct pair *p = new_pair(test);

	use_certs(p, m->srv, m->client_cert, m->client_auth);
	run(test, p, NULL, NULL, NULL, NULL);
	cr = tls13_hs_result(p->c);
	sr = tls13_hs_result(p->s);
	if (!m->client_cert && m->client_auth == TLS13_CLIENT_AUTH_REQUIRE) {
		KUNIT_EXPECT_EQ(test, p->serr, -EACCES);
		KUNIT_EXPECT_EQ(test, sr->alert,
				TLS13_ALERT_CERTIFICATE_REQUIRED);
		/*
		 * The client had finished: the alert, under the server's
		 * application key, is for its kTLS to read.
		 */
		KUNIT_EXPECT_EQ(test, tls13_hs_state(p->c), TLS13_ST_CONNECTED);
		return;
	}
	expect_connected(test, p);
	KUNIT_EXPECT_TRUE(test, cr->peer_cert);
	KUNIT_EXPECT_TRUE(test, sr->cert_sent);
	KUNIT_EXPECT_EQ(test, cr->peer_scheme, m->scheme);
	KUNIT_EXPECT_EQ(test, sr->scheme, m->scheme);
	KUNIT_EXPECT_EQ(test, cr->psk_serial, 0);
	KUNIT_EXPECT_NE(test, cr->group, 0);
	KUNIT_EXPECT_EQ(test, sr->peer_cert, mutual);
	KUNIT_EXPECT_EQ(test, cr->cert_sent, mutual);
	KUNIT_EXPECT_EQ(test, sr->peer_scheme, mutual ? 0x0403 : 0);
	/*
	 * the engine asks its caller to check each chain it gets, once;
	 * the transport makes the peer's key (the peer id) after the
	 * handshake: none made here
	 */
	KUNIT_EXPECT_EQ(test, p->cverified, 1);
	KUNIT_EXPECT_EQ(test, p->sverified, mutual ? 1 : 0);
	KUNIT_EXPECT_EQ(test, sr->cert_serial, 0);
	KUNIT_EXPECT_NULL(test, p->sleaf.der);
}

static void hs_cert_hrr_alpn(struct kunit *test)
{
	struct pair *p = new_pair(test);

	use_certs(p, SRV_RSA, true, TLS13_CLIENT_AUTH_REQUIRE);
	p->scfg.groups[0] = TLS13_GROUP_SECP384R1;
	p->scfg.n_groups = 1;
	p->ccfg.alpn = "sunrpc";
	p->ccfg.alpn_len = 6;
	p->scfg.alpn = "sunrpc";
	p->scfg.alpn_len = 6;
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_TRUE(test, tls13_hs_result(p->c)->hrr);
	KUNIT_EXPECT_TRUE(test, tls13_hs_result(p->c)->alpn);
	KUNIT_EXPECT_TRUE(test, tls13_hs_result(p->s)->peer_cert);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->c)->group,
			TLS13_GROUP_SECP384R1);

	/* RFC 9289: a server requires the client to offer "sunrpc" */
	p = new_pair(test);
	use_certs(p, SRV_P256, false, TLS13_CLIENT_AUTH_NONE);
	p->scfg.alpn = "sunrpc";
	p->scfg.alpn_len = 6;
	run(test, p, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, p->serr, -ENOPROTOOPT);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->alert,
			TLS13_ALERT_NO_APPLICATION_PROTOCOL);
	KUNIT_EXPECT_EQ(test, p->cerr, -ECONNABORTED);
}

/* The client refuses the server's chain: alert and errno on each side */
static void hs_cert_refused(struct kunit *test)
{
	static const struct {
		const char *what;
		int setup;
		u8 alert;
		int err;
	} refusals[] = {
		{ "untrusted root", 0, TLS13_ALERT_UNKNOWN_CA, -EKEYREJECTED },
		{ "expired", 1, TLS13_ALERT_CERTIFICATE_EXPIRED, -EKEYEXPIRED },
		{ "wrong name", 2, TLS13_ALERT_CERTIFICATE_UNKNOWN,
		  -EKEYREJECTED },
		{ "client chain, untrusted", 3, TLS13_ALERT_UNKNOWN_CA,
		  -EKEYREJECTED },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(refusals); i++) {
		struct pair *p = new_pair(test);
		bool server_refuses;
		int err, peer_err;

		use_certs(p, SRV_P256, true, TLS13_CLIENT_AUTH_REQUIRE);
		p->chain_check = true;
		if (refusals[i].setup == 0)
			p->cpol.trust = other_trust;
		else if (refusals[i].setup == 1)
			p->cpol.now = 2082758400;	/* 2036-01-01 */
		else if (refusals[i].setup == 2)
			p->cpol.peername = "other.test";
		else
			p->spol.trust = other_trust;
		run(test, p, NULL, NULL, NULL, NULL);
		server_refuses = refusals[i].setup == 3;
		err = server_refuses ? p->serr : p->cerr;
		peer_err = server_refuses ? p->cerr : p->serr;
		KUNIT_EXPECT_EQ_MSG(test, err, refusals[i].err, "%s",
				    refusals[i].what);
		KUNIT_EXPECT_EQ_MSG(test, tls13_hs_result(server_refuses ?
							  p->s : p->c)->alert,
				    refusals[i].alert, "%s", refusals[i].what);
		/* a refused client has finished: the alert is for its kTLS */
		if (server_refuses)
			KUNIT_EXPECT_EQ(test, tls13_hs_state(p->c),
					TLS13_ST_CONNECTED);
		else
			KUNIT_EXPECT_EQ_MSG(test, peer_err, -EACCES, "%s",
					    refusals[i].what);
	}
}

/* Walk the ClientHello's extensions to @type; its offset or 0 */
static size_t find_ext(const u8 *rec, size_t len, u16 type)
{
	size_t off = TLS13_RECORD_HEADER_LEN + TLS13_HS_HEADER_LEN + 2 + 32;

	off += 1 + rec[off];				/* session id */
	off += 2 + get_unaligned_be16(rec + off);	/* suites */
	off += 1 + rec[off];				/* compression */
	for (off += 2; off + 4 <= len;
	     off += 4 + get_unaligned_be16(rec + off + 2))
		if (get_unaligned_be16(rec + off) == type)
			return off;
	return 0;
}

/* A ClientHello the server cannot sign for, or without signature_algorithms */
static u8 refuse_unknown_ca(void *ctx, const u8 *const *der,
			    const u32 *der_len, unsigned int n,
			    struct tls13_pubkey *out)
{
	return TLS13_ALERT_UNKNOWN_CA;
}

static u8 verified_no_key(void *ctx, const u8 *const *der,
			  const u32 *der_len, unsigned int n,
			  struct tls13_pubkey *out)
{
	return 0;
}

static int sign_fails(void *ctx, u16 scheme, const u8 *msg, size_t len,
		      u8 *sig, size_t size, size_t *sig_len)
{
	return -ENOKEY;
}

/*
 * The caller checks chains and signs (tls13_hs_config's verify_chain
 * and sign): without them, or when they fail, the handshake fails with
 * the right alert; the transport's verifier (cert.c) keeps the client's
 * leaf for the peer's key it makes afterwards
 */
static const struct {
	const char *what;
	bool server;	/* whose callback is replaced: who fails */
	bool mutual;	/* the client sends a certificate, one is required */
	bool sign;	/* the signer is replaced, else the verifier */
	u8 (*verify_chain)(void *ctx, const u8 *const *der,
			   const u32 *der_len, unsigned int n,
			   struct tls13_pubkey *out);
	int (*signer)(void *ctx, u16 scheme, const u8 *msg, size_t len,
		      u8 *sig, size_t size, size_t *sig_len);
	u8 alert;
	int err;	/* 0: the alert's errno */
} cb_cases[] = {
	{ "a client without a verifier takes no chain", false, false, false,
	  NULL, NULL, TLS13_ALERT_BAD_CERTIFICATE },
	{ "the verifier's refusal is the alert", false, false, false,
	  refuse_unknown_ca, NULL, TLS13_ALERT_UNKNOWN_CA },
	{ "verified without a key: nothing to check a signature with", true,
	  true, false, verified_no_key, NULL, TLS13_ALERT_INTERNAL_ERROR },
	{ "a server without a signer has no scheme", true, false, true, NULL,
	  NULL, TLS13_ALERT_HANDSHAKE_FAILURE },
	{ "a signer that fails: its errno", true, false, true, NULL,
	  sign_fails, TLS13_ALERT_INTERNAL_ERROR, -ENOKEY },
};

static void hs_cert_callbacks(struct kunit *test)
{
	const struct tls13_hs_result *res;
	struct tls13_hs_config *cfg;
	struct pair *p;
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(cb_cases); i++) {
		const char *what = cb_cases[i].what;
		u8 alert = cb_cases[i].alert;

		p = new_pair(test);
		use_certs(p, SRV_P256, cb_cases[i].mutual,
			  cb_cases[i].mutual ? TLS13_CLIENT_AUTH_REQUIRE :
					       TLS13_CLIENT_AUTH_NONE);
		cfg = cb_cases[i].server ? &p->scfg : &p->ccfg;
		if (cb_cases[i].sign)
			cfg->sign = cb_cases[i].signer;
		else
			cfg->verify_chain = cb_cases[i].verify_chain;
		run(test, p, NULL, NULL, NULL, NULL);
		res = tls13_hs_result(cb_cases[i].server ? p->s : p->c);
		err = cb_cases[i].server ? p->serr : p->cerr;
		KUNIT_EXPECT_EQ_MSG(test, tls13_hs_state(cb_cases[i].server ?
							 p->s : p->c),
				    TLS13_ST_FAILED, "%s", what);
		KUNIT_EXPECT_EQ_MSG(test, res->alert, alert, "%s", what);
		KUNIT_EXPECT_EQ_MSG(test, err, cb_cases[i].err ?:
				    tls13_alert_errno(alert, false), "%s", what);
		KUNIT_EXPECT_FALSE_MSG(test, res->peer_cert, "%s", what);
		/* a server that could not sign has sent no certificate */
		if (cb_cases[i].sign)
			KUNIT_EXPECT_FALSE_MSG(test, res->cert_sent, "%s",
					       what);
	}

	/* the transport's verifier, through the trust keyring */
	p = new_pair(test);
	use_certs(p, SRV_P256, true, TLS13_CLIENT_AUTH_REQUIRE);
	p->chain_check = true;
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_EQ(test, p->sverified, 1);
	KUNIT_ASSERT_NOT_NULL(test, p->sleaf.der);
	KUNIT_EXPECT_EQ(test, p->sleaf.len, creds[CLI_P256].der_len[0]);
	KUNIT_EXPECT_MEMEQ(test, p->sleaf.der, creds[CLI_P256].der[0],
			   p->sleaf.len);
}

static void hs_cert_no_scheme(struct kunit *test)
{
	struct pair *p = new_pair(test);
	struct tls13_hs *c, *s;
	size_t len, off, i;
	const u8 *out;
	u8 *rec;

	use_certs(p, SRV_P256, false, TLS13_CLIENT_AUTH_NONE);
	c = new_hs(test, &p->ccfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(c), 0);
	out = tls13_hs_output(c, &len);
	rec = tls13_test_dup(test, out, len, len);
	off = find_ext(rec, len, TLS13_EXT_SIGNATURE_ALGORITHMS);
	KUNIT_ASSERT_NE(test, off, 0);
	/* only schemes a P-256 key cannot make: P-384 and RSA-PSS */
	for (i = 0; i < get_unaligned_be16(rec + off + 4); i += 2)
		put_unaligned_be16(i ? 0x0804 : 0x0503, rec + off + 6 + i);
	s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(s), 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, rec, len), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(s)->alert,
			TLS13_ALERT_HANDSHAKE_FAILURE);

	/* signature_algorithms renamed to an unassigned type */
	rec = tls13_test_dup(test, out, len, len);
	rec[off] = 0xfe;
	s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(s), 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, rec, len), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(s)->alert,
			TLS13_ALERT_MISSING_EXTENSION);
}

/*
 * A certificate client's ClientHello (supported_versions, supported_groups,
 * key_share, signature_algorithms, signature_algorithms_cert, in that
 * order) with one change at @at bytes into extension @ext: the value
 * @value, or @zero bytes of zeros. Sections 4.1.2, 4.2, 4.2.8, 4.2.9,
 * 4.2.11, 7.4.2, 9.2 for a certificate server.
 */
struct ch_case {
	const char *name;
	u16 ext;
	u8 at;
	u16 value;
	u8 zero;
	u8 alert;
};

#define RENAME(e, to)	.ext = TLS13_EXT_##e, .at = 0, .value = (to)

static const struct ch_case ch_cases[] = {
	{ "supported_groups missing", RENAME(SUPPORTED_GROUPS, 0xfefe),
	  .alert = TLS13_ALERT_MISSING_EXTENSION },
	{ "key_share missing", RENAME(KEY_SHARE, 0xfefe),
	  .alert = TLS13_ALERT_MISSING_EXTENSION },
	{ "signature_algorithms missing",
	  RENAME(SIGNATURE_ALGORITHMS, 0xfefe),
	  .alert = TLS13_ALERT_MISSING_EXTENSION },
	{ "supported_versions missing", RENAME(SUPPORTED_VERSIONS, 0xfefe),
	  .alert = TLS13_ALERT_PROTOCOL_VERSION },
	{ "supported_versions without 1.3", .ext = TLS13_EXT_SUPPORTED_VERSIONS,
	  .at = 5, .value = 0x0303, .alert = TLS13_ALERT_PROTOCOL_VERSION },
	{ "PSK without psk_key_exchange_modes",
	  RENAME(SIGNATURE_ALGORITHMS_CERT, TLS13_EXT_PRE_SHARED_KEY),
	  .alert = TLS13_ALERT_MISSING_EXTENSION },
	{ "pre_shared_key not last",
	  RENAME(SIGNATURE_ALGORITHMS, TLS13_EXT_PRE_SHARED_KEY),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "key_share twice", RENAME(SUPPORTED_GROUPS, TLS13_EXT_KEY_SHARE),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "oid_filters (not for CH)",
	  RENAME(SIGNATURE_ALGORITHMS_CERT, TLS13_EXT_OID_FILTERS),
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "share's group not in supported_groups",
	  .ext = TLS13_EXT_SUPPORTED_GROUPS, .at = 6, .value = 0x001e,
	  .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "all-zero x25519 share", .ext = TLS13_EXT_KEY_SHARE, .at = 10,
	  .zero = 32, .alert = TLS13_ALERT_ILLEGAL_PARAMETER },
};

static void ch_case_desc(const struct ch_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ch_case, ch_cases, ch_case_desc);

static void hs_cert_client_hello_checks(struct kunit *test)
{
	const struct ch_case *c = test->param_value;
	struct pair *p = new_pair(test);
	struct tls13_hs *cl, *s;
	size_t len, off, ext_len;
	const u8 *out;
	u8 *rec;

	/* Arrange */
	use_certs(p, SRV_P256, false, TLS13_CLIENT_AUTH_NONE);
	deterministic(p);
	cl = new_hs(test, &p->ccfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(cl), 0);
	out = tls13_hs_output(cl, &len);
	rec = tls13_test_dup(test, out, len, len);
	off = find_ext(rec, len, c->ext);
	KUNIT_ASSERT_NE(test, off, 0);
	ext_len = 4 + get_unaligned_be16(rec + off + 2);
	KUNIT_ASSERT_LE(test, c->at + (c->zero ?: 2), ext_len);
	if (c->ext == TLS13_EXT_SIGNATURE_ALGORITHMS_CERT)	/* the last */
		KUNIT_ASSERT_EQ(test, off + ext_len, len);
	if (c->zero)
		memset(rec + off + c->at, 0, c->zero);
	else
		put_unaligned_be16(c->value, rec + off + c->at);
	s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(s), 0);

	/* Act */
	KUNIT_EXPECT_EQ(test, tls13_hs_input(s, rec, len),
			tls13_alert_errno(c->alert, false));

	/* Assert */
	KUNIT_EXPECT_EQ(test, tls13_hs_result(s)->alert, c->alert);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(s), TLS13_ST_FAILED);
}

/*
 * The buffers grow with the flight. A server with a chain of two seals a
 * flight larger than the out buffer's first size, its message buffer
 * sized for the chain. A ClientHello padded
 * to 40 KiB (a padding extension, RFC 7685) in three records is
 * reassembled intact and answered.
 */
static void hs_cert_buffers_grow(struct kunit *test)
{
	const size_t pad = 40000, cut = TLS13_MAX_PLAINTEXT;
	struct pair *p = new_pair(test);
	size_t len, ch_len, big_len, off, n;
	struct tls13_hs *cl, *s;
	const u8 *out;
	u8 *big;
	int err = 0;

	/* a whole handshake */
	use_certs(p, SRV_P256, false, TLS13_CLIENT_AUTH_NONE);
	run(test, p, NULL, NULL, NULL, NULL);
	expect_connected(test, p);
	KUNIT_EXPECT_GT(test, p->s->out_size, (size_t)TLS13_HS_BUF_START);
	KUNIT_EXPECT_EQ(test, p->s->msg_size, TLS13_HS_MSG_BASE +
			2 * TLS13_CERT_ENTRY_OVERHEAD +
			sizeof(server_p256_der) + sizeof(ica_der));

	/* a ClientHello with a padding extension first */
	cl = new_hs(test, &p->ccfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(cl), 0);
	out = tls13_hs_output(cl, &len);
	ch_len = len - TLS13_RECORD_HEADER_LEN;
	off = find_ext(out, len, TLS13_EXT_SUPPORTED_VERSIONS);
	KUNIT_ASSERT_GT(test, off, (size_t)TLS13_RECORD_HEADER_LEN + 2);
	off -= TLS13_RECORD_HEADER_LEN;		/* into the message */
	big_len = ch_len + 4 + pad;
	big = kunit_kzalloc(test, big_len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, big);
	memcpy(big, out + TLS13_RECORD_HEADER_LEN, off);
	put_unaligned_be16(21, big + off);		/* padding */
	put_unaligned_be16(pad, big + off + 2);
	memcpy(big + off + 4 + pad, out + TLS13_RECORD_HEADER_LEN + off,
	       ch_len - off);
	put_unaligned_be32((TLS13_HS_CLIENT_HELLO << 24) |
			   (big_len - TLS13_HS_HEADER_LEN), big);
	put_unaligned_be16(get_unaligned_be16(big + off - 2) + 4 + pad,
			   big + off - 2);
	s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(s), 0);

	for (off = 0; !err && off < big_len; off += n) {
		n = min(big_len - off, cut);
		err = plain_to(test, s, big + off, n);
	}

	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_GE(test, s->in_size, big_len);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(s), TLS13_ST_S_WAIT_FINISHED);
	tls13_hs_output(s, &len);
	KUNIT_EXPECT_GT(test, len, (size_t)TLS13_HS_BUF_START);
}

/*
 * Sections 4.1.2, 4.2.8: the second ClientHello must be the first with
 * the share the HelloRetryRequest asked for. Each row changes the
 * client's real second ClientHello.
 */
struct ch2_case {
	const char *name;
	u16 ext;		/* 0: flip the session id's first byte */
	u8 at;
	u16 value;
	u8 alert;
};

static const struct ch2_case ch2_cases[] = {
	{ "CH2 session id changed", 0, 0, 0, TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "CH2 share not the group asked for", TLS13_EXT_KEY_SHARE, 6,
	  TLS13_GROUP_SECP256R1, TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "CH2 supported_groups missing", TLS13_EXT_SUPPORTED_GROUPS, 0,
	  0xfefe, TLS13_ALERT_MISSING_EXTENSION },
};

static void ch2_case_desc(const struct ch2_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ch2_case, ch2_cases, ch2_case_desc);

static void hs_cert_second_client_hello(struct kunit *test)
{
	const struct ch2_case *c = test->param_value;
	struct pair *p = new_pair(test);
	const size_t sid = TLS13_RECORD_HEADER_LEN + TLS13_HS_HEADER_LEN + 2 +
			   TLS13_RANDOM_LEN + 1;
	size_t len, off = 0, rlen, ext;
	const u8 *out;
	u8 *rec;
	int err = 0;

	/* Arrange: the server asked for P-384; the client answered */
	use_certs(p, SRV_P256, false, TLS13_CLIENT_AUTH_NONE);
	deterministic(p);
	p->scfg.groups[0] = TLS13_GROUP_SECP384R1;
	p->scfg.n_groups = 1;
	p->c = new_hs(test, &p->ccfg);
	p->s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->s), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->c), 0);
	KUNIT_ASSERT_EQ(test, deliver(test, p->c, p->s, NULL, NULL), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_state(p->s), TLS13_ST_S_WAIT_CH2);
	KUNIT_ASSERT_EQ(test, deliver(test, p->s, p->c, NULL, NULL), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_state(p->c), TLS13_ST_C_WAIT_SH2);
	out = tls13_hs_output(p->c, &len);
	rec = tls13_test_dup(test, out, len, len);

	/* Act: its records, the ClientHello changed */
	while (!err && off + TLS13_RECORD_HEADER_LEN <= len) {
		rlen = TLS13_RECORD_HEADER_LEN +
		       get_unaligned_be16(rec + off + 3);
		if (rec[off] == TLS13_CT_HANDSHAKE && !c->ext) {
			rec[off + sid] ^= 1;
		} else if (rec[off] == TLS13_CT_HANDSHAKE) {
			ext = find_ext(rec + off, rlen, c->ext);
			KUNIT_ASSERT_NE(test, ext, 0);
			put_unaligned_be16(c->value, rec + off + ext + c->at);
		}
		err = tls13_hs_input(p->s, rec + off, rlen);
		off += rlen;
	}

	/* Assert */
	KUNIT_EXPECT_EQ(test, err, tls13_alert_errno(c->alert, false));
	KUNIT_EXPECT_EQ(test, tls13_hs_result(p->s)->alert, c->alert);
}

/*
 * Run a server-authenticated handshake until the client reaches @state,
 * feeding it the server's flight one record (one message) at a time.
 */
static struct tls13_hs *client_until(struct kunit *test,
				     enum tls13_state state)
{
	struct pair *p = new_pair(test);
	size_t len, off = 0, rlen;
	const u8 *out;
	u8 *rec;

	use_certs(p, SRV_P256, false, TLS13_CLIENT_AUTH_NONE);
	deterministic(p);
	p->c = new_hs(test, &p->ccfg);
	p->s = new_hs(test, &p->scfg);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->s), 0);
	KUNIT_ASSERT_EQ(test, tls13_hs_start(p->c), 0);
	KUNIT_ASSERT_EQ(test, deliver(test, p->c, p->s, NULL, NULL), 0);
	out = tls13_hs_output(p->s, &len);
	rec = kunit_kmalloc(test, TLS13_MAX_RECORD, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	while (tls13_hs_state(p->c) != state) {
		KUNIT_ASSERT_LT(test, off + TLS13_RECORD_HEADER_LEN, len);
		rlen = TLS13_RECORD_HEADER_LEN +
		       get_unaligned_be16(out + off + 3);
		memcpy(rec, out + off, rlen);
		KUNIT_ASSERT_EQ(test, tls13_hs_input(p->c, rec, rlen), 0);
		off += rlen;
	}
	return p->c;
}

/* The client has taken the server's Certificate */
static struct tls13_hs *client_before_cv(struct kunit *test)
{
	return client_until(test, TLS13_ST_C_WAIT_CV);
}

/* A CertificateVerify with @scheme signing @content_server's context */
static int send_cv(struct kunit *test, struct tls13_hs *c, u16 scheme,
		   u16 sign_with, bool server_context)
{
	const struct tls13_sigscheme *s = tls13_sigscheme_find(sign_with);
	const struct tls13_cred *cred = &creds[SRV_P256];
	u8 thash[TLS13_MAX_HASH_LEN], *content, *msg;
	size_t clen, sig_len;

	content = kunit_kmalloc(test, TLS13_CV_CONTENT_MAX, GFP_KERNEL);
	msg = kunit_kmalloc(test, 8 + 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, content);
	KUNIT_ASSERT_NOT_NULL(test, msg);
	KUNIT_ASSERT_EQ(test, tls13_transcript_hash(&c->ks, thash), 0);
	clen = tls13_cv_content(server_context, thash, c->suite->hash->len,
				content);
	KUNIT_ASSERT_EQ(test, tls13_sig_sign(s, cred->priv, cred->priv_len,
					     content, clen, msg + 8, 512,
					     &sig_len), 0);
	msg[0] = TLS13_HS_CERTIFICATE_VERIFY;
	msg[1] = 0;
	put_unaligned_be16(4 + sig_len, msg + 2);
	put_unaligned_be16(scheme, msg + 4);
	put_unaligned_be16(sig_len, msg + 6);
	return tls13_hs_take(c, tls13_client_transitions, msg, 8 + sig_len);
}

static void hs_cert_bad_cert_verify(struct kunit *test)
{
	struct tls13_hs *c;

	/* the genuine signature goes through: the harness is right */
	c = client_before_cv(test);
	KUNIT_EXPECT_EQ(test, send_cv(test, c, 0x0403, 0x0403, true), 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(c), TLS13_ST_C_WAIT_FINISHED);

	/* the client's context string: a different transcript */
	c = client_before_cv(test);
	KUNIT_EXPECT_EQ(test, send_cv(test, c, 0x0403, 0x0403, false),
			-EKEYREJECTED);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(c)->alert,
			TLS13_ALERT_DECRYPT_ERROR);

	/* rsa_pkcs1_sha256: never offered, never allowed in CertificateVerify */
	c = client_before_cv(test);
	KUNIT_EXPECT_EQ(test, send_cv(test, c, 0x0401, 0x0403, true), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(c)->alert,
			TLS13_ALERT_ILLEGAL_PARAMETER);

	/* offered, but not what a P-256 key makes */
	c = client_before_cv(test);
	KUNIT_EXPECT_EQ(test, send_cv(test, c, 0x0503, 0x0403, true), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(c)->alert,
			TLS13_ALERT_ILLEGAL_PARAMETER);
}

/*
 * A peer that refuses our certificate before it switches its write key
 * sends its alert in the clear (OpenSSL's client does): it is taken as
 * the peer's alert, even though records are protected by then.
 */
static void hs_cert_plaintext_alert(struct kunit *test)
{
	static const u8 alert[] = { TLS13_CT_ALERT, 3, 3, 0, 2, 2,
				    TLS13_ALERT_CERTIFICATE_EXPIRED };
	struct tls13_hs *c = client_before_cv(test);
	u8 rec[sizeof(alert)];

	memcpy(rec, alert, sizeof(alert));
	KUNIT_EXPECT_EQ(test, tls13_hs_input(c, rec, sizeof(rec)), -EACCES);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(c)->peer_alert,
			TLS13_ALERT_CERTIFICATE_EXPIRED);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(c)->alert, 0);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(c), TLS13_ST_FAILED);
}

/*
 * Sections 4.2, 4.3.2, 4.4.2: what a client checks in a CertificateRequest
 * and in the server's Certificate
 */
struct cert_msg_case {
	const char *name;
	u8 type;
	const u8 *msg;
	size_t len;
	u8 alert;
};

/* context "", one 3-byte certificate with status_request, never asked */
static const u8 ct_status[] = {
	TLS13_HS_CERTIFICATE, 0, 0, 16, 0x00, 0x00, 0x00, 0x0c,
	0x00, 0x00, 0x03, 0xaa, 0xbb, 0xcc, 0x00, 0x04, 0x00, 0x05, 0x00, 0x00,
};

/* context "x", one 3-byte certificate */
static const u8 ct_context[] = {
	TLS13_HS_CERTIFICATE, 0, 0, 13, 0x01, 'x', 0x00, 0x00, 0x08,
	0x00, 0x00, 0x03, 0xaa, 0xbb, 0xcc, 0x00, 0x00,
};

/* context "x", signature_algorithms { ecdsa_secp256r1_sha256 } */
static const u8 cr_context[] = {
	TLS13_HS_CERTIFICATE_REQUEST, 0, 0, 12, 0x01, 'x',
	0x00, 0x08, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x04, 0x03,
};

/* no signature_algorithms */
static const u8 cr_no_sigalgs[] = {
	TLS13_HS_CERTIFICATE_REQUEST, 0, 0, 3, 0x00, 0x00, 0x00,
};

#define MSG(a)	.msg = (a), .len = sizeof(a)

static const struct cert_msg_case cert_msg_cases[] = {
	{ "Certificate: status_request not asked", TLS13_HS_CERTIFICATE,
	  MSG(ct_status), TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "Certificate: request context", TLS13_HS_CERTIFICATE,
	  MSG(ct_context), TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "CertificateRequest: context", TLS13_HS_CERTIFICATE_REQUEST,
	  MSG(cr_context), TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "CertificateRequest: no signature_algorithms",
	  TLS13_HS_CERTIFICATE_REQUEST, MSG(cr_no_sigalgs),
	  TLS13_ALERT_MISSING_EXTENSION },
};

static void cert_msg_case_desc(const struct cert_msg_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(cert_msg_case, cert_msg_cases, cert_msg_case_desc);

static void hs_cert_message_checks(struct kunit *test)
{
	const struct cert_msg_case *c = test->param_value;
	struct tls13_hs *cl = client_until(test, TLS13_ST_C_WAIT_CERT_CR);

	KUNIT_ASSERT_EQ(test, c->msg[0], c->type);
	KUNIT_EXPECT_EQ(test, tls13_hs_take(cl, tls13_client_transitions,
					    c->msg, c->len),
			tls13_alert_errno(c->alert, false));
	KUNIT_EXPECT_EQ(test, tls13_hs_result(cl)->alert, c->alert);
	KUNIT_EXPECT_EQ(test, tls13_hs_state(cl), TLS13_ST_FAILED);
}

static void hs_cert_empty_server_certificate(struct kunit *test)
{
	static const u8 empty[] = { TLS13_HS_CERTIFICATE, 0, 0, 4, 0, 0, 0, 0 };
	struct tls13_hs *c = client_until(test, TLS13_ST_C_WAIT_CERT_CR);

	KUNIT_EXPECT_EQ(test, tls13_hs_take(c, tls13_client_transitions, empty,
					    sizeof(empty)), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_hs_result(c)->alert,
			TLS13_ALERT_DECODE_ERROR);
}

static void hs_cert_mutate_server_flight(struct kunit *test)
{
	mutate_flight(test, false, SETUP_CERT);
}

static void hs_cert_mutate_client_flight(struct kunit *test)
{
	mutate_flight(test, true, SETUP_CERT);
}

static struct kunit_case hs_cert_test_cases[] = {
	KUNIT_CASE_PARAM(hs_cert_modes, cert_mode_gen_params),
	KUNIT_CASE(hs_cert_hrr_alpn),
	KUNIT_CASE(hs_cert_refused),
	KUNIT_CASE(hs_cert_callbacks),
	KUNIT_CASE(hs_cert_no_scheme),
	KUNIT_CASE_PARAM(hs_cert_client_hello_checks, ch_case_gen_params),
	KUNIT_CASE(hs_cert_buffers_grow),
	KUNIT_CASE_PARAM(hs_cert_message_checks, cert_msg_case_gen_params),
	KUNIT_CASE_PARAM(hs_cert_second_client_hello, ch2_case_gen_params),
	KUNIT_CASE(hs_cert_bad_cert_verify),
	KUNIT_CASE(hs_cert_empty_server_certificate),
	KUNIT_CASE(hs_cert_plaintext_alert),
	KUNIT_CASE_SLOW(hs_cert_mutate_server_flight),
	KUNIT_CASE_SLOW(hs_cert_mutate_client_flight),
	{}
};

static struct kunit_suite hs_cert_test_suite = {
	.name = "tls13_hs_cert",
	.suite_init = cert_suite_init,
	.suite_exit = cert_suite_exit,
	.test_cases = hs_cert_test_cases,
};

kunit_test_suite(hs_cert_test_suite);
