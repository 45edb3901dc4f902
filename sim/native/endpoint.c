/*
 * The simulator's endpoint: its default path and the ownership checks made before a client library trusts what
 * answers there. A socket in a directory others can write to could be planted by another local user, who would
 * then receive every HCS call (command lines, environment values, typed input) and could feed back a fake state:
 * so the directory, the socket file and the peer process must all be this user's (sim/PROTOCOL.md "Endpoint").
 */
#define _GNU_SOURCE
#include "endpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* A connect to a listening socket whose backlog is full fails with EAGAIN; retry briefly, never for long. */
#define CONNECT_RETRIES 20
#define CONNECT_RETRY_NS 5000000L

static void say(char *why, size_t why_size, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(why, why_size, format, args);
  va_end(args);
}

/* "uid 65534 (nobody)", or "uid 1234" when the user database has no name for it. */
static void describe_user(uid_t uid, char *out, size_t size) {
  struct passwd entry, *found = NULL;
  char buf[1024];
  if (getpwuid_r(uid, &entry, buf, sizeof buf, &found) == 0 && found && found->pw_name)
    snprintf(out, size, "uid %u (%s)", (unsigned)uid, found->pw_name);
  else
    snprintf(out, size, "uid %u", (unsigned)uid);
}

/* $XDG_RUNTIME_DIR when it is an absolute path to a directory of this user that nobody else may enter. */
static const char *private_runtime_dir(void) {
  const char *dir = getenv("XDG_RUNTIME_DIR");
  struct stat st;
  if (!dir || dir[0] != '/' || lstat(dir, &st) != 0) return NULL;
  if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077) != 0) return NULL;
  return dir;
}

int sim_endpoint_path(char *path, size_t size, char *why, size_t why_size) {
  why[0] = 0;
  const char *env = getenv("HCS_SIM_SOCKET");
  int n;
  if (env && *env) {
    n = snprintf(path, size, "%s", env);
  } else {
    const char *runtime = private_runtime_dir();
    const char *cache = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (runtime) n = snprintf(path, size, "%s/hcs-desktop/sim.sock", runtime);
    else if (cache && cache[0] == '/') n = snprintf(path, size, "%s/hcs-desktop/sim.sock", cache);
    else if (home && home[0] == '/') n = snprintf(path, size, "%s/.cache/hcs-desktop/sim.sock", home);
    else {
      say(why, why_size, "no place for the simulator socket: set HCS_SIM_SOCKET, XDG_RUNTIME_DIR or HOME");
      return -1;
    }
  }
  if (n < 0 || (size_t)n >= size) {
    say(why, why_size, "the simulator socket path is longer than a Unix socket address allows (%zu bytes)",
        size - 1);
    return -1;
  }
  return 0;
}

int sim_endpoint_check_path(const char *path, char *why, size_t why_size) {
  why[0] = 0;
  uid_t me = geteuid();
  char me_name[96], owner_name[96];
  struct stat st;
  if (lstat(path, &st) != 0) {
    if (errno == ENOENT) return 1;
    say(why, why_size, "cannot examine the simulator socket %s: %s", path, strerror(errno));
    return -1;
  }
  if (!S_ISSOCK(st.st_mode)) {
    say(why, why_size, "refusing the simulator socket %s: it is not a socket%s", path,
        S_ISLNK(st.st_mode) ? " but a symbolic link" : "");
    return -1;
  }
  if (st.st_uid != me) {
    describe_user(st.st_uid, owner_name, sizeof owner_name);
    describe_user(me, me_name, sizeof me_name);
    say(why, why_size, "refusing the simulator socket %s: it is owned by %s, not by %s", path, owner_name,
        me_name);
    return -1;
  }

  /* The directory it sits in, symlinks resolved: whoever can replace entries there can swap the socket. */
  char copy[PATH_MAX], dir[PATH_MAX];
  snprintf(copy, sizeof copy, "%s", path);
  char *slash = strrchr(copy, '/');
  if (!slash) snprintf(copy, sizeof copy, ".");
  else if (slash == copy) copy[1] = 0;
  else *slash = 0;
  if (!realpath(copy, dir) || lstat(dir, &st) != 0) {
    say(why, why_size, "cannot examine the directory of the simulator socket %s: %s", path, strerror(errno));
    return -1;
  }
  if (st.st_uid != me && st.st_uid != 0) {
    describe_user(st.st_uid, owner_name, sizeof owner_name);
    describe_user(me, me_name, sizeof me_name);
    say(why, why_size, "refusing the simulator socket %s: its directory %s is owned by %s, not by %s%s", path,
        dir, owner_name, me_name, me == 0 ? "" : " or by root");
    return -1;
  }
  if ((st.st_mode & 022) != 0 && (st.st_mode & S_ISVTX) == 0) {
    say(why, why_size,
        "refusing the simulator socket %s: its directory %s is writable by other users (mode %04o) and not sticky",
        path, dir, (unsigned)(st.st_mode & 07777));
    return -1;
  }
  return 0;
}

int sim_endpoint_check_peer(int fd, const char *path, char *why, size_t why_size) {
  why[0] = 0;
  uid_t peer;
#if defined(SO_PEERCRED)
  struct ucred cred;
  socklen_t len = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || len != sizeof cred) {
    say(why, why_size, "cannot learn who listens at the simulator socket %s: %s", path, strerror(errno));
    return -1;
  }
  peer = cred.uid;
#else
  gid_t group;
  if (getpeereid(fd, &peer, &group) != 0) {
    say(why, why_size, "cannot learn who listens at the simulator socket %s: %s", path, strerror(errno));
    return -1;
  }
#endif
  if (peer != geteuid()) {
    char me_name[96], peer_name[96];
    describe_user(peer, peer_name, sizeof peer_name);
    describe_user(geteuid(), me_name, sizeof me_name);
    say(why, why_size, "refusing the simulator socket %s: the process listening there runs as %s, not as %s", path,
        peer_name, me_name);
    return -1;
  }
  return 0;
}

int sim_endpoint_connect(char *why, size_t why_size) {
  char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
  if (sim_endpoint_path(path, sizeof path, why, why_size) != 0) return -1;
  if (sim_endpoint_check_path(path, why, why_size) != 0) return -1;

  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  memcpy(addr.sun_path, path, strlen(path) + 1);
  /* Non-blocking so an unreachable service fails at once instead of blocking the caller. */
  for (int attempt = 0;; attempt++) {
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0 || errno == EISCONN) break;
    if (errno == EINTR) continue;
    if (errno == EAGAIN && attempt < CONNECT_RETRIES) {
      struct timespec pause = {0, CONNECT_RETRY_NS};
      nanosleep(&pause, NULL);
      continue;
    }
    close(fd);
    return -1;
  }
  /* The file checked above may have been replaced since: the peer's credentials are what count. */
  if (sim_endpoint_check_peer(fd, path, why, why_size) != 0) {
    close(fd);
    return -1;
  }
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}
