// SPDX-License-Identifier: GPL-2.0-only
/*
 * The client side of the handshake (RFC 8446 appendix A.1): ClientHello,
 * at most one HelloRetryRequest, ServerHello, EncryptedExtensions, then
 * Finished with external PSKs, or with certificates (cfg.cert) an
 * optional CertificateRequest, the server's Certificate and
 * CertificateVerify before its Finished, and our Certificate (and
 * CertificateVerify) before ours when asked. Compatibility mode (appendix
 * D.4): a legacy_session_id and one change_cipher_spec before the second
 * flight.
 */

#include <linux/slab.h>
#include <linux/string.h>

#include "hs_int.h"
#include "sig.h"

static bool suite_offered(const struct tls13_hs *hs, u16 id)
{
	unsigned int i;

	for (i = 0; i < hs->cfg.n_suites; i++)
		if (hs->cfg.suites[i] == id)
			return true;
	return false;
}

static bool group_offered(const struct tls13_hs *hs, u16 id)
{
	unsigned int i;

	for (i = 0; i < hs->cfg.n_groups; i++)
		if (hs->cfg.groups[i] == id)
			return true;
	return false;
}

static bool dhe_offered(const struct tls13_hs *hs)
{
	return hs->cfg.cert || (hs->cfg.psk_modes & BIT(TLS13_PSK_DHE_KE));
}

static void put_ext_u16_list(struct tls13_writer *w, u16 type,
			     unsigned int len_bytes, const u16 *v,
			     unsigned int n)
{
	struct tls13_vec_mark ext, list;
	unsigned int i;

	tls13_put_ext_begin(w, type, &ext);
	tls13_put_vec_begin(w, len_bytes, &list);
	for (i = 0; i < n; i++)
		tls13_put_u16(w, v[i]);
	tls13_put_vec_end(w, &list, U16_MAX);
	tls13_put_vec_end(w, &ext, U16_MAX);
}

/*
 * Encode a ClientHello into hs->msg with room for the binders; their
 * offsets go to @binder_at, and @trunc_len is where the binders vector
 * starts (section 4.2.11.2). The PSKs offered are those in hs->psk_map.
 */
