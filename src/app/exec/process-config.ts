import type { ExecSignal, ExecStartRequest } from '../../contract/index.ts';
import type { ExecProcessConfig } from './hcs-port-process.ts';

/**
 * The HcsCreateProcess document for an exec request. With a console (tty) the process gets a pty: input and
 * output are one stream and there is no separate stderr pipe (HCS refuses one with EmulateConsole).
 */
export function processConfigFor(request: ExecStartRequest): ExecProcessConfig {
  const config: ExecProcessConfig = {
    CommandLine: request.commandLine,
    EmulateConsole: request.tty,
    CreateStdInPipe: true,
    CreateStdOutPipe: true,
    CreateStdErrPipe: !request.tty,
  };
  if (request.cwd !== undefined) config.WorkingDirectory = request.cwd;
  if (request.user !== undefined) config.User = request.user;
  if (request.env && Object.keys(request.env).length > 0) config.Environment = { ...request.env };
  if (request.tty) config.ConsoleSize = [request.rows, request.cols];
  return config;
}

/** POSIX numbers for the console events, for Linux guests (LCOW takes `{"Signal": <number>}`). */
const LINUX_SIGNALS: Record<ExecSignal, number> = {
  CtrlC: 2, // SIGINT
  CtrlBreak: 3, // SIGQUIT
  CtrlClose: 15, // SIGTERM
  CtrlLogOff: 15,
  CtrlShutdown: 15,
};

/** HcsSignalProcess options: the console event by name for Windows, its signal number for Linux. */
export function signalOptionsFor(signal: ExecSignal, os: string): { Signal: string | number } {
  return { Signal: os.toLowerCase() === 'linux' ? LINUX_SIGNALS[signal] : signal };
}
