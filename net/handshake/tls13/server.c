// SPDX-License-Identifier: GPL-2.0-only
/*
 * The server side of the handshake (RFC 8446 appendix A.2): ClientHello,
 * at most one HelloRetryRequest when the client's key shares miss our
 * groups, then one flight: ServerHello, EncryptedExtensions, and
 * Finished. With external PSKs the server picks the PSK (the first
 * offered identity it knows), the suite (its own order, among those the
 * client offered for the PSK's hash), and psk_dhe_ke over psk_ke. With
 * certificates (cfg.cert) it ignores offered PSKs, picks the suite in its
 * own order and a signature scheme from the client's list that its key
 * can make (handshake_failure if none), and sends an optional
 * CertificateRequest, its Certificate and CertificateVerify before
 * Finished; the client's Certificate and CertificateVerify come before
 * its Finished. 0-RTT is refused: early data is skipped (section 4.2.10).
 */

#include <crypto/algapi.h>
#include <linux/string.h>

#include "hs_int.h"
#include "sig.h"

/* The PSK and suite for this ClientHello, or the alert to send */
static int pick_psk(struct tls13_hs *hs, const struct tls13_hello *h,
		    unsigned int *index)
{
	const struct tls13_psk_offer *offer = &hs->offer;
	bool known = false;
	unsigned int i, s;
	u16 id;

	for (i = 0; i < offer->count; i++) {
		if (!hs->cfg.psk_find ||
		    hs->cfg.psk_find(hs->cfg.ctx, offer->ids[i],
				     offer->id_len[i], &hs->psk))
			continue;
		known = true;
		for (s = 0; s < hs->cfg.n_suites; s++) {
			id = hs->cfg.suites[s];
			if (!tls13_u16_list_has(h->suites, h->suites_len, id) ||
			    tls13_suite_find(id)->hash != hs->psk.hash)
				continue;
			/* the second ClientHello keeps the HRR's suite */
			if (hs->suite && hs->suite->id != id)
				continue;
			*index = i;
			return tls13_hs_set_suite(hs, id);
		}
	}
	memzero_explicit(&hs->psk, sizeof(hs->psk));
	if (!known)
		return tls13_hs_alert(hs, TLS13_ALERT_UNKNOWN_PSK_IDENTITY);
	return tls13_hs_alert(hs, TLS13_ALERT_HANDSHAKE_FAILURE);
}

static int check_binder(struct tls13_hs *hs, const u8 *msg, unsigned int i)
{
	u8 binder[TLS13_MAX_HASH_LEN];
	unsigned int hlen = hs->suite->hash->len;
	int err;

	if (hs->offer.binder_len[i] != hlen)
		return tls13_hs_alert(hs, TLS13_ALERT_DECRYPT_ERROR);
	err = tls13_hs_binder(&hs->ks, &hs->psk, msg,
			      TLS13_HS_HEADER_LEN + hs->hello.binders_off,
			      binder);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	err = crypto_memneq(binder, hs->offer.binders[i], hlen);
	memzero_explicit(binder, sizeof(binder));
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_DECRYPT_ERROR,
				     -EKEYREJECTED);
	return 0;
}

/*
 * The key exchange: *@share is the client's share for *@group (psk_dhe_ke),
 * or *@group is 0 (psk_ke); or *@hrr is the group to ask for.
 */
