// Turns request frames into responses: checks the fields against the op table, applies faults (latency, hang,
// access denied, malformed JSON), runs the op, builds the response (defaults on error, the result document, FD
// slots), logs the call and then runs whatever must follow the response. Calls without a latency or hang fault are
// answered synchronously, in the order they arrived.
import { setTimeout as sleep } from 'node:timers/promises';
import { formatHresult } from '../../src/base/index.ts';
import type { CallLog } from './call-log.ts';
import { hresultForApi } from './client-api.ts';
import type { Connection } from './connection.ts';
import type { Engine } from './engine/engine.ts';
import { malform, type Faults, type HeldCall } from './faults.ts';
import { fdField, type Field, type Frame } from './frame.ts';
import { HR, errorEvent, HresultFailure, isFailure, resultDocument, type ErrorEvent } from './hresult.ts';
import type { ClientSession } from './model.ts';
import { OP_TABLE, type Args, type OpSpec, type Outcome } from './op-table.ts';
import { opName } from './ops.ts';

/** A connected client as the dispatcher sees it. */
export interface ClientState {
  session: ClientSession;
  connection: Connection;
  /** Calls held by a hang fault, cancelled if the client goes away. */
  held: Set<HeldCall>;
}

export interface DispatcherOptions {
  engine: Engine;
  faults: Faults;
  calls: CallLog;
  log: (message: string) => void;
  verbose: boolean;
  now?: () => number;
}

function parseArgs(spec: OpSpec, fields: Field[]): Args | null {
  const required = spec.args.length - (spec.optionalArgs ?? 0);
  if (fields.length < required || fields.length > spec.args.length) return null;
  const args: Args = {};
  for (const [i, [name, kind]] of spec.args.entries()) {
    if (i >= fields.length) break; // an optional trailing field the client did not send
    const f = fields[i];
    if (kind === 'str') {
      if (f !== null && typeof f !== 'string') return null;
      args[name] = f ?? null;
    } else {
      // NULL counts as 0; a value beyond the safe range cannot name anything and becomes -1.
      if (f === null) args[name] = 0;
      else if (typeof f === 'number') args[name] = f;
      else if (typeof f === 'bigint') args[name] = -1;
      else return null;
    }
  }
  return args;
}

export class Dispatcher {
  private readonly now: () => number;

  constructor(private readonly o: DispatcherOptions) {
    this.now = o.now ?? Date.now;
  }

  handle(client: ClientState, frame: Frame): void {
    const started = this.now();
    const spec = OP_TABLE.get(frame.code);
    if (!spec) {
      this.finish(
        client,
        frame.id,
        started,
        opName(frame.code),
        {},
        HR.NOT_SUPPORTED,
        [],
        [],
        [errorEvent(`Op ${frame.code} is not supported by this service.`)],
      );
      return;
    }
    const args = parseArgs(spec, frame.fields);
    if (!args) {
      this.fail(client, frame.id, started, spec, {}, HR.E_INVALIDARG, [
        errorEvent(
          `The request fields of ${spec.name} do not match the protocol (expected ${spec.args.map((a) => a.join(' ')).join(', ')}).`,
        ),
      ]);
      return;
    }
    if (spec.name === 'Hello') {
      this.run(client, frame.id, started, spec, args, false);
      return;
    }
    const target = spec.target?.({ engine: this.o.engine, session: client.session }, args) ?? null;
    const faults = this.o.faults.effective(spec.name, target);
    if (faults.latencyMs > 0 || faults.hang) {
      void this.delayed(
        client,
        frame.id,
        started,
        spec,
        args,
        faults.latencyMs,
        faults.hang,
        faults.accessDenied,
        faults.malformedJson,
      );
      return;
    }
    if (faults.accessDenied) {
      this.fail(client, frame.id, started, spec, args, HR.ACCESS_DENIED, [errorEvent('Access is denied.')]);
      return;
    }
    this.run(client, frame.id, started, spec, args, faults.malformedJson);
  }

