/**
 * How a member's address appears to staff until an owner reveals it: the first character of
 * the local part and of the domain, and the top-level domain — `yamada@gmail.com` →
 * `y***@g***.com`. Enough to tell two rows apart at a glance, not enough to write to.
 * The number of stars is fixed so the mask does not leak the length either.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const lastDot = domain.lastIndexOf('.');
  const tld = lastDot > 0 && lastDot < domain.length - 1 ? domain.slice(lastDot + 1) : '';
  const maskedDomain = `${firstChar(domain)}***${tld ? `.${tld}` : ''}`;
  return `${firstChar(local)}***@${maskedDomain}`;
}

// Code points, not UTF-16 units, so an internationalized address is not cut in half.
function firstChar(value: string): string {
  return Array.from(value)[0] ?? '';
}
