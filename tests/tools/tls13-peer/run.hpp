// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: one run, client or server: the sockets, the handshake
// through /dev/tls13_test, the checks of its result, the data, the peer
// and the verdict; and the watchdog over it all.

#ifndef TLS13_PEER_RUN_H
#define TLS13_PEER_RUN_H

#include "options.hpp"
#include "peer.hpp"
#include "util.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace tls13peer {

// Sentinel in tls13_test_handshake.status: the kernel never wrote a result.
constexpr int32_t STATUS_UNSET = INT32_MIN;

// The request for @o on the connected socket @fd.
tls13_test_handshake make_request(const Options &o, int fd, unsigned int timeout_ms);

// One line: what the kernel reported.
std::string result_line(const Options &o, const tls13_test_handshake &hs);

// What the kernel reported against the --expect-* options.
std::vector<std::string> check_result(const Options &o, const tls13_test_handshake &hs);

/*
 * One run: client or server.
 */
class Run {
public:
	explicit Run(const Options &o) : o_(o), dl_(o.timeout_ms) {}
	int exec();

private:
	const Options &o_;
	Deadline dl_;
	Peer peer_;
	Bytes send_, expect_, peer_output_;
	std::vector<std::string> bad_;
	std::string closing_;	// our send queue when we closed
	const char *role_ = "";

	bool prepare(int &devfd);
	int open_socket();
	bool handshake(int devfd, int fd, tls13_test_handshake &hs);
	void exchange(int devfd, int fd);
	void check_peer(const tls13_test_handshake &hs);
	void check_peer_output();
	int verdict();
	void problem(const std::string &msg) { bad_.push_back(msg); }
	void problems(const std::vector<std::string> &v)
	{
		bad_.insert(bad_.end(), v.begin(), v.end());
	}
};

// Should the run outlive --timeout-ms by 10 s, kill the peer and give up.
void arm_watchdog(unsigned int timeout_ms);

} // namespace tls13peer

#endif
