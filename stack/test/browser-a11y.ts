import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The WCAG 2.1 A and AA rules axe-core checks (its tags), the level the web app must meet on every page. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** One rule a page breaks, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string; html: string; failureSummary: string }>;
}

/** Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now (injecting axe-core once per document). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(
    async (tags) => {
      const { axe: injected } = globalThis as unknown as { axe: typeof axe };
      const results = await injected.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? null,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({ target: node.target.join(' '), html: node.html, failureSummary: node.failureSummary ?? '' })),
      }));
    },
    [...WCAG_21_AA],
  );
}

/** Violations as a person reads them: the rule, why, and each element (its selector, markup and what to fix). */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  return violations
    .map((violation) =>
      [
        `${where}: ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help} — ${violation.helpUrl}`,
        ...violation.nodes.map((node) => `  at ${node.target}\n    ${node.html}\n    ${node.failureSummary.replace(/\n/g, '\n    ')}`),
      ].join('\n'),
    )
    .join('\n');
}

/**
 * Collects the WCAG 2.1 A/AA violations of each page a test visits, so one run reports every page that fails (and
 * how) instead of stopping at the first: `await audit.check(page, 'trade')`, then `expect(audit.report()).toBe('')`.
 */
export class AccessibilityAudit {
  private readonly failures: string[] = [];
  readonly checked: string[] = [];

  async check(page: Page, where: string): Promise<void> {
    const violations = await axeViolations(page);
    this.checked.push(where);
    if (violations.length) this.failures.push(describeViolations(where, violations));
  }

  /** Every violation found, readably; empty when every page passed. */
  report(): string {
    return this.failures.join('\n\n');
  }
}
