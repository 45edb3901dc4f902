import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import {
  ExecStartRequest,
  MAX_COMMAND_LINE_CHARS,
  MAX_CWD_CHARS,
  type ErrorInfo,
  type ExecSession,
} from '../../../src/contract/index.ts';
import { useExecServices } from '../../exec/context.tsx';
import { recentCommands, type ExecRecipe } from '../../exec/history.ts';
import { rememberShowTerminal, showTerminalOnStart } from '../../exec/show-terminal.ts';
import { startExec, startRequest } from '../../exec/start-exec.ts';
import { useApi, useAppStore } from '../../store/context.tsx';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { EnvironmentEditor } from './EnvironmentEditor.tsx';
import { envPairs, envProblems, type EnvRow } from './env-rows.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '720px', width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  option: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'pre' },
});

interface Props {
  /** The systems to run in (several: one process in each, from the list's bulk action). */
  systemIds: readonly string[];
  open: boolean;
  onClose(): void;
}

function title(systemIds: readonly string[]): string {
  return systemIds.length === 1 ? `Exec in ${systemIds[0]}` : `Exec in ${systemIds.length} systems`;
}

/**
 * Start a process in a running system: command line, working directory, user, environment and whether it gets
 * an emulated console (a pty), with the system's recent commands to choose from. The process's terminal opens
 * in the Terminals view, which the app switches to unless the user chose to stay where they are (remembered):
 * then a toast offers the new terminal.
 */
