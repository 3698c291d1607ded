// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: checking a peer's certificate chain (cert.c). The certificates
 * are made by scripts/cert-vectors.sh (tests/cert_vectors.h); the trust
 * keyring of each case is a private keyring holding only root_ca. Every
 * good chain (P-256 through an intermediate, P-384, RSA with both
 * signature kinds, the client certificates, IP and DNS names, no name)
 * returns 0 and the leaf's key; every broken one its specific alert:
 * validity, EKU, unknown issuers, issuers that are not CAs or may not
 * sign certificates, pathLenConstraint, self-signed leaves, chains too
 * long, loops, names, critical extensions, keys the engine cannot use,
 * signatures and keys refused by policy (SHA-1, SHA-224, schemes we do
 * not advertise, small RSA keys and large exponents, a chain costing
 * more verifications than its budget), altered signatures, and
 * malformed DER (every truncation of a leaf,
 * wrong outer lengths, garbage).
 */

#include <kunit/test.h>
#include <linux/unaligned.h>
#include <crypto/public_key.h>
#include <keys/asymmetric-type.h>
#include <linux/cred.h>
#include <linux/key.h>
#include <linux/slab.h>

#include "../wire.h"
#include "../cert.h"
#include "cert_vectors.h"

struct der {
	const u8 *p;
	u32 len;
};

#define DER(x)	{ x, sizeof(x) }

struct chain_case {
	const char *desc;
	struct der c[TLS13_MAX_CHAIN + 2];
	unsigned int n;
	const char *peername;
	bool client;
	u8 alert;
	enum tls13_key_kind kind;
};

#define SERVER	"server.test"