static int build_client_hello(struct tls13_hs *hs, size_t *len,
			      size_t *trunc_len, size_t *binder_at)
{
	static const u8 zero[TLS13_MAX_HASH_LEN];
	static const u16 tls13 = TLS13_VERSION;
	struct tls13_vec_mark msg, v, exts, ext, list, entry;
	u16 schemes[TLS13_MAX_SIGSCHEMES];
	const struct tls13_psk *psk;
	struct tls13_writer w;
	unsigned int i, n;

	tls13_writer_init(&w, hs->msg, hs->msg_size);
	tls13_put_hs_begin(&w, TLS13_HS_CLIENT_HELLO, &msg);
	tls13_put_u16(&w, TLS13_LEGACY_RECORD_VERSION);
	tls13_put_bytes(&w, hs->random, TLS13_RANDOM_LEN);
	tls13_put_vec_begin(&w, 1, &v);
	tls13_put_bytes(&w, hs->session_id, hs->session_id_len);
	tls13_put_vec_end(&w, &v, TLS13_MAX_SESSION_ID_LEN);
	tls13_put_vec_begin(&w, 2, &v);
	for (i = 0; i < hs->cfg.n_suites; i++)
		tls13_put_u16(&w, hs->cfg.suites[i]);
	tls13_put_vec_end(&w, &v, U16_MAX);
	tls13_put_u8(&w, 1);		/* legacy_compression_methods: null */
	tls13_put_u8(&w, 0);

	tls13_put_vec_begin(&w, 2, &exts);
	hs->offered = BIT(TLS13_X_SUPPORTED_VERSIONS);
	put_ext_u16_list(&w, TLS13_EXT_SUPPORTED_VERSIONS, 1, &tls13, 1);
	if (dhe_offered(hs)) {
		hs->offered |= BIT(TLS13_X_SUPPORTED_GROUPS) |
			       BIT(TLS13_X_KEY_SHARE);
		put_ext_u16_list(&w, TLS13_EXT_SUPPORTED_GROUPS, 2,
				 hs->cfg.groups, hs->cfg.n_groups);
		tls13_put_ext_begin(&w, TLS13_EXT_KEY_SHARE, &ext);
		tls13_put_vec_begin(&w, 2, &list);
		tls13_put_u16(&w, hs->kex.group->id);
		tls13_put_vec_begin(&w, 2, &entry);
		tls13_put_bytes(&w, hs->kex.share, hs->kex.group->share_len);
		tls13_put_vec_end(&w, &entry, U16_MAX);
		tls13_put_vec_end(&w, &list, U16_MAX);
		tls13_put_vec_end(&w, &ext, U16_MAX);
	}
	if (hs->cfg.cert) {
		hs->offered |= BIT(TLS13_X_SIGNATURE_ALGORITHMS) |
			       BIT(TLS13_X_SIGNATURE_ALGORITHMS_CERT);
		/* what we take in CertificateVerify, and in certificates */
		n = tls13_sigschemes(TLS13_SIG_CV, schemes);
		put_ext_u16_list(&w, TLS13_EXT_SIGNATURE_ALGORITHMS, 2,
				 schemes, n);
		n = tls13_sigschemes(TLS13_SIG_CERT, schemes);
		put_ext_u16_list(&w, TLS13_EXT_SIGNATURE_ALGORITHMS_CERT, 2,
				 schemes, n);
	} else {
		hs->offered |= BIT(TLS13_X_PSK_KEY_EXCHANGE_MODES) |
			       BIT(TLS13_X_PRE_SHARED_KEY);
		tls13_put_ext_begin(&w, TLS13_EXT_PSK_KEY_EXCHANGE_MODES, &ext);
		tls13_put_vec_begin(&w, 1, &list);
		if (dhe_offered(hs))
			tls13_put_u8(&w, TLS13_PSK_DHE_KE);
		if (hs->cfg.psk_modes & BIT(TLS13_PSK_KE))
			tls13_put_u8(&w, TLS13_PSK_KE);
		tls13_put_vec_end(&w, &list, U8_MAX);
		tls13_put_vec_end(&w, &ext, U16_MAX);
	}
	if (hs->cfg.server_name) {
		hs->offered |= BIT(TLS13_X_SERVER_NAME);
		tls13_put_server_name(&w, hs->cfg.server_name,
				      strlen(hs->cfg.server_name));
	}
	if (hs->cfg.alpn_len) {
		hs->offered |= BIT(TLS13_X_ALPN);
		tls13_put_alpn(&w, hs->cfg.alpn, hs->cfg.alpn_len);
	}
	if (hs->cookie_len) {
		hs->offered |= BIT(TLS13_X_COOKIE);
		tls13_put_ext_begin(&w, TLS13_EXT_COOKIE, &ext);
		tls13_put_vec_begin(&w, 2, &v);
		tls13_put_bytes(&w, hs->cookie, hs->cookie_len);
		tls13_put_vec_end(&w, &v, U16_MAX);
		tls13_put_vec_end(&w, &ext, U16_MAX);
	}

	*trunc_len = 0;
	if (hs->cfg.cert)
		goto done;
	/* pre_shared_key: last (section 4.2.11) */
	tls13_put_ext_begin(&w, TLS13_EXT_PRE_SHARED_KEY, &ext);
	tls13_put_vec_begin(&w, 2, &list);
	for (i = 0; i < hs->n_offered; i++) {
		psk = &hs->cfg.psks[hs->psk_map[i]];
		tls13_put_vec_begin(&w, 2, &entry);
		tls13_put_bytes(&w, psk->id, psk->id_len);
		tls13_put_vec_end(&w, &entry, U16_MAX);
		tls13_put_u32(&w, 0);	/* obfuscated_ticket_age: external */
	}
	tls13_put_vec_end(&w, &list, U16_MAX);
	*trunc_len = w.len;
	tls13_put_vec_begin(&w, 2, &list);
	for (i = 0; i < hs->n_offered; i++) {
		psk = &hs->cfg.psks[hs->psk_map[i]];
		tls13_put_u8(&w, psk->hash->len);
		binder_at[i] = w.len;
		tls13_put_bytes(&w, zero, psk->hash->len);	/* filled later */
	}
	tls13_put_vec_end(&w, &list, U16_MAX);
	tls13_put_vec_end(&w, &ext, U16_MAX);
done:
	tls13_put_vec_end(&w, &exts, U16_MAX);
	tls13_put_vec_end(&w, &msg, (1 << 24) - 1);
	if (w.alert)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, -ENOSPC);
	*len = w.len;
	return 0;
}

/*
 * Fill in the binders. Before the suite is known each PSK gets a key
 * schedule of its own hash over an empty transcript; after a
 * HelloRetryRequest hs->ks holds message_hash and the HRR.
 */
