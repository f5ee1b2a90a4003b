// Every URL no other route claims. Without this route Remix answers such a URL with a bare
// root match whose loader never runs: the 404 page came out in the default language and
// signed out, and the browser hydrated it into a different tree than the server rendered
// (React #418/#423 in the console; remix-run/remix#9209 and #10697, with lazy route
// discovery). Matching here lets the root loader run, so the root ErrorBoundary renders the
// same page on the server and in the browser, in the visitor's language.
export function loader(): never {
  throw new Response(null, { status: 404 });
}

// A form posted to a URL that does not exist is a 404 too (not 405 "no action").
export function action(): never {
  throw new Response(null, { status: 404 });
}

// A page route (not a resource route), so the thrown 404 reaches the root ErrorBoundary.
export default function NotFound() {
  return null;
}
