// SPDX-License-Identifier: GPL-2.0-only
/*
 * Handshake messages and extension bodies (RFC 8446 sections 4 and 4.2).
 *
 * Every parser reads its whole input through a struct tls13_reader, so a
 * length that does not add up is decode_error wherever it is; values that
 * are well-formed but not allowed are illegal_parameter. Each returns 0
 * or the alert to send. Semantic checks that need the handshake's state
 * (was this suite offered, is this the group we asked for) belong to the
 * state machines.
 */

#include <linux/minmax.h>
#include <linux/string.h>

#include "msg.h"

/* SHA-256("HelloRetryRequest"), section 4.1.3 */
const u8 tls13_hrr_random[TLS13_RANDOM_LEN] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11,
	0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e,
	0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

static u8 finish(struct tls13_reader *r)
{
	tls13_reader_done(r);
	return r->alert;
}

static u8 fail(struct tls13_reader *r, u8 alert)
{
	tls13_reader_fail(r, alert);
	return r->alert;
}

/**
 * tls13_parse_client_hello - parse a ClientHello body
 * @body: the message after its 4-byte header
 * @len: its length
 * @h: the parsed message
 *
 * Return values:
 *   0: @h is filled in
 *   an alert: decode_error for any length that does not add up, an odd
 *	cipher_suites length, no extensions; protocol_version for a
 *	legacy_version of 0x0300 (SSL 3.0) or lower (RFC 8446 appendix
 *	D.5); illegal_parameter for compression other than null alone and
 *	the rules of tls13_ext_parse()
 */
u8 tls13_parse_client_hello(const u8 *body, size_t len, struct tls13_hello *h)
{
	struct tls13_reader r, sid, suites, comp;
	u16 version;
	u8 method;

	memset(h, 0, sizeof(*h));
	tls13_reader_init(&r, body, len);
	tls13_read_u16(&r, &version);
	tls13_read_bytes(&r, TLS13_RANDOM_LEN, &h->random);
	tls13_read_vec(&r, 1, 0, TLS13_MAX_SESSION_ID_LEN, &sid);
	tls13_read_vec(&r, 2, 2, U16_MAX - 1, &suites);
	tls13_read_vec(&r, 1, 1, U8_MAX, &comp);
	if (!tls13_reader_ok(&r))
		return r.alert;
	if (suites.left & 1)
		return fail(&r, TLS13_ALERT_DECODE_ERROR);
	if (version <= TLS13_SSL3_VERSION)
		return fail(&r, TLS13_ALERT_PROTOCOL_VERSION);
	h->session_id = sid.p;
	h->session_id_len = sid.left;
	h->suites = suites.p;
	h->suites_len = suites.left;
	tls13_read_u8(&comp, &method);
	if (method || comp.left)
		return fail(&r, TLS13_ALERT_ILLEGAL_PARAMETER);
	if (!r.left)	/* a TLS 1.3 ClientHello has extensions */
		return fail(&r, TLS13_ALERT_DECODE_ERROR);
	tls13_ext_parse(&r, TLS13_MSG_CH, 0, &h->exts);
	return finish(&r);
}

/**
 * tls13_parse_server_hello - parse a ServerHello or HelloRetryRequest body
 * @body: the message after its 4-byte header
 * @len: its length
 * @offered: extension indexes (bits) our ClientHello carried; cookie is
 *	allowed in a HelloRetryRequest regardless
 * @h: the parsed message; @h->hrr tells which of the two it is
 *
 * Return values:
 *   0: @h is filled in
 *   an alert: decode_error, protocol_version for a legacy_version other
 *	than 0x0303, illegal_parameter for a compression method, and the
 *	rules of tls13_ext_parse()
 */
u8 tls13_parse_server_hello(const u8 *body, size_t len, u32 offered,
			    struct tls13_hello *h)
{
	struct tls13_reader r, sid;
	u16 version;
	u8 method;

