/* libsimhost.so: process spawning and descriptor passing for the simulator service (see simhost.h). */
#define _GNU_SOURCE
#include "simhost.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

extern char **environ;

#define MAX_SEND_FDS 253 /* SCM_MAX_FD */

/*
 * Moves a descriptor off 0..2 (keeping close-on-exec). The child dup2()s its stdio from these, and a source
 * that is itself 0..2 could be overwritten before it is copied.
 */
static int off_stdio(int fd) {
  if (fd < 0 || fd > 2) return fd;
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
  int saved = errno;
  close(fd);
  errno = saved;
  return moved;
}

static void close_if_open(int *fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

/* Opens a pty master and its slave, sized rows x cols when both are positive. Returns 0 or -errno. */
static int open_pty(int32_t rows, int32_t cols, int *master_out, int *slave_out) {
  int master = off_stdio(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (master < 0) return -errno;
  char name[128];
  int slave = -1;
  if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, sizeof name) != 0) goto fail;
  slave = off_stdio(open(name, O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (slave < 0) goto fail;
  if (rows > 0 && cols > 0) {
    struct winsize size = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    if (ioctl(master, TIOCSWINSZ, &size) != 0) goto fail;
  }
  /* Consoles carry UTF-8: let the line discipline erase whole characters. */
  struct termios attrs;
  if (tcgetattr(slave, &attrs) == 0) {
    attrs.c_iflag |= IUTF8;
    tcsetattr(slave, TCSANOW, &attrs);
  }
  *master_out = master;
  *slave_out = slave;
  return 0;
fail:;
  int err = -errno;
  close(master);
  if (slave >= 0) close(slave);
  return err;
}

/* The child, between fork and exec: async-signal-safe calls only. Reports a failure's errno on err_fd. */
static void run_child(const int stdio[3], int pty_slave, const char *cwd, char *const argv[], char *const envp[],
                      int err_fd) {
  /* Handlers the parent installed must not run here, and ignored signals (Node ignores SIGPIPE) must not
     stay ignored in the new program. Signals are still blocked, so nothing fires meanwhile. */
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; sig++)
    if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &dfl, NULL);

  int err = 0;
  if (setsid() < 0) err = errno;
  if (!err && pty_slave >= 0 && ioctl(pty_slave, TIOCSCTTY, 0) != 0) err = errno;
  for (int i = 0; i < 3 && !err; i++)
    if (dup2(stdio[i], i) < 0) err = errno; /* the copy on 0..2 is not close-on-exec */
  if (!err && cwd && chdir(cwd) != 0) err = errno;
  if (!err) {
#ifdef CLOSE_RANGE_CLOEXEC
    /* Whatever another thread of the parent opened without O_CLOEXEC does not leak into the child. */
    close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
#endif
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve("/bin/sh", argv, envp);
    err = errno;
  }
  while (write(err_fd, &err, sizeof err) < 0 && errno == EINTR) {
  }
  _exit(127);
}

