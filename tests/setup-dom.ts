// Component tests: jsdom + fake-indexeddb, loaded before Dexie.
import 'fake-indexeddb/auto';
