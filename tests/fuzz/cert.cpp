// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target "cert": a peer's certificate chain through cert.c's
 * tls13_cert_verify_chain(): the DER of each certificate goes through
 * the grammars cert_*.asn1 and their actions (validity, basicConstraints,
 * keyUsage, extKeyUsage, subjectAltName, critical extensions) on the
 * kernel's lib/asn1_decoder.c, then path building and the policy checks.
 * What the kernel's X.509 parser and signature checks would say is the
 * model's (model.hpp), chosen by the input.
 *
 * Input: [policy][world: 5][now: u32][n] then n times
 * [model: 5][length: u16][DER]. policy: bit 0 a trust keyring, bit 1
 * keep a copy of the leaf, bit 2 a client's chain, bits 3-4 the peer name (none,
 * server.test, 127.0.0.1, ::1), bit 5 "now" from the clock.
 */
#include "model.hpp"

extern "C" {
#include "cert.h"
}

using fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { nullptr, "server.test",
					     "127.0.0.1", "::1" };
	static key trust = { 1, nullptr, {}, nullptr };
	fuzz::Input in(data, size);
	uint8_t flags = in.u8();
	model::World world = model::read_world(in);
	uint32_t now = in.u32();
	unsigned int n = in.u8() % (TLS13_MAX_CHAIN + 2);
	std::vector<std::vector<uint8_t>> certs(n);
	std::vector<const uint8_t *> der(n);
	std::vector<uint32_t> der_len(n);

	model::Cert none = {};

	none.preparse_err = -EBADMSG;
	model::begin(world, none);
	for (unsigned int i = 0; i < n; i++) {
		model::Cert c = model::read_cert(in);

		certs[i] = in.bytes(in.u16());
		certs[i].reserve(1);
		der[i] = certs[i].data();
		der_len[i] = certs[i].size();
		model::add(der[i], c);
	}

	tls13_cert_policy pol = {};
	tls13_leaf leaf = {};
	pol.trust = flags & 1 ? &trust : nullptr;
	pol.leaf = flags & 2 ? &leaf : nullptr;
	pol.client = flags & 4;
	pol.peername = names[(flags >> 3) & 3];
	// 4-second steps from 1970 to 2514; the seeds' certificates are
	// valid at 2026-06-01
	pol.now = flags & 0x20 ? 0 : static_cast<time64_t>(now) << 2;

	tls13_pubkey out;
	std::memset(&out, 0xa5, sizeof(out));
	uint8_t a = tls13_cert_verify_chain(&pol, der.data(), der_len.data(),
					    n, &out);
	fuzz::check_result(a, "verify_chain: result");
	if (fuzz::verbose())
		std::fprintf(stderr, "cert: n %u alert %u (%s)\n", n, a,
			     a && out.why ? out.why : "");
	model::end();
	if (a) {
		check(out.kind == TLS13_KEY_NONE && !out.len,
		      "verify_chain: a refused chain left a key");
	} else {
		check(n >= 1 && out.kind != TLS13_KEY_NONE && out.len > 0 &&
		      out.len <= TLS13_MAX_PUBKEY && !out.why,
		      "verify_chain: accepted, but the key is not set");
		check(!pol.leaf || (leaf.der && leaf.len == der_len[0] &&
				    !std::memcmp(leaf.der, der[0], leaf.len)),
		      "verify_chain: the leaf kept is not the leaf");
	}
	kfree(leaf.der);
	return 0;
}
