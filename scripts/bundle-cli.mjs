// Build step: bundle the CLI into one file (dist/cli/asl.mjs), the `asl` binary. Loading ~120
// small modules costs Node more than running a one-state machine; one file starts in about half
// the time. jsonata and yaml stay external: they are loaded on first use only. So do the AWS SDK
// clients (the aws backend imports them on a service's first call, src/integrations/aws-backend*.ts)
// and dynalite: bundling them would make the one file several megabytes, all parsed at startup.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../dist/cli/main.js', import.meta.url).pathname],
  outfile: new URL('../dist/cli/asl.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['jsonata', 'yaml', '@aws-sdk/*', '@smithy/*', 'dynalite'],
  // Bundled CommonJS dependencies (commander, ajv's runtime helpers) call require().
  banner: { js: "import { createRequire as __aslCreateRequire } from 'node:module';\nconst require = __aslCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
