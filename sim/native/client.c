/*
 * Connection, reader thread, dispatcher thread and registrations of libvmcompute_sim.
 *
 * Locking: `mu` guards all shared state and is never held across I/O or a callback. `write_mu` serialises
 * writes to the socket and is the only lock under which the reader closes it, so a writer that saw the socket
 * open under `mu` while holding `write_mu` may use it. `connect_mu` makes concurrent callers share one connect.
 */
#define _GNU_SOURCE
#include "client.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "endpoint.h"
#include "hresult.h"
#include "idmap.h"

#define OP_HELLO 100u
/* Descriptors accepted per frame; the protocol sends at most three (stdin, stdout, stderr). */
#define MAX_FRAME_FDS 16
/*
 * A service that accepts but never answers hello (stopped, wedged) counts as unreachable after this long, so the
 * first call does not block for ever; $HCS_SIM_HELLO_TIMEOUT_MS overrides it (read at each connect).
 */
#define HELLO_TIMEOUT_MS 5000

typedef struct registration {
  struct registration *next;
  uint64_t id;         /* the local handle given to the caller, never 0 */
  uint64_t service_id; /* the id the service names in notifications */
  uint64_t gen;        /* the connection it was made on; dead once that connection is */
  int kind;
  uint64_t handle;
  client_callback_t callback;
  void *context;
  const void *owner; /* set by the unregister/close that releases it: no callback starts after that */
} registration_t;

typedef struct pending {
  struct pending *next;
  uint32_t id;
  uint64_t gen;
  registration_t *reg; /* register calls: recorded by the reader when the service accepts */
  uint64_t reg_id;      /* ...under this local id (the registration itself may be released at once) */
  int done;
  int32_t hr;
  wire_frame_t reply;
  pthread_cond_t cond;
} pending_t;

/* One entry of the dispatcher's queue: a registration's notification, or a task (fn set). */
typedef struct notification {
  struct notification *next;
  uint64_t reg_id;
  uint32_t type;
  int32_t status;
  char16_t *data;
  client_task_t fn;
  void *arg;
  const void *key;
} notification_t;

static struct {
  pthread_mutex_t mu;
  pthread_mutex_t write_mu;
  pthread_mutex_t connect_mu;
  int fd;          /* the open socket, -1 when none */
  uint64_t fd_gen; /* generation of `fd` */
  uint64_t gen;    /* last generation handed out */
  uint64_t live_gen; /* generation of the connection that said hello and has not dropped; 0 when none */
  int state;       /* 0 never connected, 1 connected, 2 lost */
  uint32_t next_request_id;
  pending_t *pending;
  registration_t *regs;
  /*
   * Indexes of `regs` (idmap.h), so that a notification or a call finds its registration without a scan of
   * every one (10,000 with as many systems open): by local id, and by the service's id (the newest registration
   * of that service id). A miss searches the list, so an entry the index could not take (out of memory) is found
   * all the same.
   */
  idmap_t regs_by_id;
  idmap_t regs_by_service;
  int32_t reg_count;
  uint64_t next_reg_id;
  notification_t *queue_head, *queue_tail;
  pthread_cond_t queue_cond;
  pthread_cond_t callback_done;
  registration_t *active; /* registration whose callback the dispatcher is running */
  const void *active_task; /* key of the task the dispatcher is running */
  int dispatcher_started;
  int64_t api; /* sent in the hello when non-zero */
  char last_connect_error[SIM_ENDPOINT_WHY_SIZE]; /* why the last connect was refused; empty if it was not */
} g = {
    .mu = PTHREAD_MUTEX_INITIALIZER,
    .write_mu = PTHREAD_MUTEX_INITIALIZER,
    .connect_mu = PTHREAD_MUTEX_INITIALIZER,
    .fd = -1,
    .queue_cond = PTHREAD_COND_INITIALIZER,
    .callback_done = PTHREAD_COND_INITIALIZER,
};

static __thread int on_dispatcher;

/* ---------- threads ---------- */

/* Internal threads block every signal so the host process's signal handling never lands on them. */
static int start_thread(void *(*fn)(void *), void *arg) {
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t thread;
  int rc = pthread_create(&thread, &attr, fn, arg);
  pthread_attr_destroy(&attr);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return rc;
}

