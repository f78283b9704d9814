/**
 * Runs in every test file (vitest setupFiles): the folders the file made with tempDir are
 * removed after its last test. Workers are stopped without an exit event, so a process-exit
 * hook would never run; and a file's folders are its own (files share none).
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './conf.js';

afterAll(() => removeTempDirs());
