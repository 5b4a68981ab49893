import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSession, findSessionUser } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { DbHandle } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { makeUser, TEST_PASSWORD } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";
import { createUser } from "@/lib/users/create-user";
import { findUserByEmail } from "@/lib/users/queries";
import { changeOwnPassword, setPassword } from "@/lib/users/set-password";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const NEW_PASSWORD = "a brand new passphrase 2026";
const signsIn = async (email: string, password: string) =>
  (await signInWithPassword(database.db, { email, password, ip: "10.3.0.1" })).kind === "signed-in";

/** A user with three open sessions. */
async function userWithSessions() {
  const user = await makeUser(database.db);
  const sessions = [];
  for (let i = 0; i < 3; i++) sessions.push((await createSession(database.db, user.id)).id);
  return { user, sessions };
}
const liveSessions = async (ids: string[]) => {
  const live = [];
  for (const id of ids) if (await findSessionUser(database.db, id)) live.push(id);
  return live;
};

describe("setPassword", () => {
  it("changes the password and signs out every other session, keeping the given one", async () => {
    const { user, sessions } = await userWithSessions();
    const other = await userWithSessions();
    const [keep] = sessions;
    if (!keep) throw new Error("no session");
    await setPassword(database.db, user, NEW_PASSWORD, { keepSessionId: keep });
    expect(await liveSessions(sessions)).toEqual([keep]);
    // Another user's sessions are untouched.
    expect(await liveSessions(other.sessions)).toEqual(other.sessions);
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true);
    expect(await signsIn(user.email, TEST_PASSWORD)).toBe(false);
  });

  it("without a session to keep signs the user out everywhere", async () => {
    const { user, sessions } = await userWithSessions();
    await setPassword(database.db, user, NEW_PASSWORD);
    expect(await liveSessions(sessions)).toEqual([]);
  });

  it("clears the must-change flag unless asked to set it", async () => {
    const user = await createUser(database.db, {
      email: "first-login@example.com",
      password: TEST_PASSWORD,
      mustChangePassword: true,
    });
    await setPassword(database.db, user, NEW_PASSWORD);
    expect((await findUserByEmail(database.db, user.email))?.mustChangePassword).toBe(false);
    await setPassword(database.db, user, "one time passphrase 77", { mustChangePassword: true });
    expect((await findUserByEmail(database.db, user.email))?.mustChangePassword).toBe(true);
  });

  it("refuses a weak password, naming the field, and changes nothing", async () => {
    const { user, sessions } = await userWithSessions();
    for (const weak of ["short", "password123", "aaaaaaaaaaaaaa", `x-${user.email.split("@")[0]}-x`]) {
      await expect(setPassword(database.db, user, weak)).rejects.toMatchObject({
        name: "AppError",
        code: "unprocessable",
        fields: { password: expect.any(String) },
      });
    }
    expect(await liveSessions(sessions)).toEqual(sessions);
    expect(await signsIn(user.email, TEST_PASSWORD)).toBe(true);
  });

  it("refuses an unknown user", async () => {
    await expect(
      setPassword(database.db, { id: newId(), email: "ghost@example.com" }, NEW_PASSWORD),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("changeOwnPassword", () => {
  it("with the right current password changes it and keeps the current session", async () => {
    const { user, sessions } = await userWithSessions();
    const [current] = sessions;
    if (!current) throw new Error("no session");
    await changeOwnPassword(
      database.db,
      { ...user, sessionId: current },
      { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    );
    expect(await liveSessions(sessions)).toEqual([current]);
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const { user, sessions } = await userWithSessions();
    await expect(
      changeOwnPassword(
        database.db,
        { ...user, sessionId: sessions[0] ?? "" },
        { currentPassword: "not my password", newPassword: NEW_PASSWORD },
      ),
    ).rejects.toMatchObject({
      code: "unprocessable",
      fields: { currentPassword: "This is not your current password." },
    });
    expect(await liveSessions(sessions)).toEqual(sessions);
    expect(await signsIn(user.email, TEST_PASSWORD)).toBe(true);
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(false);
  });

  it("refuses the same password again", async () => {
    const { user, sessions } = await userWithSessions();
    await expect(
      changeOwnPassword(
        database.db,
        { ...user, sessionId: sessions[0] ?? "" },
        { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
      ),
    ).rejects.toMatchObject({ code: "unprocessable", fields: { newPassword: "Choose a different password." } });
    expect(await liveSessions(sessions)).toEqual(sessions);
  });

  it("refuses a weak new password, naming the newPassword field", async () => {
    // The change-password form shows fields.currentPassword / newPassword / confirmPassword, and
    // hides its general message whenever `fields` is set: an error under any other key is invisible.
    const { user, sessions } = await userWithSessions();
    const localPart = user.email.split("@")[0] ?? "";
    for (const weak of ["qwerty1234", `my-${localPart}-rocks`]) {
      await expect(
        changeOwnPassword(
          database.db,
          { ...user, sessionId: sessions[0] ?? "" },
          { currentPassword: TEST_PASSWORD, newPassword: weak },
        ),
      ).rejects.toMatchObject({ code: "unprocessable", fields: { newPassword: expect.any(String) } });
    }
    expect(await signsIn(user.email, TEST_PASSWORD)).toBe(true);
  });
});
