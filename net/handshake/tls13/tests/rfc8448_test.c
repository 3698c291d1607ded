// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the engine reproduces the RFC 8448 example handshakes byte for
 * byte: every secret, key, IV, Finished MAC, PSK binder and record of
 * section 3 (simple 1-RTT), section 4 (resumed 0-RTT with a PSK) and
 * section 5 (HelloRetryRequest). The vectors are in rfc8448_vectors.h,
 * generated from the RFC text by scripts/rfc8448-vectors.py.
 *
 * Chained cases feed the engine's own outputs forward, as a handshake
 * would; single-step cases start from the RFC's inputs so that a failure
 * names the step that broke.
 */

#include <kunit/test.h>

#include "../ext.h"
#include "../msg.h"
#include "util.h"
#include "rfc8448_vectors.h"

#define HLEN 32	/* every RFC 8448 trace uses SHA-256 */

static void add(struct kunit *test, struct tls13_ks *ks, const u8 *msg,
		size_t len)
{
	KUNIT_ASSERT_EQ(test, tls13_transcript_add(ks, msg, len), 0);
}

static void expect_transcript(struct kunit *test, struct tls13_ks *ks,
			      const u8 *want, u8 *thash)
{
	KUNIT_ASSERT_EQ(test, tls13_transcript_hash(ks, thash), 0);
	KUNIT_EXPECT_MEMEQ(test, thash, want, HLEN);
}

/* Log a derived value ("make demo" shows these lines) and check it. */
static void expect_value(struct kunit *test, const char *what, const u8 *got,
			 const u8 *want, size_t len)
{
	kunit_info(test, "%-20s %*phN\n", what, (int)len, got);
	KUNIT_EXPECT_MEMEQ_MSG(test, got, want, len, "%s", what);
}

static void expect_derive(struct kunit *test, struct tls13_ks *ks,
			  const char *label, const u8 *thash, const u8 *want,
			  u8 *out)
{
	KUNIT_ASSERT_EQ(test, tls13_ks_derive(ks, label, thash, out), 0);
	expect_value(test, label, out, want, HLEN);
}

struct kex_vec {
	const char *name;
	u16 group;
	const u8 *c_priv, *c_pub, *s_priv, *s_pub, *shared;
	size_t pub_len, shared_len;
};

static const struct kex_vec kex_vecs[] = {
	{
		.name = "s3 x25519", .group = TLS13_GROUP_X25519,
		.c_priv = s3_client_x25519_priv, .c_pub = s3_client_x25519_pub,
		.s_priv = s3_server_x25519_priv, .s_pub = s3_server_x25519_pub,
		.pub_len = sizeof(s3_client_x25519_pub),
		.shared = s3_dhe, .shared_len = sizeof(s3_dhe),
	}, {
		.name = "s5 secp256r1", .group = TLS13_GROUP_SECP256R1,
		.c_priv = s5_client_p256_priv, .c_pub = s5_client_p256_pub,
		.s_priv = s5_server_p256_priv, .s_pub = s5_server_p256_pub,
		.pub_len = sizeof(s5_client_p256_pub),
		.shared = s5_dhe, .shared_len = sizeof(s5_dhe),
	},
};

static void kex_vec_desc(const struct kex_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kex_vec, kex_vecs, kex_vec_desc);

/* Sections 3 and 5: both key pairs and the shared secret, each side */
static void rfc8448_key_exchange(struct kunit *test)
{
	const struct kex_vec *v = test->param_value;
	struct tls13_kex *c = tls13_test_kex(test, v->group, v->c_priv);
	struct tls13_kex *s = tls13_test_kex(test, v->group, v->s_priv);
	u8 shared[TLS13_MAX_KEX_KEY_LEN];

	KUNIT_ASSERT_EQ(test, c->group->share_len, v->pub_len);
	expect_value(test, "client key share", c->share, v->c_pub, v->pub_len);
	expect_value(test, "server key share", s->share, v->s_pub, v->pub_len);
	KUNIT_ASSERT_EQ(test, tls13_kex_shared(c, v->s_pub, v->pub_len,
					       shared), 0);
	expect_value(test, "(EC)DHE shared secret", shared, v->shared,
		     v->shared_len);
	KUNIT_ASSERT_EQ(test, tls13_kex_shared(s, v->c_pub, v->pub_len,
					       shared), 0);
	KUNIT_EXPECT_MEMEQ(test, shared, v->shared, v->shared_len);
}

