/**
 * `npm run make-secret -- password` / `npm run make-secret -- kiosk-token`: what an administrator
 * pastes into the server config. Reads a password from standard input so it never lands in
 * shell history; prints a fresh kiosk token and its hash.
 */
import { createInterface } from 'node:readline/promises';
import { generateKioskToken, hashKioskToken, hashPassword } from '../signaling-server/src/index.js';

async function main(kind: string | undefined): Promise<void> {
  if (kind === 'kiosk-token') {
    const token = generateKioskToken();
    console.log(`kiosk token (goes in the kiosk's config only): ${token}`);
    console.log(`tokenSha256 (goes in the server config):       ${hashKioskToken(token)}`);
    return;
  }
  if (kind === 'password') {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const password = await rl.question('Password (at least 12 characters): ');
    rl.close();
    if (password.length < 12) throw new Error('Refused: the password is shorter than 12 characters.');
    console.log(hashPassword(password));
    return;
  }
  throw new Error('Usage: npm run make-secret -- password | kiosk-token');
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
