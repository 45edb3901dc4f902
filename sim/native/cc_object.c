/*
 * The system and process handles of libcomputecore_sim (cc_internal.h): each is registered with the service when
 * it is made, so this file sees every completion, exit and disconnect of the handle; it completes the operations
 * waiting for them and turns what the caller can see into HCS_EVENTs for the callback set with HcsSet*Callback.
 *
 * Close (HcsCloseComputeSystem, HcsCloseProcess) drains: once it returns, the caller's callback is never called
 * again. It waits for a callback in flight, like computecore.dll does, so it must not be called on a thread that
 * callback waits for (a koffi callback holds the dispatcher until the JS thread has run it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cc_internal.h"
#include "client.h"
#include "hresult.h"
#include "idmap.h"
#include "ops.h"
#include "wire.h"

/* The live objects by address (idmap.h): every export that takes a handle checks it here, under cc_mu. */
static idmap_t objects;
static int32_t live_objects;

cc_object_t *cc_object_new(int kind, uint64_t handle) {
  cc_object_t *obj = calloc(1, sizeof *obj);
  if (!obj) return NULL;
  obj->kind = kind;
  obj->handle = handle;
  obj->refs = 1;
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&obj->changed, &attr);
  pthread_condattr_destroy(&attr);
  if (idmap_put(&objects, idmap_key_of(obj), obj) != 0) {
    pthread_cond_destroy(&obj->changed);
    free(obj);
    return NULL;
  }
  live_objects++;
  return obj;
}

cc_object_t *cc_object_find(const void *handle, int kind) {
  cc_object_t *obj = handle ? idmap_get(&objects, idmap_key_of(handle)) : NULL;
  return obj && obj->kind == kind && !obj->closed ? obj : NULL;
}

static void unlink_object(cc_object_t *obj) {
  if (idmap_remove(&objects, idmap_key_of(obj))) live_objects--;
}

void cc_object_retain(cc_object_t *obj) { obj->refs++; }

void cc_object_release(cc_object_t *obj) {
  if (--obj->refs > 0) return;
  unlink_object(obj); /* normally gone already: close unlinks */
  free(obj->exit_data);
  pthread_cond_destroy(&obj->changed);
  free(obj);
}

int32_t cc_object_count(void) { return live_objects; }

/* The HCS_EVENT type the caller sees for a v1 notification, or 0 for one it does not see (completions). */
static uint32_t event_type_of(uint32_t note) {
  switch (note) {
  case NOTE_SYSTEM_EXITED:
    return HcsEventSystemExited;
  case NOTE_CRASH_INITIATED:
    return HcsEventSystemCrashInitiated;
  case NOTE_CRASH_REPORT:
    return HcsEventSystemCrashReport;
  case NOTE_RDP_ENHANCED_MODE_STATE_CHANGED:
    return HcsEventSystemRdpEnhancedModeStateChanged;
  case NOTE_SILO_JOB_CREATED:
    return HcsEventSystemSiloJobCreated;
  case NOTE_GUEST_CONNECTION_CLOSED:
    return HcsEventSystemGuestConnectionClosed;
  case NOTE_PROCESS_EXITED:
    return HcsEventProcessExited;
  case NOTE_SERVICE_DISCONNECT:
    return HcsEventServiceDisconnect;
  default:
    return 0;
  }
}

static void complete_awaiting(cc_object_t *obj, uint32_t type, int32_t hr) {
  cc_operation_t *op;
  while ((op = cc_operation_take_awaiting(obj, type))) {
    cc_operation_complete(op, hr, NULL);
    cc_operation_release(op);
  }
}

/* Every operation still waiting on `obj`, whatever for. */
static void complete_all_awaiting(cc_object_t *obj, int32_t hr) {
  while (obj->awaiting) {
    cc_operation_t *op = cc_operation_take_awaiting(obj, obj->awaiting->await_type);
    cc_operation_complete(op, hr, NULL);
    cc_operation_release(op); /* the list's reference */
  }
}

/* The internal registration's callback, on the dispatcher thread. */
static void on_notification(uint32_t type, void *context, int32_t status, const char16_t *data) {
  cc_object_t *obj = context;
  uint32_t exit_note = obj->kind == CLIENT_REG_SYSTEM ? NOTE_SYSTEM_EXITED : NOTE_PROCESS_EXITED;
  pthread_mutex_lock(&cc_mu);
  switch (type) {
  case NOTE_CREATE_COMPLETED:
  case NOTE_START_COMPLETED:
  case NOTE_PAUSE_COMPLETED:
  case NOTE_RESUME_COMPLETED:
  case NOTE_SAVE_COMPLETED: {
    cc_operation_t *op = cc_operation_take_awaiting(obj, type);
    if (op) {
      cc_operation_complete(op, status, NULL);
      cc_operation_release(op);
    }
    break;
  }
  case NOTE_SERVICE_DISCONNECT:
    obj->disconnected = 1;
    complete_all_awaiting(obj, HCS_E_SERVICE_DISCONNECT);
    pthread_cond_broadcast(&obj->changed);
    break;
  default:
    if (type == exit_note) {
      if (!obj->exited) {
        obj->exited = 1;
        obj->exit_data = wire_u16dup(data);
      }
      /* Shutdown, Terminate and Crash complete when the system has exited. */
      complete_awaiting(obj, exit_note, 0);
      pthread_cond_broadcast(&obj->changed);
    }
    break;
  }
  uint32_t event = event_type_of(type);
  HCS_EVENT_CALLBACK callback = event && obj->callback_set && !obj->closed ? obj->callback : NULL;
  void *callback_context = obj->context;
  if (callback && type == exit_note) obj->exit_delivered = 1;
  pthread_mutex_unlock(&cc_mu);
  if (callback) {
    HCS_EVENT ev = {.Type = event, .EventData = data, .Operation = NULL};
    callback(&ev, callback_context);
  }
}

