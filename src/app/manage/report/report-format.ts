/**
 * Figures as a Vietnamese reader expects them ("87,35%", "+2,35 điểm"): the dashboard reads them from the
 * one domain formatter every face uses (domain/display-format.ts).
 */
export {
  formatCount,
  formatDateTime,
  formatDayOfMonth,
  formatInterval,
  formatLocalDay,
  formatMonthOfYear,
  formatPercent,
  formatPoints,
  numberLocale,
} from '../../../domain/display-format.ts';