	memset(h, 0, sizeof(*h));
	tls13_reader_init(&r, body, len);
	tls13_read_u16(&r, &version);
	tls13_read_bytes(&r, TLS13_RANDOM_LEN, &h->random);
	tls13_read_vec(&r, 1, 0, TLS13_MAX_SESSION_ID_LEN, &sid);
	tls13_read_u16(&r, &h->suite);
	tls13_read_u8(&r, &method);
	if (!tls13_reader_ok(&r))
		return r.alert;
	if (version != TLS13_LEGACY_RECORD_VERSION)
		return fail(&r, TLS13_ALERT_PROTOCOL_VERSION);
	if (method)
		return fail(&r, TLS13_ALERT_ILLEGAL_PARAMETER);
	h->session_id = sid.p;
	h->session_id_len = sid.left;
	/* public: the ServerHello's random, as sent */
	h->hrr = !memcmp(h->random, tls13_hrr_random, TLS13_RANDOM_LEN);
	if (!r.left)	/* TLS 1.2 or older: no supported_versions */
		return fail(&r, TLS13_ALERT_PROTOCOL_VERSION);
	if (h->hrr)
		tls13_ext_parse(&r, TLS13_MSG_HRR,
				offered | BIT(TLS13_X_COOKIE), &h->exts);
	else
		tls13_ext_parse(&r, TLS13_MSG_SH, offered, &h->exts);
	return finish(&r);
}

/**
 * tls13_parse_encrypted_extensions - parse an EncryptedExtensions body
 * @body: the message after its header
 * @len: its length
 * @offered: extension indexes our ClientHello carried
 * @exts: the extensions
 *
 * Return values: 0 or an alert, as tls13_ext_parse()
 */
u8 tls13_parse_encrypted_extensions(const u8 *body, size_t len, u32 offered,
				    struct tls13_exts *exts)
{
	struct tls13_reader r;

	tls13_reader_init(&r, body, len);
	tls13_ext_parse(&r, TLS13_MSG_EE, offered, exts);
	return finish(&r);
}

/**
 * tls13_parse_cert_request - parse a CertificateRequest body
 * @body: the message after its header
 * @len: its length
 * @cr: the parsed message
 *
 * Return values: 0 or an alert; missing_extension without
 *	signature_algorithms (section 4.3.2)
 */
u8 tls13_parse_cert_request(const u8 *body, size_t len,
			    struct tls13_cert_request *cr)
{
	struct tls13_reader r, ctx;

	memset(cr, 0, sizeof(*cr));
	tls13_reader_init(&r, body, len);
	tls13_read_vec(&r, 1, 0, U8_MAX, &ctx);
	cr->context = ctx.p;
	cr->context_len = ctx.left;
	tls13_ext_parse(&r, TLS13_MSG_CR, 0, &cr->exts);
	if (finish(&r))
		return r.alert;
	if (!(cr->exts.present & BIT(TLS13_X_SIGNATURE_ALGORITHMS)))
		return TLS13_ALERT_MISSING_EXTENSION;
	return 0;
}

/**
 * tls13_cert_next - the next CertificateEntry of a certificate_list
 * @list: reader over the list (as left by tls13_parse_certificate())
 * @der: the entry's cert_data
 * @der_len: its length
 *
 * The entry's extensions were checked by tls13_parse_certificate().
 *
 * Return values:
 *   %true: @der is the next certificate
 *   %false: no entries left
 */
bool tls13_cert_next(struct tls13_reader *list, const u8 **der, u32 *der_len)
{
	struct tls13_reader data, exts;

	if (!list->left || !tls13_reader_ok(list))
		return false;
	tls13_read_vec(list, 3, 1, (1 << 24) - 1, &data);
	tls13_read_vec(list, 2, 0, U16_MAX, &exts);
	*der = data.p;
	*der_len = data.left;
	return tls13_reader_ok(list);
}

/**
 * tls13_parse_certificate - parse a Certificate body
 * @body: the message after its header
 * @len: its length
 * @offered: extension indexes our ClientHello (or CertificateRequest)
 *	carried, for the entries' extensions
 * @ct: the parsed message
 *
 * Return values: 0 or an alert
 */
u8 tls13_parse_certificate(const u8 *body, size_t len, u32 offered,
			   struct tls13_certificate *ct)
{
	struct tls13_reader r, ctx, list, data;
	struct tls13_exts exts;