static int sign_client_hello(struct tls13_hs *hs, size_t trunc_len,
			     const size_t *binder_at)
{
	const struct tls13_psk *psk;
	struct tls13_ks tmp;
	unsigned int i;
	int err = 0;

	for (i = 0; i < hs->n_offered && !err; i++) {
		psk = &hs->cfg.psks[hs->psk_map[i]];
		if (hs->ks_ready) {
			err = tls13_hs_binder(&hs->ks, psk, hs->msg, trunc_len,
					      hs->msg + binder_at[i]);
			continue;
		}
		err = tls13_ks_init(&tmp, psk->hash);
		if (err)
			break;
		err = tls13_hs_binder(&tmp, psk, hs->msg, trunc_len,
				      hs->msg + binder_at[i]);
		tls13_ks_free(&tmp);
	}
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	return 0;
}

static int send_client_hello(struct tls13_hs *hs)
{
	size_t len, trunc_len, binder_at[TLS13_MAX_PSKS];
	int err;

	err = build_client_hello(hs, &len, &trunc_len, binder_at);
	if (!err)
		err = sign_client_hello(hs, trunc_len, binder_at);
	if (err)
		return err;
	if (hs->ks_ready)
		return tls13_hs_send(hs, hs->msg, len, true);
	/* the transcript starts once the server picks the hash */
	hs->ch1 = kmemdup(hs->msg, len, GFP_KERNEL);
	if (!hs->ch1)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, -ENOMEM);
	hs->ch1_len = len;
	return tls13_hs_send(hs, hs->msg, len, false);
}

/* Offer the PSKs usable with @hash (any hash: NULL) */
static int pick_psks(struct tls13_hs *hs, const struct tls13_hash_alg *hash)
{
	unsigned int i;

	hs->n_offered = 0;
	for (i = 0; i < hs->cfg.n_psks && hs->n_offered < TLS13_MAX_PSKS; i++)
		if (!hash || hs->cfg.psks[i].hash == hash)
			hs->psk_map[hs->n_offered++] = i;
	if (!hs->n_offered)
		return tls13_hs_fail(hs, TLS13_ALERT_HANDSHAKE_FAILURE,
				     -ENOKEY);
	return 0;
}

static int new_key_share(struct tls13_hs *hs, u16 group)
{
	int err;

	if (hs->kex_ready) {
		tls13_kex_free(&hs->kex);
		hs->kex_ready = false;
	}
	err = tls13_kex_init(&hs->kex, group, hs->cfg.kex_priv);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	hs->kex_ready = true;
	return 0;
}

/**
 * tls13_client_start - queue the first ClientHello
 * @hs: a client handshake in TLS13_ST_START
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_client_start(struct tls13_hs *hs)
{
	int err;

	if (!hs->cfg.n_suites || (!hs->cfg.cert && !hs->cfg.psk_modes) ||
	    (dhe_offered(hs) && !hs->cfg.n_groups))
		return tls13_hs_fail(hs, 0, -EINVAL);
	err = hs->cfg.cert ? 0 : pick_psks(hs, NULL);
	if (!err && dhe_offered(hs))
		err = new_key_share(hs, hs->cfg.groups[0]);
	if (err)
		return err;
	tls13_hs_random(hs->cfg.random, hs->random, TLS13_RANDOM_LEN);
	hs->session_id_len = TLS13_MAX_SESSION_ID_LEN;
	tls13_hs_random(hs->cfg.session_id, hs->session_id,
			hs->session_id_len);
	err = send_client_hello(hs);
	if (!err)
		hs->state = TLS13_ST_C_WAIT_SH;
	return err;
}

/* The transcript begins with ClientHello1, now that the hash is known */
static int start_transcript(struct tls13_hs *hs, u16 suite)
{
	int err;

	err = tls13_hs_set_suite(hs, suite);
	if (!err && hs->ch1) {
		err = tls13_hs_add(hs, hs->ch1, hs->ch1_len);
		kfree_sensitive(hs->ch1);
		hs->ch1 = NULL;
	}
	return err;
}

