// Command-line options of the service (sim/service/main.ts).

export interface CliOptions {
  socket: string | null;
  /** A path, a fixture name in sim/fixtures, or null for no systems. */
  fixture: string | null;
  completionDelayMs: number | null;
  verbose: boolean;
  /** Exit when stdin closes: a parent that dies (a test runner) then takes the service with it. */
  exitWithStdin: boolean;
  help: boolean;
}

export const USAGE = `usage: node --import tsx sim/service/main.ts [options]
  --socket PATH              listen here (default $HCS_SIM_SOCKET, else sim.sock in
                             $XDG_RUNTIME_DIR/hcs-desktop or ~/.cache/hcs-desktop, made 0700);
                             the control API listens on PATH.ctl
  --fixture FILE|NAME|none   seed these systems (default: demo; NAME is a file in sim/fixtures)
  --completion-delay-ms N    delay before asynchronous operations complete (default: the fixture's, else 20)
  --verbose                  log every call and connection
  --exit-with-stdin          exit when stdin reaches end of file (for test harnesses)
  --help                     this text`;

export function parseCli(argv: string[]): CliOptions {
  const o: CliOptions = {
    socket: null,
    fixture: 'demo',
    completionDelayMs: null,
    verbose: false,
    exitWithStdin: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--socket':
        o.socket = value();
        break;
      case '--fixture': {
        const v = value();
        o.fixture = v === 'none' ? null : v;
        break;
      }
      case '--completion-delay-ms': {
        const v = value();
        if (!/^\d+$/.test(v))
          throw new Error(`--completion-delay-ms needs a whole number of milliseconds, not '${v}'`);
        o.completionDelayMs = Number(v);
        break;
      }
      case '--verbose':
        o.verbose = true;
        break;
      case '--exit-with-stdin':
        o.exitWithStdin = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return o;
}
