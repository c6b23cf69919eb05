/** The doctor's systemd unit check: a unit of this root whose node systemd cannot find fails; other roots' units are not judged. */
import { describe, expect, it } from 'vitest';
import { unitCheck } from '../../../../src/jobs/doctor/unit-checks.ts';

const unit = (execStart: string, root = '/srv/s') => ({
  path: '/etc/systemd/system/strikeline.service',
  text: `[Service]\nUser=me\nWorkingDirectory=${root}\nEnvironment=TRADING_SYSTEM_ROOT=${root}\nExecStart=${execStart}\nRestart=on-failure\n`,
});
const NVM = '/home/me/.nvm/versions/node/v20.11.0/bin/node';

describe('unitCheck', () => {
  it('no unit for this root: ok (tmux, or by hand)', () => {
    expect(
      unitCheck(
        [unit('/usr/bin/env node bin/strikeline.js stream', '/srv/other')],
        '/srv/s',
        () => false,
      ).status,
    ).toBe('ok');
  });

  it("/usr/bin/env node with node only under nvm fails; with node on systemd's PATH it is ok", () => {
    const envUnit = [
      unit('/usr/bin/env node --max-semi-space-size=4 /srv/s/bin/strikeline.js stream'),
    ];
    const nvmOnly = unitCheck(envUnit, '/srv/s', (p) => p === NVM);
    expect(nvmOnly).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(
        /^rewrite it with the absolute node: strikeline install-service/,
      ) as string,
    });
    expect(nvmOnly.summary).toMatch(/no node is on systemd's PATH/);
    expect(unitCheck(envUnit, '/srv/s', (p) => p === '/usr/bin/node').status).toBe('ok');
  });

  it('an absolute node: ok while it exists, fail once gone', () => {
    const abs = [unit(`${NVM} --max-semi-space-size=4 /srv/s/bin/strikeline.js stream`)];
    expect(unitCheck(abs, '/srv/s', (p) => p === NVM).status).toBe('ok');
    expect(unitCheck(abs, '/srv/s', () => false).summary).toBe(
      `/etc/systemd/system/strikeline.service: ExecStart runs ${NVM}, which does not exist (node upgraded or moved?)`,
    );
  });
});
