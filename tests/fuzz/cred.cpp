// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target "cred": our own chain and private key through cred.c's
 * tls13_cred_set(): the chain split by tls13_der_certificate(), the
 * private key told apart (PKCS#8, SEC1, PKCS#1) and decoded by the
 * grammars cred_*.asn1 and their actions on the kernel's
 * lib/asn1_decoder.c, then the leaf's key kind and the proof of
 * possession. The X.509 parser and sig.c are the model's (model.hpp).
 *
 * Input: [leaf model: 5][world: 5][chain length: u16][chain][key...]
 */
#include "model.hpp"

extern "C" {
#include "cert.h"
}

using fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz::Input in(data, size);
	model::Cert leaf = model::read_cert(in);
	model::World world = model::read_world(in);
	std::vector<uint8_t> chain = in.bytes(in.u16());
	std::vector<uint8_t> key = in.rest();
	tls13_cred cred;

	chain.reserve(1);
	// cred.c parses its own copy of the leaf: the default answers
	model::begin(world, leaf);
	std::memset(&cred, 0xa5, sizeof(cred));
	int err = tls13_cred_set(chain.data(), chain.size(), key.data(),
				 key.size(), &cred);
	model::end();
	if (fuzz::verbose())
		std::fprintf(stderr, "cred: %d\n", err);
	if (err) {
		static const tls13_cred zero = {};

		check(err == -EINVAL || err == -E2BIG || err == -EBADMSG ||
		      err == -EKEYREJECTED || err == -ENOPKG || err == -ENOMEM,
		      "cred_set: an undocumented errno");
		check(!std::memcmp(&cred, &zero, sizeof(cred)),
		      "cred_set: failed, but the credential is not zeroed");
		return 0;
	}
	check(cred.n >= 1 && cred.n <= TLS13_MAX_CHAIN && cred.buf &&
	      cred.priv && cred.priv_len, "cred_set: fields");
	size_t total = 0;
	for (unsigned int i = 0; i < cred.n; i++) {
		check(cred.der[i] == cred.buf + total,
		      "cred_set: the chain is not split in order");
		total += cred.der_len[i];
	}
	check(total == chain.size() &&
	      !std::memcmp(cred.buf, chain.data(), total),
	      "cred_set: the chain is not what was given");
	switch (cred.kind) {
	case TLS13_KEY_EC_P256:
		check(cred.priv_len == 32, "cred_set: P-256 scalar length");
		break;
	case TLS13_KEY_EC_P384:
		check(cred.priv_len == 48, "cred_set: P-384 scalar length");
		break;
	case TLS13_KEY_RSA:
		break;
	default:
		fuzz::fail("cred_set: no key kind");
	}
	tls13_cred_free(&cred);
	tls13_cred_free(&cred);	// documented: a second call does nothing
	return 0;
}
