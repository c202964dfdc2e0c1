// What package.json contributes to VS Code's Settings editor and Command Palette. The Settings editor heads the
// extension's section with `contributes.configuration.title` and labels each setting from its key; inside the
// section it drops the key prefix that matches the extension id ("Enable", not "Apiwarden: Enable"), which holds
// only while the settings form one category (a category without an id of ours is grouped under its title, and the
// prefix comes back on every label). Settings are listed by `order`, else alphabetically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface SettingSchema {
  order?: number;
  description?: string;
  markdownDescription?: string;
}
interface Manifest {
  displayName: string;
  contributes: {
    configuration: { title?: string; properties?: Record<string, SettingSchema> } | unknown[];
    commands: { command: string; title: string; category?: string }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

test('the settings are one section titled "API Warden", the extension’s name', () => {
  const { configuration } = manifest.contributes;
  assert.ok(!Array.isArray(configuration), 'one category: its settings are labelled without the key prefix');
  assert.equal(manifest.displayName, 'API Warden');
  assert.equal(configuration.title, 'API Warden');
});

test('the settings are listed in the order of the README settings table, each with a description', () => {
  const { properties = {} } = manifest.contributes.configuration as { properties?: Record<string, SettingSchema> };
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const readmeOrder = [...readme.matchAll(/^\| `(apiwarden\.[\w.]+)` \|/gm)].map((m) => m[1]);
  const byOrder = Object.entries(properties)
    .sort(([, a], [, b]) => (a.order ?? Infinity) - (b.order ?? Infinity))
    .map(([key]) => key);
  assert.deepEqual(byOrder, readmeOrder);
  const orders = Object.values(properties).map((p) => p.order);
  assert.ok(
    orders.every((o) => Number.isInteger(o)),
    `every setting has an order: ${orders}`,
  );
  assert.equal(new Set(orders).size, orders.length, 'no two settings share an order');
  for (const [key, schema] of Object.entries(properties))
    assert.ok((schema.description ?? schema.markdownDescription ?? '').length > 0, `${key} has a description`);
});

test('every command is in the "API Warden" category of the Command Palette', () => {
  for (const command of manifest.contributes.commands)
    assert.equal(command.category, 'API Warden', `${command.command} ("${command.title}")`);
});
