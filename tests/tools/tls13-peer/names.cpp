// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: cipher suites, groups, signature schemes and alerts by IANA
// code point.

#include "names.hpp"
#include "util.hpp"

#include <strings.h>

#include <cstdio>
#include <iterator>

namespace tls13peer {

namespace {

const Name suites[] = {
	{ 0x1301, "TLS_AES_128_GCM_SHA256" },
	{ 0x1302, "TLS_AES_256_GCM_SHA384" },
	{ 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
	{ 0x1304, "TLS_AES_128_CCM_SHA256" },
	{ 0x1305, "TLS_AES_128_CCM_8_SHA256" },
};

const Name groups[] = {
	{ 0x0017, "secp256r1" },
	{ 0x0018, "secp384r1" },
	{ 0x0019, "secp521r1" },
	{ 0x001d, "x25519" },
	{ 0x001e, "x448" },
};

// SignatureScheme (RFC 8446 section 4.2.3)
const Name schemes[] = {
	{ 0x0401, "rsa_pkcs1_sha256" },
	{ 0x0501, "rsa_pkcs1_sha384" },
	{ 0x0601, "rsa_pkcs1_sha512" },
	{ 0x0403, "ecdsa_secp256r1_sha256" },
	{ 0x0503, "ecdsa_secp384r1_sha384" },
	{ 0x0603, "ecdsa_secp521r1_sha512" },
	{ 0x0804, "rsa_pss_rsae_sha256" },
	{ 0x0805, "rsa_pss_rsae_sha384" },
	{ 0x0806, "rsa_pss_rsae_sha512" },
	{ 0x0807, "ed25519" },
	{ 0x0808, "ed448" },
	{ 0x0809, "rsa_pss_pss_sha256" },
	{ 0x080a, "rsa_pss_pss_sha384" },
	{ 0x080b, "rsa_pss_pss_sha512" },
};

const Name alerts[] = {
	{ 0, "close_notify" },
	{ 10, "unexpected_message" },
	{ 20, "bad_record_mac" },
	{ 22, "record_overflow" },
	{ 40, "handshake_failure" },
	{ 42, "bad_certificate" },
	{ 43, "unsupported_certificate" },
	{ 44, "certificate_revoked" },
	{ 45, "certificate_expired" },
	{ 46, "certificate_unknown" },
	{ 47, "illegal_parameter" },
	{ 48, "unknown_ca" },
	{ 49, "access_denied" },
	{ 50, "decode_error" },
	{ 51, "decrypt_error" },
	{ 70, "protocol_version" },
	{ 71, "insufficient_security" },
	{ 80, "internal_error" },
	{ 86, "inappropriate_fallback" },
	{ 90, "user_canceled" },
	{ 109, "missing_extension" },
	{ 110, "unsupported_extension" },
	{ 112, "unrecognized_name" },
	{ 113, "bad_certificate_status_response" },
	{ 115, "unknown_psk_identity" },
	{ 116, "certificate_required" },
	{ 120, "no_application_protocol" },
};

const char *name_of(const NameTable &table, unsigned int code)
{
	for (const Name &n : table)
		if (n.code == code)
			return n.name;
	return nullptr;
}

std::string describe(const NameTable &table, unsigned int code)
{
	const char *name = name_of(table, code);
	char hex[16];

	std::snprintf(hex, sizeof(hex), "0x%04x", code);
	return name ? name : hex;
}

} // namespace

const NameTable suite_names = { suites, std::size(suites) };
const NameTable group_names = { groups, std::size(groups) };
const NameTable scheme_names = { schemes, std::size(schemes) };
const NameTable alert_names = { alerts, std::size(alerts) };

bool parse_code(const NameTable &table, const std::string &s,
		unsigned int max, unsigned int &out)
{
	long long v;

	for (const Name &n : table) {
		if (!strcasecmp(n.name, s.c_str())) {
			out = n.code;
			return true;
		}
	}
	if (!parse_num(s, 0, max, v))
		return false;
	out = unsigned(v);
	return true;
}

std::string suite_str(unsigned int code)
{
	return code ? describe(suite_names, code) : "none";
}

std::string group_str(unsigned int code)
{
	return code ? describe(group_names, code) : "none";
}

std::string scheme_str(unsigned int code)
{
	return code ? describe(scheme_names, code) : "none";
}

std::string alert_str(unsigned int code)
{
	const char *name = name_of(alert_names, code);

	return std::string(name ? name : "alert") + "(" + std::to_string(code) + ")";
}

} // namespace tls13peer
