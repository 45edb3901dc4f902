/*
 * libcomputecore_sim.so: computecore.dll's exports over the simulator service (cc_internal.h says how). This file
 * marshals each call onto the service's ops; operations live in cc_operation.c, handles and events in cc_object.c.
 *
 * What a call returns. An export that takes an operation returns S_OK once it has sent its request, or a failure
 * when the request never started: a bad or used operation, a bad handle, or the service unreachable (then the
 * operation stays unused, as hcsshim expects). Everything the service answers — success or not — is the
 * operation's result. Handles a call creates (HcsCreateComputeSystem, HcsCreateProcess) are written before it
 * returns; the caller closes them if the operation fails.
 */
#define _GNU_SOURCE
#include "computecore_sim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc_internal.h"
#include "client.h"
#include "hresult.h"
#include "marshal.h"
#include "ops.h"

/* The service learns from the hello that this client speaks computecore's API (answers in the 0x8037xxxx form). */
__attribute__((constructor)) static void computecore_init(void) { client_set_api(2); }

/* ---- answers: what an operation keeps of its op's response ---- */

/* How the response of an op becomes the operation's result document (and process information). */
typedef char16_t *(*answer_fn)(cc_operation_t *op, int32_t hr, wire_frame_t *reply);

/* "S" ops: no document on success; the error document on failure. */
static char16_t *answer_result(cc_operation_t *op, int32_t hr, wire_frame_t *reply) {
  (void)op;
  return hr < 0 ? wire_frame_take_str(reply, 0) : NULL;
}

/* "SS" ops (enumerate, properties): the first string on success, the error document on failure. */
static char16_t *answer_document(cc_operation_t *op, int32_t hr, wire_frame_t *reply) {
  (void)op;
  return wire_frame_take_str(reply, hr < 0 ? 1 : 0);
}

/* "IFFFS…" ops (create process, process info): pid and stdio descriptors at 0..3, the result string at `last`. */
static char16_t *take_process_information(cc_operation_t *op, int32_t hr, wire_frame_t *reply, unsigned last) {
  if (hr >= 0) {
    op->has_process_info = 1;
    op->pid = (uint32_t)wire_frame_i64(reply, 0);
    for (int i = 0; i < 3; i++) op->fds[i] = wire_frame_take_fd(reply, 1 + (unsigned)i);
  }
  return hr < 0 ? wire_frame_take_str(reply, last) : NULL;
}

static char16_t *answer_process_info(cc_operation_t *op, int32_t hr, wire_frame_t *reply) {
  return take_process_information(op, hr, reply, 4);
}

/* ---- issuing ---- */

typedef struct {
  int32_t type;         /* HCS_OPERATION_TYPE */
  const char *shape;    /* the op's response shape */
  uint32_t await;       /* the completion notification when the service answers "pending"; 0 for none */
  answer_fn answer;
} call_spec_t;

/* cc_mu held. The system/process a handle names, or an error for a bad one. */
static HRESULT find_target(const void *handle, int kind, cc_object_t **out) {
  *out = cc_object_find(handle, kind);
  return *out ? SIM_S_OK : SIM_E_INVALID_HANDLE;
}

/*
 * Sends `req` (consumed) as `operation`'s call about `system` and/or `process` (looked up by the caller under
 * cc_mu, which is held on entry and released here). The answer completes the operation, unless it is "pending":
 * then the operation waits for `spec->await` on the handle (registered before the request goes out, so a
 * completion can never pass it).
 */
static HRESULT issue(HCS_OPERATION operation, const call_spec_t *spec, cc_object_t *system, cc_object_t *process,
                     wire_request_t *req) {
  cc_operation_t *op = cc_operation_find(operation);
  HRESULT hr = op ? cc_operation_begin(op, spec->type, system, process) : SIM_E_INVALID_HANDLE;
  if (hr < 0) {
    pthread_mutex_unlock(&cc_mu);
    wire_request_free(req);
    return hr;
  }
  cc_object_t *target = process ? process : system;
  if (spec->await && target) cc_operation_await(op, target, spec->await);
  pthread_mutex_unlock(&cc_mu);

  wire_frame_t reply;
  hr = roundtrip(req, spec->shape, &reply);

  pthread_mutex_lock(&cc_mu);
  HRESULT returned = SIM_S_OK;
  if (reply.kind != WIRE_KIND_RESPONSE) {
    /* Made here, not by the service (unreachable, lost, unbuildable): the call never started. */
    cc_operation_stop_awaiting(op);
    if (op->state == CC_OP_ISSUED) {
      op->state = CC_OP_IDLE;
      op->type = HcsOperationTypeNone;
      if (op->system) cc_object_release(op->system);
      if (op->process) cc_object_release(op->process);
      op->system = op->process = NULL;
    }
    returned = hr;
  } else if (sim_is_pending(hr) && spec->await && target) {
    /* Accepted: the completion notification completes it (cc_object.c). */
  } else {
    cc_operation_stop_awaiting(op);
    cc_operation_complete(op, sim_is_pending(hr) ? SIM_S_OK : hr, spec->answer(op, hr, &reply));
  }
  cc_operation_release(op);
  pthread_mutex_unlock(&cc_mu);
  wire_frame_free(&reply);
  return returned;
}

