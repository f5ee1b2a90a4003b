/**
 * Structured one-line JSON logs. Any value that looks like an email address is masked
 * before it is written (SPEC P1: emails in logs are masked).
 */
const EMAIL_PATTERN =
  /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9])[A-Za-z0-9.-]*\.([A-Za-z]{2,})/g;

export function maskEmailsInText(text: string): string {
  return text.replace(EMAIL_PATTERN, (_m, first: string, domainFirst: string, tld: string) => {
    return `${first}***@${domainFirst}***.${tld}`;
  });
}

type Fields = Record<string, unknown>;

function write(level: 'info' | 'warn' | 'error', message: string, fields?: Fields) {
  if (process.env.LOG_LEVEL === 'silent') return;
  const line = maskEmailsInText(
    JSON.stringify({ level, message, time: new Date().toISOString(), ...fields }),
  );
  if (level === 'error') console.error(line);
  else console.log(line);
}

export const logger = {
  info: (message: string, fields?: Fields) => write('info', message, fields),
  warn: (message: string, fields?: Fields) => write('warn', message, fields),
  error: (message: string, fields?: Fields) => write('error', message, fields),
};
