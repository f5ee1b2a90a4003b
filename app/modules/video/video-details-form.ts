import { z } from 'zod';

// A video's texts, client-safe: the staff pages check them in the browser with this same
// schema (decision 104); video-upload.server.ts re-exports it.

// Titles and descriptions are prose: NFC and trimmed, not NFKC (normalizeText), which would
// turn the Japanese full-width （）！？ an organizer typed into half-width ASCII.
const text = (max: number) =>
  z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(z.string().max(max, 'form.tooLong'));

export const videoDetailsSchema = z.object({
  titleJa: z
    .string({ error: 'form.required' })
    .pipe(text(120).pipe(z.string().min(1, 'form.required'))),
  // English is optional (a local race office may have no English copy): English readers then
  // see the Japanese title, marked as Japanese (pickContent).
  titleEn: text(120).optional().default(''),
  descriptionJa: text(2000).optional().default(''),
  descriptionEn: text(2000).optional().default(''),
});

export type VideoDetails = z.infer<typeof videoDetailsSchema>;
