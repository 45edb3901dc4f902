/*
 * libvmcompute_sim.so: vmcompute.dll's exports, each forwarded to the simulator service (sim/PROTOCOL.md "Ops").
 * This file only marshals arguments and out parameters; client.c owns the connection and the threads.
 *
 * Out parameters: every non-NULL out pointer is cleared on entry, so it is NULL/0 on every failure path. A NULL
 * out pointer for a returned string or process information is allowed (the value is freed or closed); a NULL out
 * pointer for a handle or registration the service would create is refused with E_POINTER before forwarding,
 * because nobody could ever close what it names.
 */
#define _GNU_SOURCE
#include "vmcompute_sim.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "hresult.h"
#include "marshal.h"
#include "ops.h"

static void clear_str(PWSTR *out) {
  if (out) *out = NULL;
}

static void clear_handle(void **out) {
  if (out) *out = NULL;
}

static void clear_process_information(HCS_PROCESS_INFORMATION *info) {
  if (info) memset(info, 0, sizeof *info);
}

static void give_str(wire_frame_t *reply, unsigned index, PWSTR *out) {
  char16_t *str = wire_frame_take_str(reply, index);
  if (out) *out = str;
  else free(str);
}

/* Handles are handed out on success and on PENDING: an asynchronous Create answers 0xC0370103 together with
 * the handle the caller registers its callback on (hcsshim registers after the call returns pending). On any
 * other failure the service sends 0 anyway. */
static void give_handle(HRESULT hr, const wire_frame_t *reply, unsigned index, void **out) {
  int usable = hr >= 0 || hr == SIM_E_OPERATION_PENDING;
  if (out) *out = usable ? i64_to_handle(wire_frame_i64(reply, index)) : NULL;
}

/* pid at `first`, then the stdin, stdout and stderr descriptors. */
static void give_process_information(HRESULT hr, wire_frame_t *reply, unsigned first,
                                     HCS_PROCESS_INFORMATION *out) {
  HANDLE *slots[3] = {out ? &out->StdInput : NULL, out ? &out->StdOutput : NULL, out ? &out->StdError : NULL};
  if (out && hr >= 0) out->ProcessId = (uint32_t)wire_frame_i64(reply, first);
  for (unsigned i = 0; i < 3; i++) {
    int fd = wire_frame_take_fd(reply, first + 1 + i);
    if (fd >= 0 && slots[i] && hr >= 0) *slots[i] = i64_to_handle(fd);
    else if (fd >= 0) close(fd);
  }
}

/* (handle, options) → result: Start, Shutdown, Terminate, Pause, Resume, Save, Modify, Signal, ModifyProcess. */
static HRESULT handle_and_string_op(uint32_t op, void *handle, PCWSTR text, PWSTR *result) {
  clear_str(result);
  wire_request_t req;
  wire_request_init(&req, op);
  wire_request_i64(&req, handle_to_i64(handle));
  wire_request_str16(&req, text);
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "S", &reply);
  give_str(&reply, 0, result);
  wire_frame_free(&reply);
  return hr;
}

/* (string) → two strings: Enumerate, GetServiceProperties. */
static HRESULT string_to_two_strings_op(uint32_t op, PCWSTR text, PWSTR *first, PWSTR *result) {
  clear_str(first);
  clear_str(result);
  wire_request_t req;
  wire_request_init(&req, op);
  wire_request_str16(&req, text);
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "SS", &reply);
  give_str(&reply, 0, first);
  give_str(&reply, 1, result);
  wire_frame_free(&reply);
  return hr;
}

static HRESULT register_callback(uint32_t op, int kind, void *handle, HCS_NOTIFICATION_CALLBACK callback,
                                 void *context, HCS_CALLBACK *callbackHandle) {
  clear_handle(callbackHandle);
  if (!callbackHandle || !callback) return SIM_E_POINTER;
  wire_request_t req;
  wire_request_init(&req, op);
  wire_request_i64(&req, handle_to_i64(handle));
  uint64_t id = 0;
  HRESULT hr = client_register(&req, kind, (uint64_t)handle_to_i64(handle), callback, context, &id);
  *callbackHandle = i64_to_handle((int64_t)id);
  return hr;
}

SIM_EXPORT HRESULT HcsEnumerateComputeSystems(PCWSTR query, PWSTR *computeSystems, PWSTR *result) {
  return string_to_two_strings_op(OP_ENUMERATE, query, computeSystems, result);
}

