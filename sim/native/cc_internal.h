/*
 * libcomputecore_sim's own state, shared by its three files: operations (cc_operation.c), the system and process
 * handles it gives out (cc_object.c), and the exports (computecore_sim.c).
 *
 * Model. computecore.dll is a client of the compute service, like vmcompute.dll; this library is a client of the
 * simulator service, like libvmcompute_sim, over the same connection code (client.c) and the same ops. What
 * computecore adds is built here, on the client side:
 *  - an operation (HCS_OPERATION) is a local object; an export that takes one sends its op, and the answer (or,
 *    for an answer of "pending", the service's completion notification) completes the operation;
 *  - every system and process handle is registered with the service at once (an internal registration), so
 *    completions and exits are never missed; HcsSet*Callback only says where events go from then on;
 *  - events reach the caller's HCS_EVENT_CALLBACK on the connection's dispatcher thread, and operation completion
 *    callbacks run there too (as tasks), never on the caller's thread.
 *
 * Locking: `cc_mu` guards every operation and object and is never held across I/O or a callback. It may be held
 * while posting a task (client.c's lock nests inside it, never the other way round).
 */
#ifndef CC_INTERNAL_H
#define CC_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#include "computecore_sim.h"

#pragma GCC visibility push(hidden)

typedef struct cc_object cc_object_t;
typedef struct cc_operation cc_operation_t;

extern pthread_mutex_t cc_mu;

/* A system or process handle this library gave out: HCS_SYSTEM and HCS_PROCESS are pointers to these. */
struct cc_object {
  int kind;          /* CLIENT_REG_SYSTEM or CLIENT_REG_PROCESS */
  uint64_t handle;   /* the service's handle */
  uint64_t registration; /* client.c's id of the internal registration; 0 until registered */
  int refs;          /* the caller's handle holds one until closed; waits, tasks and operations hold more */
  int closed;        /* HcsClose* has begun: no event callback starts after this */
  /* HcsSet*Callback */
  int callback_set;
  uint32_t options;
  HCS_EVENT_CALLBACK callback;
  void *context;
  /* What the internal registration learnt. */
  int exited;
  int exit_delivered; /* the exit event reached the caller's callback (no replay then) */
  char16_t *exit_data;
  int disconnected;
  pthread_cond_t changed; /* exited, disconnected or closed */
  /* Operations waiting for a completion notification of this handle, oldest first. */
  cc_operation_t *awaiting;
};

enum { CC_OP_IDLE = 0, CC_OP_ISSUED = 1, CC_OP_COMPLETED = 2 };

struct cc_operation {
  uint64_t id;
  int32_t type; /* HCS_OPERATION_TYPE; HcsOperationTypeNone until issued */
  int state;
  int closed;
  int refs; /* the caller's handle holds one until closed; an export issuing it, waits and tasks hold more */
  const void *context;
  HCS_OPERATION_COMPLETION completion;
  /* HcsCreateOperationWithNotifications: completion reported as an OperationCallback event. */
  HCS_EVENT_CALLBACK event_callback;
  uint32_t event_options;
  int resources; /* HcsAddResourceToOperation calls */
  /* The handles it is about (references held): the target, and for Create/CreateProcess the new handle. */
  cc_object_t *system;
  cc_object_t *process;
  /* The result. */
  int32_t result;
  char16_t *document;
  int has_process_info;
  uint32_t pid;
  int fds[3]; /* owned until taken by the first *AndProcessInfo call; -1 when none */
  /* While waiting for a completion notification: which one, of which handle. */
  uint32_t await_type;
  cc_object_t *await_object;
  cc_operation_t *await_next;
  pthread_cond_t done;
};

/* ---- objects (cc_object.c); cc_mu held unless said otherwise ---- */

/* A new object with one reference (the caller's handle), in the registry. NULL when out of memory. */
cc_object_t *cc_object_new(int kind, uint64_t handle);
/* The live, not closed object a handle value names, of that kind; NULL otherwise. */
cc_object_t *cc_object_find(const void *handle, int kind);
void cc_object_retain(cc_object_t *obj);
void cc_object_release(cc_object_t *obj);
/* cc_mu NOT held. Registers the internal callback with the service (op 13 or 25). */
int32_t cc_object_register(cc_object_t *obj);
/* cc_mu NOT held. HcsClose*: see cc_object.c. Consumes the caller's reference. */
void cc_object_close(cc_object_t *obj);
/* HcsSet*Callback. */
int32_t cc_object_set_callback(cc_object_t *obj, uint32_t options, void *context, HCS_EVENT_CALLBACK callback);
/* cc_mu NOT held. HcsWaitFor*Exit. */
int32_t cc_object_wait_exit(cc_object_t *obj, uint32_t timeoutMs, PWSTR *result);
/* Tells the object's callback, if it asked for EnableOperationCallbacks, that `op` completed. */
void cc_object_operation_event(cc_object_t *obj, cc_operation_t *op);
int32_t cc_object_count(void);

/* ---- operations (cc_operation.c); cc_mu held unless said otherwise ---- */

cc_operation_t *cc_operation_find(const void *handle);
void cc_operation_retain(cc_operation_t *op);
void cc_operation_release(cc_operation_t *op);
/*
 * Starts using `op` for one call of `type` about `system` and/or `process` (references taken). Fails with
 * HCS_E_OPERATION_ALREADY_STARTED for a used operation, and HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET for an
 * operation with its own callback on a handle whose callback takes operation completions. Takes a reference for
 * the issuing export, released with cc_operation_release when it is done.
 */
int32_t cc_operation_begin(cc_operation_t *op, int32_t type, cc_object_t *system, cc_object_t *process);
/* Completes an issued operation with `hr` and `document` (consumed; may be NULL); later calls do nothing. */
void cc_operation_complete(cc_operation_t *op, int32_t hr, char16_t *document);
/* Makes `op` wait for the v1 notification `type` on `obj` (FIFO among those waiting for the same type). */
void cc_operation_await(cc_operation_t *op, cc_object_t *obj, uint32_t type);
/* The oldest operation waiting on `obj` for `type`, unlinked; NULL when none. */
cc_operation_t *cc_operation_take_awaiting(cc_object_t *obj, uint32_t type);
/* Unlinks `op` from the handle it waits on, if any. */
void cc_operation_stop_awaiting(cc_operation_t *op);
int32_t cc_operation_count(void);

/* The computecore exports that need the operation internals (cc_operation.c) are defined there. */

#pragma GCC visibility pop

#endif
