// Component tests: jsdom + fake-indexeddb, loaded before Dexie.
import 'fake-indexeddb/auto';

import { configure } from '@testing-library/svelte';

// findBy… waits on what the user sees; a busy machine (the PIN's 600 000 PBKDF2 rounds, a
// database write) can take more than the default second to show it.
configure({ asyncUtilTimeout: 15_000 });
