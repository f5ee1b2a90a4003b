import { useT } from '~/i18n/use-t';
import type { PoolDisplay } from '~/modules/sponsors/sponsor-stats.server';

/**
 * How many of an offer's codes are handed out, as a sentence a shop owner understands. While
 * few are handed out the exact number stays hidden (SPEC P8), and the sentence says why, so a
 * range such as 46〜50 does not read as missing codes.
 */
export function PoolSentence(props: { pool: PoolDisplay }) {
  const t = useT();
  const { pool } = props;
  if (pool.kind === 'empty') return <p className="muted">{t('sponsors.codes.poolEmpty')}</p>;
  if (pool.kind === 'exact') {
    return (
      <p className="pool-sentence" data-testid="pool-sentence">
        {t('sponsors.codes.poolExact', {
          total: pool.total,
          handed: pool.handedOut,
          left: pool.left,
        })}
      </p>
    );
  }
  return (
    <div className="pool-sentence" data-testid="pool-sentence">
      <p>
        {t('sponsors.codes.poolRange', {
          total: pool.total,
          from: pool.leftFrom,
          threshold: pool.threshold,
        })}
      </p>
      <p className="muted small">
        {t('sponsors.codes.poolRangeWhy', { threshold: pool.threshold })}
      </p>
    </div>
  );
}