/* Section 3: the HkdfLabel encodings the trace prints as "info" */
static void rfc8448_s3_hkdf_labels(struct kunit *test)
{
	u8 info[128];

	KUNIT_EXPECT_EQ(test, tls13_hkdf_label(info, sizeof(info), HLEN,
					       "derived", s3_hs_derived_info +
					       sizeof(s3_hs_derived_info) -
					       HLEN, HLEN),
			(int)sizeof(s3_hs_derived_info));
	KUNIT_EXPECT_MEMEQ(test, info, s3_hs_derived_info,
			   sizeof(s3_hs_derived_info));

	KUNIT_EXPECT_EQ(test, tls13_hkdf_label(info, sizeof(info), HLEN,
					       "c hs traffic", s3_hash_ch_sh,
					       HLEN),
			(int)sizeof(s3_c_hs_info));
	KUNIT_EXPECT_MEMEQ(test, info, s3_c_hs_info, sizeof(s3_c_hs_info));

	KUNIT_EXPECT_EQ(test, tls13_hkdf_label(info, sizeof(info), 16, "key",
					       NULL, 0),
			(int)sizeof(s3_key_info));
	KUNIT_EXPECT_MEMEQ(test, info, s3_key_info, sizeof(s3_key_info));

	KUNIT_EXPECT_EQ(test, tls13_hkdf_label(info, sizeof(info), 12, "iv",
					       NULL, 0),
			(int)sizeof(s3_iv_info));
	KUNIT_EXPECT_MEMEQ(test, info, s3_iv_info, sizeof(s3_iv_info));

	KUNIT_EXPECT_EQ(test, tls13_hkdf_label(info, sizeof(info), HLEN,
					       "finished", NULL, 0),
			(int)sizeof(s3_s_finished_info));
	KUNIT_EXPECT_MEMEQ(test, info, s3_s_finished_info,
			   sizeof(s3_s_finished_info));
}

/* Section 3: early, handshake and master secrets and all their children */
static void rfc8448_s3_key_schedule(struct kunit *test)
{
	struct tls13_ks *ks = tls13_test_ks(test, &tls13_sha256);
	u8 th[HLEN], out[HLEN], res_master[HLEN];

	KUNIT_ASSERT_EQ(test, tls13_ks_early(ks, NULL, 0), 0);
	expect_value(test, "early secret", ks->secret, s3_early_secret, HLEN);
	expect_derive(test, ks, "derived", NULL, s3_hs_derived, out);

	KUNIT_ASSERT_EQ(test, tls13_ks_handshake(ks, s3_dhe, sizeof(s3_dhe)),
			0);
	expect_value(test, "handshake secret", ks->secret, s3_hs_secret, HLEN);
	add(test, ks, s3_client_hello, sizeof(s3_client_hello));
	add(test, ks, s3_server_hello, sizeof(s3_server_hello));
	expect_transcript(test, ks, s3_hash_ch_sh, th);
	expect_value(test, "Hash(CH..SH)", th, s3_hash_ch_sh, HLEN);
	expect_derive(test, ks, "c hs traffic", th, s3_c_hs_traffic, out);
	expect_derive(test, ks, "s hs traffic", th, s3_s_hs_traffic, out);
	expect_derive(test, ks, "derived", NULL, s3_master_derived, out);

	KUNIT_ASSERT_EQ(test, tls13_ks_master(ks), 0);
	expect_value(test, "master secret", ks->secret, s3_master_secret, HLEN);
	add(test, ks, s3_encrypted_extensions, sizeof(s3_encrypted_extensions));
	add(test, ks, s3_certificate, sizeof(s3_certificate));
	add(test, ks, s3_certificate_verify, sizeof(s3_certificate_verify));
	add(test, ks, s3_s_finished, sizeof(s3_s_finished));
	expect_transcript(test, ks, s3_hash_ch_sfin, th);
	expect_derive(test, ks, "c ap traffic", th, s3_c_ap_traffic, out);
	expect_derive(test, ks, "s ap traffic", th, s3_s_ap_traffic, out);
	expect_derive(test, ks, "exp master", th, s3_exp_master, out);

	add(test, ks, s3_c_finished, sizeof(s3_c_finished));
	expect_transcript(test, ks, s3_hash_ch_cfin, th);
	expect_derive(test, ks, "res master", th, s3_res_master, res_master);

	/* the first ticket's nonce is the trace's two-byte "hash" 00 00 */
	/* the ticket's PSK (section 4.6.1) */
	KUNIT_ASSERT_EQ(test, tls13_hkdf_expand_label(ks, res_master,
						      "resumption",
						      s3_ticket_nonce,
						      sizeof(s3_ticket_nonce),
						      out, HLEN), 0);
	expect_value(test, "resumption PSK", out, s3_resumption_psk, HLEN);
	/*
	 * ... and that nonce is the one in the server's NewSessionTicket:
	 * header(4) lifetime(4) age_add(4) nonce<0..255>
	 */
	KUNIT_EXPECT_EQ(test, s3_new_session_ticket[12],
			sizeof(s3_ticket_nonce));
	KUNIT_EXPECT_MEMEQ(test, s3_new_session_ticket + 13, s3_ticket_nonce,
			   sizeof(s3_ticket_nonce));
}

