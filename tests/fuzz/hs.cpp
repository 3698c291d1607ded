// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target "hs": the state machines (hs.c, client.c, server.c,
 * auth.c) with the key schedule (keysched.c, crypto/hkdf.c), the key
 * exchange (kex.c) and the record layer (record.c), all built unchanged,
 * a client and a server talking in memory, with the fuzzer in the middle.
 * The crypto is OpenSSL's (shim/kcrypto.c) but for the records, which use
 * the null AEAD of shim/kshim.c, so that the fuzzer can read and rewrite
 * the encrypted handshake messages too; certificate chains and signatures
 * are the model's (model.hpp). Everything random is fixed: a run depends
 * on its input alone.
 *
 * Input: [setup][suites][world: 5][certificate model: 5] then edits,
 * each [record index][op][offset: u16][value] (+ [length: u16][bytes]
 * for op 3), applied to the records of both directions, numbered in the
 * order they are sent. Ops: 0 set a byte, 1 xor a byte, 2 truncate,
 * 3 replace the rest from offset, 4 drop the record, 5 send it twice.
 * setup: bit 0 certificates (else PSK), 1 client authentication, 2
 * psk_ke only, 3 HelloRetryRequest, 4 ALPN, 5 server_name, 6 a PSK the
 * server does not know.
 *
 * Checks: no crash, leak or UB on either side; a side that failed says
 * so with a negative errno; when both sides connected (whatever the
 * edits), they agree on what they negotiated and each side's write keys
 * are the other's read keys; and with no edit at all, a PSK both know
 * and a chain the model accepts, both connect.
 */
#include <memory>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "hs_adapter.h"
#include "model.hpp"

using fuzz::check;

namespace {

// A self-signed P-256 certificate for server.test, valid 2025-2035: what
// both sides send. Made once, with OpenSSL, so no vector is copied here.
std::vector<uint8_t> make_cert()
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	X509 *x = X509_new();
	X509V3_CTX ctx;
	std::vector<uint8_t> der;

	check(key && x, "make_cert: OpenSSL");
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	ASN1_TIME_set_string(X509_getm_notBefore(x), "20250101000000Z");
	ASN1_TIME_set_string(X509_getm_notAfter(x), "20350101000000Z");
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
				   reinterpret_cast<const unsigned char *>(
					   "server.test"), -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(x));
	X509_set_pubkey(x, key);
	X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
	for (auto ext : { std::pair<int, const char *>{
				  NID_subject_alt_name, "DNS:server.test" },
			  { NID_ext_key_usage, "serverAuth,clientAuth" },
			  { NID_key_usage, "critical,digitalSignature" } }) {
		X509_EXTENSION *e = X509V3_EXT_conf_nid(nullptr, &ctx, ext.first,
							ext.second);
		check(e && X509_add_ext(x, e, -1), "make_cert: extension");
		X509_EXTENSION_free(e);
	}
	check(X509_sign(x, key, EVP_sha256()) > 0, "make_cert: sign");
	int n = i2d_X509(x, nullptr);
	der.resize(n);
	unsigned char *p = der.data();
	i2d_X509(x, &p);
	X509_free(x);
	EVP_PKEY_free(key);
	return der;
}

struct Edit {
	unsigned int at;
	uint8_t op;
	uint16_t off;
	uint8_t val;
	std::vector<uint8_t> bytes;
};

struct Run {
	std::vector<Edit> edits;
	unsigned int sent = 0;	// records so far, both directions
	bool changed = false;	// an edit changed what was sent
	bool split = false;	// read in pieces of 1..16 bytes
};

// one record as sent, edited: what goes on the wire instead
void edit(Run &run, std::vector<uint8_t> &rec, std::vector<uint8_t> &wire)
{
	bool twice = false, drop = false;
	const std::vector<uint8_t> orig = rec;

	for (const Edit &e : run.edits) {
		if (e.at != run.sent)
			continue;
		size_t off = rec.empty() ? 0 : e.off % rec.size();
		switch (e.op % 6) {
		case 0:
			if (!rec.empty())
				rec[off] = e.val;
			break;
		case 1:
			if (!rec.empty())
				rec[off] ^= e.val ? e.val : 1;
			break;
		case 2:
			rec.resize(off);
			break;
		case 3:
			rec.resize(off);
			rec.insert(rec.end(), e.bytes.begin(), e.bytes.end());
			break;
		case 4:
			drop = true;
			break;
		default:
			twice = true;
			break;
		}
	}
	run.sent++;
	if (drop || twice || rec != orig)
		run.changed = true;
	if (drop)
		return;
	wire.insert(wire.end(), rec.begin(), rec.end());
	if (twice)
		wire.insert(wire.end(), rec.begin(), rec.end());
}

