/**
 * A 512-byte x86 boot sector that turns QEMU into a guest we can steer without
 * a kernel: SeaBIOS boots it, it says "R" (ready) on COM1 — a byte sent
 * earlier could be lost to the UART's reset during POST — polls COM1 for one
 * byte from the host, then
 * asks the ACPI PM (PIIX4, PM base 0x600 as SeaBIOS programs it) for a sleep
 * state. That gives real guest-initiated events: 's' -> S5 soft-off (SHUTDOWN
 * with guest: true, then STOP under -no-shutdown), 'z' -> S3 (SUSPEND; a host
 * `system_wakeup` then gives WAKEUP and the firmware's RESET).
 */
const code = [
  0xba,
  0xf8,
  0x03, //             mov dx, 0x3f8      ; COM1 data
  0xb0,
  0x52, //                   mov al, 'R'
  0xee, //                         out dx, al
  0xba,
  0xfd,
  0x03, //       wait: mov dx, 0x3fd      ; COM1 line status
  0xec, //                         in al, dx
  0xa8,
  0x01, //                   test al, 1          ; data ready?
  0x74,
  0xf8, //                   jz wait
  0xba,
  0xf8,
  0x03, //             mov dx, 0x3f8      ; COM1 data
  0xec, //                         in al, dx
  0xba,
  0x04,
  0x06, //             mov dx, 0x604      ; PM1a_CNT
  0x3c,
  0x7a, //                   cmp al, 'z'
  0x74,
  0x06, //                   je suspend
  0xb8,
  0x00,
  0x20, //             mov ax, 0x2000     ; SLP_EN | SLP_TYP=0 (S5)
  0xef, //                         out dx, ax
  0xeb,
  0xfe, //                   jmp $
  0xb8,
  0x00,
  0x24, //    suspend: mov ax, 0x2400     ; SLP_EN | SLP_TYP=1 (S3)
  0xef, //                         out dx, ax
  0xeb,
  0xfe, //                   jmp $
];

export function bootSector(): Buffer {
  const image = Buffer.alloc(512);
  Buffer.from(code).copy(image);
  image[510] = 0x55;
  image[511] = 0xaa;
  return image;
}

/** Bytes the host writes to the guest's serial port. */
export const GUEST_POWER_OFF = 's';
export const GUEST_SUSPEND = 'z';
/** What the guest says when it waits for a command. */
export const GUEST_READY = 'R';
