import { Encoder, PacketType, type Packet } from 'socket.io-parser';
import { PacketDecoder } from './packetDecoder.js';
import { EncodedBatch } from './encodedBatch.js';

/**
 * socket.io's packet encoder, except that an event whose single argument is an EncodedBatch is
 * written with the batch's cached JSON. The text is exactly what the stock encoder writes for
 * `[name, events]` (`2["events",[...]]`), so clients use the stock decoder. Anything else (acks,
 * other namespaces, binary) goes to the stock encoder unchanged.
 */
export class BatchEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const data: unknown = packet.data;
    if (
      packet.type === PacketType.EVENT &&
      packet.nsp === '/' &&
      packet.id === undefined &&
      Array.isArray(data) &&
      data.length === 2 &&
      typeof data[0] === 'string' &&
      data[1] instanceof EncodedBatch
    ) {
      return [`${PacketType.EVENT}[${JSON.stringify(data[0])},${data[1].json}]`];
    }
    return super.encode(packet);
  }
}

/** The `parser` option of socket.io's Server: BatchEncoder out, PacketDecoder (depth-bounded) in. */
export const batchParser = { Encoder: BatchEncoder, Decoder: PacketDecoder };
