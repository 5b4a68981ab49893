import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

const isCountryCode = (value: string | undefined): value is CountryCode =>
  value !== undefined && isSupportedCountry(value);

/** Country assumed for numbers written without one (sipgate and most PBX customers dial in Germany). */
export const DEFAULT_COUNTRY: CountryCode = "DE";

// Parsing is the costly part of ingesting a small call, and the same numbers (the company's own
// lines) come back all day: remember recent answers.
const MEMO_SIZE = 2000;
function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (cache.size >= MEMO_SIZE) cache.delete(cache.keys().next().value ?? "");
    cache.set(key, value);
    return value;
  };
}

/**
 * A phone number in E.164 when it parses as a possible number (international form, or national
 * form of the default country); anything else (extensions, SIP URIs, "anonymous") is kept as sent.
 */
export function normaliseNumber(raw: string | undefined, country: CountryCode = DEFAULT_COUNTRY): string | undefined {
  const value = raw?.trim().replace(/^tel:/i, "");
  return value ? toE164(`${country}|${value}`) : undefined;
}

const toE164 = memo((key: string): string => {
  const [country, value = ""] = key.split(/\|(.*)/s);
  const international = value.startsWith("00") ? `+${value.slice(2)}` : value;
  const parsed = parsePhoneNumberFromString(international, isCountryCode(country) ? country : DEFAULT_COUNTRY);
  return parsed?.isPossible() ? parsed.number : value;
});

/** The ways a person might type this number, for the search document: +49175…, 0049175…, 0175…, 175…. */
export const numberSearchForms = memo((number: string): string[] => {
  const parsed = parsePhoneNumberFromString(number);
  if (!parsed) return [number.replace(/[^\d+]/g, "")];
  const national = parsed.nationalNumber;
  return [parsed.number, parsed.number.slice(1), `00${parsed.number.slice(1)}`, `0${national}`, national];
});

/** A stored number as people read it: "+49 175 1234567"; anything that is not E.164 as stored. */
export const formatNumber = memo((number: string): string => {
  if (!number.startsWith("+")) return number;
  return parsePhoneNumberFromString(number)?.formatInternational() ?? number;
});