static int pick_group(struct tls13_hs *hs, u8 modes, u16 *group, u16 *hrr,
		      unsigned int *share)
{
	const struct tls13_exts *exts = &hs->hello.exts;
	struct tls13_key_shares *ks = &hs->shares;
	const u8 *list;
	size_t list_len;
	unsigned int g, i;
	u8 alert;

	/* every share of a group we take can be kept */
	BUILD_BUG_ON(ARRAY_SIZE(hs->cfg.groups) > TLS13_MAX_SHARES);
	*group = 0;
	*hrr = 0;
	if (!(modes & BIT(TLS13_PSK_DHE_KE)))
		goto psk_ke;
	alert = tls13_ext_u16_list(exts, TLS13_X_SUPPORTED_GROUPS, &list,
				   &list_len);
	if (!alert)
		alert = tls13_ext_key_shares_ch(exts, hs->cfg.groups,
						hs->cfg.n_groups, ks);
	if (alert)
		return tls13_hs_alert(hs, alert);
	for (i = 0; i < ks->count; i++)
		if (!tls13_u16_list_has(list, list_len, ks->groups[i]))
			return tls13_hs_alert(hs,
					      TLS13_ALERT_ILLEGAL_PARAMETER);
	if (hs->hrr_group) {
		/* section 4.1.2: exactly the share we asked for */
		if (ks->total != 1 || ks->count != 1 ||
		    ks->groups[0] != hs->hrr_group)
			return tls13_hs_alert(hs,
					      TLS13_ALERT_ILLEGAL_PARAMETER);
		*group = hs->hrr_group;
		*share = 0;
		return 0;
	}
	for (g = 0; g < hs->cfg.n_groups; g++)
		for (i = 0; i < ks->count; i++)
			if (ks->groups[i] == hs->cfg.groups[g]) {
				*group = ks->groups[i];
				*share = i;
				return 0;
			}
	for (g = 0; g < hs->cfg.n_groups; g++)
		if (tls13_u16_list_has(list, list_len, hs->cfg.groups[g]) &&
		    hs->state == TLS13_ST_S_WAIT_CH) {
			*hrr = hs->cfg.groups[g];
			return 0;
		}
psk_ke:
	if (modes & BIT(TLS13_PSK_KE))
		return 0;
	return tls13_hs_alert(hs, TLS13_ALERT_HANDSHAKE_FAILURE);
}

/* ServerHello or HelloRetryRequest into hs->msg */
static int build_server_hello(struct tls13_hs *hs, bool hrr, u16 group,
			      unsigned int psk_index, size_t *len)
{
	struct tls13_vec_mark msg, v, exts, ext;
	struct tls13_writer w;

	tls13_writer_init(&w, hs->msg, hs->msg_size);
	tls13_put_hs_begin(&w, TLS13_HS_SERVER_HELLO, &msg);
	tls13_put_u16(&w, TLS13_LEGACY_RECORD_VERSION);
	tls13_put_bytes(&w, hrr ? tls13_hrr_random : hs->random,
			TLS13_RANDOM_LEN);
	tls13_put_vec_begin(&w, 1, &v);
	tls13_put_bytes(&w, hs->session_id, hs->session_id_len);
	tls13_put_vec_end(&w, &v, TLS13_MAX_SESSION_ID_LEN);
	tls13_put_u16(&w, hs->suite->id);
	tls13_put_u8(&w, 0);
	tls13_put_vec_begin(&w, 2, &exts);
	tls13_put_ext_begin(&w, TLS13_EXT_SUPPORTED_VERSIONS, &ext);
	tls13_put_u16(&w, TLS13_VERSION);
	tls13_put_vec_end(&w, &ext, U16_MAX);
	if (group) {
		tls13_put_ext_begin(&w, TLS13_EXT_KEY_SHARE, &ext);
		tls13_put_u16(&w, group);
		if (!hrr) {
			tls13_put_vec_begin(&w, 2, &v);
			tls13_put_bytes(&w, hs->kex.share,
					hs->kex.group->share_len);
			tls13_put_vec_end(&w, &v, U16_MAX);
		}
		tls13_put_vec_end(&w, &ext, U16_MAX);
	}
	if (!hrr && !hs->cfg.cert) {
		tls13_put_ext_begin(&w, TLS13_EXT_PRE_SHARED_KEY, &ext);
		tls13_put_u16(&w, psk_index);
		tls13_put_vec_end(&w, &ext, U16_MAX);
	}
	tls13_put_vec_end(&w, &exts, U16_MAX);
	tls13_put_vec_end(&w, &msg, (1 << 24) - 1);
	if (w.alert)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, -ENOSPC);
	*len = w.len;
	return 0;
}

/* HelloRetryRequest: the next state, or a negative errno */
static int send_hrr(struct tls13_hs *hs, const u8 *ch, size_t ch_len,
		    u16 group)
{
	size_t len;
	int err;

	err = tls13_hs_add(hs, ch, ch_len);
	if (err)
		return err;
	err = tls13_transcript_restart_hrr(&hs->ks);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	hs->hrr_group = group;
	hs->res.hrr = true;
	err = build_server_hello(hs, true, group, 0, &len);
	if (!err)
		err = tls13_hs_send(hs, hs->msg, len, true);
	if (!err)
		err = tls13_hs_send_ccs(hs);
	return err ?: TLS13_ST_S_WAIT_CH2;
}

