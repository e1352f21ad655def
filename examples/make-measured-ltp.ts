// Writes examples/measured-ltp.csv (synthetic): npx tsx examples/make-measured-ltp.ts
import { writeFileSync } from 'node:fs';
import { exampleCsv } from '../src/devices/calibrate/data-example.ts';
import { devices } from '../src/devices/registry.ts';

writeFileSync(new URL('./measured-ltp.csv', import.meta.url), exampleCsv(devices.mose2.preset));