/* Section 3: both Finished messages */
static void rfc8448_s3_finished(struct kunit *test)
{
	struct tls13_ks *ks = tls13_test_ks(test, &tls13_sha256);
	static const u8 fin_hdr[] = { 0x14, 0x00, 0x00, HLEN };
	u8 th[HLEN], out[HLEN];

	KUNIT_ASSERT_EQ(test, tls13_hkdf_expand_label(ks, s3_s_hs_traffic,
						      "finished", NULL, 0, out,
						      HLEN), 0);
	KUNIT_EXPECT_MEMEQ(test, out, s3_s_finished_key, HLEN);
	KUNIT_ASSERT_EQ(test, tls13_hkdf_expand_label(ks, s3_c_hs_traffic,
						      "finished", NULL, 0, out,
						      HLEN), 0);
	KUNIT_EXPECT_MEMEQ(test, out, s3_c_finished_key, HLEN);

	add(test, ks, s3_client_hello, sizeof(s3_client_hello));
	add(test, ks, s3_server_hello, sizeof(s3_server_hello));
	add(test, ks, s3_encrypted_extensions, sizeof(s3_encrypted_extensions));
	add(test, ks, s3_certificate, sizeof(s3_certificate));
	add(test, ks, s3_certificate_verify, sizeof(s3_certificate_verify));
	KUNIT_ASSERT_EQ(test, tls13_transcript_hash(ks, th), 0);
	KUNIT_ASSERT_EQ(test, tls13_finished_mac(ks, s3_s_hs_traffic, th, out),
			0);
	expect_value(test, "server verify_data", out, s3_s_verify_data, HLEN);
	KUNIT_EXPECT_MEMEQ(test, s3_s_finished, fin_hdr, sizeof(fin_hdr));
	KUNIT_EXPECT_MEMEQ(test, s3_s_finished + 4, out, HLEN);

	add(test, ks, s3_s_finished, sizeof(s3_s_finished));
	KUNIT_ASSERT_EQ(test, tls13_transcript_hash(ks, th), 0);
	KUNIT_ASSERT_EQ(test, tls13_finished_mac(ks, s3_c_hs_traffic, th, out),
			0);
	expect_value(test, "client verify_data", out, s3_c_verify_data, HLEN);
	KUNIT_EXPECT_MEMEQ(test, s3_c_finished + 4, out, HLEN);
}

struct traffic_vec {
	const char *name;
	const u8 *secret, *key, *iv;
};

static const struct traffic_vec traffic_vecs[] = {
	{ "s3 server handshake", s3_s_hs_traffic, s3_s_hs_key, s3_s_hs_iv },
	{ "s3 client handshake", s3_c_hs_traffic, s3_c_hs_key, s3_c_hs_iv },
	{ "s3 server application", s3_s_ap_traffic, s3_s_ap_key, s3_s_ap_iv },
	{ "s3 client application", s3_c_ap_traffic, s3_c_ap_key, s3_c_ap_iv },
	{ "s4 client early", s4_c_e_traffic, s4_c_e_key, s4_c_e_iv },
	{ "s4 server handshake", s4_s_hs_traffic, s4_s_hs_key, s4_s_hs_iv },
	{ "s4 client handshake", s4_c_hs_traffic, s4_c_hs_key, s4_c_hs_iv },
	{ "s4 server application", s4_s_ap_traffic, s4_s_ap_key, s4_s_ap_iv },
	{ "s4 client application", s4_c_ap_traffic, s4_c_ap_key, s4_c_ap_iv },
	{ "s5 server handshake", s5_s_hs_traffic, s5_s_hs_key, s5_s_hs_iv },
	{ "s5 client handshake", s5_c_hs_traffic, s5_c_hs_key, s5_c_hs_iv },
};