	memset(ct, 0, sizeof(*ct));
	tls13_reader_init(&r, body, len);
	tls13_read_vec(&r, 1, 0, U8_MAX, &ctx);
	tls13_read_vec(&r, 3, 0, (1 << 24) - 1, &list);
	ct->context = ctx.p;
	ct->context_len = ctx.left;
	ct->list = list.p;
	ct->list_len = list.left;
	while (tls13_reader_ok(&list) && list.left) {
		tls13_read_vec(&list, 3, 1, (1 << 24) - 1, &data);
		tls13_ext_parse(&list, TLS13_MSG_CT, offered, &exts);
		ct->count++;
	}
	return finish(&r);
}

/**
 * tls13_parse_cert_verify - parse a CertificateVerify body
 * @body: the message after its header
 * @len: its length
 * @cv: the parsed message
 *
 * Return values: 0 or decode_error (an empty signature included)
 */
u8 tls13_parse_cert_verify(const u8 *body, size_t len,
			   struct tls13_cert_verify *cv)
{
	struct tls13_reader r, sig;

	tls13_reader_init(&r, body, len);
	tls13_read_u16(&r, &cv->scheme);
	tls13_read_vec(&r, 2, 1, U16_MAX, &sig);
	cv->sig = sig.p;
	cv->sig_len = sig.left;
	return finish(&r);
}

/**
 * tls13_parse_finished - check a Finished body's length
 * @body: the message after its header (verify_data)
 * @len: its length
 * @hash_len: Hash.length of the handshake
 *
 * Return values: 0 or decode_error
 */
u8 tls13_parse_finished(const u8 *body, size_t len, unsigned int hash_len)
{
	return len == hash_len ? 0 : TLS13_ALERT_DECODE_ERROR;
}

/* Extension bodies. Each works on a present extension; absent: 0. */

static bool ext_reader(const struct tls13_exts *exts, enum tls13_ext_index x,
		       struct tls13_reader *r)
{
	return tls13_ext_get(exts, x, r);
}

/**
 * tls13_u16_list_has - is @v in a list of 2-byte values?
 * @list: the list (even length, checked by the parser)
 * @len: its length in bytes
 * @v: the value
 *
 * Return values: %true if present
 */
bool tls13_u16_list_has(const u8 *list, size_t len, u16 v)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		if (((u16)list[i] << 8 | list[i + 1]) == v)
			return true;
	return false;
}

/**
 * tls13_ext_versions_ch - supported_versions of a ClientHello
 * @exts: the ClientHello's extensions
 * @tls13: set if 0x0304 is listed
 *
 * Return values: 0 or decode_error
 */
u8 tls13_ext_versions_ch(const struct tls13_exts *exts, bool *tls13)
{
	struct tls13_reader r, list;

	*tls13 = false;
	if (!ext_reader(exts, TLS13_X_SUPPORTED_VERSIONS, &r))
		return 0;
	tls13_read_vec(&r, 1, 2, 254, &list);
	if (finish(&r))
		return r.alert;
	if (list.left & 1)
		return TLS13_ALERT_DECODE_ERROR;
	*tls13 = tls13_u16_list_has(list.p, list.left, TLS13_VERSION);
	return 0;
}

/**
 * tls13_ext_version_sh - supported_versions of a ServerHello or HRR
 * @exts: the message's extensions
 * @version: selected_version, 0 if absent
 *
 * Return values: 0 or decode_error
 */
u8 tls13_ext_version_sh(const struct tls13_exts *exts, u16 *version)
{
	struct tls13_reader r;

	*version = 0;
	if (!ext_reader(exts, TLS13_X_SUPPORTED_VERSIONS, &r))
		return 0;
	tls13_read_u16(&r, version);
	return finish(&r);
}

/**
 * tls13_ext_u16_list - a list of 2-byte values: supported_groups,
 *	signature_algorithms, signature_algorithms_cert
 * @exts: the extensions
 * @x: which one
 * @list: the values
 * @len: their length in bytes (0 if absent)
 *
 * Return values: 0 or decode_error (empty, odd or mis-sized)
 */