static registration_t *find_registration(uint64_t id) {
  registration_t *indexed = idmap_get(&g.regs_by_id, id);
  if (indexed) return indexed;
  for (registration_t *r = g.regs; r; r = r->next)
    if (r->id == id) return r;
  return NULL;
}

/* mu held. A registration joins the list (and its indexes, when they can take it). */
static void link_registration(registration_t *reg) {
  reg->next = g.regs;
  g.regs = reg;
  g.reg_count++;
  (void)idmap_put(&g.regs_by_id, reg->id, reg);
  (void)idmap_put(&g.regs_by_service, reg->service_id, reg);
}

/* mu held. Out of the indexes (the caller unlinks it from the list). */
static void unindex_registration(registration_t *reg) {
  if (idmap_get(&g.regs_by_id, reg->id) == reg) idmap_remove(&g.regs_by_id, reg->id);
  if (idmap_get(&g.regs_by_service, reg->service_id) == reg) idmap_remove(&g.regs_by_service, reg->service_id);
}

/* mu held. */
static void enqueue_notification(uint64_t reg_id, uint32_t type, int32_t status, char16_t *data) {
  notification_t *n = calloc(1, sizeof *n);
  if (!n) {
    free(data);
    return;
  }
  n->reg_id = reg_id;
  n->type = type;
  n->status = status;
  n->data = data;
  if (g.queue_tail) g.queue_tail->next = n;
  else g.queue_head = n;
  g.queue_tail = n;
  pthread_cond_signal(&g.queue_cond);
}

static void *dispatcher_main(void *arg) {
  (void)arg;
  on_dispatcher = 1;
  pthread_mutex_lock(&g.mu);
  for (;;) {
    while (!g.queue_head) pthread_cond_wait(&g.queue_cond, &g.mu);
    notification_t *n = g.queue_head;
    g.queue_head = n->next;
    if (!g.queue_head) g.queue_tail = NULL;
    if (n->fn) {
      g.active_task = n->key;
      pthread_mutex_unlock(&g.mu);
      n->fn(n->arg);
      pthread_mutex_lock(&g.mu);
      g.active_task = NULL;
      pthread_cond_broadcast(&g.callback_done);
      free(n);
      continue;
    }
    registration_t *reg = find_registration(n->reg_id);
    if (reg && !reg->owner) {
      client_callback_t callback = reg->callback;
      void *context = reg->context;
      g.active = reg;
      pthread_mutex_unlock(&g.mu);
      callback(n->type, context, n->status, n->data);
      pthread_mutex_lock(&g.mu);
      /* `reg` may be gone if the callback released it itself; only the pointer value is used here. */
      g.active = NULL;
      pthread_cond_broadcast(&g.callback_done);
    }
    free(n->data);
    free(n);
  }
  return NULL;
}

/* mu held. A failure here means callbacks are not delivered; calls still work. */
static void ensure_dispatcher(void) {
  if (g.dispatcher_started) return;
  if (start_thread(dispatcher_main, NULL) == 0) g.dispatcher_started = 1;
}

/* ---------- socket I/O ---------- */

static int write_all(int fd, const uint8_t *data, size_t len) {
  while (len > 0) {
    ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    data += n;
    len -= (size_t)n;
  }
  return 0;
}

/* Keeps received descriptors off 0..2, so a descriptor is never 0 (which a HANDLE would read as "none"). */
static int keep_off_stdio(int fd) {
  if (fd > 2) return fd;
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
  close(fd);
  return moved;
}

/*
 * Reads exactly len bytes, collecting every descriptor that arrives (in order) into fds. Frames are read one
 * at a time and never past their end, so the descriptors collected belong to this frame: the service sends them
 * on a frame's first byte. Returns 0, or -1 on end of stream or error.
 */
static int read_exact(int fd, uint8_t *buf, size_t len, int *fds, int *nfds) {
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE(sizeof(int) * MAX_FRAME_FDS)];
  } control;
  while (len > 0) {
    struct iovec iov = {.iov_base = buf, .iov_len = len};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                         .msg_controllen = sizeof control.buf};
    ssize_t n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR) continue;
    for (struct cmsghdr *c = n >= 0 ? CMSG_FIRSTHDR(&msg) : NULL; c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (size_t i = 0; i < count; i++) {
        int received;
        memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof received);
        if (*nfds < MAX_FRAME_FDS) fds[(*nfds)++] = keep_off_stdio(received);
        else close(received);
      }
    }
    if (n <= 0) return -1;
    buf += n;
    len -= (size_t)n;
  }
  return 0;
}

