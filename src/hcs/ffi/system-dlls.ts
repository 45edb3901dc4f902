/**
 * Windows DLLs are loaded by absolute path from System32, so no other directory (the application's, the
 * current one, PATH) can plant a DLL of the same name.
 */
import { win32 } from 'node:path';

/** `%SystemRoot%\System32\<dll>`. */
export function system32Path(dll: string): string {
  const systemRoot = process.env.SystemRoot ?? process.env.SYSTEMROOT ?? 'C:\\Windows';
  return win32.join(systemRoot, 'System32', dll);
}