int32_t cc_object_register(cc_object_t *obj) {
  wire_request_t req;
  wire_request_init(&req, obj->kind == CLIENT_REG_SYSTEM ? OP_REGISTER_SYSTEM_CALLBACK : OP_REGISTER_PROCESS_CALLBACK);
  wire_request_i64(&req, (int64_t)obj->handle);
  uint64_t id = 0;
  int32_t hr = client_register(&req, obj->kind, obj->handle, on_notification, obj, &id);
  if (hr >= 0) {
    pthread_mutex_lock(&cc_mu);
    obj->registration = id;
    pthread_mutex_unlock(&cc_mu);
  }
  return hr;
}

void cc_object_close(cc_object_t *obj) {
  pthread_mutex_lock(&cc_mu);
  obj->closed = 1; /* no event callback starts from now on */
  unlink_object(obj);
  pthread_cond_broadcast(&obj->changed);
  uint64_t registration = obj->registration;
  pthread_mutex_unlock(&cc_mu);

  /* Forwards the close, then releases the internal registration once its callback is not running. */
  client_close_registration(obj->kind == CLIENT_REG_SYSTEM ? OP_CLOSE : OP_CLOSE_PROCESS, obj->handle, registration);
  /* Events posted as tasks (a replayed exit, an operation completion) may be running too. */
  client_wait_task(obj);

  pthread_mutex_lock(&cc_mu);
  /* Nothing can complete these any more: the registration is gone. */
  complete_all_awaiting(obj, SIM_E_OPERATION_ABORTED);
  cc_object_release(obj);
  pthread_mutex_unlock(&cc_mu);
}

/* ---- events that do not come from a notification: tasks on the dispatcher thread, keyed by the object ---- */

typedef struct {
  cc_object_t *obj;
  uint32_t type;
  char16_t *data;
  cc_operation_t *op;
} event_task_t;

static void event_task(void *arg) {
  event_task_t *t = arg;
  pthread_mutex_lock(&cc_mu);
  HCS_EVENT_CALLBACK callback = t->obj->closed ? NULL : t->obj->callback;
  void *context = t->obj->context;
  pthread_mutex_unlock(&cc_mu);
  if (callback) {
    HCS_EVENT ev = {.Type = t->type, .EventData = t->data, .Operation = t->op};
    callback(&ev, context);
  }
  pthread_mutex_lock(&cc_mu);
  if (t->op) cc_operation_release(t->op);
  cc_object_release(t->obj);
  pthread_mutex_unlock(&cc_mu);
  free(t->data);
  free(t);
}

/* cc_mu held. Queues one event for the object's callback; `data` is copied. */
static void post_event(cc_object_t *obj, uint32_t type, const char16_t *data, cc_operation_t *op) {
  event_task_t *t = calloc(1, sizeof *t);
  if (!t) return;
  t->obj = obj;
  t->type = type;
  t->data = wire_u16dup(data);
  t->op = op;
  cc_object_retain(obj);
  if (op) cc_operation_retain(op);
  if (client_post(event_task, t, obj) != 0) {
    if (op) op->refs--;
    obj->refs--;
    free(t->data);
    free(t);
  }
}

int32_t cc_object_set_callback(cc_object_t *obj, uint32_t options, void *context, HCS_EVENT_CALLBACK callback) {
  if (!callback) return SIM_E_POINTER;
  if (obj->callback_set) return HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET;
  obj->callback_set = 1;
  obj->options = options;
  obj->callback = callback;
  obj->context = context;
  /*
   * What happened before the callback was set and still matters is told now (the simulator's choice; the v1
   * service does the same for a registration on a stopped system): the exit, or the lost service.
   */
  if (obj->exited && !obj->exit_delivered) {
    obj->exit_delivered = 1;
    post_event(obj, obj->kind == CLIENT_REG_SYSTEM ? HcsEventSystemExited : HcsEventProcessExited, obj->exit_data,
               NULL);
  }
  if (obj->disconnected) post_event(obj, HcsEventServiceDisconnect, NULL, NULL);
  return SIM_S_OK;
}

void cc_object_operation_event(cc_object_t *obj, cc_operation_t *op) {
  if (obj->closed || !obj->callback_set || !(obj->options & HcsEventOptionEnableOperationCallbacks)) return;
  post_event(obj, HcsEventOperationCallback, NULL, op);
}

int32_t cc_object_wait_exit(cc_object_t *obj, uint32_t timeoutMs, PWSTR *result) {
  struct timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += timeoutMs / 1000;
  deadline.tv_nsec += (long)(timeoutMs % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  int32_t hr = SIM_S_OK;
  pthread_mutex_lock(&cc_mu);
  cc_object_retain(obj);
  while (!obj->exited && !obj->disconnected && !obj->closed) {
    if (timeoutMs == UINT32_MAX) {
      pthread_cond_wait(&obj->changed, &cc_mu);
    } else if (pthread_cond_timedwait(&obj->changed, &cc_mu, &deadline) == ETIMEDOUT) {
      if (!obj->exited && !obj->disconnected && !obj->closed) hr = HCS_E_OPERATION_TIMEOUT;
      break;
    }
  }
  if (hr >= 0) {
    if (obj->exited) {
      if (result) *result = wire_u16dup(obj->exit_data);
    } else if (obj->disconnected) {
      hr = HCS_E_SERVICE_DISCONNECT;
    } else {
      hr = SIM_E_OPERATION_ABORTED;
    }
  }
  cc_object_release(obj);
  pthread_mutex_unlock(&cc_mu);
  return hr;
}