static void traffic_vec_desc(const struct traffic_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(traffic_vec, traffic_vecs, traffic_vec_desc);

/* Sections 3-5: [sender]_write_key and _iv of every traffic secret */
static void rfc8448_traffic_keys(struct kunit *test)
{
	const struct traffic_vec *v = test->param_value;
	const struct tls13_suite *suite =
		tls13_suite_find(TLS13_AES_128_GCM_SHA256);
	struct tls13_ks *ks = tls13_test_ks(test, &tls13_sha256);
	u8 key[TLS13_MAX_KEY_LEN], iv[TLS13_AEAD_NONCE_LEN];

	KUNIT_ASSERT_EQ(test, tls13_traffic_keys(ks, suite, v->secret, key,
						 iv), 0);
	expect_value(test, "key", key, v->key, 16);
	expect_value(test, "iv", iv, v->iv, sizeof(iv));
}

/* Section 3: the two plaintext records */
static void rfc8448_s3_plaintext_records(struct kunit *test)
{
	size_t size = TLS13_RECORD_HEADER_LEN + sizeof(s3_client_hello);
	u8 *buf = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf + TLS13_RECORD_HEADER_LEN, s3_client_hello,
	       sizeof(s3_client_hello));
	KUNIT_ASSERT_EQ(test, tls13_rec_frame(TLS13_CT_HANDSHAKE, 0x0301, buf,
					      size, sizeof(s3_client_hello)),
			(int)sizeof(s3_client_hello_record));
	KUNIT_EXPECT_MEMEQ(test, buf, s3_client_hello_record,
			   sizeof(s3_client_hello_record));

	memcpy(buf + TLS13_RECORD_HEADER_LEN, s3_server_hello,
	       sizeof(s3_server_hello));
	KUNIT_ASSERT_EQ(test, tls13_rec_frame(TLS13_CT_HANDSHAKE,
					      TLS13_LEGACY_RECORD_VERSION, buf,
					      size, sizeof(s3_server_hello)),
			(int)sizeof(s3_server_hello_record));
	KUNIT_EXPECT_MEMEQ(test, buf, s3_server_hello_record,
			   sizeof(s3_server_hello_record));
}

struct record_vec {
	const char *name;
	const u8 *key, *iv;
	u64 seq;
	u8 type;
	const u8 *payload, *record;
	size_t payload_len, record_len;
};

#define REC(n, k, i, s, t, p, r) {					\
	.name = n, .key = k, .iv = i, .seq = s, .type = t,		\
	.payload = p, .payload_len = sizeof(p),				\
	.record = r, .record_len = sizeof(r) }

