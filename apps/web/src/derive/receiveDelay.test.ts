import { describe, expect, it } from 'vitest';
import { describeReceiveDelay, receivedAsTimestamp } from './receiveDelay';

describe('receiveDelay', () => {
  it('turns epoch milliseconds into QEMU seconds + microseconds', () => {
    expect(receivedAsTimestamp(1795628979359.5305)).toEqual({ seconds: 1795628979, microseconds: 359531 });
  });
  it('says how long after QEMU emitted it the bridge read the event', () => {
    const ts = { seconds: 1000, microseconds: 500_000 };
    expect(describeReceiveDelay(ts, 1_000_500.25)).toBe("0.250 ms after QEMU's timestamp");
    expect(describeReceiveDelay(ts, 1_000_512.5)).toBe("12.5 ms after QEMU's timestamp");
    expect(describeReceiveDelay(ts, 1_001_500)).toBe("1.00 s after QEMU's timestamp");
    expect(describeReceiveDelay(ts, 1_000_490)).toBe("10.0 ms before QEMU's timestamp (clocks differ)");
  });
  it('has nothing to say when QEMU could not read its clock', () => {
    expect(describeReceiveDelay({ seconds: -1, microseconds: -1 }, 1_000_000)).toBeNull();
  });
});
