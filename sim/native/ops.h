/*
 * The op numbers of sim/PROTOCOL.md "Ops", shared by both client libraries: libvmcompute_sim.so forwards each of
 * its exports to the op of the same row; libcomputecore_sim.so builds computecore's operations from the same ops
 * (plus CrashComputeSystem, which vmcompute.dll has no export for).
 */
#ifndef SIM_OPS_H
#define SIM_OPS_H

enum {
  OP_ENUMERATE = 1,
  OP_CREATE = 2,
  OP_OPEN = 3,
  OP_CLOSE = 4,
  OP_START = 5,
  OP_SHUTDOWN = 6,
  OP_TERMINATE = 7,
  OP_PAUSE = 8,
  OP_RESUME = 9,
  OP_GET_PROPERTIES = 10,
  OP_MODIFY = 11,
  OP_MODIFY_SERVICE_SETTINGS = 12,
  OP_REGISTER_SYSTEM_CALLBACK = 13,
  OP_UNREGISTER_SYSTEM_CALLBACK = 14,
  OP_SAVE = 15,
  OP_CREATE_PROCESS = 16,
  OP_OPEN_PROCESS = 17,
  OP_CLOSE_PROCESS = 18,
  OP_TERMINATE_PROCESS = 19,
  OP_SIGNAL_PROCESS = 20,
  OP_GET_PROCESS_INFO = 21,
  OP_GET_PROCESS_PROPERTIES = 22,
  OP_MODIFY_PROCESS = 23,
  OP_GET_SERVICE_PROPERTIES = 24,
  OP_REGISTER_PROCESS_CALLBACK = 25,
  OP_UNREGISTER_PROCESS_CALLBACK = 26,
  OP_CRASH = 27,
};

/* The v1 notification types the service sends (docs/hcs/vmcompute.md, notifications). */
enum {
  NOTE_SYSTEM_EXITED = 0x1,
  NOTE_CREATE_COMPLETED = 0x2,
  NOTE_START_COMPLETED = 0x3,
  NOTE_PAUSE_COMPLETED = 0x4,
  NOTE_RESUME_COMPLETED = 0x5,
  NOTE_CRASH_REPORT = 0x6,
  NOTE_SILO_JOB_CREATED = 0x7,
  NOTE_SAVE_COMPLETED = 0x8,
  NOTE_RDP_ENHANCED_MODE_STATE_CHANGED = 0x9,
  NOTE_CRASH_INITIATED = 0xD,
  NOTE_GUEST_CONNECTION_CLOSED = 0xE,
  NOTE_PROCESS_EXITED = 0x10000,
  NOTE_SERVICE_DISCONNECT = 0x01000000,
};

#endif