/* ---------- the reader ---------- */

typedef struct {
  int fd;
  uint64_t gen;
} reader_args_t;

/* mu held. Unlinks and returns the pending call with this id on this connection. */
static pending_t *take_pending(uint32_t id, uint64_t gen) {
  for (pending_t **p = &g.pending; *p; p = &(*p)->next) {
    if ((*p)->id == id && (*p)->gen == gen) {
      pending_t *found = *p;
      *p = found->next;
      return found;
    }
  }
  return NULL;
}

static void handle_response(wire_frame_t *frame, uint64_t gen) {
  pthread_mutex_lock(&g.mu);
  pending_t *call = take_pending(frame->id, gen);
  if (!call) {
    pthread_mutex_unlock(&g.mu);
    wire_frame_free(frame);
    return;
  }
  call->hr = frame->code;
  if (call->reg && frame->code >= 0) {
    uint64_t service_id = (uint64_t)wire_frame_i64(frame, 0);
    if (wire_frame_has_shape(frame, "I") && service_id != 0) {
      registration_t *reg = call->reg;
      reg->service_id = service_id;
      reg->gen = gen;
      do reg->id = ++g.next_reg_id;
      while (reg->id == 0 || reg->id == UINT64_MAX);
      link_registration(reg);
      call->reg_id = reg->id;
    } else {
      call->hr = SIM_E_CALL_FAILED;
    }
  }
  call->reply = *frame;
  call->done = 1;
  pthread_cond_signal(&call->cond);
  pthread_mutex_unlock(&g.mu);
}

static void handle_notification(wire_frame_t *frame, uint64_t gen) {
  uint64_t service_id = (uint64_t)wire_frame_i64(frame, 0);
  int32_t status = (int32_t)wire_frame_i64(frame, 1);
  char16_t *data = wire_frame_has_shape(frame, "IIS") ? wire_frame_take_str(frame, 2) : NULL;
  pthread_mutex_lock(&g.mu);
  registration_t *target = idmap_get(&g.regs_by_service, service_id);
  if (!target || target->gen != gen || target->owner) {
    target = NULL;
    for (registration_t *r = g.regs; r; r = r->next)
      if (r->gen == gen && r->service_id == service_id && !r->owner) target = r;
  }
  if (target) enqueue_notification(target->id, (uint32_t)frame->code, status, data);
  else free(data);
  pthread_mutex_unlock(&g.mu);
  wire_frame_free(frame);
}

/* The connection is gone: fail its calls, tell its registrations, and close the socket. */
static void connection_lost(int fd, uint64_t gen) {
  shutdown(fd, SHUT_RDWR); /* wakes a writer blocked on this socket */
  pthread_mutex_lock(&g.mu);
  if (g.fd_gen == gen) g.fd = -1;
  int was_live = g.live_gen == gen;
  if (was_live) {
    g.live_gen = 0;
    g.state = 2;
  }
  for (pending_t **p = &g.pending; *p;) {
    pending_t *call = *p;
    if (call->gen != gen) {
      p = &call->next;
      continue;
    }
    *p = call->next;
    call->hr = SIM_E_SERVER_UNAVAILABLE;
    call->done = 1;
    pthread_cond_signal(&call->cond);
  }
  for (registration_t *r = g.regs; r; r = r->next)
    if (r->gen == gen && !r->owner)
      enqueue_notification(r->id, CLIENT_NOTIFICATION_SERVICE_DISCONNECT, 0, NULL);
  pthread_mutex_unlock(&g.mu);
  pthread_mutex_lock(&g.write_mu);
  close(fd);
  pthread_mutex_unlock(&g.write_mu);
}

