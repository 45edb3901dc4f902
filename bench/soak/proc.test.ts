import { describe, expect, it } from 'vitest';
import { countAccepted } from './proc.ts';

// /proc/net/tcp as Linux writes it: a listener on 127.0.0.1:38913 (0x9801), two connections it accepted, one
// it accepted and then closed (TIME_WAIT), and a connection dialled from another port to it.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:9801 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0
   1: 0100007F:9801 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000     0        0 1002 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:9801 0100007F:D2A6 01 00000000:00000000 00:00000000 00000000     0        0 1003 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:9801 0100007F:D2A8 06 00000000:00000000 03:00000F9C 00000000     0        0 0 3 0000000000000000
   4: 0100007F:D2A4 0100007F:9801 01 00000000:00000000 00:00000000 00000000     0        0 1004 1 0000000000000000 20 4 30 10 -1
`;

describe('countAccepted', () => {
  it('counts the established connections accepted on the port whose sockets the process holds', () => {
    expect(countAccepted([TCP], 0x9801, new Set(['1001', '1002', '1003', '1004']))).toBe(2);
  });

  it('leaves out sockets of other processes and other ports', () => {
    expect(countAccepted([TCP], 0x9801, new Set(['1002']))).toBe(1);
    // Dialled from the process to the port: its local port is the ephemeral one.
    expect(countAccepted([TCP], 0x9801, new Set(['1004']))).toBe(0);
    expect(countAccepted(['', TCP.split('\n')[0]!], 0x9801, new Set(['1002']))).toBe(0);
  });
});
