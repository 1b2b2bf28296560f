import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Shipped migrations never change: a database migrated by an older release has run them as they were,
 * and will not run them again. Each one's checksum is recorded here when it ships; a new migration adds
 * its line, and a change to a shipped one fails this test. Migrations import nothing of the application
 * (its code moves on; what a data migration needs is frozen in it).
 */
const SHIPPED: Record<string, string> = {
  '0001_initial': '3090fbd0a177d4e6642b6540c497ba09512b6cc17209a42ad551cead5bc248ed',
  '0002_accounts_choice_tallies': '63c89ea9bf107b25f0f50243a2aa785917a8d9ebf202672702b02d211be0d4ec',
  '0003_stuffing_flags': 'c7d8c73e7902eaf6c368fb087293050eba1913e6f14bd631d43d92918ac14da1',
  '0004_scope_totals': '763a16f34520dd23aba7c5975d233296c41d141e998d73bec13af4fcac0a3819',
  '0005_scope_year_totals': '8a56a1f72d667f6976f4f41a85e77545707ce89112e210e22bb68c4528b3768d',
  '0006_procedures': '78dc57220588d4330190534c9bca4299adf7c76c5d4de16688c77dc7b3bebb06',
  '0009_redact_comments': '2dae1a1aee3360fee58fbef97e6bec96612f0bc50d4670c0703eb574368e6cfa',
  '0010_rate_limit_buckets': '41ce6850ea428600a63729099d59c4fd65415231ea3dbd3a16c4a44037bd477d',
  '0014_comment_classifications': 'e1d236cba8ecb5af290ccaa9e5dbc03361227eb1aecd1c4d88d4deeabf46b4c2',
  '0015_alerts': '090d2f3dc4f62b55f7a0dbfc0ce30293a18806bd082ddceb5e2ac43acd111bb3',
  '0016_alert_deliveries': 'f03812adac2d700cabca183b514bdce26ac51b9bc4ba9a815c503adc5a595919',
  '0017_dossier_links': '4c3ddfe95e40f5d84f057d86e1061e2ef134f6852f0b7a3139eb399ae4c6d39a',
  '0018_responses_unit_day_time_index': '45d15aa0fd07090db06e0eabe73d1447c0cc26da985c482ef097c2dcbe3053a1',
  '0019_one_count_table': '493e4dec54c2e1bd2faef38b174c1a0f2db3612da91d3994d858572a8f9602f5',
  '0020_unit_agency_codes': '07a9ba356ecf1a7c16e3fe88c576fda7b44b7dcd680c6a19bc134e59bbc948f7',
  '0021_response_channels': '580d03b8a0685d2ff6c41a850283254df95ab907d8a43dd62429b8af1ebb9b1f',
  '0022_questionnaire_drafts': '63bae2f425b9aa201c873f971342785744c8785a5975e666ac49fa52a2bc099c',
  '0023_unit_count_revisions': 'ac748085900d905cfe1a54d12a0eb2b15091847480fe4ec361cc14e005bec00f',
};

const FOLDER = 'src/server/db/migrations';
const migrationFiles = readdirSync(FOLDER).filter((name) => /^\d{4}_.+\.ts$/.test(name));

describe('the shipped migrations', () => {
  it.each(migrationFiles)('%s is recorded and unchanged since it shipped', (file) => {
    const name = file.replace(/\.ts$/, '');
    const checksum = createHash('sha256')
      .update(readFileSync(join(FOLDER, file)))
      .digest('hex');
    expect(SHIPPED[name], `${name} has no recorded checksum: add '${name}': '${checksum}'`).toBeDefined();
    expect(checksum, `${name} changed after it shipped: write a new migration instead`).toBe(SHIPPED[name]);
  });

  it('are all present', () => {
    expect(migrationFiles.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual(Object.keys(SHIPPED).sort());
  });

  it.each(migrationFiles)('%s imports nothing of the application', (file) => {
    const source = readFileSync(join(FOLDER, file), 'utf8');
    const imported = [...source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]);
    // Packages are pinned by the lock file; the application's own modules (relative paths) move on.
    expect(imported.filter((specifier) => specifier!.startsWith('.') || specifier!.startsWith('/'))).toEqual([]);
  });
});