SIM_EXPORT HRESULT HcsCreateComputeSystem(PCWSTR id, PCWSTR configuration, HANDLE identity,
                                          HCS_SYSTEM *computeSystem, PWSTR *result) {
  clear_handle(computeSystem);
  clear_str(result);
  if (!computeSystem) return SIM_E_POINTER;
  wire_request_t req;
  wire_request_init(&req, OP_CREATE);
  wire_request_str16(&req, id);
  wire_request_str16(&req, configuration);
  wire_request_i64(&req, handle_to_i64(identity));
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "IS", &reply);
  give_handle(hr, &reply, 0, computeSystem);
  give_str(&reply, 1, result);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsOpenComputeSystem(PCWSTR id, HCS_SYSTEM *computeSystem, PWSTR *result) {
  clear_handle(computeSystem);
  clear_str(result);
  if (!computeSystem) return SIM_E_POINTER;
  wire_request_t req;
  wire_request_init(&req, OP_OPEN);
  wire_request_str16(&req, id);
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "IS", &reply);
  give_handle(hr, &reply, 0, computeSystem);
  give_str(&reply, 1, result);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsCloseComputeSystem(HCS_SYSTEM computeSystem) {
  return client_close(OP_CLOSE, CLIENT_REG_SYSTEM, (uint64_t)handle_to_i64(computeSystem));
}

SIM_EXPORT HRESULT HcsStartComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result) {
  return handle_and_string_op(OP_START, computeSystem, options, result);
}

SIM_EXPORT HRESULT HcsShutdownComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result) {
  return handle_and_string_op(OP_SHUTDOWN, computeSystem, options, result);
}

SIM_EXPORT HRESULT HcsTerminateComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result) {
  return handle_and_string_op(OP_TERMINATE, computeSystem, options, result);
}

SIM_EXPORT HRESULT HcsPauseComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result) {
  return handle_and_string_op(OP_PAUSE, computeSystem, options, result);
}

SIM_EXPORT HRESULT HcsResumeComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result) {
  return handle_and_string_op(OP_RESUME, computeSystem, options, result);
}

SIM_EXPORT HRESULT HcsGetComputeSystemProperties(HCS_SYSTEM computeSystem, PCWSTR propertyQuery,
                                                 PWSTR *properties, PWSTR *result) {
  clear_str(properties);
  clear_str(result);
  wire_request_t req;
  wire_request_init(&req, OP_GET_PROPERTIES);
  wire_request_i64(&req, handle_to_i64(computeSystem));
  wire_request_str16(&req, propertyQuery);
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "SS", &reply);
  give_str(&reply, 0, properties);
  give_str(&reply, 1, result);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsModifyComputeSystem(HCS_SYSTEM computeSystem, PCWSTR configuration, PWSTR *result) {
  return handle_and_string_op(OP_MODIFY, computeSystem, configuration, result);
}

SIM_EXPORT HRESULT HcsModifyServiceSettings(PCWSTR settings, PWSTR *result) {
  clear_str(result);
  wire_request_t req;
  wire_request_init(&req, OP_MODIFY_SERVICE_SETTINGS);
  wire_request_str16(&req, settings);
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "S", &reply);
  give_str(&reply, 0, result);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsRegisterComputeSystemCallback(HCS_SYSTEM computeSystem, HCS_NOTIFICATION_CALLBACK callback,
                                                    void *context, HCS_CALLBACK *callbackHandle) {
  return register_callback(OP_REGISTER_SYSTEM_CALLBACK, CLIENT_REG_SYSTEM, computeSystem, callback, context,
                           callbackHandle);
}

SIM_EXPORT HRESULT HcsUnregisterComputeSystemCallback(HCS_CALLBACK callbackHandle) {
  return client_unregister(OP_UNREGISTER_SYSTEM_CALLBACK, CLIENT_REG_SYSTEM,
                           (uint64_t)handle_to_i64(callbackHandle));
}

SIM_EXPORT HRESULT HcsSaveComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result) {
  return handle_and_string_op(OP_SAVE, computeSystem, options, result);
}

