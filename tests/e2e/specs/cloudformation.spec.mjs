// Story: I export the example as a CloudFormation template in YAML, start a new API, and
// import the template back: the same design, with its Lambda permissions in the template and
// nothing reported as left out.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Designer, openExports } from '../pages/designer.mjs';

test('export CloudFormation YAML from the example and import it back: the same design', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await page.getByRole('button', { name: 'PetStore example' }).click();
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  const before = await app.exportedDesign();

  await openExports(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-cloudformation-yaml').click(),
  ]);
  expect(download.suggestedFilename()).toBe('PetStore.template.yaml');
  const yaml = readFileSync(await download.path(), 'utf8');
  expect(yaml).toMatch(/^AWSTemplateFormatVersion: "2010-09-09"\n/);
  expect(yaml).toContain('Type: "AWS::ApiGateway::RestApi"');
  expect(yaml).toContain('Type: "AWS::ApiGateway::Method"');

  // The JSON form is the same template.
  await openExports(page);
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-cloudformation').click(),
  ]);
  const template = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(template.Resources.RestApi.Properties.Name).toBe('PetStore');

  await app.newApi();
  await expect(page.locator('.api-name .name')).toHaveText('MyApi');
  await page.getByLabel('Import file').setInputFiles({ name: 'PetStore.template.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  await expect(app.notice).toContainText('Imported the CloudFormation template');
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  await expect(app.row('/pets')).toBeVisible();
  await expect(page.getByTestId('import-report')).toBeHidden();
  expect(await app.exportedDesign()).toEqual(before);
  await app.screenshot('cloudformation-round-trip');
  expect(app.errors).toEqual([]);
});
