import { statsPeriod } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';

interface Series {
  total: string;
  granularity: 'day' | 'week' | 'month' | 'total';
  periods: { start: string; count: string }[];
}

function periodLabel(start: string, granularity: Series['granularity'], locale: 'ja' | 'en') {
  const date = new Date(`${start}T00:00:00Z`);
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone: 'UTC',
      ...options,
    }).format(date);
  if (granularity === 'month') return format({ year: 'numeric', month: 'long' });
  if (granularity === 'week') {
    return locale === 'ja'
      ? `${format({ month: 'short', day: 'numeric' })}〜の週`
      : `Week of ${format({ day: 'numeric', month: 'short' })}`;
  }
  return format({ month: 'short', day: 'numeric', weekday: 'short' });
}

/** One metric's breakdown, exactly as the server decided it may be shown. */
export function MetricSeriesTable(props: { caption: string; series: Series }) {
  const t = useT();
  const locale = useLocale();
  const { series } = props;
  return (
    <table className="data stats-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t(statsPeriod(series.granularity))}</th>
          <th scope="col" className="num">
            {t('sponsors.stats.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {series.periods.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              {t('sponsors.stats.onlyTotal')}
            </td>
          </tr>
        ) : (
          series.periods.map((period) => (
            <tr key={period.start}>
              <td>{periodLabel(period.start, series.granularity, locale)}</td>
              <td className="num">{period.count}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
