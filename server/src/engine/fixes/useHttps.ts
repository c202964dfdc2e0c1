// Quick-fix for oas-server-plain-http (and oas-oauth2-url-insecure): switches the URL's scheme to https,
// keeping quotes and the rest.
import type { FixProvider } from './types';

export const useHttps: FixProvider = (text, data, context) =>
  httpsFix('Use https:// for this server')(text, data, context);

/** Same fix for OAuth 2 / OpenID Connect URLs of security schemes. */
export const useHttpsForAuthUrl: FixProvider = (text, data, context) =>
  httpsFix('Use https:// for this authorization URL')(text, data, context);

const httpsFix =
  (title: string): FixProvider =>
  (text, data, context) => {
    // Only URLs are rewritten; a Swagger 2.0 `schemes: [http]` entry needs a decision (drop it or not) we leave to the author.
    if (!data.valueRange) return [];
    const { lines } = context;
    const start = lines.offsetAt(data.valueRange.start);
    const end = lines.offsetAt(data.valueRange.end);
    const scheme = /^["']?(http:\/\/)/i.exec(text.slice(start, end));
    if (!scheme) return [];
    const offset = start + scheme[0].length - scheme[1]!.length;
    return [
      {
        title,
        edits: [{ range: lines.rangeOf(offset, offset + scheme[1]!.length), newText: 'https://' }],
        isPreferred: true,
      },
    ];
  };
