/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Handshake messages (RFC 8446 section 4) and the extension bodies the
 * engine acts on: bounded parsers that consume every length exactly and
 * report the alert RFC 8446 names, and the encoders the state machines
 * use. Parsers point into the received message; nothing is copied.
 */
#ifndef _NET_HANDSHAKE_TLS13_MSG_H
#define _NET_HANDSHAKE_TLS13_MSG_H

#include "ext.h"

#define TLS13_RANDOM_LEN		32
#define TLS13_MAX_SESSION_ID_LEN	32
#define TLS13_VERSION			0x0304
#define TLS13_MAX_PSKS			5
#define TLS13_MAX_PSK_ID_LEN		512
#define TLS13_MAX_COOKIE_LEN		512
/*
 * The largest handshake message we accept from a peer (a ClientHello, a
 * certificate chain): 64 KiB. An implementation limit (the wire allows
 * 2^24 - 1 bytes) that bounds what a peer makes us buffer before
 * anything is authenticated; a longer one is refused with decode_error,
 * as a message we cannot decode (hs.c, KUnit hs_oversized).
 */
#define TLS13_MAX_HS_MSG		0x10000

/* PskKeyExchangeMode (section 4.2.9) */
#define TLS13_PSK_KE			0
#define TLS13_PSK_DHE_KE		1

/**
 * struct tls13_hello - ClientHello, ServerHello or HelloRetryRequest
 * @random: 32 bytes
 * @session_id: legacy_session_id(_echo)
 * @session_id_len: its length (0..32)
 * @suites: ClientHello: the cipher_suites vector (2-byte entries)
 * @suites_len: its length in bytes
 * @suite: ServerHello/HRR: the selected cipher suite
 * @hrr: the random is the HelloRetryRequest marker
 * @exts: the extension block
 * @binders_off: ClientHello with pre_shared_key: offset, from the start
 *	of the message body, of the binders vector (the truncated
 *	ClientHello of section 4.2.11.2 ends there)
 */
struct tls13_hello {
	const u8 *random;
	const u8 *session_id;
	u8 session_id_len;
	const u8 *suites;
	u16 suites_len;
	u16 suite;
	bool hrr;
	struct tls13_exts exts;
	size_t binders_off;
};

u8 tls13_parse_client_hello(const u8 *body, size_t len, struct tls13_hello *h);
u8 tls13_parse_server_hello(const u8 *body, size_t len, u32 offered,
			    struct tls13_hello *h);
u8 tls13_parse_encrypted_extensions(const u8 *body, size_t len, u32 offered,
				    struct tls13_exts *exts);

/**
 * struct tls13_cert_request - CertificateRequest (section 4.3.2)
 * @context: certificate_request_context
 * @context_len: its length
 * @exts: its extensions (signature_algorithms is required)
 */
struct tls13_cert_request {
	const u8 *context;
	u8 context_len;
	struct tls13_exts exts;
};

u8 tls13_parse_cert_request(const u8 *body, size_t len,
			    struct tls13_cert_request *cr);

/**
 * struct tls13_certificate - Certificate (section 4.4.2)
 * @context: certificate_request_context
 * @context_len: its length
 * @list: the certificate_list vector, checked entry by entry
 * @list_len: its length
 * @count: number of CertificateEntry values
 */
struct tls13_certificate {
	const u8 *context;
	u8 context_len;
	const u8 *list;
	u32 list_len;
	unsigned int count;
};

u8 tls13_parse_certificate(const u8 *body, size_t len, u32 offered,
			   struct tls13_certificate *ct);
bool tls13_cert_next(struct tls13_reader *list, const u8 **der, u32 *der_len);

/**
 * struct tls13_cert_verify - CertificateVerify (section 4.4.3)
 * @scheme: SignatureScheme
 * @sig: the signature
 * @sig_len: its length
 */
struct tls13_cert_verify {
	u16 scheme;
	const u8 *sig;
	u16 sig_len;
};

u8 tls13_parse_cert_verify(const u8 *body, size_t len,
			   struct tls13_cert_verify *cv);
u8 tls13_parse_finished(const u8 *body, size_t len, unsigned int hash_len);

