/**
 * The channels every new event starts with. Members are subscribed to default channels when
 * they join and can turn email off per channel on their settings page.
 */
export const DEFAULT_CHANNELS = [
  { slug: 'official', nameJa: '公式のお知らせ', nameEn: 'Official announcements' },
  { slug: 'course', nameJa: 'コース情報', nameEn: 'Course info' },
  { slug: 'sponsors', nameJa: '協賛社からのお知らせ', nameEn: 'Sponsor offers' },
] as const;
