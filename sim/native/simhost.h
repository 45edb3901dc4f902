/*
 * libsimhost.so: the few POSIX calls the simulator service (TypeScript, through koffi) cannot make from Node:
 * spawning a process in its own session with pipes or a pty, sending descriptors with SCM_RIGHTS, reaping,
 * resizing a pty, signalling a process group. Every function returns a negative errno on failure.
 */
#ifndef SIMHOST_H
#define SIMHOST_H

#include <stdint.h>

#define SIMHOST_EXPORT __attribute__((visibility("default")))

enum {
  SIMHOST_STDIN_PIPE = 1,
  SIMHOST_STDOUT_PIPE = 2,
  SIMHOST_STDERR_PIPE = 4,
  SIMHOST_PTY = 8, /* stdin, stdout and stderr on a new pty; the pipe flags are then ignored */
};

/*
 * Runs `/bin/sh -c cmdline` in a new session. envp: NULL-terminated "K=V" array, NULL = inherit. cwd: NULL =
 * inherit. Without a pty, stdio not requested is /dev/null; fds[0..2] get the parent ends (-1 = none). With a
 * pty (sized rows x cols when both are positive) it is the child's controlling terminal; fds[0] and fds[1] are
 * two dups of the master, fds[2] = -1, and *masterFd a third dup for resizing (-1 without a pty). All descriptors
 * are close-on-exec. Returns the child's pid, or -errno (a bad cwd gives -ENOENT/-ENOTDIR, not a child).
 */
SIMHOST_EXPORT int32_t simhost_spawn(const char *cmdline, const char **envp, const char *cwd, int32_t flags,
                                     int32_t rows, int32_t cols, int32_t *fds, int32_t *masterFd);
/* One sendmsg(MSG_DONTWAIT | MSG_NOSIGNAL) carrying fds in one SCM_RIGHTS message: bytes sent, or -errno. */
SIMHOST_EXPORT int32_t simhost_sendmsg(int32_t sockfd, const uint8_t *buf, int32_t len, const int32_t *fds,
                                       int32_t nfds);
/* waitpid(pid, WNOHANG): pid once exited (*status = exit code, or 128 + signal), 0 while running, or -errno. */
SIMHOST_EXPORT int32_t simhost_reap(int32_t pid, int32_t *status);
SIMHOST_EXPORT int32_t simhost_resize(int32_t masterFd, int32_t rows, int32_t cols);
/* Opens the terminal (slave) side of a pty master for the service to hold; the fd, or -errno. */
SIMHOST_EXPORT int32_t simhost_open_slave(int32_t masterFd);
/* Bytes a read of fd would return now (FIONREAD), or a negative errno. */
SIMHOST_EXPORT int32_t simhost_pending_input(int32_t fd);
/*
 * The pipe that is stdin (slot 0, opened for writing), stdout or stderr (1, 2, for reading) of process pid, opened
 * anew through /proc/<pid>/fd: the fd, -ENOTSUP when that descriptor is no longer a pipe, or -errno (-ENXIO: a
 * stdin pipe nobody reads).
 */
SIMHOST_EXPORT int32_t simhost_open_stdio(int32_t pid, int32_t slot);
/* A close-on-exec duplicate of fd (HcsGetProcessInfo hands a console's master out again): the new fd, or -errno. */
SIMHOST_EXPORT int32_t simhost_dup(int32_t fd);
SIMHOST_EXPORT int32_t simhost_close(int32_t fd);
/* kill(-pid, sig), or kill(pid, sig) when the group is gone (ESRCH). pid must be > 1. */
SIMHOST_EXPORT int32_t simhost_kill_group(int32_t pid, int32_t sig);

#endif