/* HelloRetryRequest: the next state, or a negative errno */
static int client_hrr(struct tls13_hs *hs, const struct tls13_hello *h,
		      const u8 *msg, size_t len)
{
	const u8 *cookie;
	u16 group, cookie_len;
	u8 alert;
	int err;

	/* section 4.1.4: a second HelloRetryRequest */
	if (hs->state == TLS13_ST_C_WAIT_SH2)
		return tls13_hs_alert(hs, TLS13_ALERT_UNEXPECTED_MESSAGE);
	alert = tls13_ext_key_share_hrr(&h->exts, &group);
	if (!alert)
		alert = tls13_ext_cookie(&h->exts, &cookie, &cookie_len);
	if (alert)
		return tls13_hs_alert(hs, alert);
	/* it must change something, and only to what we support */
	if ((!group && !cookie) || cookie_len > sizeof(hs->cookie) ||
	    (group && (!group_offered(hs, group) ||
		       (hs->kex_ready && group == hs->kex.group->id))))
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);

	err = start_transcript(hs, h->suite);
	if (!err)
		err = tls13_transcript_restart_hrr(&hs->ks);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	err = tls13_hs_add(hs, msg, len);
	if (err)
		return err;
	hs->res.hrr = true;
	hs->hrr_suite = h->suite;
	memcpy(hs->cookie, cookie, cookie_len);
	hs->cookie_len = cookie_len;

	/* PSKs of another hash cannot be used with this suite (4.1.4) */
	err = hs->cfg.cert ? 0 : pick_psks(hs, hs->suite->hash);
	if (!err && group)
		err = new_key_share(hs, group);
	if (!err)
		err = tls13_hs_send_ccs(hs);
	if (!err)
		err = send_client_hello(hs);
	return err ?: TLS13_ST_C_WAIT_SH2;
}

/*
 * Section 4.1.3: a TLS 1.3 server that negotiates TLS 1.2 or below ends
 * its random with "DOWNGRD" and 0x01 or 0x00; a client that sees either
 * in a ServerHello for an older version sends illegal_parameter.
 */
static bool downgrade(const u8 *random)
{
	static const u8 sentinel[7] = { 'D', 'O', 'W', 'N', 'G', 'R', 'D' };
	const u8 *tail = random + TLS13_RANDOM_LEN - 8;

	/* public: the ServerHello's random, as sent */
	return !memcmp(tail, sentinel, sizeof(sentinel)) && tail[7] <= 1;
}

static int client_sh(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	u8 dhe[TLS13_MAX_KEX_KEY_LEN];
	struct tls13_hello *h = &hs->hello;
	const struct tls13_psk *psk;
	unsigned int dhe_len = 0;
	u16 version, group, share_len, selected = 0;
	const u8 *share;
	u8 alert;
	int err;

	alert = tls13_parse_server_hello(msg + TLS13_HS_HEADER_LEN,
					 len - TLS13_HS_HEADER_LEN, hs->offered,
					 h);
	if (!alert)
		alert = tls13_ext_version_sh(&h->exts, &version);
	/* a ServerHello for TLS 1.2 or older: is it a downgrade? */
	if ((alert == TLS13_ALERT_PROTOCOL_VERSION || (!alert && !version)) &&
	    downgrade(h->random))
		alert = TLS13_ALERT_ILLEGAL_PARAMETER;
	if (alert)
		return tls13_hs_alert(hs, alert);
	if (!version)
		return tls13_hs_alert(hs, TLS13_ALERT_PROTOCOL_VERSION);
	if (version != TLS13_VERSION ||
	    h->session_id_len != hs->session_id_len ||
	    /* public: the session id we sent, echoed */
	    memcmp(h->session_id, hs->session_id, hs->session_id_len) ||
	    !suite_offered(hs, h->suite) ||
	    (hs->hrr_suite && h->suite != hs->hrr_suite))
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	if (h->hrr)
		return client_hrr(hs, h, msg, len);

	/* with PSKs, the server must take one: we cannot verify anything else */
	if (!hs->cfg.cert && !(h->exts.present & BIT(TLS13_X_PRE_SHARED_KEY)))
		return tls13_hs_fail(hs, TLS13_ALERT_HANDSHAKE_FAILURE,
				     -ENOKEY);
	alert = hs->cfg.cert ? 0 : tls13_ext_psk_sh(&h->exts, &selected);
	if (!alert)
		alert = tls13_ext_key_share_sh(&h->exts, &group, &share,
					       &share_len);
	if (alert)
		return tls13_hs_alert(hs, alert);
	if (!hs->cfg.cert && selected >= hs->n_offered)
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	psk = hs->cfg.cert ? NULL : &hs->cfg.psks[hs->psk_map[selected]];
	/*
	 * No key_share: with certificates a mandatory extension is missing
	 * (section 6.2); with a PSK the server ignored our
	 * psk_key_exchange_modes (section 4.2.11: illegal_parameter).
	 */
	if (!group && hs->cfg.cert)
		return tls13_hs_alert(hs, TLS13_ALERT_MISSING_EXTENSION);
	if (!group && !(hs->cfg.psk_modes & BIT(TLS13_PSK_KE)))
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);

	err = start_transcript(hs, h->suite);
	if (err)
		return err;
	if (psk && psk->hash != hs->suite->hash)
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	if (group) {
		err = tls13_hs_kex(hs, group, share, share_len, dhe, &dhe_len);
		if (err)
			return err;
		hs->dhe = true;
	}
	err = tls13_hs_add(hs, msg, len);
	if (err)
		goto out;
	err = tls13_hs_handshake_keys(hs, psk ? psk->key : NULL,
				      psk ? psk->key_len : 0, dhe, dhe_len);
	if (err)
		goto out;
	hs->res.psk_serial = psk ? psk->serial : 0;
	err = TLS13_ST_C_WAIT_EE;
