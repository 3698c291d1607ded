// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: the peer program the tool runs (everything after "--").

#ifndef TLS13_PEER_PEER_H
#define TLS13_PEER_PEER_H

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <cstddef>
#include <string>
#include <vector>

namespace tls13peer {

// The peer we run, for the watchdog (see arm_watchdog()).
extern volatile sig_atomic_t watchdog_pid;

/*
 * Peer - the peer program, run with stdin from a file and stdout/stderr
 * collected through pipes, which every wait of the tool keeps draining.
 */
class Peer {
public:
	~Peer() { end(); }

	bool start(const std::vector<std::string> &argv, const std::string &in,
		   std::string &err);
	bool started() const { return pid_ > 0 || done_; }

	// Append the live pipes to @fds; read the ones @fds says are ready.
	void add_pollfds(std::vector<pollfd> &fds);
	void handle_pollfds(const std::vector<pollfd> &fds);

	// Reap the peer if it exited; true while it runs.
	bool running();

	// Drain output until the peer exits or @ms pass; true if it exited.
	bool wait_exit(int ms);

	// Drain output until it contains @text, the peer exits or @ms pass.
	bool wait_says(const std::string &text, int ms);

	// SIGTERM, then SIGKILL if it lingers; reaps it.
	void end();

	bool says(const std::string &text) const;
	std::string status_str() const;
	bool exited_ok() const { return done_ && WIFEXITED(status_) && !WEXITSTATUS(status_); }
	bool exited_fail() const { return done_ && !exited_ok() && !killed_; }
	const std::string &out() const { return out_; }
	void print_tail(size_t lines) const;
	pid_t pid() const { return pid_; }

	// Where a running peer waits: its state, wchan, system call and
	// kernel stack from /proc, for a failure that says "did not exit".
	std::string where() const;

private:
	pid_t pid_ = -1;
	bool done_ = false;
	bool killed_ = false;	// ended by us
	int status_ = 0;
	int fds_[2] = { -1, -1 };	// stdout, stderr
	std::string out_, err_;
	size_t poll_base_ = 0;

	void read_fd(int i);
	void pump(int ms);
};

} // namespace tls13peer

#endif
