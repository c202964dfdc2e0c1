// Quick-fix for oas-server-owned-property-writable: adds `readOnly: true` to the property's schema, in the style
// the schema is written in (block YAML, flow YAML, JSON), touching nothing else.
import { insertFirstEntry } from './addWriteOnly';
import type { FixProvider } from './types';

export const addReadOnly: FixProvider = (text, data, context) => {
  if (!data.valueRange) return [];
  const { lines } = context;
  const edit = insertFirstEntry(text, lines, lines.offsetAt(data.valueRange.start), 'readOnly', 'true', context.json);
  if (!edit) return [];
  return [
    {
      title: 'Mark the property readOnly (set by the server, ignored in requests)',
      edits: [{ range: lines.rangeOf(edit.offset, edit.offset), newText: edit.newText }],
      isPreferred: true,
    },
  ];
};
