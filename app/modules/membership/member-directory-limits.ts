// Limits the member directory's forms show as maxLength: a module of their own, because the
// browser bundle may not import member-directory.server.ts (Vite refuses server-only modules in
// client code).
export const MAX_SEARCH_LENGTH = 100;
export const MAX_REVEAL_REASON_LENGTH = 500;
