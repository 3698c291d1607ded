// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: the peer program the tool runs (everything after "--").

#include "peer.hpp"
#include "util.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace tls13peer {

volatile sig_atomic_t watchdog_pid;

bool Peer::start(const std::vector<std::string> &argv, const std::string &in,
		 std::string &err)
{
	int outp[2], errp[2], infd;
	std::vector<char *> cargv;

	infd = open(in.c_str(), O_RDONLY | O_CLOEXEC);
	if (infd < 0) {
		err = in + ": " + std::strerror(errno);
		return false;
	}
	if (pipe2(outp, O_CLOEXEC) || pipe2(errp, O_CLOEXEC)) {
		err = std::string("pipe: ") + std::strerror(errno);
		close(infd);
		return false;
	}
	for (const std::string &a : argv)
		cargv.push_back(const_cast<char *>(a.c_str()));
	cargv.push_back(nullptr);

	pid_ = fork();
	if (pid_ == 0) {
		dup2(infd, 0);
		dup2(outp[1], 1);
		dup2(errp[1], 2);
		signal(SIGPIPE, SIG_DFL);
		execvp(cargv[0], cargv.data());
		dprintf(2, "cannot run %s: %s\n", cargv[0], std::strerror(errno));
		_exit(127);
	}
	close(infd);
	close(outp[1]);
	close(errp[1]);
	watchdog_pid = pid_ > 0 ? pid_ : 0;
	fds_[0] = outp[0];
	fds_[1] = errp[0];
	if (pid_ < 0) {
		err = std::string("fork: ") + std::strerror(errno);
		close(fds_[0]);
		close(fds_[1]);
		fds_[0] = fds_[1] = -1;
		return false;
	}
	return true;
}

void Peer::add_pollfds(std::vector<pollfd> &fds)
{
	poll_base_ = fds.size();
	for (int fd : fds_)
		fds.push_back({ fd, POLLIN, 0 });	// poll ignores fd -1
}

void Peer::read_fd(int i)
{
	char buf[16384];
	ssize_t n = read(fds_[i], buf, sizeof(buf));

	if (n > 0) {
		(i ? err_ : out_).append(buf, size_t(n));
	} else if (n == 0 || errno != EINTR) {
		close(fds_[i]);
		fds_[i] = -1;
	}
}

void Peer::handle_pollfds(const std::vector<pollfd> &fds)
{
	for (int i = 0; i < 2; i++) {
		if (poll_base_ + i >= fds.size() || fds_[i] < 0)
			continue;
		if (fds[poll_base_ + i].revents & (POLLIN | POLLHUP | POLLERR))
			read_fd(i);
	}
}

void Peer::pump(int ms)
{
	std::vector<pollfd> fds;

	add_pollfds(fds);
	if (fds_[0] < 0 && fds_[1] < 0) {
		if (ms > 0)
			poll(nullptr, 0, ms);
		return;
	}
	if (poll(fds.data(), fds.size(), ms) > 0)
		handle_pollfds(fds);
}

bool Peer::running()
{
	if (pid_ <= 0)
		return false;
	if (waitpid(pid_, &status_, WNOHANG) == pid_) {
		Deadline dl(2000);

		pid_ = -1;
		done_ = true;
		// Collect what it wrote last (unless a child of its own
		// keeps the pipes open).
		while ((fds_[0] >= 0 || fds_[1] >= 0) && !dl.passed())
			pump(dl.slice(100));
		return false;
	}
	return true;
}

bool Peer::wait_exit(int ms)
{
	Deadline dl(ms);

	while (running() && !dl.passed())
		pump(dl.slice(20));
	return !running();
}

bool Peer::wait_says(const std::string &text, int ms)
{
	Deadline dl(ms);

	while (!says(text) && running() && !dl.passed())
		pump(dl.slice(20));
	return says(text);
}

namespace {

// The first @max lines of a /proc file, joined by " < ", or "".
std::string proc_lines(const std::string &path, size_t max)
{
	Bytes b;
	std::string err, out, line;
	size_t n = 0;

	if (!read_file(path, b, err))
		return "";
	for (unsigned char c : b) {
		if (c != '\n') {
			line += char(c);
			continue;
		}
		if (n++ == max)
			break;
		out += (out.empty() ? "" : " < ") + line;
		line.clear();
	}
	return out.empty() ? line : out;
}

} // namespace

std::string Peer::where() const
{
	std::string dir = "/proc/" + std::to_string(pid_) + "/", s;

	if (pid_ <= 0 || done_)
		return "not running";
	s = proc_lines(dir + "status", 3);	// Name, Umask, State
	s = s.substr(std::min(s.find("State:"), s.size()));
	s += ", wchan " + proc_lines(dir + "wchan", 1) +
	     ", syscall " + proc_lines(dir + "syscall", 1).substr(0, 40);
	if (std::string st = proc_lines(dir + "stack", 8); !st.empty())
		s += ", stack " + st;
	return s;
}

void Peer::end()
{
	if (!running())
		return;
	killed_ = true;
	kill(pid_, SIGTERM);
	if (!wait_exit(2000)) {
		kill(pid_, SIGKILL);
		wait_exit(5000);
	}
}

bool Peer::says(const std::string &text) const
{
	return out_.find(text) != std::string::npos ||
	       err_.find(text) != std::string::npos;
}

std::string Peer::status_str() const
{
	if (!done_)
		return "still running";
	if (killed_)
		return "ended by tls13-peer";
	if (WIFEXITED(status_))
		return "exited " + std::to_string(WEXITSTATUS(status_));
	return std::string("killed by signal ") + strsignal(WTERMSIG(status_));
}

void Peer::print_tail(size_t lines) const
{
	for (const std::string *s : { &out_, &err_ }) {
		std::vector<std::string> all = split(*s, '\n');
		size_t from;

		if (!all.empty() && all.back().empty())
			all.pop_back();
		from = all.size() > lines ? all.size() - lines : 0;
		if (from)
			say("peer %s: (%zu lines before)", s == &out_ ? "stdout" : "stderr", from);
		for (size_t i = from; i < all.size(); i++)
			say("peer %s: %s", s == &out_ ? "stdout" : "stderr", all[i].c_str());
	}
}

} // namespace tls13peer