SIMHOST_EXPORT int32_t simhost_spawn(const char *cmdline, const char **envp, const char *cwd, int32_t flags,
                                     int32_t rows, int32_t cols, int32_t *fds, int32_t *masterFd) {
  if (fds) fds[0] = fds[1] = fds[2] = -1;
  if (masterFd) *masterFd = -1;
  if (!cmdline || (flags & ~0xF) != 0) return -EINVAL;

  /* Everything the child needs is prepared here, before fork. */
  char *argv[] = {"/bin/sh", "-c", (char *)cmdline, NULL};
  char *const *child_env = envp ? (char *const *)envp : environ;
  int child_stdio[3] = {-1, -1, -1}; /* what becomes the child's 0, 1, 2 */
  int parent_end[3] = {-1, -1, -1};
  int master = -1, slave = -1, master_dup = -1, devnull = -1;
  int err_pipe[2] = {-1, -1};
  int rc;

  if (flags & SIMHOST_PTY) {
    if ((rc = open_pty(rows, cols, &master, &slave)) != 0) return rc;
    child_stdio[0] = child_stdio[1] = child_stdio[2] = slave;
    parent_end[0] = master;
    master = -1;
    parent_end[1] = fcntl(parent_end[0], F_DUPFD_CLOEXEC, 3);
    master_dup = fcntl(parent_end[0], F_DUPFD_CLOEXEC, 3);
    if (parent_end[1] < 0 || master_dup < 0) goto fail;
  } else {
    for (int i = 0; i < 3; i++) {
      if (!(flags & (1 << i))) continue;
      int p[2];
      if (pipe2(p, O_CLOEXEC) != 0) goto fail;
      /* stdin: the child reads; stdout/stderr: the child writes. */
      int child_end = i == 0 ? p[0] : p[1];
      int parent = i == 0 ? p[1] : p[0];
      child_stdio[i] = off_stdio(child_end);
      parent_end[i] = off_stdio(parent);
      if (child_stdio[i] < 0 || parent_end[i] < 0) goto fail;
    }
    if (!(flags & SIMHOST_STDIN_PIPE) || !(flags & SIMHOST_STDOUT_PIPE) || !(flags & SIMHOST_STDERR_PIPE)) {
      devnull = off_stdio(open("/dev/null", O_RDWR | O_CLOEXEC));
      if (devnull < 0) goto fail;
      for (int i = 0; i < 3; i++)
        if (child_stdio[i] < 0) child_stdio[i] = devnull;
    }
  }
  if (pipe2(err_pipe, O_CLOEXEC) != 0) goto fail;
  err_pipe[0] = off_stdio(err_pipe[0]);
  err_pipe[1] = off_stdio(err_pipe[1]);
  if (err_pipe[0] < 0 || err_pipe[1] < 0) goto fail;

  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t pid = fork();
  if (pid == 0) run_child(child_stdio, slave, cwd, argv, child_env, err_pipe[1]);
  int fork_errno = errno;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (pid < 0) {
    errno = fork_errno;
    goto fail;
  }

  /* The child's ends are the child's now. */
  close_if_open(&slave);
  close_if_open(&devnull);
  if (!(flags & SIMHOST_PTY))
    for (int i = 0; i < 3; i++) close_if_open(&child_stdio[i]);
  close_if_open(&err_pipe[1]);

  /* End of file means exec succeeded (the write end was close-on-exec); an int is the child's errno. */
  int child_err = 0;
  ssize_t n;
  while ((n = read(err_pipe[0], &child_err, sizeof child_err)) < 0 && errno == EINTR) {
  }
  close_if_open(&err_pipe[0]);
  if (n == (ssize_t)sizeof child_err) {
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
    }
    for (int i = 0; i < 3; i++) close_if_open(&parent_end[i]);
    close_if_open(&master_dup);
    return -(child_err ? child_err : ECHILD);
  }

  for (int i = 0; i < 3; i++) {
    if (fds) fds[i] = parent_end[i];
    else close_if_open(&parent_end[i]);
  }
  if (masterFd) *masterFd = master_dup;
  else close_if_open(&master_dup);
  return pid;

fail:;
  int err = errno ? errno : EIO;
  if (!(flags & SIMHOST_PTY))
    for (int i = 0; i < 3; i++)
      if (child_stdio[i] != devnull) close_if_open(&child_stdio[i]);
  close_if_open(&devnull);
  close_if_open(&slave);
  close_if_open(&master);
  close_if_open(&master_dup);
  for (int i = 0; i < 3; i++) close_if_open(&parent_end[i]);
  close_if_open(&err_pipe[0]);
  close_if_open(&err_pipe[1]);
  return -err;
}

