// SPDX-License-Identifier: GPL-2.0-only
//
// aead-record: protect one TLS 1.3 record with OpenSSL, to derive known
// answers for the engine's KUnit suites independently of the engine.
//
//   aead-record SUITE KEY IV SEQ TYPE PLAINTEXT PAD
//
// SUITE is aes-128-gcm, aes-256-gcm, chacha20-poly1305 or aes-128-ccm;
// KEY, IV and PLAINTEXT are hex; SEQ, TYPE and PAD are decimal. Prints the
// complete record (header, ciphertext, tag) in hex. Keys and IVs come from
// `openssl kdf ... TLS13-KDF` (see net/handshake/tls13/tests/record_test.c).
// `aead-record selftest` checks the tool against RFC 8448 section 3.

#include <openssl/evp.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using Bytes = std::vector<unsigned char>;

Bytes unhex(const std::string &s)
{
	Bytes out;
	if (s.size() % 2)
		throw std::runtime_error("odd hex length");
	for (size_t i = 0; i < s.size(); i += 2)
		out.push_back(static_cast<unsigned char>(
			std::stoul(s.substr(i, 2), nullptr, 16)));
	return out;
}

std::string hex(const Bytes &b)
{
	static const char digits[] = "0123456789abcdef";
	std::string s;
	for (unsigned char c : b) {
		s += digits[c >> 4];
		s += digits[c & 15];
	}
	return s;
}

struct Suite {
	const char *name;
	const EVP_CIPHER *(*cipher)();
	bool ccm;
};

const Suite suites[] = {
	{ "aes-128-gcm", EVP_aes_128_gcm, false },
	{ "aes-256-gcm", EVP_aes_256_gcm, false },
	{ "chacha20-poly1305", EVP_chacha20_poly1305, false },
	{ "aes-128-ccm", EVP_aes_128_ccm, true },
};

Bytes seal(const Suite &suite, const Bytes &key, const Bytes &iv,
	   uint64_t seq, unsigned type, const Bytes &plaintext, size_t pad)
{
	const int taglen = 16;
	Bytes inner = plaintext;
	inner.push_back(static_cast<unsigned char>(type));
	inner.resize(inner.size() + pad, 0);

	Bytes nonce = iv;
	for (int i = 0; i < 8; i++)
		nonce[nonce.size() - 1 - i] ^= static_cast<unsigned char>(seq >> (8 * i));

	size_t len = inner.size() + taglen;
	Bytes rec = { 23, 3, 3, static_cast<unsigned char>(len >> 8),
		      static_cast<unsigned char>(len) };

	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	Bytes out(inner.size() + 32);
	Bytes tag(taglen);
	int n = 0, m = 0;
	bool ok = ctx &&
		EVP_EncryptInit_ex(ctx, suite.cipher(), nullptr, nullptr, nullptr) &&
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN,
				    static_cast<int>(nonce.size()), nullptr);
	if (ok && suite.ccm)
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, taglen, nullptr);
	ok = ok && EVP_EncryptInit_ex(ctx, nullptr, nullptr, key.data(), nonce.data());
	if (ok && suite.ccm)	// CCM wants the message length up front
		ok = EVP_EncryptUpdate(ctx, nullptr, &n, nullptr,
				       static_cast<int>(inner.size()));
	ok = ok && EVP_EncryptUpdate(ctx, nullptr, &n, rec.data(),
				     static_cast<int>(rec.size())) &&
		EVP_EncryptUpdate(ctx, out.data(), &n, inner.data(),
				  static_cast<int>(inner.size())) &&
		EVP_EncryptFinal_ex(ctx, out.data() + n, &m) &&
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, taglen, tag.data());
	EVP_CIPHER_CTX_free(ctx);
	if (!ok)
		throw std::runtime_error("OpenSSL AEAD failed");
	out.resize(static_cast<size_t>(n + m));
	rec.insert(rec.end(), out.begin(), out.end());
	rec.insert(rec.end(), tag.begin(), tag.end());
	return rec;
}

// RFC 8448 section 3: the client's Finished record.
int selftest()
{
	Bytes rec = seal(suites[0], unhex("947fe41b60fa1bcf942d456268476e8d"),
			 unhex("962df1fc720f9574f7d22248"), 0, 22,
			 unhex("1400002080a2c0d6cbc21078dba30affbf091929278edc832db4bfa1c811c9e8c67da9bb"),
			 0);
	const std::string want =
		"1703030035ed2b5675d3a8b0d0cedd0519d5e7573c4aa061f42daeecca1c5498"
		"e1f063a9c6c5f594e3859f568a0bc5ee9ee49db23a0999f0aede";
	if (hex(rec) != want) {
		std::fprintf(stderr, "selftest failed: %s\n", hex(rec).c_str());
		return 1;
	}
	std::puts("selftest ok");
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	try {
		if (argc == 2 && std::string(argv[1]) == "selftest")
			return selftest();
		if (argc != 8) {
			std::fprintf(stderr, "usage: %s SUITE KEY IV SEQ TYPE PLAINTEXT PAD\n",
				     argv[0]);
			return 2;
		}
		for (const Suite &s : suites) {
			if (std::string(argv[1]) != s.name)
				continue;
			Bytes rec = seal(s, unhex(argv[2]), unhex(argv[3]),
					 std::stoull(argv[4]),
					 static_cast<unsigned>(std::stoul(argv[5])),
					 unhex(argv[6]),
					 static_cast<size_t>(std::stoul(argv[7])));
			std::puts(hex(rec).c_str());
			return 0;
		}
		std::fprintf(stderr, "unknown suite %s\n", argv[1]);
		return 2;
	} catch (const std::exception &e) {
		std::fprintf(stderr, "error: %s\n", e.what());
		return 1;
	}
}
