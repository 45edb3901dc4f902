/*
 * Operations (HCS_OPERATION) of libcomputecore_sim: local objects, as in computecore.dll. An operation is used for
 * one call only (a second call with it fails with HCS_E_OPERATION_ALREADY_STARTED: the public documents do not say
 * whether a finished operation may be reused, and hcsshim, WSL and multipass never do). Its result is read with
 * HcsGetOperationResult[AndProcessInfo] (never blocks), HcsWaitForOperationResult[AndProcessInfo] (blocks the
 * calling thread up to its timeout), its completion callback (HcsCreateOperation / HcsSetOperationCallback), an
 * OperationCallback event (HcsCreateOperationWithNotifications), or the handle's callback when that was set with
 * HcsEventOptionEnableOperationCallbacks. Callbacks run on the dispatcher thread as tasks keyed by the operation,
 * so HcsCloseOperation can wait for one in flight: once it returns, the operation's callback is never called again.
 *
 * Closing an operation that has not completed detaches it (hcsshim closes shutdown's operation in flight): the
 * call goes on at the service and its result is dropped. HcsCancelOperation completes a pending operation at once
 * with HRESULT_FROM_WIN32(ERROR_CANCELLED); the call it tracked may still take effect at the service.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cc_internal.h"
#include "client.h"
#include "hresult.h"
#include "idmap.h"
#include "wire.h"

pthread_mutex_t cc_mu = PTHREAD_MUTEX_INITIALIZER;

/* The live operations by address (idmap.h): every export that takes one checks it here, under cc_mu. */
static idmap_t operations;
static int32_t live_operations;
static uint64_t last_operation_id;

static cc_operation_t *new_operation(void) {
  cc_operation_t *op = calloc(1, sizeof *op);
  if (!op) return NULL;
  op->type = HcsOperationTypeNone;
  op->refs = 1;
  op->fds[0] = op->fds[1] = op->fds[2] = -1;
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&op->done, &attr);
  pthread_condattr_destroy(&attr);
  pthread_mutex_lock(&cc_mu);
  if (idmap_put(&operations, idmap_key_of(op), op) != 0) {
    pthread_mutex_unlock(&cc_mu);
    pthread_cond_destroy(&op->done);
    free(op);
    return NULL;
  }
  op->id = ++last_operation_id;
  live_operations++;
  pthread_mutex_unlock(&cc_mu);
  return op;
}

cc_operation_t *cc_operation_find(const void *handle) {
  return handle ? idmap_get(&operations, idmap_key_of(handle)) : NULL;
}

int32_t cc_operation_count(void) { return live_operations; }

void cc_operation_retain(cc_operation_t *op) { op->refs++; }

static void close_fds(cc_operation_t *op) {
  for (int i = 0; i < 3; i++) {
    if (op->fds[i] >= 0) close(op->fds[i]);
    op->fds[i] = -1;
  }
}

void cc_operation_release(cc_operation_t *op) {
  if (--op->refs > 0) return;
  close_fds(op);
  free(op->document);
  if (op->system) cc_object_release(op->system);
  if (op->process) cc_object_release(op->process);
  pthread_cond_destroy(&op->done);
  free(op);
}

int32_t cc_operation_begin(cc_operation_t *op, int32_t type, cc_object_t *system, cc_object_t *process) {
  if (op->state != CC_OP_IDLE) return HCS_E_OPERATION_ALREADY_STARTED;
  cc_object_t *target = process ? process : system;
  if (op->completion && target && target->callback_set &&
      (target->options & HcsEventOptionEnableOperationCallbacks))
    return HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET;
  op->state = CC_OP_ISSUED;
  op->type = type;
  if (system) cc_object_retain(system);
  if (process) cc_object_retain(process);
  op->system = system;
  op->process = process;
  op->refs++; /* the issuing export's */
  return SIM_S_OK;
}

void cc_operation_await(cc_operation_t *op, cc_object_t *obj, uint32_t type) {
  op->await_type = type;
  op->await_object = obj;
  op->await_next = NULL;
  cc_operation_retain(op); /* held by the list: a closed operation still absorbs its own completion */
  cc_operation_t **p = &obj->awaiting;
  while (*p) p = &(*p)->await_next;
  *p = op;
}