static int build_encrypted_extensions(struct tls13_hs *hs, size_t *len)
{
	struct tls13_vec_mark msg, exts;
	struct tls13_writer w;

	tls13_writer_init(&w, hs->msg, hs->msg_size);
	tls13_put_hs_begin(&w, TLS13_HS_ENCRYPTED_EXTENSIONS, &msg);
	tls13_put_vec_begin(&w, 2, &exts);
	if (hs->res.alpn)
		tls13_put_alpn(&w, hs->cfg.alpn, hs->cfg.alpn_len);
	tls13_put_vec_end(&w, &exts, U16_MAX);
	tls13_put_vec_end(&w, &msg, (1 << 24) - 1);
	if (w.alert)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, -ENOSPC);
	*len = w.len;
	return 0;
}

/*
 * A server with an application protocol requires the client to offer it
 * (RFC 9289 section 4.1: "sunrpc"), else no_application_protocol.
 */
static int pick_alpn(struct tls13_hs *hs)
{
	struct tls13_reader names, name;
	const u8 *list;
	size_t len;
	u8 alert;

	if (!hs->cfg.alpn_len)
		return 0;
	alert = tls13_ext_alpn(&hs->hello.exts, &list, &len);
	if (alert)
		return tls13_hs_alert(hs, alert);
	tls13_reader_init(&names, list, len);
	while (names.left && tls13_read_vec(&names, 1, 1, U8_MAX, &name))
		/* public: a protocol name the client offers */
		if (name.left == hs->cfg.alpn_len &&
		    !memcmp(name.p, hs->cfg.alpn, name.left)) {
			hs->res.alpn = true;
			return 0;
		}
	return tls13_hs_alert(hs, TLS13_ALERT_NO_APPLICATION_PROTOCOL);
}

/* [CertificateRequest,] Certificate, CertificateVerify */
static int send_cert_flight(struct tls13_hs *hs)
{
	static const u8 no_context[1];
	u16 schemes[TLS13_MAX_SIGSCHEMES];
	struct tls13_writer w;
	unsigned int n;
	int err;

	if (hs->cfg.client_auth != TLS13_CLIENT_AUTH_NONE) {
		tls13_writer_init(&w, hs->msg, hs->msg_size);
		n = tls13_sigschemes(TLS13_SIG_CV, schemes);
		if (!tls13_put_cert_request(&w, no_context, 0, schemes, n) ||
		    w.alert)
			return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR,
					     -ENOSPC);
		err = tls13_hs_send(hs, hs->msg, w.len, true);
		if (err)
			return err;
		hs->cr_sent = true;
	}
	return tls13_hs_send_certificate(hs);
}

/*
 * Certificates: the suite in our order among the client's, and the
 * scheme to sign with among the client's signature_algorithms.
 */
static int pick_cert(struct tls13_hs *hs, const struct tls13_hello *h)
{
	const u8 *list;
	size_t list_len;
	unsigned int s;
	u8 alert;
	u16 id;

	/* section 9.2: certificates need signature_algorithms */
	if (!(h->exts.present & BIT(TLS13_X_SIGNATURE_ALGORITHMS)))
		return tls13_hs_alert(hs, TLS13_ALERT_MISSING_EXTENSION);
	alert = tls13_ext_u16_list(&h->exts, TLS13_X_SIGNATURE_ALGORITHMS,
				   &list, &list_len);
	if (alert)
		return tls13_hs_alert(hs, alert);
	hs->my_scheme = tls13_hs_pick_scheme(hs, list, list_len);
	if (!hs->my_scheme)
		return tls13_hs_fail(hs, TLS13_ALERT_HANDSHAKE_FAILURE,
				     -EOPNOTSUPP);
	for (s = 0; s < hs->cfg.n_suites; s++) {
		id = hs->cfg.suites[s];
		if (!tls13_u16_list_has(h->suites, h->suites_len, id))
			continue;
		/* the second ClientHello keeps the HRR's suite */
		if (hs->suite && hs->suite->id != id)
			continue;
		return tls13_hs_set_suite(hs, id);
	}
	return tls13_hs_alert(hs, TLS13_ALERT_HANDSHAKE_FAILURE);
}