u8 tls13_ext_u16_list(const struct tls13_exts *exts, enum tls13_ext_index x,
		      const u8 **list, size_t *len)
{
	struct tls13_reader r, v;

	*list = NULL;
	*len = 0;
	if (!ext_reader(exts, x, &r))
		return 0;
	tls13_read_vec(&r, 2, 2, U16_MAX - 1, &v);
	if (finish(&r))
		return r.alert;
	if (v.left & 1)
		return TLS13_ALERT_DECODE_ERROR;
	*list = v.p;
	*len = v.left;
	return 0;
}

/**
 * tls13_ext_key_shares_ch - key_share of a ClientHello
 * @exts: the ClientHello's extensions
 * @want: the groups whose shares are kept (at most %TLS13_MAX_SHARES)
 * @n_want: their number
 * @ks: the kept entries, in the client's order, and the count of all
 *
 * A client may list any number of entries (the extension's length bounds
 * them): every entry is checked for its encoding, the shares of groups in
 * @want are kept, the others are ignored. Section 4.2.8 lets a server
 * refuse a group offered twice; that is checked among the kept groups,
 * so that the cost stays linear in what the client sent.
 *
 * Return values: 0, decode_error, or illegal_parameter for a kept group
 *	offered twice
 */
u8 tls13_ext_key_shares_ch(const struct tls13_exts *exts, const u16 *want,
			   unsigned int n_want, struct tls13_key_shares *ks)
{
	struct tls13_reader r, list, share;
	unsigned int i;
	u16 group;

	memset(ks, 0, sizeof(*ks));
	if (!ext_reader(exts, TLS13_X_KEY_SHARE, &r))
		return 0;
	tls13_read_vec(&r, 2, 0, U16_MAX, &list);
	while (tls13_reader_ok(&list) && list.left) {
		tls13_read_u16(&list, &group);
		if (!tls13_read_vec(&list, 2, 1, U16_MAX, &share))
			break;
		ks->total++;
		for (i = 0; i < n_want && want[i] != group; i++)
			;
		if (i == n_want || i >= TLS13_MAX_SHARES)
			continue;	/* not a group we take: ignored */
		for (i = 0; i < ks->count; i++)
			if (ks->groups[i] == group)
				return fail(&r, TLS13_ALERT_ILLEGAL_PARAMETER);
		ks->groups[ks->count] = group;
		ks->share[ks->count] = share.p;
		ks->share_len[ks->count] = share.left;
		ks->count++;
	}
	return finish(&r);
}

/**
 * tls13_ext_key_share_sh - key_share of a ServerHello
 * @exts: the ServerHello's extensions
 * @group: the server's group (0 if absent)
 * @share: its key_exchange
 * @share_len: its length
 *
 * Return values: 0 or decode_error
 */
u8 tls13_ext_key_share_sh(const struct tls13_exts *exts, u16 *group,
			  const u8 **share, u16 *share_len)
{
	struct tls13_reader r, v;

	*group = 0;
	*share = NULL;
	*share_len = 0;
	if (!ext_reader(exts, TLS13_X_KEY_SHARE, &r))
		return 0;
	tls13_read_u16(&r, group);
	tls13_read_vec(&r, 2, 1, U16_MAX, &v);
	if (finish(&r))
		return r.alert;
	*share = v.p;
	*share_len = v.left;
	return 0;
}

/**
 * tls13_ext_key_share_hrr - key_share of a HelloRetryRequest
 * @exts: the HelloRetryRequest's extensions
 * @group: selected_group (0 if absent)
 *
 * Return values: 0 or decode_error
 */
u8 tls13_ext_key_share_hrr(const struct tls13_exts *exts, u16 *group)
{
	struct tls13_reader r;

	*group = 0;
	if (!ext_reader(exts, TLS13_X_KEY_SHARE, &r))
		return 0;
	tls13_read_u16(&r, group);
	return finish(&r);
}

/**
 * tls13_ext_psk_ch - pre_shared_key of a ClientHello
 * @exts: the ClientHello's extensions
 * @body: the ClientHello body the extensions point into
 * @offer: the identities and binders
 * @binders_off: offset in @body of the binders vector
 *
 * Return values: 0, decode_error, or illegal_parameter when identities
 *	and binders do not pair up (section 4.2.11)
 */