SIM_EXPORT HRESULT HcsCreateProcess(HCS_SYSTEM computeSystem, PCWSTR processParameters,
                                    HCS_PROCESS_INFORMATION *processInformation, HCS_PROCESS *process,
                                    PWSTR *result) {
  clear_process_information(processInformation);
  clear_handle(process);
  clear_str(result);
  if (!process) return SIM_E_POINTER;
  wire_request_t req;
  wire_request_init(&req, OP_CREATE_PROCESS);
  wire_request_i64(&req, handle_to_i64(computeSystem));
  wire_request_str16(&req, processParameters);
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "IFFFIS", &reply);
  give_process_information(hr, &reply, 0, processInformation);
  give_handle(hr, &reply, 4, process);
  give_str(&reply, 5, result);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsOpenProcess(HCS_SYSTEM computeSystem, uint32_t processId, HCS_PROCESS *process,
                                  PWSTR *result) {
  clear_handle(process);
  clear_str(result);
  if (!process) return SIM_E_POINTER;
  wire_request_t req;
  wire_request_init(&req, OP_OPEN_PROCESS);
  wire_request_i64(&req, handle_to_i64(computeSystem));
  wire_request_i64(&req, (int64_t)processId);
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "IS", &reply);
  give_handle(hr, &reply, 0, process);
  give_str(&reply, 1, result);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsCloseProcess(HCS_PROCESS process) {
  return client_close(OP_CLOSE_PROCESS, CLIENT_REG_PROCESS, (uint64_t)handle_to_i64(process));
}

SIM_EXPORT HRESULT HcsTerminateProcess(HCS_PROCESS process, PWSTR *result) {
  clear_str(result);
  wire_request_t req;
  wire_request_init(&req, OP_TERMINATE_PROCESS);
  wire_request_i64(&req, handle_to_i64(process));
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "S", &reply);
  give_str(&reply, 0, result);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsSignalProcess(HCS_PROCESS process, PCWSTR options, PWSTR *result) {
  return handle_and_string_op(OP_SIGNAL_PROCESS, process, options, result);
}

SIM_EXPORT HRESULT HcsGetProcessInfo(HCS_PROCESS process, HCS_PROCESS_INFORMATION *processInformation,
                                     PWSTR *result) {
  clear_process_information(processInformation);
  clear_str(result);
  wire_request_t req;
  wire_request_init(&req, OP_GET_PROCESS_INFO);
  wire_request_i64(&req, handle_to_i64(process));
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "IFFFS", &reply);
  give_process_information(hr, &reply, 0, processInformation);
  give_str(&reply, 4, result);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsGetProcessProperties(HCS_PROCESS process, PWSTR *processProperties, PWSTR *result) {
  clear_str(processProperties);
  clear_str(result);
  wire_request_t req;
  wire_request_init(&req, OP_GET_PROCESS_PROPERTIES);
  wire_request_i64(&req, handle_to_i64(process));
  wire_frame_t reply;
  HRESULT hr = roundtrip(&req, "SS", &reply);
  give_str(&reply, 0, processProperties);
  give_str(&reply, 1, result);
  wire_frame_free(&reply);
  return hr;
}

SIM_EXPORT HRESULT HcsModifyProcess(HCS_PROCESS process, PCWSTR settings, PWSTR *result) {
  return handle_and_string_op(OP_MODIFY_PROCESS, process, settings, result);
}

SIM_EXPORT HRESULT HcsGetServiceProperties(PCWSTR propertyQuery, PWSTR *properties, PWSTR *result) {
  return string_to_two_strings_op(OP_GET_SERVICE_PROPERTIES, propertyQuery, properties, result);
}

SIM_EXPORT HRESULT HcsRegisterProcessCallback(HCS_PROCESS process, HCS_NOTIFICATION_CALLBACK callback,
                                              void *context, HCS_CALLBACK *callbackHandle) {
  return register_callback(OP_REGISTER_PROCESS_CALLBACK, CLIENT_REG_PROCESS, process, callback, context,
                           callbackHandle);
}

SIM_EXPORT HRESULT HcsUnregisterProcessCallback(HCS_CALLBACK callbackHandle) {
  return client_unregister(OP_UNREGISTER_PROCESS_CALLBACK, CLIENT_REG_PROCESS,
                           (uint64_t)handle_to_i64(callbackHandle));
}

/* Every string this library hands out comes from malloc. */
SIM_EXPORT void CoTaskMemFree(void *pv) { free(pv); }

SIM_EXPORT int32_t SimConnectionState(void) { return client_connection_state(); }

SIM_EXPORT int32_t SimLiveRegistrations(void) { return client_live_registrations(); }

SIM_EXPORT int32_t SimLastConnectError(char *buffer, int32_t size) {
  return client_last_connect_error(buffer, size);
}
