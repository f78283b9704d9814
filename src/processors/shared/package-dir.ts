/**
 * The folder the processor runs from (/var/task in Lambda): conf/ and rules/ sit next to
 * the bundle. ncc turns import.meta.url into the CommonJS bundle's own file URL.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageDir(): string {
  return process.env.STREAMALERT_PACKAGE_DIR ?? path.dirname(fileURLToPath(import.meta.url));
}

/** S3 needs path-style addressing behind a custom endpoint (moto, LocalStack). */
export function s3ClientOptions(): { forcePathStyle?: boolean } {
  return process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3
    ? { forcePathStyle: true }
    : {};
}