static const call_spec_t ENUMERATE = {HcsOperationTypeEnumerate, "SS", 0, answer_document};
static const call_spec_t START = {HcsOperationTypeStart, "S", NOTE_START_COMPLETED, answer_result};
static const call_spec_t SHUTDOWN = {HcsOperationTypeShutdown, "S", NOTE_SYSTEM_EXITED, answer_result};
static const call_spec_t TERMINATE = {HcsOperationTypeTerminate, "S", NOTE_SYSTEM_EXITED, answer_result};
static const call_spec_t CRASH = {HcsOperationTypeCrash, "S", NOTE_SYSTEM_EXITED, answer_result};
static const call_spec_t PAUSE = {HcsOperationTypePause, "S", NOTE_PAUSE_COMPLETED, answer_result};
static const call_spec_t RESUME = {HcsOperationTypeResume, "S", NOTE_RESUME_COMPLETED, answer_result};
static const call_spec_t SAVE = {HcsOperationTypeSave, "S", NOTE_SAVE_COMPLETED, answer_result};
static const call_spec_t PROPERTIES = {HcsOperationTypeGetProperties, "SS", 0, answer_document};
static const call_spec_t MODIFY = {HcsOperationTypeModify, "S", 0, answer_result};
static const call_spec_t TERMINATE_PROCESS = {HcsOperationTypeTerminate, "S", 0, answer_result};
static const call_spec_t SIGNAL_PROCESS = {HcsOperationTypeSignalProcess, "S", 0, answer_result};
static const call_spec_t PROCESS_INFO = {HcsOperationTypeGetProcessInfo, "IFFFS", 0, answer_process_info};
static const call_spec_t PROCESS_PROPERTIES = {HcsOperationTypeGetProcessProperties, "SS", 0, answer_document};
static const call_spec_t MODIFY_PROCESS = {HcsOperationTypeModifyProcess, "S", 0, answer_result};

/* (system, operation, options) calls: Start, ShutDown, Terminate, Crash, Pause, Resume, Save, Modify. */
static HRESULT system_call(uint32_t wire_op, const call_spec_t *spec, HCS_SYSTEM computeSystem,
                           HCS_OPERATION operation, PCWSTR text) {
  pthread_mutex_lock(&cc_mu);
  cc_object_t *system;
  HRESULT hr = find_target(computeSystem, CLIENT_REG_SYSTEM, &system);
  if (hr < 0) {
    pthread_mutex_unlock(&cc_mu);
    return hr;
  }
  wire_request_t req;
  wire_request_init(&req, wire_op);
  wire_request_i64(&req, (int64_t)system->handle);
  wire_request_str16(&req, text);
  return issue(operation, spec, system, NULL, &req);
}

/* (process, operation[, text]) calls. */
static HRESULT process_call(uint32_t wire_op, const call_spec_t *spec, HCS_PROCESS process, HCS_OPERATION operation,
                            int with_text, PCWSTR text) {
  pthread_mutex_lock(&cc_mu);
  cc_object_t *obj;
  HRESULT hr = find_target(process, CLIENT_REG_PROCESS, &obj);
  if (hr < 0) {
    pthread_mutex_unlock(&cc_mu);
    return hr;
  }
  wire_request_t req;
  wire_request_init(&req, wire_op);
  wire_request_i64(&req, (int64_t)obj->handle);
  if (with_text) wire_request_str16(&req, text);
  return issue(operation, spec, NULL, obj, &req);
}

/* A namespace other than the default one: the simulated service has no namespaces. */
static int other_namespace(PCWSTR idNamespace) { return idNamespace && idNamespace[0]; }

