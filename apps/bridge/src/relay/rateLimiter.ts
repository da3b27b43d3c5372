/** Sliding-window limit: at most `max` calls per `windowMs`. */
export class RateLimiter {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a call; false when the limit is exceeded (the call is not counted). */
  tryTake(): boolean {
    const t = this.now();
    while (this.times.length > 0 && this.times[0]! <= t - this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(t);
    return true;
  }
}