u8 tls13_ext_psk_ch(const struct tls13_exts *exts, const u8 *body,
		    struct tls13_psk_offer *offer, size_t *binders_off)
{
	struct tls13_reader r, ids, binders, id, binder;
	unsigned int nid = 0, nb = 0;
	u32 age;

	memset(offer, 0, sizeof(*offer));
	if (!ext_reader(exts, TLS13_X_PRE_SHARED_KEY, &r))
		return 0;
	tls13_read_vec(&r, 2, 7, U16_MAX, &ids);
	*binders_off = r.p - body;
	tls13_read_vec(&r, 2, 33, U16_MAX, &binders);
	while (tls13_reader_ok(&ids) && ids.left) {
		tls13_read_vec(&ids, 2, 1, U16_MAX, &id);
		if (!tls13_read_u32(&ids, &age))
			break;
		if (nid < TLS13_MAX_PSKS) {
			offer->ids[nid] = id.p;
			offer->id_len[nid] = id.left;
		}
		nid++;
	}
	while (tls13_reader_ok(&binders) && binders.left) {
		if (!tls13_read_vec(&binders, 1, 32, U8_MAX, &binder))
			break;
		if (nb < TLS13_MAX_PSKS) {
			offer->binders[nb] = binder.p;
			offer->binder_len[nb] = binder.left;
		}
		nb++;
	}
	if (finish(&r))
		return r.alert;
	if (nid != nb)
		return TLS13_ALERT_ILLEGAL_PARAMETER;
	offer->count = min_t(unsigned int, nid, TLS13_MAX_PSKS);
	return 0;
}

/**
 * tls13_ext_psk_sh - pre_shared_key of a ServerHello
 * @exts: the ServerHello's extensions
 * @selected: selected_identity
 *
 * Return values: 0 or decode_error
 */
u8 tls13_ext_psk_sh(const struct tls13_exts *exts, u16 *selected)
{
	struct tls13_reader r;

	if (!ext_reader(exts, TLS13_X_PRE_SHARED_KEY, &r))
		return 0;
	tls13_read_u16(&r, selected);
	return finish(&r);
}

/**
 * tls13_ext_psk_modes - psk_key_exchange_modes of a ClientHello
 * @exts: the ClientHello's extensions
 * @modes: bit %TLS13_PSK_KE and/or %TLS13_PSK_DHE_KE; unknown modes are
 *	ignored
 *
 * Return values: 0 or decode_error
 */
u8 tls13_ext_psk_modes(const struct tls13_exts *exts, u8 *modes)
{
	struct tls13_reader r, list;
	u8 m;

	*modes = 0;
	if (!ext_reader(exts, TLS13_X_PSK_KEY_EXCHANGE_MODES, &r))
		return 0;
	tls13_read_vec(&r, 1, 1, U8_MAX, &list);
	while (tls13_reader_ok(&list) && list.left) {
		tls13_read_u8(&list, &m);
		if (m == TLS13_PSK_KE || m == TLS13_PSK_DHE_KE)
			*modes |= BIT(m);
	}
	return finish(&r);
}

/**
 * tls13_ext_cookie - cookie of a HelloRetryRequest or ClientHello
 * @exts: the extensions
 * @cookie: the cookie (%NULL if absent)
 * @len: its length
 *
 * Return values: 0 or decode_error
 */
u8 tls13_ext_cookie(const struct tls13_exts *exts, const u8 **cookie,
		    u16 *len)
{
	struct tls13_reader r, v;

	*cookie = NULL;
	*len = 0;
	if (!ext_reader(exts, TLS13_X_COOKIE, &r))
		return 0;
	tls13_read_vec(&r, 2, 1, U16_MAX, &v);
	if (finish(&r))
		return r.alert;
	*cookie = v.p;
	*len = v.left;
	return 0;
}

/**
 * tls13_ext_empty - an extension whose body must be empty (early_data in a
 *	ClientHello or EncryptedExtensions, server_name in
 *	EncryptedExtensions, post_handshake_auth)
 * @exts: the extensions
 * @x: which one
 *
 * Return values: 0 or decode_error
 */
u8 tls13_ext_empty(const struct tls13_exts *exts, enum tls13_ext_index x)
{
	if (!(exts->present & BIT(x)))
		return 0;
	return exts->len[x] ? TLS13_ALERT_DECODE_ERROR : 0;
}