// Everything @from queued goes to @to, through the edits, and @to reads
// it as transport.c does: what the engine wants, as far as it has come
// (with run.split, as if it came in pieces of 1..16 bytes).
int deliver(Run &run, fz_hs *from, fz_hs *to)
{
	size_t len, off = 0;
	const uint8_t *out = fz_hs_output(from, &len);
	std::vector<uint8_t> wire;
	int err = 0;

	while (off + TLS13_RECORD_HEADER_LEN <= len) {
		size_t rlen = TLS13_RECORD_HEADER_LEN +
			      get_unaligned_be16(out + off + 3);

		check(off + rlen <= len, "an engine queued a partial record");
		std::vector<uint8_t> rec(out + off, out + off + rlen);
		edit(run, rec, wire);
		off += rlen;
	}
	check(off == len, "an engine queued bytes that are no record");
	fz_hs_output_done(from);

	off = 0;
	while (!err && off < wire.size() && !fz_hs_failed(to) &&
	       !fz_hs_connected(to)) {
		size_t want;
		uint8_t *p = fz_hs_want(to, &want);

		check(p && want, "hs: a running engine wants nothing");
		size_t n = std::min(want, wire.size() - off);
		if (run.split)
			n = std::min<size_t>(n, 1 + off % 16);
		std::memcpy(p, wire.data() + off, n);
		err = fz_hs_got(to, n);
		off += n;
	}
	// the stream ends inside a record: the peer went away
	if (!err && fz_hs_mid_record(to))
		err = fz_hs_fail(to, -ECONNRESET);
	if (fz_hs_connected(to) || fz_hs_failed(to)) {
		size_t want;

		check(!fz_hs_want(to, &want) && !want,
		      "hs: an engine that is done wants more");
	}
	check(err <= 0 && err > -4096, "hs: not a negative errno");
	return err;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const std::vector<uint8_t> der = make_cert();
	fuzz::Input in(data, size);
	uint8_t flags = in.u8();
	fz_hs_setup setup = {};
	Run run;

	setup.cert = flags & 0x01;
	setup.client_auth = flags & 0x02;
	setup.psk_ke = flags & 0x04;
	setup.hrr = flags & 0x08;
	setup.alpn = flags & 0x10;
	setup.sni = flags & 0x20;
	setup.wrong_psk = flags & 0x40;
	run.split = flags & 0x80;
	setup.suites = in.u8();
	setup.der = der.data();
	setup.der_len = der.size();
	model::World world = model::read_world(in);
	model::Cert cert = model::read_cert(in);
	while (in.left() && run.edits.size() < 16) {
		Edit e;

		e.at = in.u8() % 16;
		e.op = in.u8();
		e.off = in.u16();
		e.val = in.u8();
		if (e.op % 6 == 3)
			e.bytes = in.bytes(in.u16() % 2048);
		run.edits.push_back(e);
	}

	model::begin(world, cert);
	fz_hs *c = fz_hs_new(&setup, false);
	fz_hs *s = fz_hs_new(&setup, true);
	check(c && s, "hs_alloc");
	check(!fz_hs_start(s), "server start");
	int cerr = fz_hs_start(c), serr = 0;
	for (int round = 0; round < 8 && !cerr && !serr; round++) {
		serr = deliver(run, c, s);
		if (serr)
			break;
		cerr = deliver(run, s, c);
		if (fz_hs_connected(c) && fz_hs_connected(s))
			break;
	}
	// the side that failed sends its alert to the other
	if (serr)
		cerr = deliver(run, s, c);
	else if (cerr)
		serr = deliver(run, c, s);

	if (fuzz::verbose())
		std::fprintf(stderr, "hs: client %d%s, server %d%s, %u records%s\n",
			     cerr, fz_hs_connected(c) ? " connected" : "",
			     serr, fz_hs_connected(s) ? " connected" : "",
			     run.sent, run.changed ? ", edited" : "");
	// two sides that both think they connected, edits or not (Finished
	// covers the transcript), agree on what and on the keys
	if (fz_hs_connected(c) && fz_hs_connected(s)) {
		uint8_t ck[32] = {}, civ[12] = {}, sk[32] = {}, siv[12] = {};

		check(fz_hs_summary(c) == fz_hs_summary(s),
		      "hs: the sides negotiated different things");
		for (bool w : { true, false }) {
			check(!fz_hs_keys(c, w, ck, civ) &&
			      !fz_hs_keys(s, !w, sk, siv) &&
			      !std::memcmp(ck, sk, sizeof(ck)) &&
			      !std::memcmp(civ, siv, sizeof(civ)),
			      "hs: the traffic keys differ");
		}
	}
	// what the model must say for a certificate handshake to work: a
	// P-256 X.509 leaf signed (ECDSA, SHA-256) by an anchor, and every
	// check passing
	bool cert_ok = !world.anchor_err && !world.anchor_no_pub &&
		       !world.sign_err && !world.verify_err &&
		       !cert.preparse_err && cert.x509 && cert.ids &&
		       cert.sig && cert.auth_id && !cert.priv &&
		       !cert.verify_err && !cert.too_long && cert.algo == 0 &&
		       cert.subject != cert.issuer &&
		       (world.anchors >> cert.issuer & 1) &&
		       (cert.sig_algo & 0x3f) == 0;
	if (!run.changed && (setup.cert ? cert_ok : !setup.wrong_psk))
		check(fz_hs_connected(c) && fz_hs_connected(s),
		      "hs: an untouched handshake did not connect");
	fz_hs_free(c);
	fz_hs_free(s);
	model::end();
	return 0;
}
