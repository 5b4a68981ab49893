import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** Country assumed for numbers written without one (sipgate and most PBX customers dial in Germany). */
export const DEFAULT_COUNTRY: CountryCode = "DE";

/**
 * A phone number in E.164 when it parses as a possible number (international form, or national
 * form of the default country); anything else (extensions, SIP URIs, "anonymous") is kept as sent.
 */
export function normaliseNumber(raw: string | undefined, country: CountryCode = DEFAULT_COUNTRY): string | undefined {
  const value = raw?.trim().replace(/^tel:/i, "");
  if (!value) return undefined;
  const international = value.startsWith("00") ? `+${value.slice(2)}` : value;
  const parsed = parsePhoneNumberFromString(international, country);
  return parsed?.isPossible() ? parsed.number : value;
}

/** The ways a person might type this number, for the search document: +49175…, 0049175…, 0175…, 175…. */
export function numberSearchForms(number: string): string[] {
  const parsed = parsePhoneNumberFromString(number);
  if (!parsed) return [number.replace(/[^\d+]/g, "")];
  const national = parsed.nationalNumber;
  return [parsed.number, parsed.number.slice(1), `00${parsed.number.slice(1)}`, `0${national}`, national];
}