/**
 * tls13_ext_alpn - application_layer_protocol_negotiation (RFC 7301)
 * @exts: the extensions
 * @list: the protocol_name_list entries, each a 1-byte length and a name
 * @len: their length (0 if absent)
 *
 * Return values: 0 or decode_error (an empty list or an empty name)
 */
u8 tls13_ext_alpn(const struct tls13_exts *exts, const u8 **list,
		  size_t *len)
{
	struct tls13_reader r, names, name;

	*list = NULL;
	*len = 0;
	if (!ext_reader(exts, TLS13_X_ALPN, &r))
		return 0;
	tls13_read_vec(&r, 2, 2, U16_MAX, &names);
	*list = names.p;
	*len = names.left;
	while (tls13_reader_ok(&names) && names.left)
		tls13_read_vec(&names, 1, 1, U8_MAX, &name);
	return finish(&r);
}

/**
 * tls13_put_ext_begin - start an extension: type and an open length
 * @w: writer
 * @type: ExtensionType
 * @mark: closed by tls13_put_vec_end()
 *
 * Return values: %false if @w ran out of room
 */
bool tls13_put_ext_begin(struct tls13_writer *w, u16 type,
			 struct tls13_vec_mark *mark)
{
	tls13_put_u16(w, type);
	return tls13_put_vec_begin(w, 2, mark);
}

/**
 * tls13_put_hs_begin - start a handshake message: type and an open
 *	24-bit length
 * @w: writer
 * @type: HandshakeType
 * @mark: closed by tls13_put_vec_end()
 *
 * Return values: %false if @w ran out of room
 */
bool tls13_put_hs_begin(struct tls13_writer *w, u8 type,
			struct tls13_vec_mark *mark)
{
	tls13_put_u8(w, type);
	return tls13_put_vec_begin(w, 3, mark);
}

/**
 * tls13_put_certificate - encode a Certificate message
 * @w: writer
 * @ctx: certificate_request_context
 * @ctx_len: its length
 * @der: the certificates, leaf first
 * @der_len: their lengths
 * @n: their number
 *
 * Each CertificateEntry has no extensions.
 *
 * Return values: %false if @w ran out of room
 */
bool tls13_put_certificate(struct tls13_writer *w, const u8 *ctx, u8 ctx_len,
			   const u8 *const *der, const u32 *der_len,
			   unsigned int n)
{
	struct tls13_vec_mark msg, v, list, entry;
	unsigned int i;

	tls13_put_hs_begin(w, TLS13_HS_CERTIFICATE, &msg);
	tls13_put_vec_begin(w, 1, &v);
	tls13_put_bytes(w, ctx, ctx_len);
	tls13_put_vec_end(w, &v, U8_MAX);
	tls13_put_vec_begin(w, 3, &list);
	for (i = 0; i < n; i++) {
		tls13_put_vec_begin(w, 3, &entry);
		tls13_put_bytes(w, der[i], der_len[i]);
		tls13_put_vec_end(w, &entry, (1 << 24) - 1);
		tls13_put_u16(w, 0);
	}
	tls13_put_vec_end(w, &list, (1 << 24) - 1);
	return tls13_put_vec_end(w, &msg, (1 << 24) - 1);
}

/**
 * tls13_put_cert_request - encode a CertificateRequest message
 * @w: writer
 * @ctx: certificate_request_context (empty in a handshake)
 * @ctx_len: its length
 * @schemes: signature_algorithms to accept
 * @n: their number
 *
 * Return values: %false if @w ran out of room
 */
