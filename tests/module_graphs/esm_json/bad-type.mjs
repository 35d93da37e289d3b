import { plain } from './plain.mjs' with { type: 'json' };
