// The machine the report tests draw: a Parallel whose first branch maps over items and whose second
// fails, caught into a state with a hostile name; then a Choice with a branch never taken. Names,
// input and the failure's cause all try to break out of the HTML; none may ever run.
import { createStateMachine, VirtualClock } from '../../src/index.js';
import type { ReportExecution } from '../../src/index.js';

/** Sets data-pwned on <body> if it ever runs: the browser test checks it never does. */
export const HOSTILE_NAME = `</script><script>document.body.setAttribute('data-pwned','name')</script>`;
const HOSTILE_NOTE = `</script><script>document.body.setAttribute('data-pwned','input')</script><!--`;
const HOSTILE_CAUSE = `<img src=x onerror="document.body.setAttribute('data-pwned','cause')">`;

export const REPORT_DEFINITION = JSON.stringify({
  Comment: 'Map + Parallel + Catch, drawn by the HTML report tests',
  StartAt: 'Load order',
  States: {
    'Load order': { Type: 'Pass', Parameters: { 'items.$': '$.items', 'note.$': '$.note' }, Next: 'Fan out' },
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Each item',
          States: {
            'Each item': {
              Type: 'Map',
              ItemsPath: '$.items',
              ItemProcessor: { StartAt: 'Price', States: { Price: { Type: 'Pass', Parameters: { 'sku.$': '$', price: 10 }, End: true } } },
              End: true,
            },
          },
        },
        { StartAt: 'Charge card', States: { 'Charge card': { Type: 'Fail', Error: 'Payment.Declined', Cause: HOSTILE_CAUSE } } },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: HOSTILE_NAME }],
      Next: 'Route',
    },
    [HOSTILE_NAME]: { Type: 'Pass', Next: 'Route' },
    Route: { Type: 'Choice', Choices: [{ Variable: '$.express', IsPresent: true, Next: 'Ship express' }], Default: 'Done' },
    'Ship express': { Type: 'Pass', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
});

export const REPORT_INPUT = { items: ['a', 'b', 'c'], note: HOSTILE_NOTE };

/** Runs the machine once on a virtual clock and returns what renderHtmlReport takes. */
export async function runReportMachine(): Promise<ReportExecution> {
  const machine = createStateMachine(REPORT_DEFINITION, { clock: new VirtualClock({ autoAdvance: true }) });
  const execution = machine.start(REPORT_INPUT);
  const result = await execution.result;
  return { name: execution.name, result, history: execution.history };
}