static void *reader_main(void *arg) {
  reader_args_t args = *(reader_args_t *)arg;
  free(arg);
  for (;;) {
    int fds[MAX_FRAME_FDS];
    int nfds = 0;
    uint8_t header[WIRE_HEADER_SIZE];
    wire_frame_t frame;
    uint32_t length;
    if (read_exact(args.fd, header, sizeof header, fds, &nfds) != 0) goto lost;
    if (wire_parse_header(header, &length, &frame) != 0) goto lost;
    uint8_t *body = malloc(length - WIRE_HEADER_SIZE);
    if (!body) goto lost;
    int ok = read_exact(args.fd, body, length - WIRE_HEADER_SIZE, fds, &nfds) == 0 &&
             wire_parse_body(body, length - WIRE_HEADER_SIZE, fds, nfds, &frame) == 0;
    free(body);
    /* Descriptors no field took (or of an unreadable frame) are closed, never leaked. */
    for (int i = 0; i < nfds; i++)
      if (fds[i] >= 0) close(fds[i]);
    if (!ok) goto lost;
    if (frame.kind == WIRE_KIND_RESPONSE) handle_response(&frame, args.gen);
    else if (frame.kind == WIRE_KIND_NOTIFICATION) handle_notification(&frame, args.gen);
    else wire_frame_free(&frame);
    continue;
  lost:
    for (int i = 0; i < nfds; i++)
      if (fds[i] >= 0) close(fds[i]);
    break;
  }
  connection_lost(args.fd, args.gen);
  return NULL;
}

/* ---------- calls ---------- */

static int32_t request_failure(const wire_request_t *req) {
  return req->failed == WIRE_FAILED_TOO_LARGE ? SIM_E_INVALIDARG : SIM_E_OUTOFMEMORY;
}

/*
 * Sends a finished request on connection `gen` and waits for its answer (or for the connection to drop, or for
 * timeout_ms when positive). For a register call, `reg` is recorded when the service accepts it and *reg_id gets
 * its local id.
 */
static int32_t send_and_wait(wire_request_t *req, uint64_t gen, registration_t *reg, uint64_t *reg_id,
                             long timeout_ms, wire_frame_t *reply) {
  memset(reply, 0, sizeof *reply);
  pending_t call;
  memset(&call, 0, sizeof call);
  call.gen = gen;
  call.reg = reg;
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&call.cond, &attr);
  pthread_condattr_destroy(&attr);
  struct timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += timeout_ms / 1000;
  deadline.tv_nsec += (timeout_ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }

  pthread_mutex_lock(&g.mu);
  if (g.fd < 0 || g.fd_gen != gen) {
    pthread_mutex_unlock(&g.mu);
    pthread_cond_destroy(&call.cond);
    return SIM_E_SERVER_UNAVAILABLE;
  }
  /* Ids are unique among this connection's calls in flight and never 0. */
  for (;;) {
    uint32_t id = ++g.next_request_id;
    int taken = id == 0;
    for (pending_t *p = g.pending; p && !taken; p = p->next) taken = p->id == id;
    if (!taken) {
      call.id = id;
      break;
    }
  }
  call.next = g.pending;
  g.pending = &call;
  pthread_mutex_unlock(&g.mu);
  wire_request_set_id(req, call.id);

  pthread_mutex_lock(&g.write_mu);
  pthread_mutex_lock(&g.mu);
  int fd = g.fd_gen == gen ? g.fd : -1;
  pthread_mutex_unlock(&g.mu);
  int sent = fd >= 0 && write_all(fd, req->data, req->len) == 0;
  /* A frame cut short poisons the stream: drop the connection so the reader fails everything cleanly. */
  if (!sent && fd >= 0) shutdown(fd, SHUT_RDWR);
  pthread_mutex_unlock(&g.write_mu);

  pthread_mutex_lock(&g.mu);
  if (!sent && !call.done) {
    take_pending(call.id, gen);
    call.hr = SIM_E_SERVER_UNAVAILABLE;
    call.done = 1;
  }
  while (!call.done) {
    if (timeout_ms <= 0) {
      pthread_cond_wait(&call.cond, &g.mu);
    } else if (pthread_cond_timedwait(&call.cond, &g.mu, &deadline) == ETIMEDOUT && !call.done) {
      take_pending(call.id, gen);
      call.hr = SIM_E_SERVER_UNAVAILABLE;
      call.done = 1;
    }
  }
  pthread_mutex_unlock(&g.mu);
  pthread_cond_destroy(&call.cond);
  *reply = call.reply;
  if (reg_id) *reg_id = call.reg_id;
  return call.hr;
}

