// Quick-fix for oas-server-plain-http: switches the server URL's scheme to https, keeping quotes and the rest.
import { LineIndex } from '../positions';
import type { FixProvider } from './types';

export const useHttps: FixProvider = (text, data) => {
  if (!data.valueRange) return [];
  const lines = new LineIndex(text);
  const start = lines.offsetAt(data.valueRange.start);
  const end = lines.offsetAt(data.valueRange.end);
  const scheme = /http:\/\//i.exec(text.slice(start, end));
  if (!scheme) return [];
  const offset = start + scheme.index;
  return [
    {
      title: 'Use https:// for this server',
      edits: [{ range: lines.rangeOf(offset, offset + scheme[0].length), newText: 'https://' }],
      isPreferred: true,
    },
  ];
};