static const struct chain_case chain_cases[] = {
	/* good chains */
	{ "p256_via_ica", { DER(server_p256_der), DER(ica_der) }, 2,
	  SERVER, false, 0, TLS13_KEY_EC_P256 },
	{ "p256_unordered_with_root",
	  { DER(server_p256_der), DER(root_ca_der), DER(ica_der) }, 3,
	  SERVER, false, 0, TLS13_KEY_EC_P256 },
	{ "p256_extra_unrelated",
	  { DER(server_p256_der), DER(unknown_root_der), DER(ica_der) }, 3,
	  SERVER, false, 0, TLS13_KEY_EC_P256 },
	{ "p384_rpc_server", { DER(server_p384_der) }, 1,
	  SERVER, false, 0, TLS13_KEY_EC_P384 },
	{ "rsa_by_ecdsa_root", { DER(server_rsa_der) }, 1,
	  SERVER, false, 0, TLS13_KEY_RSA },
	{ "rsa_sha256_via_rsa_ica",
	  { DER(server_rsa_sha256_der), DER(ica_rsa_der) }, 2,
	  SERVER, false, 0, TLS13_KEY_RSA },
	{ "client_p256", { DER(client_p256_der), DER(ica_der) }, 2,
	  NULL, true, 0, TLS13_KEY_EC_P256 },
	{ "client_rpc_p256", { DER(client_rpc_p256_der), DER(ica_der) }, 2,
	  NULL, true, 0, TLS13_KEY_EC_P256 },
	{ "client_with_name", { DER(client_p256_der), DER(ica_der) }, 2,
	  "client.test", true, 0, TLS13_KEY_EC_P256 },
	{ "ipv4_name", { DER(server_p256_der), DER(ica_der) }, 2,
	  "127.0.0.1", false, 0, TLS13_KEY_EC_P256 },
	{ "ipv6_name", { DER(server_p256_der), DER(ica_der) }, 2,
	  "::1", false, 0, TLS13_KEY_EC_P256 },
	{ "no_name", { DER(server_p256_der), DER(ica_der) }, 2,
	  NULL, false, 0, TLS13_KEY_EC_P256 },
	{ "name_ignores_case", { DER(server_p256_der), DER(ica_der) }, 2,
	  "SERVER.Test", false, 0, TLS13_KEY_EC_P256 },
	{ "pathlen0_ca_signs_leaf",
	  { DER(leaf_by_pathlen0_der), DER(ica_pathlen0_der) }, 2,
	  SERVER, false, 0, TLS13_KEY_EC_P256 },
	{ "generalized_time_no_eku",
	  { DER(server_gentime_der), DER(ica_der) }, 2,
	  SERVER, false, 0, TLS13_KEY_EC_P256 },

	/* validity */
	{ "leaf_expired", { DER(leaf_expired_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_EXPIRED },
	{ "leaf_not_yet_valid", { DER(leaf_notyet_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_EXPIRED },
	{ "ica_expired",
	  { DER(leaf_by_ica_expired_der), DER(ica_expired_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_EXPIRED },

	/* extended key usage */
	{ "clientauth_leaf_as_server",
	  { DER(leaf_clientauth_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "client_leaf_as_server", { DER(client_p256_der), DER(ica_der) }, 2,
	  NULL, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "rpc_client_leaf_as_server",
	  { DER(client_rpc_p256_der), DER(ica_der) }, 2,
	  NULL, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "server_leaf_as_client", { DER(server_p256_der), DER(ica_der) }, 2,
	  NULL, true, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "rpc_server_leaf_as_client", { DER(server_p384_der) }, 1,
	  NULL, true, TLS13_ALERT_CERTIFICATE_UNKNOWN },

	/* issuers */
	{ "unknown_root",
	  { DER(leaf_unknown_root_der), DER(unknown_root_der) }, 2,
	  SERVER, false, TLS13_ALERT_UNKNOWN_CA },
	{ "missing_intermediate", { DER(server_p256_der) }, 1,
	  SERVER, false, TLS13_ALERT_UNKNOWN_CA },
	{ "intermediate_not_after_leaf",
	  { DER(ica_der), DER(server_p256_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "issuer_ca_false", { DER(leaf_by_noca_der), DER(ica_noca_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "issuer_without_basic_constraints",
	  { DER(leaf_by_nobc_der), DER(leaf_nobc_der), DER(ica_der) }, 3,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "issuer_without_keycertsign",
	  { DER(leaf_by_nokcs_der), DER(ica_nokcs_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "pathlen_exceeded",
	  { DER(leaf_below_pathlen0_der), DER(ica_pathlen0_der),
	    DER(ica_below_pathlen0_der) }, 3,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "self_signed_leaf", { DER(leaf_selfsigned_der) }, 1,
	  SERVER, false, TLS13_ALERT_UNKNOWN_CA },
	{ "loop", { DER(leaf_loop_der), DER(loop_a_der), DER(loop_b_der) }, 3,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "long_chain_8_unanchored",
	  { DER(long_leaf_der), DER(long_ica9_der), DER(long_ica8_der),
	    DER(long_ica7_der), DER(long_ica6_der), DER(long_ica5_der),
	    DER(long_ica4_der), DER(long_ica3_der) }, 8,
	  SERVER, false, TLS13_ALERT_UNKNOWN_CA },
	{ "long_chain_10",
	  { DER(long_leaf_der), DER(long_ica9_der), DER(long_ica8_der),
	    DER(long_ica7_der), DER(long_ica6_der), DER(long_ica5_der),
	    DER(long_ica4_der), DER(long_ica3_der), DER(long_ica2_der),
	    DER(long_ica1_der) }, 10,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },

	/* the leaf */
	/* its CN is server.test: there is no fallback to the CN */
	{ "san_lacks_name", { DER(leaf_wrongname_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "other_dns_name", { DER(server_p256_der), DER(ica_der) }, 2,
	  "other.test", false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "name_prefix", { DER(server_p256_der), DER(ica_der) }, 2,
	  "server.tes", false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "other_ipv4", { DER(server_p256_der), DER(ica_der) }, 2,
	  "127.0.0.2", false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "other_ipv6", { DER(server_p256_der), DER(ica_der) }, 2,
	  "::2", false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "ip_without_ip_san", { DER(server_p384_der) }, 1,
	  "127.0.0.1", false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "leaf_without_digitalsignature",
	  { DER(leaf_nods_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },
	{ "unknown_critical_extension",
	  { DER(leaf_critext_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },

	/* keys the engine cannot use */
	{ "p521_leaf", { DER(leaf_p521_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_UNSUPPORTED_CERTIFICATE },
	{ "ed25519_leaf", { DER(leaf_ed25519_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_UNSUPPORTED_CERTIFICATE },

	/* signatures and keys refused by policy (RFC 8446 section 4.4.2.4) */
	{ "sha1_signature", { DER(leaf_sha1_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
	{ "sha224_signature", { DER(leaf_sha224_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
	{ "ecdsa_sha512_not_advertised",
	  { DER(leaf_sha512_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_UNSUPPORTED_CERTIFICATE },
	{ "rsa1024_ca", { DER(leaf_by_rsa1024_der), DER(ica_rsa1024_der) }, 2,
	  SERVER, false, TLS13_ALERT_UNSUPPORTED_CERTIFICATE },
	{ "rsa_ca_33bit_exponent",
	  { DER(leaf_by_rsa_bige_der), DER(ica_rsa_bige_der) }, 2,
	  SERVER, false, TLS13_ALERT_UNSUPPORTED_CERTIFICATE },
	{ "rsa1024_leaf", { DER(leaf_rsa1024_der), DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_UNSUPPORTED_CERTIFICATE },
	/* 7 + 6 + 5 tries: the budget of 16 runs out before unknown_ca */
	{ "too_many_signatures",
	  { DER(leaf_samename_der), DER(samename1_der), DER(samename2_der),
	    DER(samename3_der), DER(samename4_der), DER(samename5_der),
	    DER(samename6_der), DER(samename7_der) }, 8,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
	/*
	 * The same chain in the best order: one try a step, within budget;
	 * samename1's name is that of the CAs above it: a loop.
	 */
	{ "same_name_within_budget",
	  { DER(leaf_samename_der), DER(samename7_der), DER(samename6_der),
	    DER(samename5_der), DER(samename4_der), DER(samename3_der),
	    DER(samename2_der), DER(samename1_der) }, 8,
	  SERVER, false, TLS13_ALERT_CERTIFICATE_UNKNOWN },

	/* malformed */
	{ "no_certificates", { }, 0,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
	{ "nine_certificates",
	  { DER(server_p256_der), DER(ica_der), DER(ica_der), DER(ica_der),
	    DER(ica_der), DER(ica_der), DER(ica_der), DER(ica_der),
	    DER(ica_der) }, 9,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
	{ "private_key_as_leaf", { DER(server_p256_key_pkcs8) }, 1,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
	{ "sec1_key_as_leaf", { DER(server_p256_key_sec1) }, 1,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
	{ "garbage_intermediate",
	  { DER(server_p256_der), DER(server_rsa_key_pkcs1) }, 2,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
	{ "empty_leaf", { { server_p256_der, 0 }, DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
	{ "null_leaf", { { NULL, 10 }, DER(ica_der) }, 2,
	  SERVER, false, TLS13_ALERT_BAD_CERTIFICATE },
};

static void chain_desc(const struct chain_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(chain, chain_cases, chain_desc);

#define KEY_PERM	((KEY_POS_ALL & ~KEY_POS_SETATTR) | \
			 KEY_USR_VIEW | KEY_USR_READ | KEY_USR_SEARCH)

static void put_keyring(void *kr)
{
	key_invalidate(kr);
	key_put(kr);
}

static struct key *test_keyring(struct kunit *test, const char *name)
{
	struct key *kr;

	kr = keyring_alloc(name, GLOBAL_ROOT_UID, GLOBAL_ROOT_GID,
			   current_cred(), KEY_PERM | KEY_POS_WRITE,
			   KEY_ALLOC_NOT_IN_QUOTA, NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kr));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, put_keyring, kr));
	return kr;
}

/* a private trust keyring with root_ca as its only anchor */
static struct key *trust_keyring(struct kunit *test)
{
	struct key *kr = test_keyring(test, "tls13_cert_test_trust");
	key_ref_t ref;

	ref = key_create_or_update(make_key_ref(kr, true), "asymmetric", NULL,
				   root_ca_der, sizeof(root_ca_der), KEY_PERM,
				   KEY_ALLOC_NOT_IN_QUOTA);
	KUNIT_ASSERT_FALSE(test, IS_ERR(ref));
	key_ref_put(ref);
	return kr;
}

struct verify_args {
	const u8 *der[TLS13_MAX_CHAIN + 2];
	u32 der_len[TLS13_MAX_CHAIN + 2];
	struct tls13_pubkey out;
};

static u8 verify(struct kunit *test, struct tls13_cert_policy *pol,
		 struct verify_args *a, const struct der *certs,
		 unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		a->der[i] = certs[i].p;
		a->der_len[i] = certs[i].len;
	}
	return tls13_cert_verify_chain(pol, a->der, a->der_len, n, &a->out);
}

static void cert_chain(struct kunit *test)
{
	const struct chain_case *c = test->param_value;
	struct tls13_cert_policy pol = {
		.trust = trust_keyring(test),
		.peername = c->peername,
		.client = c->client,
		.now = TLS13_TEST_CERT_NOW,
	};
	struct verify_args *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, c->alert, verify(test, &pol, a, c->c, c->n));
	if (c->alert) {
		KUNIT_EXPECT_EQ(test, TLS13_KEY_NONE, a->out.kind);
		KUNIT_EXPECT_EQ(test, 0, a->out.len);
		return;
	}
	KUNIT_EXPECT_EQ(test, c->kind, a->out.kind);
	KUNIT_EXPECT_EQ(test, 0, a->out.serial);
	if (c->kind == TLS13_KEY_EC_P256) {
		KUNIT_EXPECT_EQ(test, 65, a->out.len);
		KUNIT_EXPECT_EQ(test, 0x04, a->out.key[0]);
	} else if (c->kind == TLS13_KEY_EC_P384) {
		KUNIT_EXPECT_EQ(test, 97, a->out.len);
		KUNIT_EXPECT_EQ(test, 0x04, a->out.key[0]);
	} else {
		/* RSAPublicKey ::= SEQUENCE { 2048-bit modulus, exponent } */
		KUNIT_EXPECT_GT(test, a->out.len, 256);
		KUNIT_EXPECT_EQ(test, 0x30, a->out.key[0]);
	}
}

/* the validity bounds themselves, and the real clock (pol->now == 0) */
static void cert_validity_edges(struct kunit *test)
{
	static const struct der chain[] = {
		DER(server_p256_der), DER(ica_der)
	};
	struct tls13_cert_policy pol = {
		.trust = trust_keyring(test),
		.peername = SERVER,
	};
	struct verify_args *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	time64_t from = mktime64(2025, 1, 1, 0, 0, 0);
	time64_t to = mktime64(2035, 1, 1, 0, 0, 0);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, 1780272000LL, TLS13_TEST_CERT_NOW);
	KUNIT_EXPECT_EQ(test, 1780272000LL, mktime64(2026, 6, 1, 0, 0, 0));
	pol.now = from;
	KUNIT_EXPECT_EQ(test, 0, verify(test, &pol, a, chain, 2));
	KUNIT_EXPECT_NULL(test, a->out.why);
	pol.now = from - 1;
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_CERTIFICATE_EXPIRED,
			verify(test, &pol, a, chain, 2));
	KUNIT_EXPECT_STREQ(test, a->out.why, "a certificate is not valid yet");
	pol.now = to;
	KUNIT_EXPECT_EQ(test, 0, verify(test, &pol, a, chain, 2));
	pol.now = to + 1;
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_CERTIFICATE_EXPIRED,
			verify(test, &pol, a, chain, 2));
	KUNIT_EXPECT_STREQ(test, a->out.why, "a certificate has expired");
	/* 0: the current time, which is inside 2025..2035 or not */
	pol.now = 0;
	if (ktime_get_real_seconds() >= from && ktime_get_real_seconds() < to)
		KUNIT_EXPECT_EQ(test, 0, verify(test, &pol, a, chain, 2));
	else
		KUNIT_EXPECT_EQ(test, TLS13_ALERT_CERTIFICATE_EXPIRED,
				verify(test, &pol, a, chain, 2));
}

/* no trust keyring at all: nothing is anchored */
static void cert_no_trust(struct kunit *test)
{
	static const struct der chain[] = {
		DER(server_p256_der), DER(ica_der), DER(root_ca_der)
	};
	struct tls13_cert_policy pol = {
		.peername = SERVER,
		.now = TLS13_TEST_CERT_NOW,
	};
	struct verify_args *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_UNKNOWN_CA,
			verify(test, &pol, a, chain, 3));
	KUNIT_EXPECT_STREQ(test, a->out.why,
			   "no trusted anchor issued the chain");
	/* the sent root is self-signed: without the keyring it is no anchor */
	pol.trust = test_keyring(test, "tls13_cert_test_empty");
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_UNKNOWN_CA,
			verify(test, &pol, a, chain, 3));
}

/* where the signature check sits: one bit flipped along the path */
struct flip_case {
	const char *desc;
	unsigned int which;	/* the certificate to alter: 0 leaf, 1 ica */
	int offset;		/* from the end (< 0) or the start */
	u8 alert;
};

static const struct flip_case flip_cases[] = {
	/* the last octet of the ECDSA signature's s */
	{ "leaf_signature", 0, -1, TLS13_ALERT_BAD_CERTIFICATE },
	{ "ica_signature", 1, -1, TLS13_ALERT_BAD_CERTIFICATE },
	/* inside the TBS: the serial number's last octet */
	{ "leaf_tbs_serial", 0, 16, TLS13_ALERT_BAD_CERTIFICATE },
	{ "ica_tbs_serial", 1, 16, TLS13_ALERT_BAD_CERTIFICATE },
};

static void flip_desc(const struct flip_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(flip, flip_cases, flip_desc);

static void cert_flipped_bit(struct kunit *test)
{
	const struct flip_case *fc = test->param_value;
	struct tls13_cert_policy pol = {
		.trust = trust_keyring(test),
		.peername = SERVER,
		.now = TLS13_TEST_CERT_NOW,
	};
	struct verify_args *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct der chain[] = { DER(server_p256_der), DER(ica_der) };
	u8 *copy;
	size_t at;

	KUNIT_ASSERT_NOT_NULL(test, a);
	/* unaltered, it passes */
	KUNIT_ASSERT_EQ(test, 0, verify(test, &pol, a, chain, 2));

	copy = kunit_kmalloc(test, chain[fc->which].len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, chain[fc->which].p, chain[fc->which].len);
	at = fc->offset < 0 ? chain[fc->which].len + fc->offset : fc->offset;
	/* 30 82 LL LL 30 82 LL LL a0 03 02 01 02 02 02 10 NN: serial 0x10NN */
	if (fc->offset >= 0)
		KUNIT_ASSERT_EQ(test, 0x10, copy[at - 1]);
	copy[at] ^= 0x01;
	chain[fc->which].p = copy;
	KUNIT_EXPECT_EQ(test, fc->alert, verify(test, &pol, a, chain, 2));
}

/*
 * Every truncation of the leaf, with the outer length either left alone
 * (so it overruns) or rewritten to the bytes that remain (so that the
 * inner parsers meet the end).
 */
static void cert_truncated_leaf(struct kunit *test)
{
	struct tls13_cert_policy pol = {
		.trust = trust_keyring(test),
		.peername = SERVER,
		.now = TLS13_TEST_CERT_NOW,
	};
	struct verify_args *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	u32 full = sizeof(server_p256_der);
	struct der chain[] = { { NULL, 0 }, DER(ica_der) };
	u8 *buf = kunit_kmalloc(test, full, GFP_KERNEL);
	u32 len, body;
	unsigned int fails = 0;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	/* a 4-octet outer header: 30 82 hi lo */
	KUNIT_ASSERT_EQ(test, 0x30, server_p256_der[0]);
	KUNIT_ASSERT_EQ(test, 0x82, server_p256_der[1]);

	chain[0].p = buf;
	for (len = 0; len < full; len++) {
		memcpy(buf, server_p256_der, len);
		chain[0].len = len;
		if (verify(test, &pol, a, chain, 2) !=
		    TLS13_ALERT_BAD_CERTIFICATE)
			fails++;
		if (len < 4)
			continue;
		body = len - 4;
		put_unaligned_be16(body, buf + 2);
		if (verify(test, &pol, a, chain, 2) !=
		    TLS13_ALERT_BAD_CERTIFICATE) {
			kunit_info(test, "prefix %u with its length fixed", len);
			fails++;
		}
	}
	KUNIT_EXPECT_EQ(test, 0, fails);
}

/* the outer SEQUENCE's length one off either way, or a trailing octet */
static void cert_wrong_outer_length(struct kunit *test)
{
	struct tls13_cert_policy pol = {
		.trust = trust_keyring(test),
		.peername = SERVER,
		.now = TLS13_TEST_CERT_NOW,
	};
	struct verify_args *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	u32 full = sizeof(server_p256_der);
	struct der chain[] = { { NULL, full }, DER(ica_der) };
	u8 *buf = kunit_kzalloc(test, full + 1, GFP_KERNEL);
	u32 body = full - 4;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, server_p256_der, full);
	chain[0].p = buf;
	KUNIT_ASSERT_EQ(test, 0, verify(test, &pol, a, chain, 2));

	put_unaligned_be16(body + 1, buf + 2);
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_BAD_CERTIFICATE,
			verify(test, &pol, a, chain, 2));
	put_unaligned_be16(body - 1, buf + 2);
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_BAD_CERTIFICATE,
			verify(test, &pol, a, chain, 2));
	/* the right length, then one octet more than it covers */
	put_unaligned_be16(body, buf + 2);
	chain[0].len = full + 1;
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_BAD_CERTIFICATE,
			verify(test, &pol, a, chain, 2));
	/*
	 * The right length, but not in its shortest form (0x83 00 hi lo for
	 * 0x82 hi lo): BER, not DER; the same rule as for our own
	 * certificates (der.c)
	 */
	buf[1] = 0x83;
	buf[2] = 0;
	put_unaligned_be16(body, buf + 3);
	memcpy(buf + 5, server_p256_der + 4, full - 4);
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_BAD_CERTIFICATE,
			verify(test, &pol, a, chain, 2));
	/* the same for the intermediate */
	chain[0].p = server_p256_der;
	chain[0].len = full;
	chain[1].len = sizeof(ica_der) - 1;
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_BAD_CERTIFICATE,
			verify(test, &pol, a, chain, 2));
}

/* garbage of several kinds, as the leaf and as the intermediate */
static void cert_garbage(struct kunit *test)
{
	struct tls13_cert_policy pol = {
		.trust = trust_keyring(test),
		.peername = SERVER,
		.now = TLS13_TEST_CERT_NOW,
	};
	struct verify_args *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct der chain[] = { DER(server_p256_der), DER(ica_der) };
	u8 *buf = kunit_kmalloc(test, 1024, GFP_KERNEL);
	unsigned int i, which;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (which = 0; which < 2; which++) {
		struct der saved = chain[which];

		chain[which].p = buf;
		chain[which].len = 1024;
		/* zeros */
		memset(buf, 0, 1024);
		KUNIT_EXPECT_EQ(test, TLS13_ALERT_BAD_CERTIFICATE,
				verify(test, &pol, a, chain, 2));
		/* a pseudo-random stream */
		for (i = 0; i < 1024; i++)
			buf[i] = (i * 151 + 7) ^ (i >> 3);
		KUNIT_EXPECT_EQ(test, TLS13_ALERT_BAD_CERTIFICATE,
				verify(test, &pol, a, chain, 2));
		/* a SEQUENCE of the right size full of 0xff */
		memset(buf, 0xff, 1024);
		buf[0] = 0x30;
		buf[1] = 0x82;
		put_unaligned_be16(1024 - 4, buf + 2);
		KUNIT_EXPECT_EQ(test, TLS13_ALERT_BAD_CERTIFICATE,
				verify(test, &pol, a, chain, 2));
		/* a 4 GiB length */
		chain[which].len = U32_MAX;
		KUNIT_EXPECT_EQ(test, TLS13_ALERT_BAD_CERTIFICATE,
				verify(test, &pol, a, chain, 2));
		chain[which] = saved;
	}
}

/* a verified leaf becomes an "asymmetric" key in pol->peers */
static void cert_keeps_leaf(struct kunit *test)
{
	static const struct der good[] = {
		DER(server_p256_der), DER(ica_der)
	};
	static const struct der expired[] = {
		DER(leaf_expired_der), DER(ica_der)
	};
	struct tls13_leaf *leaf = kunit_kzalloc(test, sizeof(*leaf), GFP_KERNEL);
	struct tls13_cert_policy pol = {
		.trust = trust_keyring(test),
		.peername = SERVER,
		.now = TLS13_TEST_CERT_NOW,
		.leaf = leaf,
	};
	struct verify_args *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, leaf);
	/* a refused chain leaves nothing behind */
	KUNIT_EXPECT_EQ(test, TLS13_ALERT_CERTIFICATE_EXPIRED,
			verify(test, &pol, a, expired, 2));
	KUNIT_EXPECT_NULL(test, leaf->der);
	KUNIT_EXPECT_EQ(test, 0, a->out.serial);

	/* a good one: a copy of its leaf, and no key made yet */
	KUNIT_ASSERT_EQ(test, 0, verify(test, &pol, a, good, 2));
	KUNIT_EXPECT_EQ(test, 0, a->out.serial);
	KUNIT_ASSERT_NOT_NULL(test, leaf->der);
	KUNIT_EXPECT_NE(test, (unsigned long)leaf->der,
			(unsigned long)server_p256_der);
	KUNIT_ASSERT_EQ(test, leaf->len, sizeof(server_p256_der));
	KUNIT_EXPECT_MEMEQ(test, leaf->der, server_p256_der, leaf->len);

	/* a second one replaces the first */
	KUNIT_ASSERT_EQ(test, 0, verify(test, &pol, a, good, 2));
	KUNIT_EXPECT_EQ(test, leaf->len, sizeof(server_p256_der));
	kfree(leaf->der);
}

static struct kunit_case cert_cases[] = {
	KUNIT_CASE_PARAM(cert_chain, chain_gen_params),
	KUNIT_CASE(cert_validity_edges),
	KUNIT_CASE(cert_no_trust),
	KUNIT_CASE_PARAM(cert_flipped_bit, flip_gen_params),
	KUNIT_CASE_SLOW(cert_truncated_leaf),
	KUNIT_CASE(cert_wrong_outer_length),
	KUNIT_CASE(cert_garbage),
	KUNIT_CASE(cert_keeps_leaf),
	{}
};

static struct kunit_suite cert_suite = {
	.name = "tls13_cert",
	.test_cases = cert_cases,
};

kunit_test_suite(cert_suite);