/*
 * Connects through sim_endpoint_connect, which refuses a socket, directory or listening process that is not this
 * user's. A refusal is remembered for SimLastConnectError and written to stderr once (until the reason changes),
 * so the person running the program learns why the service "cannot be reached".
 */
static int open_socket(void) {
  char why[SIM_ENDPOINT_WHY_SIZE];
  int fd = sim_endpoint_connect(why, sizeof why);
  pthread_mutex_lock(&g.mu);
  int changed = strcmp(g.last_connect_error, why) != 0;
  if (fd >= 0) g.last_connect_error[0] = 0;
  else if (changed) snprintf(g.last_connect_error, sizeof g.last_connect_error, "%s", why);
  pthread_mutex_unlock(&g.mu);
  if (fd < 0 && changed && why[0]) fprintf(stderr, "libvmcompute_sim: %s\n", why);
  return fd;
}

static long hello_timeout_ms(void) {
  const char *env = getenv("HCS_SIM_HELLO_TIMEOUT_MS");
  char *end = NULL;
  long ms = env && *env ? strtol(env, &end, 10) : 0;
  return end && *end == 0 && ms > 0 ? ms : HELLO_TIMEOUT_MS;
}

static char16_t *client_name(void) {
  char name[64] = "";
  int fd = open("/proc/self/comm", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ssize_t n = read(fd, name, sizeof name - 1);
    close(fd);
    name[n > 0 ? n : 0] = 0;
    name[strcspn(name, "\n")] = 0;
  }
  return wire_utf8_to_utf16(name);
}

/* connect_mu held. Connects and says hello; returns the new live generation, or 0. */
static uint64_t connect_new(void) {
  int fd = open_socket();
  if (fd < 0) return 0;
  reader_args_t *args = malloc(sizeof *args);
  if (!args) {
    close(fd);
    return 0;
  }
  pthread_mutex_lock(&g.mu);
  uint64_t gen = ++g.gen;
  g.fd = fd;
  g.fd_gen = gen;
  ensure_dispatcher();
  pthread_mutex_unlock(&g.mu);
  args->fd = fd;
  args->gen = gen;
  if (start_thread(reader_main, args) != 0) {
    free(args);
    pthread_mutex_lock(&g.mu);
    g.fd = -1;
    pthread_mutex_unlock(&g.mu);
    close(fd);
    return 0;
  }

  wire_request_t hello;
  wire_request_init(&hello, OP_HELLO);
  wire_request_i64(&hello, (int64_t)getpid());
  char16_t *name = client_name();
  wire_request_str16(&hello, name ? name : u"");
  free(name);
  pthread_mutex_lock(&g.mu);
  int64_t api = g.api;
  pthread_mutex_unlock(&g.mu);
  if (api) wire_request_i64(&hello, api);
  wire_frame_t reply;
  memset(&reply, 0, sizeof reply);
  int32_t hr = wire_request_finish(&hello) == 0
                   ? send_and_wait(&hello, gen, NULL, NULL, hello_timeout_ms(), &reply)
                   : SIM_E_OUTOFMEMORY;
  wire_request_free(&hello);
  wire_frame_free(&reply);

  pthread_mutex_lock(&g.write_mu);
  pthread_mutex_lock(&g.mu);
  int open = g.fd_gen == gen && g.fd >= 0;
  if (open && hr >= 0) {
    g.live_gen = gen;
    g.state = 1;
  } else if (open) {
    shutdown(g.fd, SHUT_RDWR); /* the reader sees the end and cleans up */
  }
  uint64_t live = g.live_gen == gen ? gen : 0;
  pthread_mutex_unlock(&g.mu);
  pthread_mutex_unlock(&g.write_mu);
  return live;
}

/* The live connection's generation, connecting lazily (reading $HCS_SIM_SOCKET anew); 0 when unreachable. */
static uint64_t ensure_connected(void) {
  pthread_mutex_lock(&g.mu);
  uint64_t gen = g.live_gen;
  pthread_mutex_unlock(&g.mu);
  if (gen) return gen;
  pthread_mutex_lock(&g.connect_mu);
  pthread_mutex_lock(&g.mu);
  gen = g.live_gen;
  pthread_mutex_unlock(&g.mu);
  if (!gen) gen = connect_new();
  pthread_mutex_unlock(&g.connect_mu);
  return gen;
}

