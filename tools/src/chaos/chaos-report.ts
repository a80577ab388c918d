import type { ChaosReport, FaultRecord } from './chaos-run.js';

export function describeFaultRecord(f: FaultRecord): string {
  return `${f.atS.toFixed(1).padStart(6)} s  ${f.fault.padEnd(24)} down ${(f.downMs / 1000).toFixed(1)} s${f.stopMs > 500 ? ` (stopping took ${(f.stopMs / 1000).toFixed(1)} s)` : ''}, back in ${(f.restartMs / 1000).toFixed(1)} s, ${f.acknowledgedMeanwhile} acknowledged meanwhile${f.error ? `  FAILED: ${f.error}` : ''}`;
}

/** The run's report as lines for a person: what it did, then what it found. */
export function describeChaosReport(report: ChaosReport): string[] {
  const { load } = report;
  const refused = Object.entries(load.refused)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const lines = [
    `What it did (${report.startedAt}): ${report.options.ratePerSecond} submissions/s for ${report.loadSeconds} s, each fault down ${report.options.downMs / 1000} s, ${report.options.gapMs / 1000} s apart`,
    ...report.faults.map((f) => `  ${describeFaultRecord(f)}`),
    `  submissions: ${load.sent} sent (GraphQL ${load.byChannel.graphql}, Open311 ${load.byChannel.open311}), ${load.acknowledged} acknowledged, ${load.unreachable} unreachable, ${load.noAnswer} without answer, refused: ${refused || 'none'}${load.skipped ? `, ${load.skipped} not sent (too many unanswered)` : ''}`,
    `  poison published: ${report.deadLetters.poisonPublished}`,
    'What it found:',
    `  ${report.ticketsChecked} tickets checked (${report.acceptedWithoutAcknowledgement} of them accepted by intake although their client was refused or got no answer: a client that retries without an idempotency key makes a second case); ${report.settled ? `all at their end ${(report.settleMs / 1000).toFixed(1)} s after the load` : `NOT settled within ${(report.settleMs / 1000).toFixed(1)} s`}`,
    `  receipts sent ${report.notifications.receiptsSent}, e-mails written ${report.notifications.mailsWritten}`,
    `  dead letters: ${report.deadLetters.total} (${report.deadLetters.poison} poison)`,
    ...(report.findings.length === 0
      ? [
          '  every acknowledged ticket is exactly one case, routed once, counted once, notified once; the dead letters are only poison',
        ]
      : report.findings.map(
          (f) =>
            `  FOUND ${f.count} x ${f.kind}: ${f.examples.join('; ')}${f.count > f.examples.length ? ' ...' : ''}`,
        )),
    ...(report.warnings.length
      ? [
          '  warnings and errors logged:',
          ...report.warnings.slice(0, 12).map((w) => `    ${w.count} x ${w.process}: ${w.msg}`),
        ]
      : []),
    report.ok ? 'OK' : 'NOT OK',
  ];
  return lines;
}