bool tls13_put_cert_request(struct tls13_writer *w, const u8 *ctx, u8 ctx_len,
			    const u16 *schemes, unsigned int n)
{
	struct tls13_vec_mark msg, v, exts, ext, list;
	unsigned int i;

	tls13_put_hs_begin(w, TLS13_HS_CERTIFICATE_REQUEST, &msg);
	tls13_put_vec_begin(w, 1, &v);
	tls13_put_bytes(w, ctx, ctx_len);
	tls13_put_vec_end(w, &v, U8_MAX);
	tls13_put_vec_begin(w, 2, &exts);
	tls13_put_ext_begin(w, TLS13_EXT_SIGNATURE_ALGORITHMS, &ext);
	tls13_put_vec_begin(w, 2, &list);
	for (i = 0; i < n; i++)
		tls13_put_u16(w, schemes[i]);
	tls13_put_vec_end(w, &list, U16_MAX - 1);
	tls13_put_vec_end(w, &ext, U16_MAX);
	tls13_put_vec_end(w, &exts, U16_MAX);
	return tls13_put_vec_end(w, &msg, (1 << 24) - 1);
}

/**
 * tls13_put_cert_verify - encode a CertificateVerify message
 * @w: writer
 * @scheme: SignatureScheme
 * @sig: the signature
 * @sig_len: its length
 *
 * Return values: %false if @w ran out of room
 */
bool tls13_put_cert_verify(struct tls13_writer *w, u16 scheme, const u8 *sig,
			   u16 sig_len)
{
	struct tls13_vec_mark msg, v;

	tls13_put_hs_begin(w, TLS13_HS_CERTIFICATE_VERIFY, &msg);
	tls13_put_u16(w, scheme);
	tls13_put_vec_begin(w, 2, &v);
	tls13_put_bytes(w, sig, sig_len);
	tls13_put_vec_end(w, &v, U16_MAX);
	return tls13_put_vec_end(w, &msg, (1 << 24) - 1);
}

/**
 * tls13_cv_content - what a CertificateVerify signs (section 4.4.3)
 * @server: the server's (else the client's) context string
 * @thash: Transcript-Hash(Handshake Context, Certificate)
 * @hash_len: its length
 * @out: at least %TLS13_CV_CONTENT_MAX bytes
 *
 * Return values: the content's length: 64 spaces, the context string, a
 *	zero byte, @thash
 */
size_t tls13_cv_content(bool server, const u8 *thash, unsigned int hash_len,
			u8 *out)
{
	static const char srv[] = "TLS 1.3, server CertificateVerify";
	static const char cli[] = "TLS 1.3, client CertificateVerify";
	size_t n = 64;

	memset(out, 0x20, 64);
	memcpy(out + n, server ? srv : cli, sizeof(srv));	/* with the 0 */
	n += sizeof(srv);
	memcpy(out + n, thash, hash_len);
	return n + hash_len;
}

/**
 * tls13_put_server_name - the server_name extension of a ClientHello
 * @w: writer
 * @name: a DNS host name (RFC 6066 section 3: not an address literal)
 * @len: its length
 *
 * Return values: %false if @w ran out of room
 */
bool tls13_put_server_name(struct tls13_writer *w, const char *name,
			   size_t len)
{
	struct tls13_vec_mark ext, list, v;

	tls13_put_ext_begin(w, TLS13_EXT_SERVER_NAME, &ext);
	tls13_put_vec_begin(w, 2, &list);
	tls13_put_u8(w, 0);	/* host_name */
	tls13_put_vec_begin(w, 2, &v);
	tls13_put_bytes(w, name, len);
	tls13_put_vec_end(w, &v, U16_MAX);
	tls13_put_vec_end(w, &list, U16_MAX);
	return tls13_put_vec_end(w, &ext, U16_MAX);
}

/**
 * tls13_put_alpn - an ALPN extension naming one protocol (RFC 7301)
 * @w: writer
 * @name: the protocol
 * @len: its length (1..255)
 *
 * The same body serves a ClientHello (the list offered) and
 * EncryptedExtensions (the protocol selected).
 *
 * Return values: %false if @w ran out of room
 */
bool tls13_put_alpn(struct tls13_writer *w, const u8 *name, u8 len)
{
	struct tls13_vec_mark ext, list, v;

	tls13_put_ext_begin(w, TLS13_EXT_ALPN, &ext);
	tls13_put_vec_begin(w, 2, &list);
	tls13_put_vec_begin(w, 1, &v);
	tls13_put_bytes(w, name, len);
	tls13_put_vec_end(w, &v, U8_MAX);
	tls13_put_vec_end(w, &list, U16_MAX);
	return tls13_put_vec_end(w, &ext, U16_MAX);
}