int32_t client_call(wire_request_t *req, wire_frame_t *reply) {
  memset(reply, 0, sizeof *reply);
  int32_t hr;
  if (wire_request_finish(req) != 0) hr = request_failure(req);
  else {
    uint64_t gen = ensure_connected();
    hr = gen ? send_and_wait(req, gen, NULL, NULL, 0, reply) : SIM_E_SERVER_UNAVAILABLE;
  }
  wire_request_free(req);
  return hr;
}

int32_t client_register(wire_request_t *req, int kind, uint64_t handle, client_callback_t callback,
                        void *context, uint64_t *out_id) {
  *out_id = 0;
  registration_t *reg = calloc(1, sizeof *reg);
  if (!reg) {
    wire_request_free(req);
    return SIM_E_OUTOFMEMORY;
  }
  reg->kind = kind;
  reg->handle = handle;
  reg->callback = callback;
  reg->context = context;

  int32_t hr;
  wire_frame_t reply;
  memset(&reply, 0, sizeof reply);
  if (wire_request_finish(req) != 0) hr = request_failure(req);
  else {
    uint64_t gen = ensure_connected();
    hr = gen ? send_and_wait(req, gen, reg, out_id, 0, &reply) : SIM_E_SERVER_UNAVAILABLE;
  }
  wire_request_free(req);
  wire_frame_free(&reply);
  /*
   * The reader recorded the registration exactly when the service accepted it (hr >= 0); from then on it belongs
   * to the registration list (a concurrent close of its handle may already have released it), so it is not
   * touched here.
   */
  if (hr < 0) free(reg);
  return hr;
}

/*
 * mu held. Waits until the dispatcher is not inside a callback of a registration released by `owner` (unless
 * this is the dispatcher itself, which would wait for itself), then unlinks and frees them.
 */
static void release_owned(const void *owner) {
  while (!on_dispatcher && g.active && g.active->owner == owner) pthread_cond_wait(&g.callback_done, &g.mu);
  for (registration_t **p = &g.regs; *p;) {
    registration_t *reg = *p;
    if (reg->owner != owner) {
      p = &reg->next;
      continue;
    }
    *p = reg->next;
    g.reg_count--;
    unindex_registration(reg);
    free(reg);
  }
}

int32_t client_unregister(uint32_t op, int kind, uint64_t id) {
  const char owner = 0; /* its address identifies this release */
  pthread_mutex_lock(&g.mu);
  registration_t *reg = id ? find_registration(id) : NULL;
  if (!reg || reg->owner || reg->kind != kind) {
    pthread_mutex_unlock(&g.mu);
    return SIM_E_INVALID_HANDLE;
  }
  reg->owner = &owner;
  uint64_t gen = reg->gen;
  int live = gen == g.live_gen;
  uint64_t service_id = reg->service_id;
  pthread_mutex_unlock(&g.mu);

  /*
   * A registration of a connection that dropped is already gone at the service (and its id may name another
   * registration on the new connection): release it locally only. Likewise if the connection drops mid-call.
   */
  int32_t hr = SIM_S_OK;
  if (live) {
    wire_request_t req;
    wire_request_init(&req, op);
    wire_request_i64(&req, (int64_t)service_id);
    wire_frame_t reply;
    memset(&reply, 0, sizeof reply);
    hr = wire_request_finish(&req) == 0 ? send_and_wait(&req, gen, NULL, NULL, 0, &reply)
                                         : request_failure(&req);
    wire_request_free(&req);
    wire_frame_free(&reply);
    if (hr == SIM_E_SERVER_UNAVAILABLE) hr = SIM_S_OK;
  }

  pthread_mutex_lock(&g.mu);
  release_owned(&owner);
  pthread_mutex_unlock(&g.mu);
  return hr;
}

int32_t client_close(uint32_t op, int kind, uint64_t handle) {
  wire_request_t req;
  wire_request_init(&req, op);
  wire_request_i64(&req, (int64_t)handle);
  wire_frame_t reply;
  int32_t hr = client_call(&req, &reply);
  wire_frame_free(&reply);

  const char owner = 0;
  pthread_mutex_lock(&g.mu);
  for (registration_t *r = g.regs; r; r = r->next)
    if (r->kind == kind && r->handle == handle && !r->owner) r->owner = &owner;
  release_owned(&owner);
  pthread_mutex_unlock(&g.mu);
  return hr;
}

