import { enumValues, field } from '../define.js';
import type { EnumTypeInfo, StructTypeInfo, UnionTypeInfo } from '../model.js';

export const GuestPanicAction: EnumTypeInfo = {
  kind: 'enum',
  name: 'GuestPanicAction',
  description: 'What QEMU did when the guest reported a panic.',
  since: '1.5',
  values: enumValues([
    ['pause', 'The VM was paused so its state can be inspected.'],
    ['poweroff', 'The VM was switched off.', '2.8'],
    ['run', 'The VM was left running (newer QEMU with -action panic=none).', '5.0', false],
  ]),
};

export const GuestPanicInformationType: EnumTypeInfo = {
  kind: 'enum',
  name: 'GuestPanicInformationType',
  description: 'Which mechanism delivered the panic details.',
  since: '2.9',
  values: enumValues([
    ['hyper-v', 'A Windows guest reported through the Hyper-V crash registers.'],
    ['s390', 'An s390 guest stopped in a crash state.', '2.12', false],
  ]),
};

export const GuestPanicInformationHyperV: StructTypeInfo = {
  kind: 'struct',
  name: 'GuestPanicInformationHyperV',
  description: 'The five Hyper-V crash parameters; for Windows, arg1 is the bug check code and arg2-arg5 its parameters.',
  since: '2.9',
  fields: ['arg1', 'arg2', 'arg3', 'arg4', 'arg5'].map((name, i) =>
    field(name, 'uint64', i === 0 ? 'Bug check (stop) code.' : `Bug check parameter ${i}.`),
  ),
};

export const S390CrashReason: EnumTypeInfo = {
  kind: 'enum',
  name: 'S390CrashReason',
  description: 'Why an s390 CPU is considered crashed.',
  since: '2.12',
  values: enumValues([
    ['unknown', 'The reason could not be determined.'],
    ['disabled-wait', 'The CPU entered a disabled wait state.'],
    ['extint-loop', 'Endless loop of external interrupts.'],
    ['pgmint-loop', 'Endless loop of program interrupts.'],
    ['opint-loop', 'Endless loop of operation exceptions.'],
  ]),
};

export const GuestPanicInformationS390: StructTypeInfo = {
  kind: 'struct',
  name: 'GuestPanicInformationS390',
  description: 'State of the s390 CPU that crashed.',
  since: '2.12',
  fields: [
    field('core', 'uint32', 'Number of the crashed CPU core.'),
    field('psw-mask', 'uint64', 'Program status word mask at the crash.'),
    field('psw-addr', 'uint64', 'Program status word address (where the CPU was) at the crash.'),
    field('reason', 'S390CrashReason', 'Why the CPU is considered crashed.'),
  ],
};

export const GuestPanicInformation: UnionTypeInfo = {
  kind: 'union',
  name: 'GuestPanicInformation',
  description: 'Details the guest left about its panic; the fields depend on `type`.',
  since: '2.9',
  fields: [field('type', 'GuestPanicInformationType', 'Which mechanism delivered the details; selects the other fields.')],
  discriminator: 'type',
  variants: { 'hyper-v': 'GuestPanicInformationHyperV', s390: 'GuestPanicInformationS390' },
};