/* Completes `operation` at once with `hr` and an error document saying `message` (no request is sent). */
static HRESULT refuse(HCS_OPERATION operation, int32_t type, cc_object_t *system, HRESULT hr, const char *message) {
  cc_operation_t *op = cc_operation_find(operation);
  HRESULT begun = op ? cc_operation_begin(op, type, system, NULL) : SIM_E_INVALID_HANDLE;
  if (begun < 0) return begun;
  char text[512];
  snprintf(text, sizeof text,
           "{\"Error\":%d,\"ErrorMessage\":\"%s\",\"ErrorEvents\":[{\"Message\":\"%s\",\"Source\":\"HCS\"}]}",
           (int)hr, "The request is not supported.", message);
  cc_operation_complete(op, hr, wire_utf8_to_utf16(text));
  cc_operation_release(op);
  return SIM_S_OK;
}

/* ---- compute systems ---- */

static HRESULT enumerate(PCWSTR query, HCS_OPERATION operation) {
  pthread_mutex_lock(&cc_mu);
  wire_request_t req;
  wire_request_init(&req, OP_ENUMERATE);
  wire_request_str16(&req, query);
  return issue(operation, &ENUMERATE, NULL, NULL, &req);
}

SIM_EXPORT HRESULT HcsEnumerateComputeSystems(PCWSTR query, HCS_OPERATION operation) {
  return enumerate(query, operation);
}

