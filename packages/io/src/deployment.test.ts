import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentOf, readDeploymentSettings } from './deployment.ts';

const settingsFile = (content: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'cls-deploy-')), 'deployment.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('deployment settings', () => {
  it('default to the agency of each region, 32 first to open when built', () => {
    const d = deploymentOf(['53', '32'], {});
    expect(d.defaultRegion).toBe('32');
    expect(d.regions.map((r) => [r.code, r.agency, r.in, r.logo])).toEqual([
      ['32', 'Agence régionale de santé Hauts-de-France', 'dans les Hauts-de-France', null],
      ['53', 'Agence régionale de santé Bretagne', 'en Bretagne', null],
    ]);
    expect(deploymentOf(['53', '04'], {}).defaultRegion).toBe('04');
  });

  it('take the agency name, colour and default region given; a default region not built is not opened', () => {
    const d = deploymentOf(['32', '53'], {
      defaultRegion: '53',
      agencies: { '53': { name: 'ARS Bretagne', colour: '#1d4e89' } },
    });
    expect(d.defaultRegion).toBe('53');
    expect(d.regions[1]).toMatchObject({ agency: 'ARS Bretagne', colour: '#1d4e89' });
    expect(deploymentOf(['32'], { defaultRegion: '53' }).defaultRegion).toBe('32');
  });

  it('refuse what they cannot use, naming the field', () => {
    expect(() => readDeploymentSettings(settingsFile({ defaultRegion: '99' }))).toThrow(
      'data/deployment.json : champ « defaultRegion » : région « 99 » inconnue',
    );
    expect(() => readDeploymentSettings(settingsFile({ agencies: { '53': { colour: 'bleu' } } }))).toThrow(
      'champ « agencies.53.colour » : « bleu » : une couleur #rrggbb est attendue',
    );
    // A light colour would leave the headings unreadable on white.
    expect(() => readDeploymentSettings(settingsFile({ agencies: { '53': { colour: '#ffcc00' } } }))).toThrow(
      /contraste 1\.\d:1 sur fond blanc, 4,5:1 au moins/,
    );
    expect(() => readDeploymentSettings(settingsFile({ agencies: { '53': { logo: 'absent.svg' } } }))).toThrow(
      'data/absent.svg introuvable',
    );
    expect(() => readDeploymentSettings(settingsFile({ agencies: { '53': { logo: 'logo.gif' } } }))).toThrow(
      'un fichier .svg ou .png est attendu',
    );
    expect(readDeploymentSettings(join(tmpdir(), 'absent-deployment.json'))).toEqual({});
  });
});
