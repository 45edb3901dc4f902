import { z } from 'zod';

/**
 * HCS ids as Docker, containerd, WSL and Windows Sandbox make them: GUIDs (with or without braces), 64-hex
 * container ids, and names of letters, digits, '-', '_' and '.'. Anything else — path separators, control
 * characters, spaces, quotes — is rejected before it can reach native code.
 */
export const SYSTEM_ID_PATTERN = /^[A-Za-z0-9{][A-Za-z0-9_.{}-]*$/;
export const MAX_SYSTEM_ID_LENGTH = 256;

export const SystemId = z
  .string()
  .min(1, 'an id is required')
  .max(MAX_SYSTEM_ID_LENGTH, `an id has at most ${MAX_SYSTEM_ID_LENGTH} characters`)
  .regex(SYSTEM_ID_PATTERN, 'an id may contain only letters, digits, "-", "_", "." and braces');