  private async delayed(
    client: ClientState,
    id: number,
    started: number,
    spec: OpSpec,
    args: Args,
    latencyMs: number,
    hang: boolean,
    accessDenied: boolean,
    malformedJson: boolean,
  ): Promise<void> {
    if (latencyMs > 0) await sleep(latencyMs);
    if (client.connection.isClosed) return;
    if (hang) {
      const held = this.o.faults.hold();
      client.held.add(held);
      await held.released;
      client.held.delete(held);
      if (client.connection.isClosed) return;
      this.fail(client, id, started, spec, args, HR.WAIT_TIMEOUT, [
        errorEvent(`${spec.name} was held by a hang fault and released when the faults were cleared.`),
      ]);
      return;
    }
    if (accessDenied) {
      this.fail(client, id, started, spec, args, HR.ACCESS_DENIED, [errorEvent('Access is denied.')]);
      return;
    }
    this.run(client, id, started, spec, args, malformedJson);
  }

  private run(
    client: ClientState,
    id: number,
    started: number,
    spec: OpSpec,
    args: Args,
    malformedJson: boolean,
  ): void {
    let outcome: Outcome;
    try {
      outcome = spec.run({ engine: this.o.engine, session: client.session }, args);
    } catch (e) {
      if (e instanceof HresultFailure) {
        this.fail(client, id, started, spec, args, e.hr, e.events);
      } else {
        this.o.log(`${spec.name} failed inside the service: ${(e as Error).stack ?? String(e)}`);
        this.fail(client, id, started, spec, args, HR.E_FAIL, [
          errorEvent(`Internal simulator error: ${(e as Error).message}`),
        ]);
      }
      return;
    }
    const hr = outcome.hr ?? HR.S_OK;
    const out = { ...outcome.out };
    if (malformedJson && spec.json && typeof out[spec.json] === 'string') {
      out[spec.json] = malform(out[spec.json] as string);
    }
    const fields: Field[] = [];
    const fds: number[] = [];
    for (const [name, kind] of spec.out) {
      const v = out[name];
      if (kind === 'fd') {
        if (typeof v === 'number' && v >= 0) {
          fields.push(fdField(fds.length));
          fds.push(v);
        } else fields.push(fdField(-1));
      } else if (kind === 'i64') fields.push(typeof v === 'number' ? v : 0);
      else fields.push(typeof v === 'string' ? v : null);
    }
    this.finish(client, id, started, spec.name, args, hr, fields, fds);
    outcome.after?.();
  }

  private fail(
    client: ClientState,
    id: number,
    started: number,
    spec: OpSpec,
    args: Args,
    hr: number,
    events: ErrorEvent[],
  ): void {
    const answered = hresultForApi(client.session.api, hr);
    const fields: Field[] = spec.out.map(([name, kind]) => {
      if (kind === 'fd') return fdField(-1);
      if (kind === 'i64') return 0;
      return name === 'result' && isFailure(hr) ? resultDocument(answered, events) : null;
    });
    this.finish(client, id, started, spec.name, args, hr, fields, [], events);
  }

  private finish(
    client: ClientState,
    id: number,
    started: number,
    op: string,
    args: Args,
    hr: number,
    fields: Field[],
    fds: number[],
    events: ErrorEvent[] = [],
  ): void {
    // Each client is answered in the HRESULT form of its API (client-api.ts); the call log keeps that form too.
    hr = hresultForApi(client.session.api, hr);
    client.connection.respond(id, hr | 0, fields, fds);
    const t = this.now();
    this.o.calls.add(client.session.id, op, args, hr, t, t - started);
    if (this.o.verbose) {
      const detail = events[0]?.Message ? ` (${events[0].Message})` : '';
      this.o.log(`client ${client.session.id} ${op} -> ${formatHresult(hr)}${detail}`);
    }
  }
}
