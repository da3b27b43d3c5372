import { RecordingAssembler, type Recording } from './assemble';
import { parseLine } from './parseLine';
import { LineSplitter, type OverlongLine } from './lineSplitter';

export interface ImportProgress {
  bytes: number;
  total: number;
  events: number;
}

/** Work at most this long before handing the main thread back, so the page stays responsive. */
const SLICE_MS = 30;

/**
 * Reads a file of any size in chunks (File.stream() + TextDecoderStream),
 * parsing line by line and yielding to the browser between slices; reports
 * progress by bytes. The file is never held as one string.
 */
export async function importFile(
  file: Blob & { name?: string },
  onProgress: (p: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<Recording> {
  const assembler = new RecordingAssembler(file.name ?? 'recording');
  const splitter = new LineSplitter();
  let bytes = 0;
  let events = 0;
  let lineNo = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
  // TS's DOM lib types TextDecoderStream's input as BufferSource, which Uint8Array<ArrayBufferLike> does not satisfy; at runtime it is exactly what it takes.
  const decoder = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
  const reader = counted.pipeThrough(decoder).getReader();
  const take = (lines: Array<string | OverlongLine>) => {
    for (const line of lines) {
      const r = parseLine(line);
      assembler.add(r, ++lineNo);
      if (r.kind === 'event') events++;
    }
  };
  let sliceStart = performance.now();
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel();
      throw new Error('import cancelled');
    }
    const { done, value } = await reader.read();
    if (done) break;
    take(splitter.push(value));
    if (performance.now() - sliceStart > SLICE_MS) {
      onProgress({ bytes, total: file.size, events });
      await new Promise((r) => setTimeout(r, 0));
      sliceStart = performance.now();
    }
  }
  take(splitter.end());
  onProgress({ bytes, total: file.size, events });
  return assembler.finish();
}
