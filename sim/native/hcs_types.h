/*
 * What both simulated DLLs' ABIs share (vmcompute_sim.h, computecore_sim.h), written once: the Windows types
 * with their Linux stand-ins (UTF-16 strings are char16_t, handles pointer-sized, HRESULT int32_t) and
 * HCS_PROCESS_INFORMATION, the one struct both APIs hand out (src/hcs/ffi/process-information.ts reads it
 * for either DLL alike).
 */
#ifndef HCS_TYPES_H
#define HCS_TYPES_H

#include <stdint.h>
#include <uchar.h>

#define SIM_EXPORT __attribute__((visibility("default")))

typedef int32_t HRESULT;
typedef void *HANDLE;
typedef void *HCS_SYSTEM;
typedef void *HCS_PROCESS;
typedef const char16_t *PCWSTR;
typedef char16_t *PWSTR;

/* docs/hcs/vmcompute.md#process-information: 32 bytes; the std handles are file descriptors here (0 = none),
 * owned by whoever took them (the caller of HcsCreateProcess, or of the operation's result). */
typedef struct {
  uint32_t ProcessId;
  uint32_t Reserved;
  HANDLE StdInput;
  HANDLE StdOutput;
  HANDLE StdError;
} HCS_PROCESS_INFORMATION;

#endif
