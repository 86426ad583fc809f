// The benchmarks' Chromium profile directory (outside the repository), emptied before each run.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BENCH_PROFILE = join(tmpdir(), 'comptoir-bench-profile');
