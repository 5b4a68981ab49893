import { normaliseWords } from "./compile";
import { renderTemplate } from "./schema";

export function holds(
  rule: { variable: string; operator: string; value: string },
  vars: Record<string, string>,
  regex: (p: string) => RegExp | null,
): boolean {
  const actual = vars[rule.variable] ?? "";
  const expected = renderTemplate(rule.value, vars);
  switch (rule.operator) {
    case "equals":
      return normaliseWords(actual) === normaliseWords(expected);
    case "not_equals":
      return normaliseWords(actual) !== normaliseWords(expected);
    case "contains":
      return normaliseWords(actual).includes(normaliseWords(expected));
    case "matches":
      return regex(expected)?.test(actual) ?? false;
    case "is_empty":
      return actual.trim() === "";
    case "is_not_empty":
      return actual.trim() !== "";
    case "greater_than":
      return actual.trim() !== "" && Number(actual) > Number(expected);
    case "less_than":
      return actual.trim() !== "" && Number(actual) < Number(expected);
    default:
      return false;
  }
}

/** "customer.name" or "items.0.id" of a JSON value, as text (objects as JSON). */
export function valueAt(json: unknown, path: string): string {
  let value: unknown = json;
  for (const key of path.split(".").filter(Boolean)) {
    if (value === null || typeof value !== "object") return "";
    value = Reflect.get(value, Array.isArray(value) ? Number(key) : key);
  }
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