SIM_EXPORT HRESULT HcsEnumerateComputeSystemsInNamespace(PCWSTR idNamespace, PCWSTR query, HCS_OPERATION operation) {
  if (!other_namespace(idNamespace)) return enumerate(query, operation);
  pthread_mutex_lock(&cc_mu);
  HRESULT hr = refuse(operation, HcsOperationTypeEnumerate, NULL, SIM_E_NOT_SUPPORTED,
                      "The simulated HCS has only the default namespace.");
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

/*
 * Create: the service answers "pending" with the new handle; the handle is registered (so the held
 * SystemCreateCompleted reaches the operation) and given out at once. With HCS_CREATE_OPTIONS_1 the caller's
 * callback is set before the completion can arrive.
 */
static HRESULT create_system(PCWSTR id, PCWSTR configuration, HCS_OPERATION operation,
                             const HCS_CREATE_OPTIONS_1 *options, HCS_SYSTEM *computeSystem) {
  if (computeSystem) *computeSystem = NULL;
  if (!computeSystem) return SIM_E_POINTER;
  if (options && (options->Version != HcsCreateOptions_1)) return SIM_E_INVALIDARG;
  pthread_mutex_lock(&cc_mu);
  cc_operation_t *op = cc_operation_find(operation);
  HRESULT hr = op ? cc_operation_begin(op, HcsOperationTypeCreate, NULL, NULL) : SIM_E_INVALID_HANDLE;
  pthread_mutex_unlock(&cc_mu);
  if (hr < 0) return hr;

  wire_request_t req;
  wire_request_init(&req, OP_CREATE);
  wire_request_str16(&req, id);
  wire_request_str16(&req, configuration);
  wire_request_i64(&req, 0);
  wire_frame_t reply;
  hr = roundtrip(&req, "IS", &reply);

  cc_object_t *system = NULL;
  int32_t registered = SIM_S_OK;
  if (reply.kind == WIRE_KIND_RESPONSE && sim_is_pending(hr)) {
    pthread_mutex_lock(&cc_mu);
    system = cc_object_new(CLIENT_REG_SYSTEM, (uint64_t)wire_frame_i64(&reply, 0));
    if (system) {
      op->system = system;
      cc_object_retain(system);
      if (options && options->Callback)
        cc_object_set_callback(system, options->CallbackOptions, options->CallbackContext, options->Callback);
      cc_operation_await(op, system, NOTE_CREATE_COMPLETED);
    }
    pthread_mutex_unlock(&cc_mu);
    registered = system ? cc_object_register(system) : SIM_E_OUTOFMEMORY;
  }

  pthread_mutex_lock(&cc_mu);
  HRESULT returned = SIM_S_OK;
  if (reply.kind != WIRE_KIND_RESPONSE) {
    op->state = CC_OP_IDLE; /* never started */
    op->type = HcsOperationTypeNone;
    returned = hr;
  } else if (!sim_is_pending(hr)) {
    cc_operation_complete(op, hr, hr < 0 ? wire_frame_take_str(&reply, 1) : NULL);
  } else if (!system || registered < 0) {
    /* The system exists at the service but this library cannot follow it: the operation fails with why. */
    cc_operation_complete(op, system ? registered : SIM_E_OUTOFMEMORY, NULL);
  }
  if (system) *computeSystem = system;
  cc_operation_release(op);
  pthread_mutex_unlock(&cc_mu);
  wire_frame_free(&reply);
  return returned;
}

SIM_EXPORT HRESULT HcsCreateComputeSystem(PCWSTR id, PCWSTR configuration, HCS_OPERATION operation,
                                          const void *securityDescriptor, HCS_SYSTEM *computeSystem) {
  (void)securityDescriptor; /* access control is not simulated */
  return create_system(id, configuration, operation, NULL, computeSystem);
}

SIM_EXPORT HRESULT HcsCreateComputeSystemInNamespace(PCWSTR idNamespace, PCWSTR id, PCWSTR configuration,
                                                     HCS_OPERATION operation, const HCS_CREATE_OPTIONS_1 *options,
                                                     HCS_SYSTEM *computeSystem) {
  if (!other_namespace(idNamespace)) return create_system(id, configuration, operation, options, computeSystem);
  if (computeSystem) *computeSystem = NULL;
  pthread_mutex_lock(&cc_mu);
  HRESULT hr = refuse(operation, HcsOperationTypeCreate, NULL, SIM_E_NOT_SUPPORTED,
                      "The simulated HCS has only the default namespace.");
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

/* Opens a handle by id or a process by pid (synchronous), registered before it is given out. */
static HRESULT open_object(int kind, wire_request_t *req, void **out) {
  wire_frame_t reply;
  HRESULT hr = roundtrip(req, "IS", &reply);
  uint64_t handle = hr >= 0 ? (uint64_t)wire_frame_i64(&reply, 0) : 0;
  wire_frame_free(&reply);
  if (hr < 0) return hr;
  pthread_mutex_lock(&cc_mu);
  cc_object_t *obj = cc_object_new(kind, handle);
  pthread_mutex_unlock(&cc_mu);
  hr = obj ? cc_object_register(obj) : SIM_E_OUTOFMEMORY;
  if (hr < 0) {
    if (obj) cc_object_close(obj);
    else client_close_registration(kind == CLIENT_REG_SYSTEM ? OP_CLOSE : OP_CLOSE_PROCESS, handle, 0);
    return hr;
  }
  *out = obj;
  return SIM_S_OK;
}

static HRESULT open_system(PCWSTR id, HCS_SYSTEM *computeSystem) {
  if (computeSystem) *computeSystem = NULL;
  if (!computeSystem) return SIM_E_POINTER;
  wire_request_t req;
  wire_request_init(&req, OP_OPEN);
  wire_request_str16(&req, id);
  return open_object(CLIENT_REG_SYSTEM, &req, computeSystem);
}

/* The access mask is not checked: the simulated service has no access control beyond its injected faults. */
SIM_EXPORT HRESULT HcsOpenComputeSystem(PCWSTR id, uint32_t requestedAccess, HCS_SYSTEM *computeSystem) {
  (void)requestedAccess;
  return open_system(id, computeSystem);
}

SIM_EXPORT HRESULT HcsOpenComputeSystemInNamespace(PCWSTR idNamespace, PCWSTR id, uint32_t requestedAccess,
                                                   HCS_SYSTEM *computeSystem) {
  (void)requestedAccess;
  if (!other_namespace(idNamespace)) return open_system(id, computeSystem);
  if (computeSystem) *computeSystem = NULL;
  return SIM_E_NOT_SUPPORTED;
}

SIM_EXPORT void HcsCloseComputeSystem(HCS_SYSTEM computeSystem) {
  pthread_mutex_lock(&cc_mu);
  cc_object_t *system = cc_object_find(computeSystem, CLIENT_REG_SYSTEM);
  if (system) system->closed = 1; /* claims the close: a second close of the same handle does nothing */
  pthread_mutex_unlock(&cc_mu);
  if (system) cc_object_close(system);
}

SIM_EXPORT HRESULT HcsStartComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  return system_call(OP_START, &START, computeSystem, operation, options);
}

SIM_EXPORT HRESULT HcsShutDownComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  return system_call(OP_SHUTDOWN, &SHUTDOWN, computeSystem, operation, options);
}

SIM_EXPORT HRESULT HcsTerminateComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  return system_call(OP_TERMINATE, &TERMINATE, computeSystem, operation, options);
}