out:
	memzero_explicit(dhe, sizeof(dhe));
	return err;
}

static int client_ee(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	struct tls13_exts *exts = &hs->hello.exts;
	const u8 *list;
	size_t list_len;
	u8 alert;

	alert = tls13_parse_encrypted_extensions(msg + TLS13_HS_HEADER_LEN,
						 len - TLS13_HS_HEADER_LEN,
						 hs->offered, exts);
	/* what the server may volunteer: its groups, an empty server_name */
	if (!alert)
		alert = tls13_ext_u16_list(exts, TLS13_X_SUPPORTED_GROUPS,
					   &list, &list_len);
	if (!alert)
		alert = tls13_ext_empty(exts, TLS13_X_SERVER_NAME);
	if (!alert)
		alert = tls13_ext_alpn(exts, &list, &list_len);
	if (alert)
		return tls13_hs_alert(hs, alert);
	/* RFC 7301 section 3.1: exactly one of the names we offered */
	if (hs->cfg.alpn_len) {
		if (!list_len)
			return tls13_hs_alert(hs,
					      TLS13_ALERT_NO_APPLICATION_PROTOCOL);
		/* public: the protocol name the server selected */
		if (list_len != 1 + hs->cfg.alpn_len ||
		    memcmp(list + 1, hs->cfg.alpn, hs->cfg.alpn_len))
			return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
		hs->res.alpn = true;
	}
	return tls13_hs_add(hs, msg, len) ?:
	       (hs->cfg.cert ? TLS13_ST_C_WAIT_CERT_CR : TLS13_ST_C_WAIT_FINISHED);
}

/* CertificateRequest: pick how we will answer it */
static int client_cr(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	struct tls13_cert_request cr;
	const u8 *list;
	size_t list_len;
	u8 alert;

	alert = tls13_parse_cert_request(msg + TLS13_HS_HEADER_LEN,
					 len - TLS13_HS_HEADER_LEN, &cr);
	if (!alert)
		alert = tls13_ext_u16_list(&cr.exts,
					   TLS13_X_SIGNATURE_ALGORITHMS, &list,
					   &list_len);
	if (alert)
		return tls13_hs_alert(hs, alert);
	/* in a handshake the context is empty (section 4.3.2) */
	if (cr.context_len)
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	hs->cr_received = true;
	hs->my_scheme = tls13_hs_pick_scheme(hs, list, list_len);
	return tls13_hs_add(hs, msg, len) ?: TLS13_ST_C_WAIT_CERT;
}

static int client_finished(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	int err;

	err = tls13_hs_check_finished(hs, hs->s_hs, msg, len);
	if (!err)
		err = tls13_hs_app_secrets(hs);
	if (!err)
		err = tls13_hs_send_ccs(hs);
	if (!err && hs->cr_received)
		err = tls13_hs_send_certificate(hs);
	if (!err)
		err = tls13_hs_send_finished(hs, hs->c_hs);
	return err ?: TLS13_ST_CONNECTED;
}

/* The client's state machine: what it takes in each state, and how */
const struct tls13_transition tls13_client_transitions[] = {
	{ TLS13_ST_C_WAIT_SH, TLS13_HS_SERVER_HELLO, client_sh },
	{ TLS13_ST_C_WAIT_SH2, TLS13_HS_SERVER_HELLO, client_sh },
	{ TLS13_ST_C_WAIT_EE, TLS13_HS_ENCRYPTED_EXTENSIONS, client_ee },
	{ TLS13_ST_C_WAIT_CERT_CR, TLS13_HS_CERTIFICATE_REQUEST, client_cr },
	{ TLS13_ST_C_WAIT_CERT_CR, TLS13_HS_CERTIFICATE,
	  tls13_hs_peer_certificate },
	{ TLS13_ST_C_WAIT_CERT, TLS13_HS_CERTIFICATE,
	  tls13_hs_peer_certificate },
	{ TLS13_ST_C_WAIT_CV, TLS13_HS_CERTIFICATE_VERIFY,
	  tls13_hs_peer_cert_verify },
	{ TLS13_ST_C_WAIT_FINISHED, TLS13_HS_FINISHED, client_finished },
	{ }
};
