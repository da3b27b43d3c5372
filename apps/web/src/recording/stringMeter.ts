/**
 * Measures the longest JSON string literal in text fed to it piece by piece, without keeping
 * the text: how a line too long to hold is still described ("a string of 31,457,280
 * characters"). Counts decoded characters (an escape such as \u00e9 is one), so the figure
 * matches what JSON.parse would have made of it.
 */
export class JsonStringMeter {
  private inString = false;
  /** 0: not in an escape; 1: after a backslash; 2–5: inside \uXXXX (hex digits still to come + 1). */
  private escape = 0;
  private current = 0;
  private max = 0;

  get longest(): number {
    return Math.max(this.max, this.current);
  }

  feed(text: string, from = 0, to = text.length): void {
    for (let i = from; i < to; i++) {
      if (!this.inString) {
        if (text.charCodeAt(i) === 0x22) {
          this.inString = true;
          this.current = 0;
        }
        continue;
      }
      if (this.escape > 1) {
        this.escape--;
        if (this.escape === 1) this.escape = 0;
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.escape === 1) {
        this.escape = c === 0x75 ? 5 : 0;
        this.current++;
      } else if (c === 0x5c) this.escape = 1;
      else if (c === 0x22) {
        this.inString = false;
        this.max = Math.max(this.max, this.current);
      } else this.current++;
    }
  }
}
