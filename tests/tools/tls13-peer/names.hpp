// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: cipher suites, groups, signature schemes and alerts by IANA
// code point, for the options and for what the tool prints.

#ifndef TLS13_PEER_NAMES_H
#define TLS13_PEER_NAMES_H

#include <cstddef>
#include <string>

namespace tls13peer {

struct Name {
	unsigned int code;
	const char *name;
};

struct NameTable {
	const Name *names;
	size_t count;

	const Name *begin() const { return names; }
	const Name *end() const { return names + count; }
};

extern const NameTable suite_names, group_names, scheme_names, alert_names;

// A name from @table (case-insensitive) or a number within [0, max].
bool parse_code(const NameTable &table, const std::string &s,
		unsigned int max, unsigned int &out);

// The name, 0x-prefixed hex if unknown, "none" for 0.
std::string suite_str(unsigned int code);
std::string group_str(unsigned int code);
std::string scheme_str(unsigned int code);

// "decrypt_error(51)"; "alert(N)" if unknown.
std::string alert_str(unsigned int code);

} // namespace tls13peer

#endif