/* Extension bodies */
u8 tls13_ext_versions_ch(const struct tls13_exts *exts, bool *tls13);
u8 tls13_ext_version_sh(const struct tls13_exts *exts, u16 *version);
u8 tls13_ext_u16_list(const struct tls13_exts *exts, enum tls13_ext_index x,
		      const u8 **list, size_t *len);
bool tls13_u16_list_has(const u8 *list, size_t len, u16 v);

/**
 * struct tls13_key_shares - the client_shares of a ClientHello
 * @groups: group of each entry, in the client's order
 * @share: key_exchange of each entry
 * @share_len: its length
 * @count: number of entries kept: those of the groups asked for, each
 *	at most once, so never more than %TLS13_MAX_SHARES
 * @total: number of entries the client listed
 */
#define TLS13_MAX_SHARES	8
struct tls13_key_shares {
	u16 groups[TLS13_MAX_SHARES];
	const u8 *share[TLS13_MAX_SHARES];
	u16 share_len[TLS13_MAX_SHARES];
	unsigned int count;
	unsigned int total;
};

u8 tls13_ext_key_shares_ch(const struct tls13_exts *exts, const u16 *want,
			   unsigned int n_want, struct tls13_key_shares *ks);
u8 tls13_ext_key_share_sh(const struct tls13_exts *exts, u16 *group,
			  const u8 **share, u16 *share_len);
u8 tls13_ext_key_share_hrr(const struct tls13_exts *exts, u16 *group);

/**
 * struct tls13_psk_offer - the pre_shared_key extension of a ClientHello
 * @ids: each identity
 * @id_len: its length
 * @binders: each binder
 * @binder_len: its length
 * @count: number of identities (= binders) kept, at most %TLS13_MAX_PSKS;
 *	further identities are checked, then ignored
 */
struct tls13_psk_offer {
	const u8 *ids[TLS13_MAX_PSKS];
	u16 id_len[TLS13_MAX_PSKS];
	const u8 *binders[TLS13_MAX_PSKS];
	u8 binder_len[TLS13_MAX_PSKS];
	unsigned int count;
};

u8 tls13_ext_psk_ch(const struct tls13_exts *exts, const u8 *body,
		    struct tls13_psk_offer *offer, size_t *binders_off);
u8 tls13_ext_psk_sh(const struct tls13_exts *exts, u16 *selected);
u8 tls13_ext_psk_modes(const struct tls13_exts *exts, u8 *modes);
u8 tls13_ext_cookie(const struct tls13_exts *exts, const u8 **cookie,
		    u16 *len);
u8 tls13_ext_empty(const struct tls13_exts *exts, enum tls13_ext_index x);
u8 tls13_ext_alpn(const struct tls13_exts *exts, const u8 **list,
		  size_t *len);

/* Encoding helpers */
bool tls13_put_ext_begin(struct tls13_writer *w, u16 type,
			 struct tls13_vec_mark *mark);
bool tls13_put_hs_begin(struct tls13_writer *w, u8 type,
			struct tls13_vec_mark *mark);

bool tls13_put_certificate(struct tls13_writer *w, const u8 *ctx, u8 ctx_len,
			   const u8 *const *der, const u32 *der_len,
			   unsigned int n);
bool tls13_put_cert_request(struct tls13_writer *w, const u8 *ctx, u8 ctx_len,
			    const u16 *schemes, unsigned int n);
bool tls13_put_cert_verify(struct tls13_writer *w, u16 scheme, const u8 *sig,
			   u16 sig_len);

bool tls13_put_server_name(struct tls13_writer *w, const char *name,
			   size_t len);
bool tls13_put_alpn(struct tls13_writer *w, const u8 *name, u8 len);

/* 64 spaces, a 33-byte context string, a zero byte, a SHA-384 hash */
#define TLS13_CV_CONTENT_MAX	(64 + 34 + TLS13_MAX_HASH_LEN)
size_t tls13_cv_content(bool server, const u8 *thash, unsigned int hash_len,
			u8 *out);

extern const u8 tls13_hrr_random[TLS13_RANDOM_LEN];

#endif /* _NET_HANDSHAKE_TLS13_MSG_H */
