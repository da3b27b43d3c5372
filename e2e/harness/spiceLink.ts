import { connect, type Socket } from 'node:net';
import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
import { once } from 'node:events';

/** SPICE link errors (spice-protocol's SpiceLinkErr), for messages a reader can act on. */
const LINK_ERRORS = [
  'ok',
  'error',
  'invalid magic',
  'invalid data',
  'version mismatch',
  'need secured',
  'need unsecured',
  'permission denied',
  'bad connection id',
  'channel not available',
];

const MAIN_CHANNEL = 1;
/** Common caps: PROTOCOL_AUTH_SELECTION (bit 0) and AUTH_SPICE (bit 1); without bit 0 the server expects no mechanism word. */
const COMMON_CAPS = 0b11;
const AUTH_SPICE = 1;
const LINK_HEADER = 16;
const LINK_MESS = 18;
/** SpiceLinkReply: error (4) then the server's RSA public key, a 162-byte DER SubjectPublicKeyInfo. */
const PUBKEY_BYTES = 162;

/**
 * Just enough of a SPICE client to link the main channel: the link message,
 * the server's reply, the SPICE auth mechanism and an RSA-OAEP encrypted
 * ticket. QEMU sends SPICE_CONNECTED when the link message arrives and
 * SPICE_INITIALIZED when the ticket is accepted; closing the socket sends
 * SPICE_DISCONNECTED. With disable-ticketing=on any ticket is accepted, but it
 * must still decrypt.
 */
export class SpiceLink {
  private socket: Socket | null = null;
  private buffered = Buffer.alloc(0);
  private ended: Error | null = null;

  constructor(private readonly path: string) {}

  /** Links the main channel; resolves once the server accepted the ticket. */
  async link(password = '', timeoutMs = 10_000): Promise<void> {
    const socket = connect(this.path);
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
    });
    socket.on('close', () => {
      this.ended ??= new Error(`SPICE server at ${this.path} closed the connection`);
    });
    socket.on('error', (err) => {
      this.ended = new Error(`SPICE socket ${this.path}: ${err.message} — is QEMU started with -spice unix=on,addr=${this.path}?`);
    });
    // once() rejects on 'error'; the handler above has turned it into an actionable message.
    await once(socket, 'connect').catch((err: unknown) => {
      throw this.ended ?? err;
    });
    const deadline = Date.now() + timeoutMs;

    const mess = Buffer.alloc(LINK_MESS + 4);
    mess.writeUInt32LE(0, 0); // connection id 0: a new session
    mess.writeUInt8(MAIN_CHANNEL, 4);
    mess.writeUInt8(0, 5); // channel id
    mess.writeUInt32LE(1, 6); // one word of common caps
    mess.writeUInt32LE(0, 10); // no channel caps
    mess.writeUInt32LE(LINK_MESS, 14); // caps follow the fixed part
    mess.writeUInt32LE(COMMON_CAPS, LINK_MESS);
    socket.write(Buffer.concat([linkHeader(mess.length), mess]));

    const header = await this.read(LINK_HEADER, deadline);
    if (header.toString('latin1', 0, 4) !== 'REDQ') throw new Error(`not a SPICE server at ${this.path} (no REDQ magic)`);
    const reply = await this.read(header.readUInt32LE(12), deadline);
    const error = reply.readUInt32LE(0);
    if (error !== 0) throw new Error(`SPICE link refused: ${LINK_ERRORS[error] ?? error}`);
    const key = createPublicKey({ key: reply.subarray(4, 4 + PUBKEY_BYTES), format: 'der', type: 'spki' });

    const mechanism = Buffer.alloc(4);
    mechanism.writeUInt32LE(AUTH_SPICE, 0);
    // The ticket is the NUL-terminated password, RSA-OAEP (SHA-1) encrypted with the server's key.
    const ticket = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(`${password}\0`));
    socket.write(Buffer.concat([mechanism, ticket]));
    const result = (await this.read(4, deadline)).readUInt32LE(0);
    if (result !== 0) throw new Error(`SPICE ticket refused: ${LINK_ERRORS[result] ?? result} — is disable-ticketing=on set?`);
  }

  /** Closes the channel (QEMU then sends SPICE_DISCONNECTED). */
  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.destroyed) return;
    const closed = once(socket, 'close');
    socket.destroy();
    await closed;
  }

  private async read(n: number, deadline: number): Promise<Buffer> {
    while (this.buffered.length < n) {
      if (this.ended) throw this.ended;
      if (Date.now() > deadline) throw new Error(`SPICE server at ${this.path} sent ${this.buffered.length} of ${n} bytes, then nothing`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const out = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(n);
    return out;
  }
}

function linkHeader(size: number): Buffer {
  const header = Buffer.alloc(LINK_HEADER);
  header.write('REDQ', 0, 'latin1');
  header.writeUInt32LE(2, 4); // major
  header.writeUInt32LE(2, 8); // minor
  header.writeUInt32LE(size, 12);
  return header;
}
