// Who is at the other end of a connected Unix socket: the kernel's answer, not the socket file's owner.
//
// Node has no API for it. The C library asks with getsockopt(SO_PEERCRED) (sim/native/endpoint.c); here the same
// call is made through koffi (already the app's FFI) on the socket's own descriptor. It is read-only, never
// blocks, and answers with the credentials the listener had when it called listen(): a socket file owned by
// this user but served by another user's process (a descriptor passed along, a file chown'ed) is still caught.
// On macOS, where SO_PEERCRED does not exist, libSystem's getpeereid() gives the same uid.
import koffi from 'koffi';
import type { Socket } from 'node:net';
import { endianness } from 'node:os';

export interface PeerCredentials {
  uid: number;
  /** Linux only (SO_PEERCRED); null where getpeereid gives no pid. */
  pid: number | null;
}

// SOL_SOCKET and SO_PEERCRED of Linux's asm-generic socket.h, used by x86, Arm, RISC-V, s390x and LoongArch.
// Other Linux architectures number them differently; they are refused below rather than guessed.
const SOL_SOCKET = 1;
const SO_PEERCRED = 17;
const GENERIC_SOCKET_ABI = new Set(['x64', 'ia32', 'arm', 'arm64', 'riscv64', 's390x', 'loong64']);

type Getsockopt = (fd: number, level: number, name: number, value: Buffer, length: Buffer) => number;
type Getpeereid = (fd: number, uid: Buffer, gid: Buffer) => number;

let linuxCall: Getsockopt | null = null;
let darwinCall: Getpeereid | null = null;

function getsockopt(): Getsockopt {
  if (!linuxCall) {
    const libc = koffi.load('libc.so.6');
    linuxCall = libc.func('getsockopt', 'int', ['int', 'int', 'int', 'void *', 'void *']) as Getsockopt;
  }
  return linuxCall;
}

function getpeereid(): Getpeereid {
  if (!darwinCall) {
    const libc = koffi.load('/usr/lib/libSystem.B.dylib');
    darwinCall = libc.func('getpeereid', 'int', ['int', 'void *', 'void *']) as Getpeereid;
  }
  return darwinCall;
}

/** The descriptor under a connected net.Socket on a Unix socket (Node keeps it on its Pipe handle). */
function descriptorOf(socket: Socket): number {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) throw new Error('the socket has no descriptor (not connected?)');
  return fd;
}

/** The peer's uid (and pid on Linux). Throws when the platform or the kernel cannot say. */
export function peerCredentials(socket: Socket): PeerCredentials {
  const fd = descriptorOf(socket);
  if (process.platform === 'linux') {
    if (!GENERIC_SOCKET_ABI.has(process.arch))
      throw new Error(`cannot check a Unix socket's peer on linux-${process.arch}`);
    const cred = Buffer.alloc(12); // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
    const length = Buffer.alloc(4);
    const le = endianness() === 'LE';
    if (le) length.writeUInt32LE(cred.length);
    else length.writeUInt32BE(cred.length);
    if (getsockopt()(fd, SOL_SOCKET, SO_PEERCRED, cred, length) !== 0)
      throw new Error(`getsockopt(SO_PEERCRED) failed: errno ${koffi.errno()}`);
    return le
      ? { pid: cred.readInt32LE(0), uid: cred.readUInt32LE(4) }
      : { pid: cred.readInt32BE(0), uid: cred.readUInt32BE(4) };
  }
  if (process.platform === 'darwin') {
    const uid = Buffer.alloc(4);
    const gid = Buffer.alloc(4);
    if (getpeereid()(fd, uid, gid) !== 0) throw new Error(`getpeereid failed: errno ${koffi.errno()}`);
    return { pid: null, uid: endianness() === 'LE' ? uid.readUInt32LE(0) : uid.readUInt32BE(0) };
  }
  throw new Error(`cannot check a Unix socket's peer on ${process.platform}`);
}
