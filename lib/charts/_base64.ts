/**
 * Base64 encoding of bytes (the form Jupyter's MIME bundles carry images in). Deno has no
 * `Buffer` without node:buffer, and std's encoding module is on JSR, which is not reachable here.
 *
 * @module
 */

/**
 * Encodes bytes as standard base64 (RFC 4648, with padding).
 *
 * @param bytes The bytes.
 * @returns The base64 text.
 */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
