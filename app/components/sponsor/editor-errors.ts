/**
 * What the line above a sponsor editor says: the form's own error (a refusal from the action),
 * else a summary when any field is wrong, else nothing. Each field shows its own error too.
 */
export function editorErrors(form: {
  errors?: string[];
  allErrors: Record<string, string[] | undefined>;
}): string[] | undefined {
  if (form.errors?.length) return form.errors;
  const anyField = Object.values(form.allErrors).some((errors) => (errors?.length ?? 0) > 0);
  return anyField ? ['form.errorSummary'] : undefined;
}
