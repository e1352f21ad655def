/**
 * Report sections read from committed files: the calibration record of the
 * device preset (J, every term's error: which claims give way and by how
 * much) and the last cross-validation (what the model predicts for each
 * fitted numeric claim when that claim is left out of the calibration).
 */
import { existsSync, readFileSync } from 'node:fs';
import { devices } from '../devices/registry.ts';
import { CROSS_VALIDATION_FILE, type CrossValidationFile } from '../devices/calibrate/cross-validate.ts';
import type { ReportSection } from './report.ts';

interface CalibrationRecord {
  evaluations: number;
  objective: number;
  terms: { term: string; claim: string | null; target: number; simulated: number; error: number; weight: number }[];
}

function fmt(x: number | string): string {
  return typeof x === 'number' ? String(Number(x.toPrecision(4))) : x;
}

export function calibrationSection(): ReportSection | null {
  const entry = devices.mose2;
  let rec: { generatedBy?: string; calibration?: CalibrationRecord };
  try {
    rec = JSON.parse(readFileSync(entry.source, 'utf8'));
  } catch {
    return null;
  }
  const cal = rec.calibration;
  if (!cal) return null;
  const lines: string[] = [];
  lines.push(`Device preset \`${entry.source}\`, written by \`${rec.generatedBy}\` (${cal.evaluations} evaluations), J = ${cal.objective}.`);
  lines.push('Error: tolerance-normalised (|error| <= 1 meets the claim or bound); terms without a claim are bounds the article does not state.');
  const over = cal.terms.filter((t) => Math.abs(t.error) > 1);
  lines.push(over.length === 0 ? 'No term is outside its band: no claim gives way to another at this optimum.' : `Terms outside their band (what gives way): ${over.map((t) => `${t.term} (error ${t.error})`).join('; ')}.`);
  lines.push('', '| term | claim | target or bound | simulated | error | weight |', '|---|---|---|---|---|---|');
  for (const t of cal.terms) lines.push(`| ${t.term} | ${t.claim ?? '(bound)'} | ${fmt(t.target)} | ${fmt(t.simulated)} | ${t.error} | ${t.weight} |`);
  return { title: 'Calibration: every objective term (trade-off table)', body: lines.join('\n') };
}

export function crossValidationSection(file: string = CROSS_VALIDATION_FILE): ReportSection {
  if (!existsSync(file)) return { title: 'What the model predicts (leave-one-out)', body: `No cross-validation file (${file}); run \`memspike calibrate --cross-validate\`.` };
  const cv = JSON.parse(readFileSync(file, 'utf8')) as CrossValidationFile;
  const lines: string[] = [];
  lines.push(
    `From \`${file}\`, made ${cv.date} by \`${cv.command}\` in ${cv.wallSeconds.toFixed(0)} s (${cv.refits.length} refits and one reference refit with every term, ${cv.iterationsPerRefit} evaluations each, seed ${cv.seed}, from the calibration's start). ` +
      'Each row: the calibration rerun without that claim\'s terms; its value is then a prediction of the model. ' +
      `The "fitted" column is the reference refit at the same budget (J = ${fmt(cv.reference.objective)}; the committed preset used a full calibration budget: see the calibration section), so the comparison is at equal effort.`,
  );
  lines.push('', '| claim | article | predicted (left out) | fitted (all terms) | tolerance | prediction holds | J without it |', '|---|---|---|---|---|---|---|');
  for (const r of cv.refits) {
    lines.push(`| ${r.claim} | ${fmt(r.article)} | ${fmt(r.predicted)} | ${fmt(r.fitted)} | ${r.tolerance.replace(/\|/g, '\\|')} | ${r.holds ? 'yes' : '**no**'} | ${fmt(r.objectiveWithout)} |`);
  }
  const held = cv.refits.filter((r) => r.holds).length;
  lines.push('', `${held} of ${cv.refits.length} left-out claims are predicted within their tolerance.`);
  return { title: 'What the model predicts (leave-one-out)', body: lines.join('\n') };
}

export function extraSections(): ReportSection[] {
  const out: ReportSection[] = [];
  const cal = calibrationSection();
  if (cal) out.push(cal);
  out.push(crossValidationSection());
  return out;
}
