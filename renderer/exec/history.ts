import { z } from 'zod';

/** What the Exec dialog remembers of a command it started: enough to fill the dialog again. */
export const ExecRecipe = z.object({
  commandLine: z.string().min(1),
  cwd: z.string(),
  env: z.array(z.tuple([z.string(), z.string()])),
  tty: z.boolean(),
  /** The user to run as; absent (older entries too): the system's default. */
  user: z.string().optional(),
});
export type ExecRecipe = z.infer<typeof ExecRecipe>;

/** Recent commands kept per system, newest first. */
export const HISTORY_PER_SYSTEM = 10;
/** Systems with a history kept at once (the least recently used go first): compute systems come and go. */
export const HISTORY_SYSTEMS = 50;
export const HISTORY_STORAGE_KEY = 'hcs-desktop.exec-history.v1';

const Stored = z.array(z.object({ systemId: z.string(), recipes: z.array(ExecRecipe) }));
type Stored = z.infer<typeof Stored>;

type HistoryStorage = Pick<Storage, 'getItem' | 'setItem'>;

function read(storage: HistoryStorage | null): Stored {
  if (!storage) return [];
  try {
    const parsed = Stored.safeParse(JSON.parse(storage.getItem(HISTORY_STORAGE_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    // Unreadable (corrupt, or storage disabled): start afresh rather than fail the dialog.
    return [];
  }
}

/** One entry per command line (the list shows command lines): the newest settings of it win. */
function sameCommand(a: ExecRecipe, b: ExecRecipe): boolean {
  return a.commandLine === b.commandLine;
}

/** The recent commands of a system, newest first. */
export function recentCommands(storage: HistoryStorage | null, systemId: string): ExecRecipe[] {
  return read(storage).find((entry) => entry.systemId === systemId)?.recipes ?? [];
}

/**
 * Remembers a command started in a system: it moves to the front (an identical one is not kept twice), the
 * list is cut to HISTORY_PER_SYSTEM and the system becomes the most recently used. Storage errors (full,
 * disabled) are ignored: the history is a convenience.
 */
export function rememberCommand(storage: HistoryStorage | null, systemId: string, recipe: ExecRecipe): void {
  if (!storage) return;
  const stored = read(storage);
  const previous = stored.find((entry) => entry.systemId === systemId)?.recipes ?? [];
  const recipes = [recipe, ...previous.filter((r) => !sameCommand(r, recipe))].slice(0, HISTORY_PER_SYSTEM);
  const next = [{ systemId, recipes }, ...stored.filter((entry) => entry.systemId !== systemId)].slice(
    0,
    HISTORY_SYSTEMS,
  );
  try {
    storage.setItem(HISTORY_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Quota exceeded or storage disabled.
  }
}
