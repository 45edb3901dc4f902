/** hcsctl's help text. */
export const USAGE = `usage: hcsctl [--api auto|v1|v2] COMMAND [ARGS]

Drive the compute systems of the Windows Host Compute Service (or its simulator), like hcsdiag.

commands:
  list [--json]                         list every compute system: id, name, type, state, owner, runtime id
  props ID [--v1 TYPE,...|--v2 TYPE,...] [--json]
                                        show a system's properties (V1 schema by default; --v2 for V2
                                        types such as Statistics,ProcessList,Memory)
  create ID FILE                        create (not start) a system from a JSON document ('-' reads stdin)
  start ID                              start a system and wait until it runs
  shutdown ID [--wait]                  ask a system to shut down (--wait: until it has stopped)
  terminate ID [--wait]                 terminate a system (--wait: until it has stopped)
  crash ID [--wait]                     make a system's guest crash (HCS V2 API only; --wait: until stopped)
  service [--json]                      the HCS API in use and the host's service properties (schema versions)
  pause ID                              pause a running system
  resume ID                             resume a paused system
  save ID [--options FILE]              save a paused system (SaveOptions JSON, e.g. {"SaveType":"ToFile"})
  modify ID FILE                        send a modify request (JSON document; '-' reads stdin)
  exec ID [--tty] [--cwd DIR] [--env NAME=VALUE ...] [--user USER] -- COMMAND [ARG...]
                                        run a process in a system with live stdin/stdout/stderr; exits
                                        with the process's exit code. --tty gives it a console (raw local
                                        terminal, resizes forwarded). One COMMAND word is taken as the whole
                                        command line; several are quoted and joined.
  help                                  this text

--api chooses the HCS API: v1 (vmcompute.dll), v2 (computecore.dll) or auto (the default: V2 where
computecore.dll has every export hcsctl needs, else V1); HCS_DESKTOP_HCS_API says the same.

Errors print HCS's message and error events on stderr and exit 1 (2 for usage errors).
Environment: HCS_SIM_SOCKET (the simulator's socket), HCS_VMCOMPUTE_LIBRARY and HCS_COMPUTECORE_LIBRARY
(other simulator libraries), HCS_DESKTOP_HCS_API, HCSSHIM_TIMEOUT_* (hcsshim's timeouts, in seconds).
`;