static const struct record_vec record_vecs[] = {
	REC("s3 server handshake", s3_s_hs_key, s3_s_hs_iv, 0,
	    TLS13_CT_HANDSHAKE, s3_s_hs_payload, s3_s_hs_record),
	REC("s3 client finished", s3_c_hs_key, s3_c_hs_iv, 0,
	    TLS13_CT_HANDSHAKE, s3_c_finished, s3_c_hs_record),
	REC("s3 new session ticket", s3_s_ap_key, s3_s_ap_iv, 0,
	    TLS13_CT_HANDSHAKE, s3_new_session_ticket, s3_s_nst_record),
	REC("s3 client data", s3_c_ap_key, s3_c_ap_iv, 0,
	    TLS13_CT_APPLICATION_DATA, s3_c_app_payload, s3_c_app_record),
	REC("s3 server data", s3_s_ap_key, s3_s_ap_iv, 1,
	    TLS13_CT_APPLICATION_DATA, s3_c_app_payload, s3_s_app_record),
	REC("s3 client alert", s3_c_ap_key, s3_c_ap_iv, 1,
	    TLS13_CT_ALERT, s3_alert_payload, s3_c_alert_record),
	REC("s3 server alert", s3_s_ap_key, s3_s_ap_iv, 2,
	    TLS13_CT_ALERT, s3_alert_payload, s3_s_alert_record),
	REC("s4 early data", s4_c_e_key, s4_c_e_iv, 0,
	    TLS13_CT_APPLICATION_DATA, s4_early_payload, s4_early_record),
	REC("s4 server handshake", s4_s_hs_key, s4_s_hs_iv, 0,
	    TLS13_CT_HANDSHAKE, s4_s_hs_payload, s4_s_hs_record),
	REC("s4 end of early data", s4_c_e_key, s4_c_e_iv, 1,
	    TLS13_CT_HANDSHAKE, s4_end_of_early_data, s4_eoed_record),
	REC("s4 client finished", s4_c_hs_key, s4_c_hs_iv, 0,
	    TLS13_CT_HANDSHAKE, s4_c_finished, s4_c_hs_record),
	REC("s4 client data", s4_c_ap_key, s4_c_ap_iv, 0,
	    TLS13_CT_APPLICATION_DATA, s3_c_app_payload, s4_c_app_record),
	REC("s4 server data", s4_s_ap_key, s4_s_ap_iv, 0,
	    TLS13_CT_APPLICATION_DATA, s3_c_app_payload, s4_s_app_record),
	REC("s5 server handshake", s5_s_hs_key, s5_s_hs_iv, 0,
	    TLS13_CT_HANDSHAKE, s5_s_hs_payload, s5_s_hs_record),
	REC("s5 client finished", s5_c_hs_key, s5_c_hs_iv, 0,
	    TLS13_CT_HANDSHAKE, s5_c_finished, s5_c_hs_record),
};