cc_operation_t *cc_operation_take_awaiting(cc_object_t *obj, uint32_t type) {
  for (cc_operation_t **p = &obj->awaiting; *p; p = &(*p)->await_next) {
    if ((*p)->await_type == type) {
      cc_operation_t *op = *p;
      *p = op->await_next;
      op->await_object = NULL;
      op->await_next = NULL;
      return op; /* with the list's reference */
    }
  }
  return NULL;
}

void cc_operation_stop_awaiting(cc_operation_t *op) {
  cc_object_t *obj = op->await_object;
  if (!obj) return;
  for (cc_operation_t **p = &obj->awaiting; *p; p = &(*p)->await_next) {
    if (*p == op) {
      *p = op->await_next;
      break;
    }
  }
  op->await_object = NULL;
  op->await_next = NULL;
  /* The list's reference: never the last one here, since the caller holds one. */
  op->refs--;
}

/* ---- completion callbacks, as tasks on the dispatcher thread ---- */

static void completion_task(void *arg) {
  cc_operation_t *op = arg;
  pthread_mutex_lock(&cc_mu);
  HCS_OPERATION_COMPLETION callback = op->closed ? NULL : op->completion;
  void *context = (void *)op->context;
  pthread_mutex_unlock(&cc_mu);
  if (callback) callback(op, context);
  pthread_mutex_lock(&cc_mu);
  cc_operation_release(op);
  pthread_mutex_unlock(&cc_mu);
}

static void notification_task(void *arg) {
  cc_operation_t *op = arg;
  pthread_mutex_lock(&cc_mu);
  HCS_EVENT_CALLBACK callback = op->closed ? NULL : op->event_callback;
  void *context = (void *)op->context;
  pthread_mutex_unlock(&cc_mu);
  if (callback) {
    HCS_EVENT ev = {.Type = HcsEventOperationCallback, .EventData = NULL, .Operation = op};
    callback(&ev, context);
  }
  pthread_mutex_lock(&cc_mu);
  cc_operation_release(op);
  pthread_mutex_unlock(&cc_mu);
}

static void post(cc_operation_t *op, client_task_t fn) {
  cc_operation_retain(op);
  if (client_post(fn, op, op) != 0) op->refs--;
}

void cc_operation_complete(cc_operation_t *op, int32_t hr, char16_t *document) {
  if (op->state != CC_OP_ISSUED) {
    free(document);
    return;
  }
  cc_operation_stop_awaiting(op);
  op->state = CC_OP_COMPLETED;
  op->result = hr;
  op->document = document;
  pthread_cond_broadcast(&op->done);
  if (op->closed) return;
  if (op->completion) post(op, completion_task);
  if (op->event_callback) post(op, notification_task);
  cc_object_t *target = op->process ? op->process : op->system;
  if (target) cc_object_operation_event(target, op);
}

/* ---- exports ---- */

SIM_EXPORT HCS_OPERATION HcsCreateOperation(const void *context, HCS_OPERATION_COMPLETION callback) {
  cc_operation_t *op = new_operation();
  if (!op) return NULL;
  op->context = context;
  op->completion = callback;
  return op;
}

#ifdef CC_SIM_NEWER_EXPORTS
SIM_EXPORT HCS_OPERATION HcsCreateOperationWithNotifications(uint32_t eventTypes, const void *context,
                                                             HCS_EVENT_CALLBACK callback) {
  /* ProgressUpdate asks for GroupOperationInfo progress events; the simulator sends none (documented). */
  if (eventTypes & ~(uint32_t)HcsOperationOptionProgressUpdate) return NULL;
  cc_operation_t *op = new_operation();
  if (!op) return NULL;
  op->context = context;
  op->event_callback = callback;
  op->event_options = eventTypes;
  return op;
}
#endif

