/** Cookie that remembers the organisation a user last worked in, so "/" can take them back there. */
export const LAST_ORG_COOKIE = "sb_org";

export function pickHomeOrg<T extends { slug: string }>(orgs: T[], lastSlug: string | undefined): T | undefined {
  return orgs.find((o) => o.slug === lastSlug) ?? orgs[0];
}