static void record_vec_desc(const struct record_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(record_vec, record_vecs, record_vec_desc);

/* Sections 3-5: every protected record, sealed */
static void rfc8448_record_seal(struct kunit *test)
{
	const struct record_vec *v = test->param_value;

	tls13_test_seal(test, TLS13_AES_128_GCM_SHA256, v->key, v->iv, v->seq,
			v->type, v->payload, v->payload_len, 0, v->record,
			v->record_len);
}

/* Sections 3-5: every protected record, opened */
static void rfc8448_record_open(struct kunit *test)
{
	const struct record_vec *v = test->param_value;

	tls13_test_open(test, TLS13_AES_128_GCM_SHA256, v->key, v->iv, v->seq,
			v->type, v->payload, v->payload_len, v->record,
			v->record_len);
}

/* Section 4: PSK early secret, binder, early traffic, and the rest */
static void rfc8448_s4_psk_key_schedule(struct kunit *test)
{
	struct tls13_ks *ks = tls13_test_ks(test, &tls13_sha256);
	size_t prefix = sizeof(s4_ch_prefix);
	u8 th[HLEN], out[HLEN], binder_key[HLEN];

	/*
	 * The PSK is the ticket of section 3: the trace prints the same bytes,
	 * so the generated header aliases s4_psk to s3_resumption_psk, which
	 * rfc8448_s3_key_schedule derives.
	 */
	KUNIT_ASSERT_EQ(test, tls13_ks_early(ks, s4_psk, sizeof(s4_psk)), 0);
	KUNIT_EXPECT_MEMEQ(test, ks->secret, s4_early_secret, HLEN);
	expect_derive(test, ks, "res binder", NULL, s4_binder_key, binder_key);

	/* the binder covers the ClientHello up to the binders list */
	KUNIT_ASSERT_EQ(test, sizeof(s4_client_hello), prefix + 2 + 1 + HLEN);
	KUNIT_EXPECT_MEMEQ(test, s4_client_hello, s4_ch_prefix, prefix);
	KUNIT_ASSERT_EQ(test, tls13_hash(ks, s4_client_hello, prefix, th), 0);
	KUNIT_EXPECT_MEMEQ(test, th, s4_binder_hash, HLEN);
	KUNIT_ASSERT_EQ(test, tls13_hkdf_expand_label(ks, binder_key,
						      "finished", NULL, 0, out,
						      HLEN), 0);
	KUNIT_EXPECT_MEMEQ(test, out, s4_binder_finished_key, HLEN);
	KUNIT_ASSERT_EQ(test, tls13_finished_mac(ks, binder_key, th, out), 0);
	KUNIT_EXPECT_MEMEQ(test, out, s4_binder, HLEN);
	KUNIT_EXPECT_MEMEQ(test, s4_client_hello + prefix + 3, out, HLEN);

	add(test, ks, s4_client_hello, sizeof(s4_client_hello));
	expect_transcript(test, ks, s4_hash_ch, th);
	expect_derive(test, ks, "c e traffic", th, s4_c_e_traffic, out);
	expect_derive(test, ks, "e exp master", th, s4_e_exp_master, out);

	KUNIT_ASSERT_EQ(test, tls13_ks_handshake(ks, s4_dhe, sizeof(s4_dhe)),
			0);
	KUNIT_EXPECT_MEMEQ(test, ks->secret, s4_hs_secret, HLEN);
	add(test, ks, s4_server_hello, sizeof(s4_server_hello));
	expect_transcript(test, ks, s4_hash_ch_sh, th);
	expect_derive(test, ks, "c hs traffic", th, s4_c_hs_traffic, out);
	expect_derive(test, ks, "s hs traffic", th, s4_s_hs_traffic, out);

	KUNIT_ASSERT_EQ(test, tls13_ks_master(ks), 0);
	KUNIT_EXPECT_MEMEQ(test, ks->secret, s4_master_secret, HLEN);
	add(test, ks, s4_encrypted_extensions, sizeof(s4_encrypted_extensions));
	add(test, ks, s4_s_finished, sizeof(s4_s_finished));
	KUNIT_ASSERT_EQ(test, tls13_transcript_hash(ks, th), 0);
	expect_derive(test, ks, "c ap traffic", th, s4_c_ap_traffic, out);
	expect_derive(test, ks, "s ap traffic", th, s4_s_ap_traffic, out);
	expect_derive(test, ks, "exp master", th, s4_exp_master, out);

	add(test, ks, s4_end_of_early_data, sizeof(s4_end_of_early_data));
	add(test, ks, s4_c_finished, sizeof(s4_c_finished));
	expect_transcript(test, ks, s4_hash_ch_cfin, th);
	expect_derive(test, ks, "res master", th, s4_res_master, out);
}

/* Section 5: the transcript restarts with message_hash after HRR */
static void rfc8448_s5_hrr_key_schedule(struct kunit *test)
{
	struct tls13_ks *ks = tls13_test_ks(test, &tls13_sha256);
	u8 th[HLEN], out[HLEN], c_hs[HLEN], s_hs[HLEN];

	KUNIT_ASSERT_EQ(test, tls13_ks_early(ks, NULL, 0), 0);
	KUNIT_EXPECT_MEMEQ(test, ks->secret, s3_early_secret, HLEN);

	add(test, ks, s5_client_hello1, sizeof(s5_client_hello1));
	KUNIT_ASSERT_EQ(test, tls13_transcript_restart_hrr(ks), 0);
	add(test, ks, s5_hello_retry_request, sizeof(s5_hello_retry_request));
	add(test, ks, s5_client_hello2, sizeof(s5_client_hello2));
	add(test, ks, s5_server_hello, sizeof(s5_server_hello));
	expect_transcript(test, ks, s5_hash_ch_sh, th);

	KUNIT_ASSERT_EQ(test, tls13_ks_handshake(ks, s5_dhe, sizeof(s5_dhe)),
			0);
	KUNIT_EXPECT_MEMEQ(test, ks->secret, s5_hs_secret, HLEN);
	expect_derive(test, ks, "c hs traffic", th, s5_c_hs_traffic, c_hs);
	expect_derive(test, ks, "s hs traffic", th, s5_s_hs_traffic, s_hs);

	KUNIT_ASSERT_EQ(test, tls13_ks_master(ks), 0);
	KUNIT_EXPECT_MEMEQ(test, ks->secret, s5_master_secret, HLEN);
	add(test, ks, s5_encrypted_extensions, sizeof(s5_encrypted_extensions));
	add(test, ks, s5_certificate, sizeof(s5_certificate));
	add(test, ks, s5_certificate_verify, sizeof(s5_certificate_verify));
	KUNIT_ASSERT_EQ(test, tls13_transcript_hash(ks, th), 0);
	KUNIT_ASSERT_EQ(test, tls13_finished_mac(ks, s_hs, th, out), 0);
	KUNIT_EXPECT_MEMEQ(test, out, s5_s_verify_data, HLEN);
	KUNIT_EXPECT_MEMEQ(test, s5_s_finished + 4, out, HLEN);

	add(test, ks, s5_s_finished, sizeof(s5_s_finished));
	expect_transcript(test, ks, s5_hash_ch_sfin, th);
	expect_derive(test, ks, "c ap traffic", th, s5_c_ap_traffic, out);
	expect_derive(test, ks, "s ap traffic", th, s5_s_ap_traffic, out);
	KUNIT_ASSERT_EQ(test, tls13_finished_mac(ks, c_hs, th, out), 0);
	KUNIT_EXPECT_MEMEQ(test, out, s5_c_verify_data, HLEN);
	KUNIT_EXPECT_MEMEQ(test, s5_c_finished + 4, out, HLEN);

	add(test, ks, s5_c_finished, sizeof(s5_c_finished));
	expect_transcript(test, ks, s5_hash_ch_cfin, th);
	expect_derive(test, ks, "res master", th, s5_res_master, out);
}

/* Skip a ClientHello or ServerHello up to its extensions block. */
static void skip_hello_fields(struct tls13_reader *r, bool client)
{
	struct tls13_reader skip;
	const u8 *p;
	u8 b;

	tls13_read_bytes(r, TLS13_HS_HEADER_LEN + 2 + 32, &p);
	tls13_read_vec(r, 1, 0, 32, &skip);		/* legacy_session_id */
	if (client) {
		tls13_read_vec(r, 2, 2, 0xfffe, &skip);	/* cipher_suites */
		tls13_read_vec(r, 1, 1, 255, &skip);	/* compression */
	} else {
		tls13_read_bytes(r, 2, &p);		/* cipher_suite */
		tls13_read_u8(r, &b);			/* compression */
	}
}

static u32 parse_block(struct kunit *test, struct tls13_reader *r,
		       enum tls13_ext_msg msg, u32 offered)
{
	struct tls13_exts exts;

	KUNIT_ASSERT_TRUE(test, tls13_ext_parse(r, msg, offered, &exts));
	KUNIT_EXPECT_TRUE(test, tls13_reader_done(r));
	return exts.present;
}

/* Sections 3 and 4: the extension blocks of real messages */
static void rfc8448_extension_blocks(struct kunit *test)
{
	struct tls13_exts exts;
	struct tls13_reader r;
	u32 ch, present;

	/*
	 * Section 3 ClientHello: renegotiation_info (ff01) and session_ticket
	 * (0023) are not TLS 1.3's and are ignored.
	 */
	tls13_reader_init(&r, s3_client_hello, sizeof(s3_client_hello));
	skip_hello_fields(&r, true);
	ch = parse_block(test, &r, TLS13_MSG_CH, 0);
	KUNIT_EXPECT_EQ(test, ch, BIT(TLS13_X_SERVER_NAME) |
			BIT(TLS13_X_SUPPORTED_GROUPS) | BIT(TLS13_X_KEY_SHARE) |
			BIT(TLS13_X_SUPPORTED_VERSIONS) |
			BIT(TLS13_X_SIGNATURE_ALGORITHMS) |
			BIT(TLS13_X_PSK_KEY_EXCHANGE_MODES) |
			BIT(TLS13_X_RECORD_SIZE_LIMIT));

	/* ServerHello and EncryptedExtensions answer that ClientHello */
	tls13_reader_init(&r, s3_server_hello, sizeof(s3_server_hello));
	skip_hello_fields(&r, false);
	present = parse_block(test, &r, TLS13_MSG_SH, ch);
	KUNIT_EXPECT_EQ(test, present, BIT(TLS13_X_KEY_SHARE) |
			BIT(TLS13_X_SUPPORTED_VERSIONS));

	tls13_reader_init(&r, s3_encrypted_extensions + TLS13_HS_HEADER_LEN,
			  sizeof(s3_encrypted_extensions) - TLS13_HS_HEADER_LEN);
	present = parse_block(test, &r, TLS13_MSG_EE, ch);
	KUNIT_EXPECT_EQ(test, present, BIT(TLS13_X_SUPPORTED_GROUPS) |
			BIT(TLS13_X_RECORD_SIZE_LIMIT) |
			BIT(TLS13_X_SERVER_NAME));

	/* ... but not one that never offered record_size_limit */
	tls13_reader_init(&r, s3_encrypted_extensions + TLS13_HS_HEADER_LEN,
			  sizeof(s3_encrypted_extensions) - TLS13_HS_HEADER_LEN);
	ch &= ~BIT(TLS13_X_RECORD_SIZE_LIMIT);
	KUNIT_EXPECT_FALSE(test, tls13_ext_parse(&r, TLS13_MSG_EE, ch, &exts));
	KUNIT_EXPECT_EQ(test, r.alert, TLS13_ALERT_UNSUPPORTED_EXTENSION);

	/* Section 4 ClientHello: early_data, and pre_shared_key last */
	tls13_reader_init(&r, s4_client_hello, sizeof(s4_client_hello));
	skip_hello_fields(&r, true);
	ch = parse_block(test, &r, TLS13_MSG_CH, 0);
	KUNIT_EXPECT_TRUE(test, ch & BIT(TLS13_X_EARLY_DATA));
	KUNIT_EXPECT_TRUE(test, ch & BIT(TLS13_X_PRE_SHARED_KEY));
}

/*
 * The server's Certificate and CertificateVerify of section 3 parse, and
 * our encoders rebuild them byte for byte from what was parsed.
 */
static void rfc8448_s3_certificate_messages(struct kunit *test)
{
	size_t hl = TLS13_HS_HEADER_LEN;
	struct tls13_certificate ct;
	struct tls13_cert_verify cv;
	struct tls13_reader list;
	struct tls13_writer w;
	const u8 *der;
	u32 der_len;
	u8 *out = kunit_kmalloc(test, 1024, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_EQ(test, tls13_parse_certificate(s3_certificate + hl,
						      sizeof(s3_certificate) - hl,
						      0, &ct), 0);
	KUNIT_EXPECT_EQ(test, ct.count, 1);
	KUNIT_EXPECT_EQ(test, ct.context_len, 0);
	tls13_reader_init(&list, ct.list, ct.list_len);
	KUNIT_ASSERT_TRUE(test, tls13_cert_next(&list, &der, &der_len));
	KUNIT_EXPECT_EQ(test, der[0], 0x30);	/* a DER SEQUENCE */
	KUNIT_EXPECT_EQ(test, der_len, 0x1b0);
	tls13_writer_init(&w, out, 1024);
	KUNIT_ASSERT_TRUE(test, tls13_put_certificate(&w, NULL, 0, &der,
						      &der_len, 1));
	KUNIT_EXPECT_EQ(test, w.len, sizeof(s3_certificate));
	KUNIT_EXPECT_MEMEQ(test, out, s3_certificate, sizeof(s3_certificate));

	KUNIT_ASSERT_EQ(test, tls13_parse_cert_verify(s3_certificate_verify + hl,
						      sizeof(s3_certificate_verify) - hl,
						      &cv), 0);
	KUNIT_EXPECT_EQ(test, cv.scheme, 0x0804);	/* rsa_pss_rsae_sha256 */
	KUNIT_EXPECT_EQ(test, cv.sig_len, 128);
	tls13_writer_init(&w, out, 1024);
	KUNIT_ASSERT_TRUE(test, tls13_put_cert_verify(&w, cv.scheme, cv.sig,
						      cv.sig_len));
	KUNIT_EXPECT_EQ(test, w.len, sizeof(s3_certificate_verify));
	KUNIT_EXPECT_MEMEQ(test, out, s3_certificate_verify,
			   sizeof(s3_certificate_verify));
}

static struct kunit_case rfc8448_test_cases[] = {
	KUNIT_CASE_PARAM(rfc8448_key_exchange, kex_vec_gen_params),
	KUNIT_CASE(rfc8448_s3_hkdf_labels),
	KUNIT_CASE(rfc8448_s3_key_schedule),
	KUNIT_CASE(rfc8448_s3_finished),
	KUNIT_CASE_PARAM(rfc8448_traffic_keys, traffic_vec_gen_params),
	KUNIT_CASE(rfc8448_s3_plaintext_records),
	KUNIT_CASE_PARAM(rfc8448_record_seal, record_vec_gen_params),
	KUNIT_CASE_PARAM(rfc8448_record_open, record_vec_gen_params),
	KUNIT_CASE(rfc8448_extension_blocks),
	KUNIT_CASE(rfc8448_s3_certificate_messages),
	KUNIT_CASE(rfc8448_s4_psk_key_schedule),
	KUNIT_CASE(rfc8448_s5_hrr_key_schedule),
	{}
};

static struct kunit_suite rfc8448_test_suite = {
	.name = "tls13_rfc8448",
	.test_cases = rfc8448_test_cases,
};

kunit_test_suite(rfc8448_test_suite);
