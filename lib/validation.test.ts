import { describe, expect, it } from "vitest";
import { z } from "zod";

import { AppError } from "@/lib/errors";
import { emailSchema, isPlausibleSlug, orgNameSchema, parseInput, slugify, slugSchema } from "@/lib/validation";

const slugMessage = (value: string) => {
  const result = slugSchema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
};

describe("slugSchema", () => {
  it("accepts lower-case letters, digits and single hyphens, normalising case and spaces", () => {
    expect(slugSchema.parse("acme-support")).toBe("acme-support");
    expect(slugSchema.parse("  Acme-Support-2 ")).toBe("acme-support-2");
    expect(slugSchema.parse("a1")).toBe("a1");
  });

  it.each(["api", "sign-in", "sign-out", "invite", "account", "settings", "admin", "health", "API", " Sign-In "])(
    "refuses the reserved address %j",
    (value) => {
      expect(slugMessage(value)).toBe("This address is reserved. Choose another.");
    },
  );

  it.each(["acme_support", "acme--support", "-acme", "acme-", "acme support", "äcme", "acme.io", "acme/x", "../x"])(
    "refuses %j",
    (value) => {
      expect(slugMessage(value)).toMatch(/lower-case letters, digits and single hyphens/);
    },
  );

  it("needs 2 to 40 characters", () => {
    expect(slugMessage("a")).toBe("Use at least 2 characters.");
    expect(slugMessage("a".repeat(40))).toBeUndefined();
    expect(slugMessage("a".repeat(41))).toBe("Use at most 40 characters.");
  });
});

describe("isPlausibleSlug", () => {
  it("is true only for what could be a stored slug", () => {
    expect(isPlausibleSlug("demo")).toBe(true);
    expect(isPlausibleSlug("acme-support-2")).toBe(true);
    expect(isPlausibleSlug("Demo")).toBe(false);
    expect(isPlausibleSlug("")).toBe(false);
    expect(isPlausibleSlug("a".repeat(41))).toBe(false);
    expect(isPlausibleSlug("favicon.ico")).toBe(false);
    expect(isPlausibleSlug("%2e%2e")).toBe(false);
    expect(isPlausibleSlug("demo--x")).toBe(false);
  });
});

describe("slugify", () => {
  it("turns names into slug suggestions", () => {
    expect(slugify("Müller & Söhne GmbH")).toBe("muller-sohne-gmbh");
    expect(slugify("  Acme   Support!! ")).toBe("acme-support");
    expect(slugify("Café Crème 24/7")).toBe("cafe-creme-24-7");
    expect(slugify("!!!")).toBe("");
  });

  it("keeps suggestions within 40 characters without a trailing hyphen", () => {
    const slug = slugify("The Very Long Name Of A Company That Does Many Things Worldwide");
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe("the-very-long-name-of-a-company-that-doe");
    const cut = slugify(`${"a".repeat(39)} b`);
    expect(cut).toBe("a".repeat(39));
    expect(isPlausibleSlug(cut)).toBe(true);
  });
});

describe("emailSchema", () => {
  it("trims and lower-cases", () => {
    expect(emailSchema.parse("  Alice.Smith@Example.COM ")).toBe("alice.smith@example.com");
  });

  it("refuses what is not an address, and addresses over 254 characters", () => {
    expect(emailSchema.safeParse("alice").success).toBe(false);
    expect(emailSchema.safeParse("alice@").success).toBe(false);
    expect(emailSchema.safeParse("").success).toBe(false);
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(emailSchema.safeParse(long).error?.issues[0]?.message).toBe("Email addresses have at most 254 characters.");
  });
});

describe("parseInput", () => {
  const schema = z.object({ name: orgNameSchema, slug: slugSchema, email: emailSchema });

  it("returns the parsed, normalised input", () => {
    expect(parseInput(schema, { name: " Acme ", slug: "ACME", email: "A@Example.com" }, "Cannot save")).toEqual({
      name: "Acme",
      slug: "acme",
      email: "a@example.com",
    });
  });

  it("throws a 422 AppError naming every wrong field and only those", () => {
    let caught: unknown;
    try {
      parseInput(schema, { name: "Acme", slug: "api", email: "not-an-email" }, "Cannot save the organisation");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    if (!(caught instanceof AppError)) return;
    expect(caught.code).toBe("unprocessable");
    expect(caught.status).toBe(422);
    expect(caught.fields).toEqual({
      slug: "This address is reserved. Choose another.",
      email: "Enter a valid email address, like name@example.com.",
    });
    expect(caught.message).toBe(
      "Cannot save the organisation. slug: This address is reserved. Choose another. email: Enter a valid email address, like name@example.com.",
    );
  });

  it("reports a wrong input shape without a field name", () => {
    expect(() => parseInput(schema, "just a string", "Cannot save")).toThrow(
      expect.objectContaining({ code: "unprocessable", fields: { _: expect.any(String) } }),
    );
  });
});