/*
 * ServerHello, EncryptedExtensions, Finished; keys and secrets on the way:
 * the next state, or a negative errno
 */
static int send_flight(struct tls13_hs *hs, u16 group, const u8 *share,
		       size_t share_len, unsigned int psk_index)
{
	u8 dhe[TLS13_MAX_KEX_KEY_LEN];
	unsigned int dhe_len = 0;
	size_t len;
	int err;

	if (group) {
		err = tls13_kex_init(&hs->kex, group, hs->cfg.kex_priv);
		if (err)
			return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR,
					     err);
		hs->kex_ready = true;
		err = tls13_hs_kex(hs, group, share, share_len, dhe, &dhe_len);
		if (err)
			goto out;
		hs->dhe = true;
	}
	tls13_hs_random(hs->cfg.random, hs->random, TLS13_RANDOM_LEN);
	err = build_server_hello(hs, false, group, psk_index, &len);
	if (!err)
		err = tls13_hs_send(hs, hs->msg, len, true);
	if (!err)
		err = tls13_hs_send_ccs(hs);
	if (err)
		goto out;

	err = tls13_hs_handshake_keys(hs, hs->cfg.cert ? NULL : hs->psk.key,
				      hs->psk.key_len, dhe, dhe_len);
	if (err)
		goto out;

	/* EncryptedExtensions: the application protocol, if any */
	err = build_encrypted_extensions(hs, &len);
	if (!err)
		err = tls13_hs_send(hs, hs->msg, len, true);
	if (!err && hs->cfg.cert)
		err = send_cert_flight(hs);
	if (err)
		goto out;

	err = tls13_hs_send_finished(hs, hs->s_hs);
	if (!err)
		err = tls13_hs_app_secrets(hs);
	/*
	 * What we send from now on (an alert about the client's second
	 * flight) is under the application key, as the client expects once
	 * it has our Finished (section 7.1; kTLS on its side).
	 */
	if (!err)
		err = tls13_hs_set_key(hs, true, hs->s_ap);
	if (err)
		goto out;
	hs->res.psk_serial = hs->psk.serial;
	err = hs->cr_sent ? TLS13_ST_S_WAIT_CERT : TLS13_ST_S_WAIT_FINISHED;
out:
	memzero_explicit(dhe, sizeof(dhe));
	return err;
}

/* The rest of a ClientHello, the way to the flight: the next state */
static int answer_ch(struct tls13_hs *hs, const u8 *msg, size_t len,
		     u8 modes, unsigned int psk_index, bool early)
{
	unsigned int share = 0;
	u16 group, hrr;
	int err;

	err = pick_group(hs, modes, &group, &hrr, &share);
	if (err)
		return err;
	if (hrr)
		return send_hrr(hs, msg, len, hrr);

	err = tls13_hs_add(hs, msg, len);
	if (!err)
		err = send_flight(hs, group,
				  group ? hs->shares.share[share] : NULL,
				  group ? hs->shares.share_len[share] : 0,
				  psk_index);
	hs->skip_early = early;
	return err;
}

/* A ClientHello for a certificate server: offered PSKs are ignored */
static int server_ch_cert(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	const struct tls13_exts *exts = &hs->hello.exts;
	bool early = exts->present & BIT(TLS13_X_EARLY_DATA);
	u8 alert;
	int err;

	/*
	 * section 9.2: without a PSK, key_share and supported_groups;
	 * section 4.2.9: a PSK offered without psk_key_exchange_modes ends
	 * the handshake even here, where it would be ignored
	 */
	if (!(exts->present & BIT(TLS13_X_SUPPORTED_GROUPS)) ||
	    !(exts->present & BIT(TLS13_X_KEY_SHARE)) ||
	    (exts->present & BIT(TLS13_X_PRE_SHARED_KEY) &&
	     !(exts->present & BIT(TLS13_X_PSK_KEY_EXCHANGE_MODES))))
		return tls13_hs_alert(hs, TLS13_ALERT_MISSING_EXTENSION);
	alert = tls13_ext_empty(exts, TLS13_X_EARLY_DATA);
	if (alert)
		return tls13_hs_alert(hs, alert);
	if (early && hs->state == TLS13_ST_S_WAIT_CH2)
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	err = pick_alpn(hs);
	if (!err)
		err = pick_cert(hs, &hs->hello);
	if (err)
		return err;
	return answer_ch(hs, msg, len, BIT(TLS13_PSK_DHE_KE), 0, early);
}

static int server_ch(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	struct tls13_hello *h = &hs->hello;
	unsigned int psk_index;
	bool tls13, early;
	u8 alert, modes;
	int err;

	alert = tls13_parse_client_hello(msg + TLS13_HS_HEADER_LEN,
					 len - TLS13_HS_HEADER_LEN, h);
	if (!alert)
		alert = tls13_ext_versions_ch(&h->exts, &tls13);
	if (alert)
		return tls13_hs_alert(hs, alert);
	if (!tls13)
		return tls13_hs_alert(hs, TLS13_ALERT_PROTOCOL_VERSION);
	if (hs->state == TLS13_ST_S_WAIT_CH2) {
		/* public: the client's session id, sent again */
		if (h->session_id_len != hs->session_id_len ||
		    memcmp(h->session_id, hs->session_id, hs->session_id_len))
			return tls13_hs_alert(hs,
					      TLS13_ALERT_ILLEGAL_PARAMETER);
	} else {
		memcpy(hs->session_id, h->session_id, h->session_id_len);
		hs->session_id_len = h->session_id_len;
	}

	if (hs->cfg.cert)
		return server_ch_cert(hs, msg, len);
	/* a PSK-only server: no PSK, no handshake */
	if (!(h->exts.present & BIT(TLS13_X_PRE_SHARED_KEY)))
		return tls13_hs_fail(hs, TLS13_ALERT_HANDSHAKE_FAILURE,
				     -ENOKEY);
	/* section 4.2.9; section 9.2: supported_groups and key_share pair */
	if (!(h->exts.present & BIT(TLS13_X_PSK_KEY_EXCHANGE_MODES)) ||
	    !(h->exts.present & BIT(TLS13_X_SUPPORTED_GROUPS)) !=
	    !(h->exts.present & BIT(TLS13_X_KEY_SHARE)))
		return tls13_hs_alert(hs, TLS13_ALERT_MISSING_EXTENSION);
	alert = tls13_ext_psk_modes(&h->exts, &modes);
	if (!alert)
		alert = tls13_ext_psk_ch(&h->exts, msg + TLS13_HS_HEADER_LEN,
					 &hs->offer, &h->binders_off);
	if (!alert)
		alert = tls13_ext_empty(&h->exts, TLS13_X_EARLY_DATA);
	if (alert)
		return tls13_hs_alert(hs, alert);
	early = h->exts.present & BIT(TLS13_X_EARLY_DATA);
	/* section 4.2.10: no early data after a HelloRetryRequest */
	if (early && hs->state == TLS13_ST_S_WAIT_CH2)
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	modes &= hs->cfg.psk_modes;
	if (!modes)
		return tls13_hs_alert(hs, TLS13_ALERT_HANDSHAKE_FAILURE);

	err = pick_alpn(hs);
	if (!err)
		err = pick_psk(hs, h, &psk_index);
	if (!err)
		err = check_binder(hs, msg, psk_index);
	if (err)
		return err;
	return answer_ch(hs, msg, len, modes, psk_index, early);
}

static int server_finished(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	return tls13_hs_check_finished(hs, hs->c_hs, msg, len) ?:
	       TLS13_ST_CONNECTED;
}

/* The server's state machine: what it takes in each state, and how */
const struct tls13_transition tls13_server_transitions[] = {
	{ TLS13_ST_S_WAIT_CH, TLS13_HS_CLIENT_HELLO, server_ch },
	{ TLS13_ST_S_WAIT_CH2, TLS13_HS_CLIENT_HELLO, server_ch },
	{ TLS13_ST_S_WAIT_CERT, TLS13_HS_CERTIFICATE,
	  tls13_hs_peer_certificate },
	{ TLS13_ST_S_WAIT_CV, TLS13_HS_CERTIFICATE_VERIFY,
	  tls13_hs_peer_cert_verify },
	{ TLS13_ST_S_WAIT_FINISHED, TLS13_HS_FINISHED, server_finished },
	{ }
};
