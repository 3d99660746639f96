import { fileURLToPath } from 'node:url';

/** The installed package's root (this file is compiled to `dist/src/files/`), where `rules/` packs live. */
export const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));
