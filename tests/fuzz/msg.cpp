// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target "msg": the handshake message layer (codec.c, ext.c, msg.c).
 *
 * Input: [selector][offered: u32][body...]. The selector picks a parser
 * (below); offered is the extension mask the answering messages are
 * checked against. Every extension block a parser accepted then goes
 * through every extension-body helper of msg.h, and whatever a parser
 * returns must point inside the body it was given. Selector 7 goes the
 * other way: it encodes fuzzed fields with the writers, with a fuzzed
 * buffer size, and what an encoder produced must parse back the same.
 */
#include <algorithm>
#include <cstring>

#include "fuzz_util.hpp"

extern "C" {
#include "msg.h"
}

using fuzz::check;
using fuzz::check_inside;
using fuzz::check_result;

namespace {

enum Sel {
	CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERT_REQUEST,
	CERTIFICATE, CERT_VERIFY, FINISHED, ENCODE, EXT_BLOCK, NSEL
};

struct Body {
	const u8 *p;
	size_t len;
};

void inside(const Body &b, const u8 *p, size_t n, const char *what)
{
	check_inside(p, n, b.p, b.len, what);
}

// Every helper of msg.h over one accepted block: none may crash, each
// returns 0 or an alert, and what it returns lies inside the body.
void walk_exts(const Body &b, const tls13_exts *x)
{
	static const u16 want[] = { TLS13_GROUP_X25519, TLS13_GROUP_SECP256R1,
				    TLS13_GROUP_SECP384R1 };
	const u8 *p;
	size_t n;
	u16 v16, n16;
	u8 v8;
	bool yes;

	for (unsigned int i = 0; i < TLS13_X_COUNT; i++)
		if (x->present & BIT(i))
			inside(b, x->data[i], x->len[i], "extension data");

	check_result(tls13_ext_versions_ch(x, &yes), "versions_ch");
	check_result(tls13_ext_version_sh(x, &v16), "version_sh");
	for (auto i : { TLS13_X_SUPPORTED_GROUPS, TLS13_X_SIGNATURE_ALGORITHMS,
			TLS13_X_SIGNATURE_ALGORITHMS_CERT }) {
		u8 a = tls13_ext_u16_list(x, i, &p, &n);

		check_result(a, "u16_list");
		if (!a) {
			inside(b, p, n, "u16_list");
			check(!(n & 1), "u16_list: odd length");
			(void)tls13_u16_list_has(p, n, TLS13_GROUP_X25519);
		}
	}

	tls13_key_shares ks;
	u8 a = tls13_ext_key_shares_ch(x, want, ARRAY_SIZE(want), &ks);
	check_result(a, "key_shares_ch");
	if (!a) {
		check(ks.count <= ARRAY_SIZE(want) && ks.count <= ks.total,
		      "key_shares_ch: count");
		for (unsigned int i = 0; i < ks.count; i++) {
			inside(b, ks.share[i], ks.share_len[i], "key share");
			for (unsigned int j = 0; j < i; j++)
				check(ks.groups[i] != ks.groups[j],
				      "key_shares_ch: a group kept twice");
		}
	}
	const u8 *share;
	a = tls13_ext_key_share_sh(x, &v16, &share, &n16);
	check_result(a, "key_share_sh");
	if (!a)
		inside(b, share, n16, "key_share_sh");
	check_result(tls13_ext_key_share_hrr(x, &v16), "key_share_hrr");

	tls13_psk_offer offer;
	size_t binders_off = 0;
	a = tls13_ext_psk_ch(x, b.p, &offer, &binders_off);
	check_result(a, "psk_ch");
	if (!a && (x->present & BIT(TLS13_X_PRE_SHARED_KEY))) {
		check(binders_off <= b.len, "psk_ch: binders offset");
		check(offer.count <= TLS13_MAX_PSKS, "psk_ch: count");
		for (unsigned int i = 0; i < offer.count; i++) {
			inside(b, offer.ids[i], offer.id_len[i], "psk id");
			inside(b, offer.binders[i], offer.binder_len[i],
			       "psk binder");
		}
	}
	check_result(tls13_ext_psk_sh(x, &v16), "psk_sh");
	a = tls13_ext_psk_modes(x, &v8);
	check_result(a, "psk_modes");
	check(a || !(v8 & ~3u), "psk_modes: unknown mode kept");
	a = tls13_ext_cookie(x, &p, &n16);
	check_result(a, "cookie");
	if (!a)
		inside(b, p, n16, "cookie");
	for (auto i : { TLS13_X_EARLY_DATA, TLS13_X_SERVER_NAME,
			TLS13_X_POST_HANDSHAKE_AUTH })
		check_result(tls13_ext_empty(x, i), "ext_empty");
	a = tls13_ext_alpn(x, &p, &n);
	check_result(a, "alpn");
	if (!a)
		inside(b, p, n, "alpn");
}

void parse(Sel sel, u32 offered, const Body &b)
{
	u8 a;

	switch (sel) {
	case CLIENT_HELLO:
	case SERVER_HELLO: {
		tls13_hello h;

		a = sel == CLIENT_HELLO ?
			tls13_parse_client_hello(b.p, b.len, &h) :
			tls13_parse_server_hello(b.p, b.len, offered, &h);
		check_result(a, "hello");
		if (a)
			return;
		inside(b, h.random, TLS13_RANDOM_LEN, "random");
		check(h.session_id_len <= TLS13_MAX_SESSION_ID_LEN,
		      "session id length");
		inside(b, h.session_id, h.session_id_len, "session id");
		inside(b, h.suites, h.suites_len, "suites");
		walk_exts(b, &h.exts);
		break;
	}
	case ENCRYPTED_EXTENSIONS: {
		tls13_exts x;

		a = tls13_parse_encrypted_extensions(b.p, b.len, offered, &x);
		check_result(a, "encrypted_extensions");
		if (!a)
			walk_exts(b, &x);
		break;
	}
	case CERT_REQUEST: {
		tls13_cert_request cr;

		a = tls13_parse_cert_request(b.p, b.len, &cr);
		check_result(a, "cert_request");
		if (a)
			return;
		inside(b, cr.context, cr.context_len, "cr context");
		walk_exts(b, &cr.exts);
		break;
	}
	case CERTIFICATE: {
		tls13_certificate ct;
		tls13_reader list;
		const u8 *der;
		u32 der_len;
		unsigned int n = 0;

		a = tls13_parse_certificate(b.p, b.len, offered, &ct);
		check_result(a, "certificate");
		if (a)
			return;
		inside(b, ct.context, ct.context_len, "ct context");
		inside(b, ct.list, ct.list_len, "ct list");
		// the walk the state machines do over an accepted list
		tls13_reader_init(&list, ct.list, ct.list_len);
		while (tls13_cert_next(&list, &der, &der_len)) {
			inside(b, der, der_len, "cert_next");
			check(der_len > 0, "cert_next: empty certificate");
			n++;
		}
		check(tls13_reader_ok(&list) && !list.left,
		      "cert_next: an accepted list did not walk");
		check(n == ct.count, "cert_next: count");
		break;
	}
	case CERT_VERIFY: {
		tls13_cert_verify cv;

		a = tls13_parse_cert_verify(b.p, b.len, &cv);
		check_result(a, "cert_verify");
		if (!a)
			inside(b, cv.sig, cv.sig_len, "signature");
		check(a || cv.sig_len, "cert_verify: empty signature");
		break;
	}
	case FINISHED:
		a = tls13_parse_finished(b.p, b.len, offered & 1 ? 48 : 32);
		check_result(a, "finished");
		break;
	default: {
		// a bare extension block, in one of the seven contexts
		tls13_reader r;
		tls13_exts x;

		tls13_reader_init(&r, b.p, b.len);
		auto msg = static_cast<tls13_ext_msg>(BIT((offered >> 29) % 7));
		if (tls13_ext_parse(&r, msg, offered, &x))
			walk_exts(b, &x);
		check_result(r.alert, "ext_parse");
		break;
	}
	}
}

// --- encoders: what they write must parse back to what they were given

struct Msg {
	u8 type;
	const u8 *body;
	size_t len;
};

Msg unframe(const tls13_writer &w)
{
	check(w.len >= TLS13_HS_HEADER_LEN, "encoder: no header");
	check(get_unaligned_be24(w.buf + 1) == w.len - TLS13_HS_HEADER_LEN,
	      "encoder: header length");
	return { w.buf[0], w.buf + TLS13_HS_HEADER_LEN,
		 w.len - TLS13_HS_HEADER_LEN };
}

bool same(const u8 *a, const u8 *b, size_t n)
{
	return !n || !std::memcmp(a, b, n);
}

void encode(fuzz::Input &in)
{
	u8 what = in.u8() % 4;
	size_t size = in.u16() % 4096;
	std::vector<u8> buf(size);
	tls13_writer w;

	tls13_writer_init(&w, buf.data(), size);
	switch (what) {
	case 0: {	// Certificate
		std::vector<u8> ctx = in.bytes(in.u8());
		unsigned int n = in.u8() % 4;
		std::vector<std::vector<u8>> certs;
		std::vector<const u8 *> der;
		std::vector<u32> der_len;

		for (unsigned int i = 0; i < n; i++)
			certs.push_back(in.bytes(in.u16() % 512));
		for (auto &c : certs) {
			der.push_back(c.data());
			der_len.push_back(c.size());
		}
		if (!tls13_put_certificate(&w, ctx.data(), ctx.size(),
					   der.data(), der_len.data(), n))
			return;
		Msg m = unframe(w);
		tls13_certificate ct;
		tls13_reader list;
		const u8 *d;
		u32 dl;

		check(m.type == TLS13_HS_CERTIFICATE, "certificate type");
		if (std::any_of(certs.begin(), certs.end(),
				[](const std::vector<u8> &c) { return c.empty(); })) {
			// an empty cert_data is ours to avoid: refused
			check(tls13_parse_certificate(m.body, m.len, 0, &ct),
			      "certificate: empty entry accepted");
			return;
		}
		check(!tls13_parse_certificate(m.body, m.len, 0, &ct),
		      "certificate does not parse back");
		check(ct.context_len == ctx.size() &&
		      same(ct.context, ctx.data(), ctx.size()) && ct.count == n,
		      "certificate: fields");
		tls13_reader_init(&list, ct.list, ct.list_len);
		for (unsigned int i = 0; i < n; i++)
			check(tls13_cert_next(&list, &d, &dl) &&
			      dl == der_len[i] && same(d, der[i], dl),
			      "certificate: entry");
		break;
	}
	case 1: {	// CertificateRequest
		std::vector<u8> ctx = in.bytes(in.u8());
		unsigned int n = in.u8() % 40;
		std::vector<u16> schemes;

		for (unsigned int i = 0; i < n; i++)
			schemes.push_back(in.u16());
		if (!tls13_put_cert_request(&w, ctx.data(), ctx.size(),
					    schemes.data(), n))
			return;
		Msg m = unframe(w);
		tls13_cert_request cr;
		const u8 *l;
		size_t ll;

		check(!tls13_parse_cert_request(m.body, m.len, &cr) &&
		      cr.context_len == ctx.size() &&
		      same(cr.context, ctx.data(), ctx.size()),
		      "cert_request does not parse back");
		u8 a = tls13_ext_u16_list(&cr.exts, TLS13_X_SIGNATURE_ALGORITHMS,
					  &l, &ll);
		if (!n) {	// an empty list is the list's decode_error
			check(a == TLS13_ALERT_DECODE_ERROR, "cr: empty list");
			return;
		}
		check(!a && ll == 2 * n, "cert_request: schemes");
		for (unsigned int i = 0; i < n; i++)
			check(get_unaligned_be16(l + 2 * i) == schemes[i],
			      "cert_request: scheme");
		break;
	}
	case 2: {	// CertificateVerify
		u16 scheme = in.u16();
		std::vector<u8> sig = in.bytes(in.u16() % 1024);
		tls13_cert_verify cv;

		if (!tls13_put_cert_verify(&w, scheme, sig.data(), sig.size()))
			return;
		Msg m = unframe(w);
		u8 a = tls13_parse_cert_verify(m.body, m.len, &cv);
		check(sig.empty() ? a == TLS13_ALERT_DECODE_ERROR :
		      !a && cv.scheme == scheme && cv.sig_len == sig.size() &&
		      same(cv.sig, sig.data(), sig.size()),
		      "cert_verify does not parse back");
		break;
	}
	default: {	// a ClientHello extension block: server_name and ALPN
		std::vector<u8> name = in.bytes(in.u8());
		std::vector<u8> proto = in.bytes(in.u8());
		tls13_vec_mark block;
		tls13_exts x;
		tls13_reader r;
		const u8 *p;
		u16 n16;
		size_t n;

		tls13_put_vec_begin(&w, 2, &block);
		tls13_put_server_name(&w, reinterpret_cast<const char *>(
					      name.data()), name.size());
		tls13_put_alpn(&w, proto.data(), proto.size());
		if (!tls13_put_vec_end(&w, &block, U16_MAX))
			return;
		tls13_reader_init(&r, w.buf, w.len);
		check(tls13_ext_parse(&r, TLS13_MSG_CH, 0, &x) &&
		      tls13_reader_done(&r), "extension block does not parse");
		// server_name: one host_name (RFC 6066 section 3), as written
		auto be16 = [](const u8 *q) { return unsigned(q[0]) << 8 | q[1]; };
		p = x.data[TLS13_X_SERVER_NAME];
		n16 = x.len[TLS13_X_SERVER_NAME];
		check((x.present & (1u << TLS13_X_SERVER_NAME)) &&
		      n16 == 5 + name.size() && be16(p) == 3 + name.size() &&
		      p[2] == 0 && be16(p + 3) == name.size() &&
		      same(p + 5, name.data(), name.size()),
		      "server_name is not written as one host_name");
		u8 a = tls13_ext_alpn(&x, &p, &n);
		check(proto.empty() ? a == TLS13_ALERT_DECODE_ERROR :
		      !a && n == proto.size() + 1 && p[0] == proto.size() &&
		      same(p + 1, proto.data(), proto.size()),
		      "alpn does not parse back");
		break;
	}
	}
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz::Input in(data, size);
	Sel sel = static_cast<Sel>(in.u8() % NSEL);

	if (sel == ENCODE) {
		encode(in);
		return 0;
	}
	u32 offered = in.u32();
	std::vector<u8> body = in.rest();
	parse(sel, offered, { body.data(), body.size() });
	return 0;
}
