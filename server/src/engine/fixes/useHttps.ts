// Quick-fix for oas-server-plain-http: switches the server URL's scheme to https, keeping quotes and the rest.
import { LineIndex } from '../positions';
import type { FixProvider } from './types';

export const useHttps: FixProvider = (text, data) => {
  // Only URLs are rewritten; a Swagger 2.0 `schemes: [http]` entry needs a decision (drop it or not) we leave to the author.
  if (!data.valueRange) return [];
  const lines = new LineIndex(text);
  const start = lines.offsetAt(data.valueRange.start);
  const end = lines.offsetAt(data.valueRange.end);
  const scheme = /^["']?(http:\/\/)/i.exec(text.slice(start, end));
  if (!scheme) return [];
  const offset = start + scheme[0].length - scheme[1]!.length;
  return [
    {
      title: 'Use https:// for this server',
      edits: [{ range: lines.rangeOf(offset, offset + scheme[1]!.length), newText: 'https://' }],
      isPreferred: true,
    },
  ];
};