void client_set_api(int64_t api) {
  pthread_mutex_lock(&g.mu);
  g.api = api;
  pthread_mutex_unlock(&g.mu);
}

int client_post(client_task_t fn, void *arg, const void *key) {
  notification_t *n = calloc(1, sizeof *n);
  if (!n) return -1;
  n->fn = fn;
  n->arg = arg;
  n->key = key;
  pthread_mutex_lock(&g.mu);
  ensure_dispatcher();
  if (!g.dispatcher_started) {
    pthread_mutex_unlock(&g.mu);
    free(n);
    return -1;
  }
  if (g.queue_tail) g.queue_tail->next = n;
  else g.queue_head = n;
  g.queue_tail = n;
  pthread_cond_signal(&g.queue_cond);
  pthread_mutex_unlock(&g.mu);
  return 0;
}

void client_wait_task(const void *key) {
  if (on_dispatcher || !key) return;
  pthread_mutex_lock(&g.mu);
  while (g.active_task == key) pthread_cond_wait(&g.callback_done, &g.mu);
  pthread_mutex_unlock(&g.mu);
}

int client_on_dispatcher(void) { return on_dispatcher; }

int32_t client_close_registration(uint32_t op, uint64_t handle, uint64_t reg_id) {
  wire_request_t req;
  wire_request_init(&req, op);
  wire_request_i64(&req, (int64_t)handle);
  wire_frame_t reply;
  int32_t hr = client_call(&req, &reply);
  wire_frame_free(&reply);

  const char owner = 0;
  pthread_mutex_lock(&g.mu);
  registration_t *reg = reg_id ? find_registration(reg_id) : NULL;
  if (reg && !reg->owner) {
    reg->owner = &owner;
    release_owned(&owner);
  }
  pthread_mutex_unlock(&g.mu);
  return hr;
}

int32_t client_connection_state(void) {
  pthread_mutex_lock(&g.mu);
  int32_t state = g.state;
  pthread_mutex_unlock(&g.mu);
  return state;
}

int32_t client_last_connect_error(char *buffer, int32_t size) {
  pthread_mutex_lock(&g.mu);
  int32_t length = (int32_t)strlen(g.last_connect_error);
  if (buffer && size > 0) snprintf(buffer, (size_t)size, "%s", g.last_connect_error);
  pthread_mutex_unlock(&g.mu);
  return length;
}

int32_t client_live_registrations(void) {
  pthread_mutex_lock(&g.mu);
  int32_t count = g.reg_count;
  pthread_mutex_unlock(&g.mu);
  return count;
}

/* ---------- fork ---------- */

/*
 * After fork only the forking thread exists: the reader, the dispatcher (unless it is the forking thread) and
 * every other caller are gone, and their locks may be held. The child starts over with no connection; the
 * parent's socket, registrations and queued notifications are not the child's.
 */
static void before_fork(void) { pthread_mutex_lock(&g.mu); }

static void after_fork_parent(void) { pthread_mutex_unlock(&g.mu); }

static void after_fork_child(void) {
  pthread_mutex_init(&g.mu, NULL);
  pthread_mutex_init(&g.write_mu, NULL);
  pthread_mutex_init(&g.connect_mu, NULL);
  pthread_cond_init(&g.queue_cond, NULL);
  pthread_cond_init(&g.callback_done, NULL);
  if (g.fd >= 0) close(g.fd);
  g.fd = -1;
  g.fd_gen = 0;
  g.live_gen = 0;
  g.state = 0;
  g.pending = NULL; /* those calls live on the stacks of threads the child does not have */
  while (g.regs) {
    registration_t *next = g.regs->next;
    free(g.regs);
    g.regs = next;
  }
  idmap_clear(&g.regs_by_id);
  idmap_clear(&g.regs_by_service);
  g.reg_count = 0;
  while (g.queue_head) {
    notification_t *next = g.queue_head->next;
    free(g.queue_head->data);
    free(g.queue_head);
    g.queue_head = next;
  }
  g.queue_tail = NULL;
  g.active = NULL;
  g.active_task = NULL;
  g.dispatcher_started = on_dispatcher; /* a callback that forked goes on dispatching in the child */
}

__attribute__((constructor)) static void client_init(void) {
  pthread_atfork(before_fork, after_fork_parent, after_fork_child);
}
