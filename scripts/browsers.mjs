// Finds the browsers the end-to-end tests and `npm start` drive: CHROMIUM_PATH / FIREFOX_PATH,
// then Debian's /usr/bin/chromium and /usr/bin/firefox-esr. A missing browser is installed with
// apt-get when we are root on a Debian-like system (saying so); otherwise we stop with the exact
// command to run. A browser test is never skipped silently.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browsers = {
  chromium: { env: 'CHROMIUM_PATH', path: '/usr/bin/chromium', apt: 'chromium' },
  firefox: { env: 'FIREFOX_PATH', path: '/usr/bin/firefox-esr', apt: 'firefox-esr' },
};

function canAptInstall() {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
}

/** @param {'chromium' | 'firefox'} name @returns {string} the executable path */
export function findBrowser(name) {
  const spec = browsers[name];
  const fromEnv = process.env[spec.env];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${spec.env}=${fromEnv} does not exist.`);
    return fromEnv;
  }
  if (existsSync(spec.path)) return spec.path;
  const command = `apt-get update && apt-get install -y ${spec.apt}`;
  if (!canAptInstall()) {
    throw new Error(`${name} was not found at ${spec.path}. Install it with:\n  sudo ${command}\nor set ${spec.env} to its executable.`);
  }
  console.log(`${name} is missing; installing it: ${command}`);
  execFileSync('bash', ['-c', `${command} >/dev/null`], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(spec.path)) throw new Error(`apt-get finished but ${spec.path} is still missing.`);
  return spec.path;
}