SIM_EXPORT void HcsCloseOperation(HCS_OPERATION operation) {
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  if (!op) {
    pthread_mutex_unlock(&cc_mu);
    return;
  }
  idmap_remove(&operations, idmap_key_of(op));
  live_operations--;
  op->closed = 1; /* no callback starts from now on */
  pthread_cond_broadcast(&op->done);
  pthread_mutex_unlock(&cc_mu);
  client_wait_task(op); /* a callback already running finishes first */
  pthread_mutex_lock(&cc_mu);
  cc_operation_release(op);
  pthread_mutex_unlock(&cc_mu);
}

SIM_EXPORT void *HcsGetOperationContext(HCS_OPERATION operation) {
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  void *context = op ? (void *)op->context : NULL;
  pthread_mutex_unlock(&cc_mu);
  return context;
}

SIM_EXPORT HRESULT HcsSetOperationContext(HCS_OPERATION operation, const void *context) {
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  if (op) op->context = context;
  pthread_mutex_unlock(&cc_mu);
  return op ? SIM_S_OK : SIM_E_INVALID_HANDLE;
}

SIM_EXPORT HRESULT HcsSetOperationCallback(HCS_OPERATION operation, const void *context,
                                           HCS_OPERATION_COMPLETION callback) {
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  HRESULT hr = SIM_S_OK;
  if (!op) hr = SIM_E_INVALID_HANDLE;
  else if (op->state != CC_OP_IDLE) hr = HCS_E_OPERATION_ALREADY_STARTED;
  else {
    op->context = context;
    op->completion = callback;
  }
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

/* Borrowed: valid while the handle is open; NULL before the operation was used, or once the handle is closed. */
SIM_EXPORT HCS_SYSTEM HcsGetComputeSystemFromOperation(HCS_OPERATION operation) {
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  cc_object_t *system = op && op->system && !op->system->closed ? op->system : NULL;
  pthread_mutex_unlock(&cc_mu);
  return system;
}

SIM_EXPORT HCS_PROCESS HcsGetProcessFromOperation(HCS_OPERATION operation) {
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  cc_object_t *process = op && op->process && !op->process->closed ? op->process : NULL;
  pthread_mutex_unlock(&cc_mu);
  return process;
}

SIM_EXPORT int32_t HcsGetOperationType(HCS_OPERATION operation) {
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  int32_t type = op ? op->type : HcsOperationTypeNone;
  pthread_mutex_unlock(&cc_mu);
  return type;
}

SIM_EXPORT uint64_t HcsGetOperationId(HCS_OPERATION operation) {
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  uint64_t id = op ? op->id : UINT64_MAX;
  pthread_mutex_unlock(&cc_mu);
  return id;
}

/* cc_mu held. The result of a completed operation: a fresh copy of its document, and its process information. */
static HRESULT read_result(cc_operation_t *op, HCS_PROCESS_INFORMATION *info, PWSTR *document) {
  if (op->state == CC_OP_IDLE) return HCS_E_OPERATION_NOT_STARTED;
  if (op->state == CC_OP_ISSUED) return HCS_E_OPERATION_PENDING;
  if (document) *document = wire_u16dup(op->document);
  if (info && op->has_process_info) {
    info->ProcessId = op->pid;
    /* The stdio handles are handed out once; the caller owns them from now on. */
    HANDLE *slots[3] = {&info->StdInput, &info->StdOutput, &info->StdError};
    for (int i = 0; i < 3; i++) {
      if (op->fds[i] >= 0) *slots[i] = (HANDLE)(intptr_t)op->fds[i];
      op->fds[i] = -1;
    }
  }
  return op->result;
}

static void clear_outputs(HCS_PROCESS_INFORMATION *info, PWSTR *document) {
  if (info) memset(info, 0, sizeof *info);
  if (document) *document = NULL;
}

SIM_EXPORT HRESULT HcsGetOperationResult(HCS_OPERATION operation, PWSTR *resultDocument) {
  clear_outputs(NULL, resultDocument);
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  HRESULT hr = op ? read_result(op, NULL, resultDocument) : SIM_E_INVALID_HANDLE;
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

SIM_EXPORT HRESULT HcsGetOperationResultAndProcessInfo(HCS_OPERATION operation,
                                                       HCS_PROCESS_INFORMATION *processInformation,
                                                       PWSTR *resultDocument) {
  clear_outputs(processInformation, resultDocument);
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  HRESULT hr = op ? read_result(op, processInformation, resultDocument) : SIM_E_INVALID_HANDLE;
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

static HRESULT wait_result(HCS_OPERATION operation, uint32_t timeoutMs, HCS_PROCESS_INFORMATION *info,
                           PWSTR *document) {
  clear_outputs(info, document);
  struct timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += timeoutMs / 1000;
  deadline.tv_nsec += (long)(timeoutMs % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  if (!op) {
    pthread_mutex_unlock(&cc_mu);
    return SIM_E_INVALID_HANDLE;
  }
  cc_operation_retain(op);
  HRESULT hr = SIM_S_OK;
  while (op->state == CC_OP_ISSUED && !op->closed) {
    if (timeoutMs == UINT32_MAX) {
      pthread_cond_wait(&op->done, &cc_mu);
    } else if (pthread_cond_timedwait(&op->done, &cc_mu, &deadline) == ETIMEDOUT) {
      if (op->state == CC_OP_ISSUED && !op->closed) hr = HCS_E_OPERATION_TIMEOUT;
      break;
    }
  }
  if (hr >= 0) hr = op->closed ? SIM_E_INVALID_HANDLE : read_result(op, info, document);
  cc_operation_release(op);
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

SIM_EXPORT HRESULT HcsWaitForOperationResult(HCS_OPERATION operation, uint32_t timeoutMs, PWSTR *resultDocument) {
  return wait_result(operation, timeoutMs, NULL, resultDocument);
}

SIM_EXPORT HRESULT HcsWaitForOperationResultAndProcessInfo(HCS_OPERATION operation, uint32_t timeoutMs,
                                                           HCS_PROCESS_INFORMATION *processInformation,
                                                           PWSTR *resultDocument) {
  return wait_result(operation, timeoutMs, processInformation, resultDocument);
}

SIM_EXPORT HRESULT HcsCancelOperation(HCS_OPERATION operation) {
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  HRESULT hr = SIM_S_OK;
  if (!op) hr = SIM_E_INVALID_HANDLE;
  else if (op->state == CC_OP_IDLE) hr = HCS_E_OPERATION_NOT_STARTED;
  else if (op->state == CC_OP_ISSUED) cc_operation_complete(op, SIM_E_CANCELLED, NULL);
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

SIM_EXPORT HRESULT HcsAddResourceToOperation(HCS_OPERATION operation, uint32_t type, PCWSTR uri, HANDLE handle) {
  (void)handle; /* the simulator passes no resources on to the service: it only checks and counts them */
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  HRESULT hr = SIM_S_OK;
  if (!op) hr = SIM_E_INVALID_HANDLE;
  else if (type < HcsResourceTypeFile || type > HcsResourceTypeSocket || !uri || !uri[0]) hr = SIM_E_INVALIDARG;
  else if (op->state != CC_OP_IDLE) hr = HCS_E_OPERATION_ALREADY_STARTED;
  else op->resources++;
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

#ifdef CC_SIM_NEWER_EXPORTS
static const char *state_name(int state) {
  return state == CC_OP_IDLE ? "NotStarted" : state == CC_OP_ISSUED ? "Pending" : "Completed";
}

/* The simulator's own document (the real one is not described publicly): id, type, state and result. */
SIM_EXPORT HRESULT HcsGetOperationProperties(HCS_OPERATION operation, PCWSTR options, PWSTR *resultDocument) {
  (void)options;
  if (resultDocument) *resultDocument = NULL;
  if (!resultDocument) return SIM_E_POINTER;
  char text[256];
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  if (op) {
    snprintf(text, sizeof text,
             "{\"Id\":%llu,\"Type\":%d,\"State\":\"%s\",\"Result\":%d,\"Resources\":%d}",
             (unsigned long long)op->id, (int)op->type, state_name(op->state),
             op->state == CC_OP_COMPLETED ? (int)op->result : 0, op->resources);
  }
  pthread_mutex_unlock(&cc_mu);
  if (!op) return SIM_E_INVALID_HANDLE;
  *resultDocument = wire_utf8_to_utf16(text);
  return *resultDocument ? SIM_S_OK : SIM_E_OUTOFMEMORY;
}
#endif
