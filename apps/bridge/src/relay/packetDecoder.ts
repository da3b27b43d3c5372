import { Decoder } from 'socket.io-parser';

/**
 * Deepest nesting a client packet may have. The contract's deepest message is
 * `["subscribe", {"after": N}]` (2 levels); the margin is for socket.io's own packets.
 */
export const MAX_PACKET_DEPTH = 8;

/**
 * socket.io's stock decoder, except that a text packet nested deeper than MAX_PACKET_DEPTH is
 * refused before it is parsed. Every handler, and socket.io itself (binary attachments are
 * rebuilt recursively), then only ever sees shallow values, so no client message can overflow the
 * stack in code that walks it. socket.io answers the throw by closing that client's connection.
 * Binary frames are refused too: the contract has none.
 */
export class PacketDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj !== 'string') throw new Error('binary socket.io packets are not accepted');
    const depth = nestingDepth(obj, MAX_PACKET_DEPTH);
    if (depth > MAX_PACKET_DEPTH) throw new Error(`socket.io packet nested deeper than ${MAX_PACKET_DEPTH} levels refused`);
    super.add(obj);
  }
}

/** Bracket/brace depth of JSON text outside strings, scanning no further than past `limit`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return max;
}