SIM_EXPORT HRESULT HcsCrashComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  return system_call(OP_CRASH, &CRASH, computeSystem, operation, options);
}

SIM_EXPORT HRESULT HcsPauseComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  return system_call(OP_PAUSE, &PAUSE, computeSystem, operation, options);
}

SIM_EXPORT HRESULT HcsResumeComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  return system_call(OP_RESUME, &RESUME, computeSystem, operation, options);
}

SIM_EXPORT HRESULT HcsSaveComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  return system_call(OP_SAVE, &SAVE, computeSystem, operation, options);
}

SIM_EXPORT HRESULT HcsGetComputeSystemProperties(HCS_SYSTEM computeSystem, HCS_OPERATION operation,
                                                 PCWSTR propertyQuery) {
  return system_call(OP_GET_PROPERTIES, &PROPERTIES, computeSystem, operation, propertyQuery);
}

SIM_EXPORT HRESULT HcsModifyComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR configuration,
                                          HANDLE identity) {
  (void)identity; /* a user token to impersonate; not simulated */
  return system_call(OP_MODIFY, &MODIFY, computeSystem, operation, configuration);
}

#ifdef CC_SIM_NEWER_EXPORTS
SIM_EXPORT HRESULT HcsWaitForComputeSystemExit(HCS_SYSTEM computeSystem, uint32_t timeoutMs, PWSTR *result) {
  if (result) *result = NULL;
  pthread_mutex_lock(&cc_mu);
  cc_object_t *system = cc_object_find(computeSystem, CLIENT_REG_SYSTEM);
  if (system) cc_object_retain(system);
  pthread_mutex_unlock(&cc_mu);
  if (!system) return SIM_E_INVALID_HANDLE;
  HRESULT hr = cc_object_wait_exit(system, timeoutMs, result);
  pthread_mutex_lock(&cc_mu);
  cc_object_release(system);
  pthread_mutex_unlock(&cc_mu);
  return hr;
}
#endif

SIM_EXPORT HRESULT HcsSetComputeSystemCallback(HCS_SYSTEM computeSystem, uint32_t callbackOptions,
                                               const void *context, HCS_EVENT_CALLBACK callback) {
  pthread_mutex_lock(&cc_mu);
  cc_object_t *system = cc_object_find(computeSystem, CLIENT_REG_SYSTEM);
  HRESULT hr = system ? cc_object_set_callback(system, callbackOptions, (void *)context, callback)
                      : SIM_E_INVALID_HANDLE;
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

#ifdef CC_SIM_NEWER_EXPORTS
/* Live migration: the exports exist, and every call fails through its operation: nothing migrates here. */
static HRESULT live_migration(HCS_SYSTEM computeSystem, HCS_OPERATION operation) {
  pthread_mutex_lock(&cc_mu);
  cc_object_t *system;
  HRESULT hr = find_target(computeSystem, CLIENT_REG_SYSTEM, &system);
  if (hr >= 0)
    hr = refuse(operation, HcsOperationTypeLiveMigration, system, SIM_E_NOT_SUPPORTED,
                "Live migration is not supported by the simulated HCS.");
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

SIM_EXPORT HRESULT HcsInitializeLiveMigrationOnSource(HCS_SYSTEM computeSystem, HCS_OPERATION operation,
                                                      PCWSTR options) {
  (void)options;
  return live_migration(computeSystem, operation);
}

SIM_EXPORT HRESULT HcsStartLiveMigrationOnSource(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  (void)options;
  return live_migration(computeSystem, operation);
}

SIM_EXPORT HRESULT HcsStartLiveMigrationTransfer(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  (void)options;
  return live_migration(computeSystem, operation);
}

SIM_EXPORT HRESULT HcsFinalizeLiveMigration(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  (void)options;
  return live_migration(computeSystem, operation);
}

SIM_EXPORT HRESULT HcsCancelLiveMigration(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options) {
  (void)options;
  return live_migration(computeSystem, operation);
}
#endif

/* ---- processes ---- */

/*
 * CreateProcess answers at once: the process handle (registered, then given out before this returns) and its
 * pid and stdio, which the operation keeps for HcsGet/WaitForOperationResultAndProcessInfo.
 */
SIM_EXPORT HRESULT HcsCreateProcess(HCS_SYSTEM computeSystem, PCWSTR processParameters, HCS_OPERATION operation,
                                    const void *securityDescriptor, HCS_PROCESS *process) {
  (void)securityDescriptor;
  if (process) *process = NULL;
  if (!process) return SIM_E_POINTER;
  pthread_mutex_lock(&cc_mu);
  cc_object_t *system;
  cc_operation_t *op = NULL;
  HRESULT hr = find_target(computeSystem, CLIENT_REG_SYSTEM, &system);
  if (hr >= 0) {
    op = cc_operation_find(operation);
    hr = op ? cc_operation_begin(op, HcsOperationTypeCreateProcess, system, NULL) : SIM_E_INVALID_HANDLE;
  }
  uint64_t system_handle = hr >= 0 ? system->handle : 0;
  pthread_mutex_unlock(&cc_mu);
  if (hr < 0) return hr;

  wire_request_t req;
  wire_request_init(&req, OP_CREATE_PROCESS);
  wire_request_i64(&req, (int64_t)system_handle);
  wire_request_str16(&req, processParameters);
  wire_frame_t reply;
  hr = roundtrip(&req, "IFFFIS", &reply);

  cc_object_t *obj = NULL;
  int32_t registered = SIM_S_OK;
  if (reply.kind == WIRE_KIND_RESPONSE && hr >= 0) {
    pthread_mutex_lock(&cc_mu);
    obj = cc_object_new(CLIENT_REG_PROCESS, (uint64_t)wire_frame_i64(&reply, 4));
    if (obj) {
      op->process = obj;
      cc_object_retain(obj);
    }
    pthread_mutex_unlock(&cc_mu);
    registered = obj ? cc_object_register(obj) : SIM_E_OUTOFMEMORY;
  }

  pthread_mutex_lock(&cc_mu);
  HRESULT returned = SIM_S_OK;
  if (reply.kind != WIRE_KIND_RESPONSE) {
    op->state = CC_OP_IDLE;
    op->type = HcsOperationTypeNone;
    if (op->system) cc_object_release(op->system);
    op->system = NULL;
    returned = hr;
  } else if (hr >= 0 && (!obj || registered < 0)) {
    cc_operation_complete(op, obj ? registered : SIM_E_OUTOFMEMORY, NULL);
  } else {
    cc_operation_complete(op, hr, take_process_information(op, hr, &reply, 5));
  }
  if (obj) *process = obj;
  cc_operation_release(op);
  pthread_mutex_unlock(&cc_mu);
  wire_frame_free(&reply);
  return returned;
}

SIM_EXPORT HRESULT HcsOpenProcess(HCS_SYSTEM computeSystem, uint32_t processId, uint32_t requestedAccess,
                                  HCS_PROCESS *process) {
  (void)requestedAccess;
  if (process) *process = NULL;
  if (!process) return SIM_E_POINTER;
  pthread_mutex_lock(&cc_mu);
  cc_object_t *system = cc_object_find(computeSystem, CLIENT_REG_SYSTEM);
  uint64_t handle = system ? system->handle : 0;
  pthread_mutex_unlock(&cc_mu);
  if (!system) return SIM_E_INVALID_HANDLE;
  wire_request_t req;
  wire_request_init(&req, OP_OPEN_PROCESS);
  wire_request_i64(&req, (int64_t)handle);
  wire_request_i64(&req, (int64_t)processId);
  return open_object(CLIENT_REG_PROCESS, &req, process);
}

SIM_EXPORT void HcsCloseProcess(HCS_PROCESS process) {
  pthread_mutex_lock(&cc_mu);
  cc_object_t *obj = cc_object_find(process, CLIENT_REG_PROCESS);
  if (obj) obj->closed = 1;
  pthread_mutex_unlock(&cc_mu);
  if (obj) cc_object_close(obj);
}

/* The options of HcsTerminateProcess are reserved (NULL); the service's op takes none. */
SIM_EXPORT HRESULT HcsTerminateProcess(HCS_PROCESS process, HCS_OPERATION operation, PCWSTR options) {
  (void)options;
  return process_call(OP_TERMINATE_PROCESS, &TERMINATE_PROCESS, process, operation, 0, NULL);
}

SIM_EXPORT HRESULT HcsSignalProcess(HCS_PROCESS process, HCS_OPERATION operation, PCWSTR options) {
  return process_call(OP_SIGNAL_PROCESS, &SIGNAL_PROCESS, process, operation, 1, options);
}

SIM_EXPORT HRESULT HcsGetProcessInfo(HCS_PROCESS process, HCS_OPERATION operation) {
  return process_call(OP_GET_PROCESS_INFO, &PROCESS_INFO, process, operation, 0, NULL);
}

/* The simulated service answers the ProcessStatus whatever the query asks (the query is not forwarded). */
SIM_EXPORT HRESULT HcsGetProcessProperties(HCS_PROCESS process, HCS_OPERATION operation, PCWSTR propertyQuery) {
  (void)propertyQuery;
  return process_call(OP_GET_PROCESS_PROPERTIES, &PROCESS_PROPERTIES, process, operation, 0, NULL);
}

SIM_EXPORT HRESULT HcsModifyProcess(HCS_PROCESS process, HCS_OPERATION operation, PCWSTR settings) {
  return process_call(OP_MODIFY_PROCESS, &MODIFY_PROCESS, process, operation, 1, settings);
}

SIM_EXPORT HRESULT HcsSetProcessCallback(HCS_PROCESS process, uint32_t callbackOptions, void *context,
                                         HCS_EVENT_CALLBACK callback) {
  pthread_mutex_lock(&cc_mu);
  cc_object_t *obj = cc_object_find(process, CLIENT_REG_PROCESS);
  HRESULT hr = obj ? cc_object_set_callback(obj, callbackOptions, context, callback) : SIM_E_INVALID_HANDLE;
  pthread_mutex_unlock(&cc_mu);
  return hr;
}

#ifdef CC_SIM_NEWER_EXPORTS
SIM_EXPORT HRESULT HcsWaitForProcessExit(HCS_PROCESS process, uint32_t timeoutMs, PWSTR *result) {
  if (result) *result = NULL;
  pthread_mutex_lock(&cc_mu);
  cc_object_t *obj = cc_object_find(process, CLIENT_REG_PROCESS);
  if (obj) cc_object_retain(obj);
  pthread_mutex_unlock(&cc_mu);
  if (!obj) return SIM_E_INVALID_HANDLE;
  HRESULT hr = cc_object_wait_exit(obj, timeoutMs, result);
  pthread_mutex_lock(&cc_mu);
  cc_object_release(obj);
  pthread_mutex_unlock(&cc_mu);
  return hr;
}
#endif

/* ---- the service ---- */

SIM_EXPORT HRESULT HcsGetServiceProperties(PCWSTR propertyQuery, PWSTR *result) {
  if (result) *result = NULL;
  wire_request_t req;
  wire_request_init(&req, OP_GET_SERVICE_PROPERTIES);
  wire_request_str16(&req, propertyQuery);
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "SS", &reply);
  /* The properties on success; the error document on failure. */
  char16_t *text = wire_frame_take_str(&reply, hr < 0 ? 1 : 0);
  if (result) *result = text;
  else free(text);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsModifyServiceSettings(PCWSTR settings, PWSTR *result) {
  if (result) *result = NULL;
  wire_request_t req;
  wire_request_init(&req, OP_MODIFY_SERVICE_SETTINGS);
  wire_request_str16(&req, settings);
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "S", &reply);
  char16_t *text = wire_frame_take_str(&reply, 0);
  if (result) *result = text;
  else free(text);
  wire_frame_free(&reply);
  return hr;
}

/* HRESULT_FROM_WIN32 of an errno from a file call (the simulated host's files are the host's own). */
static HRESULT hresult_from_errno(int err) {
  switch (err) {
  case ENOENT:
    return (int32_t)0x80070003u; /* ERROR_PATH_NOT_FOUND */
  case EACCES:
  case EPERM:
    return (int32_t)0x80070005u;
  case EEXIST:
    return (int32_t)0x80070050u; /* ERROR_FILE_EXISTS */
  case ENOTDIR:
    return (int32_t)0x8007010Bu; /* ERROR_DIRECTORY */
  case EISDIR:
    return (int32_t)0x80070005u;
  default:
    return (int32_t)0x80004005u; /* E_FAIL */
  }
}

/* Creates an empty file at a host path (the state files of a VM that has not run yet). */
static HRESULT create_empty_file(PCWSTR path) {
  if (!path || !path[0]) return SIM_E_INVALIDARG;
  char *name = wire_utf16_to_utf8(path);
  if (!name) return SIM_E_OUTOFMEMORY;
  int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int err = errno;
  free(name);
  if (fd < 0) return hresult_from_errno(err);
  close(fd);
  return SIM_S_OK;
}

SIM_EXPORT HRESULT HcsCreateEmptyGuestStateFile(PCWSTR guestStateFilePath) {
  return create_empty_file(guestStateFilePath);
}

SIM_EXPORT HRESULT HcsCreateEmptyRuntimeStateFile(PCWSTR runtimeStateFilePath) {
  return create_empty_file(runtimeStateFilePath);
}

/*
 * Granting a VM (or the VM group) access to a file changes its Windows ACL. The simulator has no ACLs to change:
 * it checks what it can — the arguments and that the file exists — and answers as HCS does for those.
 */
static HRESULT check_file(PCWSTR path) {
  if (!path || !path[0]) return SIM_E_INVALIDARG;
  char *name = wire_utf16_to_utf8(path);
  if (!name) return SIM_E_OUTOFMEMORY;
  struct stat st;
  int rc = stat(name, &st);
  int err = errno;
  free(name);
  if (rc != 0) return err == ENOENT ? SIM_E_FILE_NOT_FOUND : hresult_from_errno(err);
  return SIM_S_OK;
}

SIM_EXPORT HRESULT HcsGrantVmAccess(PCWSTR vmId, PCWSTR filePath) {
  if (!vmId || !vmId[0]) return SIM_E_INVALIDARG;
  return check_file(filePath);
}

SIM_EXPORT HRESULT HcsRevokeVmAccess(PCWSTR vmId, PCWSTR filePath) {
  if (!vmId || !vmId[0]) return SIM_E_INVALIDARG;
  return check_file(filePath);
}

SIM_EXPORT HRESULT HcsGrantVmGroupAccess(PCWSTR filePath) { return check_file(filePath); }

SIM_EXPORT HRESULT HcsRevokeVmGroupAccess(PCWSTR filePath) { return check_file(filePath); }

/*
 * The processor features a saved state needs. A state file the simulator saved was saved on this host, so the
 * answer is this host's CPU flags (the "flags" line of /proc/cpuinfo), once the file is known to exist.
 */
SIM_EXPORT HRESULT HcsGetProcessorCompatibilityFromSavedState(PCWSTR runtimeFileName,
                                                              PCWSTR *processorFeaturesString) {
  if (processorFeaturesString) *processorFeaturesString = NULL;
  HRESULT hr = check_file(runtimeFileName);
  if (hr < 0 || !processorFeaturesString) return hr;
  FILE *cpuinfo = fopen("/proc/cpuinfo", "re");
  char *line = NULL;
  size_t cap = 0;
  char *flags = NULL;
  while (cpuinfo && getline(&line, &cap, cpuinfo) > 0) {
    if (strncmp(line, "flags", 5) == 0 || strncmp(line, "Features", 8) == 0) {
      char *colon = strchr(line, ':');
      if (colon) {
        flags = colon + 1 + strspn(colon + 1, " \t");
        flags[strcspn(flags, "\n")] = 0;
      }
      break;
    }
  }
  char16_t *text = wire_utf8_to_utf16(flags ? flags : "");
  free(line);
  if (cpuinfo) fclose(cpuinfo);
  if (!text) return SIM_E_OUTOFMEMORY;
  *processorFeaturesString = text;
  return SIM_S_OK;
}

#ifdef CC_SIM_NEWER_EXPORTS
/* A WER report about a compute system: accepted when it is a non-empty document; the simulator files it nowhere. */
SIM_EXPORT HRESULT HcsSubmitWerReport(PCWSTR settings) {
  return settings && settings[0] ? SIM_S_OK : SIM_E_INVALIDARG;
}
#endif

/* ---- memory and diagnostics ---- */

SIM_EXPORT void CoTaskMemFree(void *pv) { free(pv); }

/* LocalFree returns NULL on success, as Windows' does. */
SIM_EXPORT void *LocalFree(void *mem) {
  free(mem);
  return NULL;
}

SIM_EXPORT int32_t SimConnectionState(void) { return client_connection_state(); }

SIM_EXPORT int32_t SimLastConnectError(char *buffer, int32_t size) {
  return client_last_connect_error(buffer, size);
}

SIM_EXPORT int32_t SimLiveOperations(void) {
  pthread_mutex_lock(&cc_mu);
  int32_t count = cc_operation_count();
  pthread_mutex_unlock(&cc_mu);
  return count;
}

SIM_EXPORT int32_t SimLiveHandles(void) {
  pthread_mutex_lock(&cc_mu);
  int32_t count = cc_object_count();
  pthread_mutex_unlock(&cc_mu);
  return count;
}
