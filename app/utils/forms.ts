import { useForm } from '@conform-to/react';
import { configureCoercion } from '@conform-to/zod/v4/future';
import { parseWithZod } from '@conform-to/zod/v4';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { MessageKey } from '~/i18n/messages';
import { looksLikeMessageKey } from '~/i18n/translator';
import {
  VALIDATION_TIMING,
  lastSubmission,
  type FieldConstraint,
  type FormConstraints,
} from './constraint-forms';

/*
 * Typed forms with Conform and zod: one schema per form, used by the action and the browser
 * (docs/decisions/104-typed-forms-with-conform.md). Staff pages only: this module puts zod in
 * the browser bundle; runner-facing pages use `useConstraintForm` from `~/utils/constraint-forms`.
 *
 *   // route module: the schema, once (messages are i18n keys; limits written here only)
 *   const schema = z.object({ name: displayName(60) });
 *
 *   export async function action({ request, params, context }: ActionFunctionArgs) {
 *     const staff = await requireStaff(request, params.slug, 'owner', context);
 *     const submission = await parseSubmission(request, schema, getTranslator(request));
 *     if (submission.status !== 'success') return refuseSubmission(submission);      // 400
 *     const result = await renameThing(staff, submission.value);
 *     if (!result.ok) return refuseSubmission(submission, { fieldErrors: { name: 'x.taken' } });
 *     return redirect('…');
 *   }
 *
 *   export default function Page() {
 *     const [form, fields] = useStartlineForm(schema, useActionData<typeof action>(), {
 *       defaultValue: { name: loaderData.name },
 *     });
 *     return (
 *       <Form method="post" {...getFormProps(form)}>
 *         <FormError form={form} />                 // form-level errors, if the action sends any
 *         <FormField field={fields.name} label={t('thing.name')} />  // required/maxLength from the schema
 *       </Form>
 *     );
 *   }
 */

export { getFormProps, type FieldMetadata, type FormMetadata } from '@conform-to/react';
export * from './constraint-forms';

/** A form's schema: an object of fields (refinements allowed). Messages are i18n keys. */
export type FormSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

/*
 * Values are parsed as the browser sends them: an empty field stays '' (Conform's default would
 * make it undefined), because our schemas were written for raw form strings — `displayName`
 * refuses '' with 'form.required', optional text accepts it. Arrays, numbers and checkboxes are
 * still coerced from their strings.
 */
const { coerceFormValue } = configureCoercion({ stripEmptyString: (value) => value });

type Issue = { code?: string; message: string };

/** Every error travels as a message key; zod's own English (a missing field, a wrong type) never shows. */
export function issueKeys(issues: readonly Issue[]): MessageKey[] {
  return issues.map((issue) =>
    looksLikeMessageKey(issue.message)
      ? issue.message
      : issue.code === 'invalid_type'
        ? 'form.required'
        : 'form.errorSummary',
  );
}

/** Parses form values with the schema, the same way in the browser and on the server. */
export function parseFormValues<S extends FormSchema>(
  formData: FormData | URLSearchParams,
  schema: S,
) {
  return parseWithZod(formData, {
    schema: coerceFormValue(schema),
    disableAutoCoercion: true,
    formatError: issueKeys,
  });
}

/** As parseFormValues, for schemas with async refinements (server only). */
export function parseFormValuesAsync<S extends FormSchema>(
  formData: FormData | URLSearchParams,
  schema: S,
) {
  return parseWithZod(formData, {
    schema: coerceFormValue(schema),
    disableAutoCoercion: true,
    formatError: issueKeys,
    async: true,
  });
}

/**
 * The HTML limits of each top-level field, read from the schema (so a limit is written once).
 * Not Conform's getZodConstraint: with zod 4.6 the limits live only in each schema's checks,
 * which it does not read, and it marks a field `required` unless `.optional()` sits outside —
 * ours are often optional inside a transform. Here a field is required when the schema refuses
 * both '' and a missing value. Patterns are left out: ours sit behind a normalizing transform
 * (NFKC digits), and the browser would refuse input the server accepts.
 */
export function formConstraints(schema: FormSchema): FormConstraints {
  const constraints: FormConstraints = {};
  for (const [name, field] of Object.entries(objectShape(schema) ?? {})) {
    constraints[name] = { ...limitsOf(field), required: !acceptsEmpty(field) };
  }
  return constraints;
}

type AnySchema = z.ZodType;
type Def = {
  type: string;
  shape?: Record<string, AnySchema>;
  in?: AnySchema;
  out?: AnySchema;
  innerType?: AnySchema;
  element?: AnySchema;
  checks?: { _zod: { def: CheckDef } }[];
};
type CheckDef = {
  check: string;
  maximum?: number;
  minimum?: number;
  length?: number;
  value?: number | bigint | Date;
  inclusive?: boolean;
};

const defOf = (schema: AnySchema) => schema._zod.def as unknown as Def;

function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  const def = defOf(schema);
  if (def.type === 'object') return def.shape;
  if (def.type === 'pipe' && def.in) return objectShape(def.in);
  return undefined;
}

/**
 * The limits the value must meet: through optional/default wrappers, and along a pipe both
 * sides (`text(120).pipe(min(1))` has its maximum on the input, its minimum on the output) —
 * except the input of a transform, whose limits apply to the value before it is changed.
 */
function limitsOf(schema: AnySchema): FieldConstraint {
  const def = defOf(schema);
  if (def.innerType) return limitsOf(def.innerType);
  if (def.type === 'pipe' && def.in && def.out) {
    if (defOf(def.out).type === 'transform') return limitsOf(def.in);
    return { ...limitsOf(def.in), ...limitsOf(def.out) };
  }
  if (def.type === 'array' && def.element) return { ...limitsOf(def.element), multiple: true };
  const limits: FieldConstraint = {};
  for (const { _zod } of def.checks ?? []) {
    const check = _zod.def;
    if (check.check === 'max_length') limits.maxLength = check.maximum;
    if (check.check === 'min_length') limits.minLength = check.minimum;
    if (check.check === 'length_equals') limits.minLength = limits.maxLength = check.length;
    if (typeof check.value === 'number' && check.inclusive) {
      if (check.check === 'less_than') limits.max = check.value;
      if (check.check === 'greater_than') limits.min = check.value;
    }
  }
  return limits;
}

function acceptsEmpty(field: AnySchema): boolean {
  try {
    return field.safeParse('').success || field.safeParse(undefined).success;
  } catch {
    return false; // an async refinement: leave it to the server
  }
}

/**
 * Conform's useForm with Startline's defaults: HTML limits from the schema, the schema checked
 * in the browser (on submit, then as a field is corrected, without a round
 * trip), and the action's last refusal (`useActionData<typeof action>()`) restoring the user's
 * values and errors — also in the server-rendered HTML, so it works without JavaScript.
 */
export function useStartlineForm<S extends FormSchema>(
  schema: S,
  actionData: unknown,
  options: { id?: string; defaultValue?: Partial<Record<keyof z.input<S>, unknown>> } = {},
) {
  const constraint = useMemo(() => formConstraints(schema), [schema]);
  return useForm<z.input<S>, z.output<S>, string[]>({
    id: options.id,
    // Conform's DefaultValue type is recursive and picky about optional fields; loader data is
    // plain JSON here, which is what it accepts at runtime.
    defaultValue: options.defaultValue as never,
    constraint,
    lastResult: lastSubmission(actionData),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseFormValues(formData, schema),
  });
}
