// The member search's length limit, shown as maxLength: a module of its own, because the browser
// bundle may not import member-directory.server.ts (Vite refuses server-only modules in client
// code). The reveal reason's limit lives in that form's schema (decision 104).
export const MAX_SEARCH_LENGTH = 100;
