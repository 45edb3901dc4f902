/*
 * The connection to the simulator service and the threads around it (sim/PROTOCOL.md "The client library's
 * threads"): callers send requests and wait for their answer, a reader thread completes them and queues
 * notifications, a dispatcher thread runs the registered callbacks.
 */
#ifndef SIM_CLIENT_H
#define SIM_CLIENT_H

#include <stdint.h>
#include <uchar.h>

#include "wire.h"

#pragma GCC visibility push(hidden)

typedef void (*client_callback_t)(uint32_t type, void *context, int32_t status, const char16_t *data);

/* Registrations are typed: a system registration cannot be released through the process functions. */
enum { CLIENT_REG_SYSTEM = 1, CLIENT_REG_PROCESS = 2 };

/* docs/hcs/vmcompute.md#notifications: made by this library when its connection drops. */
#define CLIENT_NOTIFICATION_SERVICE_DISCONNECT 0x01000000u

/*
 * Sends a finished-or-not request (consumed in every case) on the live connection, connecting first if needed,
 * and waits for the answer. Returns the answer's HRESULT with its fields in *reply (reply->kind is
 * WIRE_KIND_RESPONSE), or a local failure (service unreachable, connection lost, request unbuildable) with an
 * empty *reply. The caller frees *reply with wire_frame_free.
 */
int32_t client_call(wire_request_t *req, wire_frame_t *reply);

/*
 * Sends a register request (consumed) for `handle` and, when the service accepts it, records the registration
 * before any later frame is read, so a notification that follows the answer at once is not lost. *out_id gets
 * the non-zero local registration handle.
 */
int32_t client_register(wire_request_t *req, int kind, uint64_t handle, client_callback_t callback,
                        void *context, uint64_t *out_id);

/*
 * Releases a registration: forwards the unregister op (registration id filled in here) while its connection is
 * live, then waits until its callback is not running (unless called from within a callback) and frees it.
 * Afterwards the callback is never called again, whatever the result.
 */
int32_t client_unregister(uint32_t op, int kind, uint64_t id);

/*
 * Forwards a close op for `handle`, then releases every registration of that handle (of that kind), waiting for
 * their in-flight callbacks as client_unregister does.
 */
int32_t client_close(uint32_t op, int kind, uint64_t handle);

/*
 * Which C API this library exports, told to the service in its hello (sim/PROTOCOL.md op 100): 1 vmcompute.dll
 * (the default; the hello then carries no API field, as before), 2 computecore.dll. Set once, before any call.
 */
void client_set_api(int64_t api);

/*
 * Work for the dispatcher thread that is not a registration's notification (computecore's operation completion
 * callbacks). `fn(arg)` runs there, in order with the notifications queued before it, never on the caller's
 * thread. `key` names the task for client_wait_task. Returns 0, or -1 when it could not be queued (no memory,
 * no dispatcher thread): then fn never runs and the caller still owns arg.
 */
typedef void (*client_task_t)(void *arg);
int client_post(client_task_t fn, void *arg, const void *key);

/*
 * Waits until the dispatcher is not running a task posted with `key` (returns at once on the dispatcher thread
 * itself, which would wait for itself). Callers first make sure no new task for `key` will do anything.
 */
void client_wait_task(const void *key);

/* True on the dispatcher thread (inside a registration callback or a task). */
int client_on_dispatcher(void);

/*
 * Like client_close, but releases exactly the registration `reg_id` (0: none) rather than every registration of
 * the handle value, which a handle of an older connection may share with a newer one after a service restart.
 */
int32_t client_close_registration(uint32_t op, uint64_t handle, uint64_t reg_id);

/* Diagnostics: 0 never connected, 1 connected, 2 lost; and the registrations not yet released. */
int32_t client_connection_state(void);
int32_t client_live_registrations(void);

/*
 * Why the last connect attempt was refused (the endpoint's ownership checks, sim/native/endpoint.h), copied
 * NUL-terminated into `buffer` (truncated to `size`); returns its full length, 0 when it was not refused.
 */
int32_t client_last_connect_error(char *buffer, int32_t size);

#pragma GCC visibility pop

#endif
