import { enumValues, field } from '../define.js';
import type { EnumTypeInfo, StructTypeInfo } from '../model.js';

export const ACPISlotType: EnumTypeInfo = {
  kind: 'enum',
  name: 'ACPISlotType',
  description: 'Kind of hot-pluggable slot an ACPI notification concerns.',
  since: '2.1',
  values: enumValues([
    ['DIMM', 'A memory module slot.'],
    ['CPU', 'A processor slot.', '2.7'],
  ]),
};

export const ACPIOSTInfo: StructTypeInfo = {
  kind: 'struct',
  name: 'ACPIOSTInfo',
  description: "The guest's answer (_OST status) to a hot-plug or unplug request on an ACPI slot.",
  since: '2.1',
  fields: [
    field('device', 'str', 'ID of the device in that slot, when it has one.', { optional: true }),
    field('slot', 'str', 'Slot identifier within its kind.'),
    field('slot-type', 'ACPISlotType', 'Kind of slot.'),
    field('source', 'int', 'ACPI event the guest is answering (e.g. 1 device check, 3 eject request, 0x103 eject processing).'),
    field('status', 'int', 'ACPI _OST status code: 0 success, 1 failure, 2 unrecognised notify, 0x80 and above event-specific.'),
  ],
};
