// Real Dexie on fake-indexeddb for the data-layer tests in Node: loaded before Dexie so it
// finds an IndexedDB at import time.
import 'fake-indexeddb/auto';