export function ExecDialog({ systemIds, open, onClose }: Props) {
  const styles = useStyles();
  const api = useApi();
  const appStore = useAppStore();
  const exec = useExecServices();
  const [commandLine, setCommandLine] = useState('');
  const [cwd, setCwd] = useState('');
  const [user, setUser] = useState('');
  const [showTerminal, setShowTerminal] = useState(() => showTerminalOnStart(exec.history));
  const [tty, setTty] = useState(true);
  const [envRows, setEnvRows] = useState<EnvRow[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = useRef(0);
  const firstSystem = systemIds[0] ?? '';
  // Read when the dialog opens: a command started meanwhile shows up next time.
  const recent = useMemo(
    () => (open ? recentCommands(exec.history, firstSystem) : []),
    [open, exec.history, firstSystem],
  );

  const recipe: ExecRecipe = {
    commandLine: commandLine.trim(),
    cwd: cwd.trim(),
    env: envPairs(envRows),
    tty,
    ...(user.trim() !== '' ? { user: user.trim() } : {}),
  };
  const commandProblem =
    commandLine.length > MAX_COMMAND_LINE_CHARS ? `At most ${MAX_COMMAND_LINE_CHARS} characters` : null;
  const cwdProblem = cwd.length > MAX_CWD_CHARS ? `At most ${MAX_CWD_CHARS} characters` : null;
  const contractCheck = ExecStartRequest.safeParse(startRequest(firstSystem, recipe, { cols: 80, rows: 24 }));
  // The contract says what is wrong with the user name (too long, a control character).
  const userProblem = contractCheck.success
    ? null
    : (contractCheck.error.issues.find((i) => i.path[0] === 'user')?.message ?? null);
  const valid =
    recipe.commandLine !== '' &&
    !commandProblem &&
    !cwdProblem &&
    !userProblem &&
    !envProblems(envRows) &&
    contractCheck.success;

  const reset = () => {
    setCommandLine('');
    setCwd('');
    setUser('');
    setTty(true);
    setEnvRows([]);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const choose = (chosen: ExecRecipe) => {
    setCommandLine(chosen.commandLine);
    setCwd(chosen.cwd);
    setUser(chosen.user ?? '');
    setTty(chosen.tty);
    setEnvRows(chosen.env.map(([name, value]) => ({ key: ++keys.current, name, value })));
    setError(null);
  };

  /** The user stayed in the Systems view: a toast says the process started and offers its terminal. */
  const announceStarted = (sessions: readonly ExecSession[]) => {
    const last = sessions[sessions.length - 1]!;
    appStore.getState().notify({
      intent: 'success',
      title: sessions.length === 1 ? `Started in ${last.systemId}` : `Started in ${sessions.length} systems`,
      body: `${recipe.commandLine}${last.pid !== null ? ` (pid ${last.pid})` : ''}`,
      action: {
        label: sessions.length === 1 ? 'Show terminal' : 'Show terminals',
        run: () => exec.store.getState().open(last.sessionId, { focus: true }),
      },
    });
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    try {
      const deps = { api, store: exec.store, history: exec.history };
      const outcomes = [];
      for (const [i, id] of systemIds.entries())
        outcomes.push({
          id,
          outcome: await startExec(deps, id, recipe, {
            focus: i === systemIds.length - 1,
            stay: !showTerminal,
          }),
        });
      rememberShowTerminal(exec.history, showTerminal);
      const failed = outcomes.filter((o) => !o.outcome.ok);
      if (systemIds.length === 1 && failed[0] && !failed[0].outcome.ok) {
        setError(failed[0].outcome.error);
        return;
      }
      const started = outcomes.flatMap((o) => (o.outcome.ok ? [o.outcome.session] : []));
      if (!showTerminal && started.length > 0) announceStarted(started);
      for (const { id, outcome } of failed) {
        if (!outcome.ok)
          appStore.getState().notify({
            intent: 'error',
            title: `Exec in ${id} failed`,
            body: outcome.error.message,
            error: outcome.error,
          });
      }
      close();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && close()}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={(e) => void submit(e)}>
          <DialogBody>
            <DialogTitle>{title(systemIds)}</DialogTitle>
            <DialogContent className={styles.content}>
              {recent.length > 0 && (
                <Field label="Recent commands" hint="Fills in the command, directory, variables and console">
                  <Dropdown
                    placeholder={`${recent.length} recent ${recent.length === 1 ? 'command' : 'commands'}`}
                    value=""
                    selectedOptions={[]}
                    onOptionSelect={(_, data) => {
                      const chosen = recent[Number(data.optionValue)];
                      if (chosen) choose(chosen);
                    }}
                  >
                    {recent.map((r, i) => (
                      <Option key={i} value={String(i)} text={r.commandLine} className={styles.option}>
                        {r.commandLine}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
              )}
              <Field
                label="Command line"
                required
                validationState={commandProblem ? 'error' : 'none'}
                validationMessage={commandProblem ?? undefined}
                hint={'Run by the system as it is, e.g. cmd /c dir or sh -c "ls -l"'}
              >
                <Input
                  className={styles.mono}
                  value={commandLine}
                  onChange={(_, data) => setCommandLine(data.value)}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
              <Field
                label="Working directory"
                validationState={cwdProblem ? 'error' : 'none'}
                validationMessage={cwdProblem ?? undefined}
                hint="Empty: the system's default"
              >
                <Input
                  className={styles.mono}
                  value={cwd}
                  onChange={(_, data) => setCwd(data.value)}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
              <Field
                label="User"
                validationState={userProblem ? 'error' : 'none'}
                validationMessage={userProblem ?? undefined}
                hint="Empty: the system's default user. e.g. ContainerAdministrator, or a Linux user or uid"
              >
                <Input
                  className={styles.mono}
                  value={user}
                  onChange={(_, data) => setUser(data.value)}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
              <EnvironmentEditor rows={envRows} onChange={setEnvRows} nextKey={() => ++keys.current} />
              <Field
                hint={
                  tty
                    ? 'A pty: one output stream, resizable; Ctrl+C typed in the terminal reaches the process.'
                    : 'Plain pipes: stdout and stderr apart (stderr in red); input is sent line by line.'
                }
              >
                <Switch label="Emulated console" checked={tty} onChange={(_, data) => setTty(data.checked)} />
              </Field>
              <Field
                hint={
                  showTerminal
                    ? 'The app switches to the Terminals view, where the process runs.'
                    : 'You stay here; a notification offers the terminal, which waits in the Terminals view.'
                }
              >
                <Switch
                  label="Show the terminal when it starts"
                  checked={showTerminal}
                  onChange={(_, data) => setShowTerminal(data.checked)}
                />
              </Field>
              {error && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>
                    {`Could not start the process: ${error.message}`}
                    <ErrorDetails error={error} />
                  </MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={close}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={!valid || busy}>
                {busy ? 'Starting…' : 'Start'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
