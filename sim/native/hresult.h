/* HRESULTs the client library produces or tests itself (everything else comes from the service). Each define
 * follows a comment that starts with its name in the HRESULT table (src/hcs/hresults.ts):
 * test/facts/hresults.test.ts checks the codes and names against it. */
#ifndef SIM_HRESULT_H
#define SIM_HRESULT_H

#include <stdint.h>

#define SIM_S_OK ((int32_t)0)
/* RPC_S_SERVER_UNAVAILABLE: the service cannot be reached, or the connection dropped mid-call. */
#define SIM_E_SERVER_UNAVAILABLE ((int32_t)0x800706BAu)
/* RPC_S_CALL_FAILED: the service answered with a frame this library cannot make sense of. */
#define SIM_E_CALL_FAILED ((int32_t)0x800706BEu)
/* E_HANDLE (ERROR_INVALID_HANDLE): a registration handle this library does not know (or already released). */
#define SIM_E_INVALID_HANDLE ((int32_t)0x80070006u)
/* E_POINTER: a required out pointer (handle, registration, callback) was NULL. */
#define SIM_E_POINTER ((int32_t)0x80004003u)
/* E_OUTOFMEMORY */
#define SIM_E_OUTOFMEMORY ((int32_t)0x8007000Eu)
/* E_INVALIDARG: a request too large to frame. */
#define SIM_E_INVALIDARG ((int32_t)0x80070057u)
/* ERROR_VMCOMPUTE_OPERATION_PENDING: the service accepted an asynchronous call; a notification follows. */
#define SIM_E_OPERATION_PENDING ((int32_t)0xC0370103u)

/* ERROR_NOT_SUPPORTED */
#define SIM_E_NOT_SUPPORTED ((int32_t)0x80070032u)
/* ERROR_FILE_NOT_FOUND */
#define SIM_E_FILE_NOT_FOUND ((int32_t)0x80070002u)
/* ERROR_CANCELLED: the result of an operation cancelled with HcsCancelOperation (computecore). */
#define SIM_E_CANCELLED ((int32_t)0x800704C7u)
/* ERROR_OPERATION_ABORTED: an operation whose handle was closed before it completed (computecore). */
#define SIM_E_OPERATION_ABORTED ((int32_t)0x800703E3u)

/* computecore's HCS_E_* codes (the 0x8037xxxx form of vmcompute's 0xC037xxxx codes), each under its name in the
 * HRESULT table (test/facts/hresults.test.ts checks them too). */
#define HCS_E_INVALID_STATE ((int32_t)0x80370105u)
#define HCS_E_SYSTEM_ALREADY_STOPPED ((int32_t)0x80370110u)
#define HCS_E_OPERATION_NOT_STARTED ((int32_t)0x80370115u)
#define HCS_E_OPERATION_ALREADY_STARTED ((int32_t)0x80370116u)
#define HCS_E_OPERATION_PENDING ((int32_t)0x80370117u)
#define HCS_E_OPERATION_TIMEOUT ((int32_t)0x80370118u)
#define HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET ((int32_t)0x80370119u)
#define HCS_E_SERVICE_DISCONNECT ((int32_t)0x8037011Eu)

/* True for the service's "pending" answer in either form (0xC0370103, or 0x80370103 to a computecore client). */
static inline int sim_is_pending(int32_t hr) { return ((uint32_t)hr & 0xBFFFFFFFu) == 0x80370103u; }

#endif
