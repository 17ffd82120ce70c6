/** Who is logged in: the /api/v1/me answer or null. The header listens for changes. */
import { api, ApiError, apiUrl } from "./api.js";

const listeners = new Set();

export const session = {
  /** @type {null | {id: number, email: string, display_name: string, verified: boolean, locale: string,
   *                  memberships: {municipality: string, role: string}[]}} */
  me: null,

  /** Ask the server who we are (null when not logged in). */
  async refresh() {
    try {
      this.set(await api.get(apiUrl("me")));
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) throw error;
      this.set(null);
    }
    return this.me;
  },

  set(me) {
    this.me = me;
    for (const listener of listeners) listener(me);
  },

  /** Does the person hold `role` in the municipality `slug`? (admins imply moderator, staff, council) */
  hasRole(slug, role) {
    if (!this.me) return false;
    const implied = { admin: ["admin", "moderator", "staff", "council"] };
    return this.me.memberships.some(
      (m) => m.municipality === slug && (m.role === role || (implied[m.role] || []).includes(role)),
    );
  },

  async logout() {
    await api.post(apiUrl("auth", "logout"));
    this.set(null);
  },

  /** End every session of this person, on every device, this one included. */
  async logoutEverywhere() {
    await api.post(apiUrl("auth", "logout-everywhere"));
    this.set(null);
  },

  onChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
