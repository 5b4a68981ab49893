export const roles = ["owner", "admin", "member"] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export const hasRole = (role: Role, minRole: Role): boolean => rank[role] >= rank[minRole];

export const roleLabel: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };
