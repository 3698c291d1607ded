// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: the command line: Options, their parser and the usage text.

#ifndef TLS13_PEER_OPTIONS_H
#define TLS13_PEER_OPTIONS_H

#include "../../../net/handshake/tls13/testdev.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tls13peer {

struct NameTable;

// --expect-group any: some (EC)DHE group, whichever.
constexpr int GROUP_ANY = -1;

/*
 * Options - one run, as parsed from the command line.
 */
struct Options {
	uint32_t role = 0;			// TLS13_TEST_CLIENT/SERVER
	std::string host = "127.0.0.1";
	std::string port;
	uint32_t auth = TLS13_TEST_AUTH_PSK;
	std::vector<int32_t> psks;		// client: peerids
	int32_t keyring = 0;
	int32_t cert = 0;
	int32_t privkey = 0;
	std::vector<uint16_t> suites;
	std::vector<uint16_t> groups;
	uint32_t flags = 0;
	std::string peername;
	std::string alpn;
	unsigned int timeout_ms = 30000;
	std::string send_file;
	std::string expect_file;

	// What the handshake must report
	std::optional<uint16_t> expect_suite;
	std::optional<int> expect_group;	// 0: none (psk_ke), GROUP_ANY
	std::optional<bool> expect_hrr;
	std::optional<int32_t> expect_peerid;
	std::optional<unsigned int> expect_alert;
	bool expect_fail = false;
	std::optional<unsigned int> expect_tickets;
	std::optional<unsigned int> expect_key_updates;	// at least, followed
	size_t key_update_every = 0;		// ours, after each N bytes sent
	std::optional<bool> expect_peer_cert;	// TLS13_TEST_R_PEER_CERT
	std::optional<bool> expect_cert_sent;	// TLS13_TEST_R_CERT_SENT
	std::optional<uint16_t> expect_scheme;	// 0: none
	std::optional<uint16_t> expect_peer_scheme;
	std::optional<bool> expect_peerid_set;	// > 0, or TLS_NO_PEERID (0)

	// The peer program, run by the tool
	std::vector<std::string> peer_argv;
	std::string peer_stdin = "/dev/null";
	std::string peer_output;		// its stdout must equal this file
	std::vector<std::string> peer_says;	// texts its output must contain
	bool peer_fail = false;			// it must exit non-zero
	bool peer_daemon = false;		// it never exits: end it
};

struct ParseError {
	std::string msg;
};

class Parser {
public:
	explicit Parser(const std::vector<std::string> &args) : args_(args) {}

	Options parse();

private:
	const std::vector<std::string> &args_;
	size_t i_ = 0;
	std::string inline_val_;
	bool has_inline_ = false;

	[[noreturn]] void fail(const std::string &msg) { throw ParseError{ msg }; }
	std::string value(const std::string &opt);
	void endpoint(Options &o, const std::string &opt, bool listen);
	template <typename T>
	void list(std::vector<T> &out, const NameTable &table, const std::string &opt,
		  size_t max);
	void serials(std::vector<int32_t> &out, const std::string &opt, size_t max);
	int32_t serial(const std::string &opt);
	uint16_t scheme(const std::string &opt);
	bool option(Options &o, const std::string &opt);
	void validate(const Options &o);
};

// The usage text (--help, and after a usage error).
extern const char usage[];

} // namespace tls13peer

#endif