SIMHOST_EXPORT int32_t simhost_sendmsg(int32_t sockfd, const uint8_t *buf, int32_t len, const int32_t *fds,
                                       int32_t nfds) {
  /* Descriptors need at least one byte to ride on. */
  if (!buf || len <= 0 || nfds < 0 || nfds > MAX_SEND_FDS || (nfds > 0 && !fds)) return -EINVAL;
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE(sizeof(int) * MAX_SEND_FDS)];
  } control;
  struct iovec iov = {.iov_base = (void *)buf, .iov_len = (size_t)len};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
  if (nfds > 0) {
    memset(&control, 0, sizeof control);
    msg.msg_control = control.buf;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
  }
  for (;;) {
    ssize_t n = sendmsg(sockfd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n >= 0) return (int32_t)n;
    if (errno != EINTR) return -errno;
  }
}

SIMHOST_EXPORT int32_t simhost_reap(int32_t pid, int32_t *status) {
  if (status) *status = 0;
  if (pid <= 0) return -EINVAL;
  int raw;
  pid_t r;
  while ((r = waitpid(pid, &raw, WNOHANG)) < 0 && errno == EINTR) {
  }
  if (r < 0) return -errno;
  if (r == 0) return 0;
  if (status) *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : 0;
  return r;
}

SIMHOST_EXPORT int32_t simhost_resize(int32_t masterFd, int32_t rows, int32_t cols) {
  if (rows <= 0 || cols <= 0 || rows > 0xFFFF || cols > 0xFFFF) return -EINVAL;
  struct winsize size = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
  /* The kernel sends SIGWINCH to the terminal's foreground process group. */
  return ioctl(masterFd, TIOCSWINSZ, &size) == 0 ? 0 : -errno;
}

SIMHOST_EXPORT int32_t simhost_pending_input(int32_t fd) {
  /* Bytes a read of `fd` would return now (FIONREAD; for a pty master: output the client has not read yet). */
  int n = 0;
  return ioctl(fd, FIONREAD, &n) == 0 ? n : -errno;
}

SIMHOST_EXPORT int32_t simhost_open_slave(int32_t masterFd) {
  /* The service holds the terminal side open while the process runs: a master whose last slave descriptor
   * closes answers EIO to reads, and Linux can report that before the tty layer has handed the master the
   * last output the process wrote. Closing this descriptor only after the process was reaped and the client
   * has read what the master holds (simhost_pending_input) lets the client read everything first. */
  char name[128];
  if (ptsname_r(masterFd, name, sizeof name) != 0) return -errno;
  int fd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  return fd >= 0 ? fd : -errno;
}

SIMHOST_EXPORT int32_t simhost_open_stdio(int32_t pid, int32_t slot) {
  /* A pipe opened through /proc/<pid>/fd is that pipe itself, so the service can hand a process's stdio out
   * again (HcsGetProcessInfo) without keeping copies that would stop a stream from ever ending. Opened
   * non-blocking so that a stdin nobody reads any more answers ENXIO instead of waiting for a reader, then made
   * blocking like the descriptors HcsCreateProcess hands out. */
  if (pid <= 1 || slot < 0 || slot > 2) return -EINVAL;
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)pid, (int)slot);
  int fd = open(path, (slot == 0 ? O_WRONLY : O_RDONLY) | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return -errno;
  struct stat st;
  int flags = fcntl(fd, F_GETFL);
  if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode) || flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
    close(fd);
    return -ENOTSUP;
  }
  return fd;
}

SIMHOST_EXPORT int32_t simhost_dup(int32_t fd) {
  int copy = fcntl(fd, F_DUPFD_CLOEXEC, 3);
  return copy >= 0 ? copy : -errno;
}

SIMHOST_EXPORT int32_t simhost_close(int32_t fd) {
  /* On Linux the descriptor is released even when close reports EINTR; retrying could close another one. */
  if (close(fd) == 0 || errno == EINTR) return 0;
  return -errno;
}

SIMHOST_EXPORT int32_t simhost_kill_group(int32_t pid, int32_t sig) {
  /* kill(-1) or kill(0) would signal far more than one process group. */
  if (pid <= 1) return -EINVAL;
  if (kill(-pid, sig) == 0) return 0;
  if (errno == ESRCH && kill(pid, sig) == 0) return 0;
  return -errno;
}
