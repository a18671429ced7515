// Story: stage variables. I add stage dev with a variable `backend` and read it in an HTTP
// integration's endpoint URL: no warning. I remove the variable: the warning is at the URI
// field. The request preview resolves the integration for dev. I deploy into the sandbox with
// stage dev, and boto3 reads the stage's variables back; I change one and add one, and the
// review and boto3 follow.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';
import { Sandbox } from '../support/sandbox.mjs';

test.describe.configure({ mode: 'serial' });

let sandbox;
test.beforeAll(async ({ baseURL }) => {
  sandbox = await new Sandbox().start(new URL(baseURL).origin);
});
test.afterAll(() => sandbox?.stop());

const URI = 'http://${stageVariables.backend}/pets';

test('a stage variable read by a URI is checked, resolved in the preview, and deployed with the stage', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.newApi();

  // The stage, in API settings: added by name (checked as typed), with one variable.
  await page.getByRole('button', { name: /API settings/ }).click();
  const add = app.editor.getByLabel('Add stage');
  await add.fill('my stage');
  await expect(app.editor.getByRole('button', { name: 'Add stage' })).toBeDisabled();
  await expect(app.editor.locator('.problem.error')).toContainText('holds a space');
  await add.fill('dev');
  await app.editor.getByRole('button', { name: 'Add stage' }).click();
  await app.editor.getByLabel('Add variable (stage dev)').fill('backend');
  await app.editor.getByRole('button', { name: 'Add variable (stage dev)' }).click();
  await app.editor.getByLabel('value of backend (variable, stage dev)').fill('api.example.com');

  // A method whose HTTP endpoint reads it: no warning.
  await app.selectResource('/');
  await app.addChild('pets');
  await app.selectResource('/pets');
  await app.addMethod('GET');
  await app.editor.getByRole('button', { name: 'HTTP', exact: true }).click();
  const uri = app.editor.getByLabel('Endpoint URL (uri)');
  await uri.fill(URI);
  const undefinedVariable = app.problems.getByRole('button', { name: /AG523/ });
  await expect(undefinedVariable).toHaveCount(0);

  // Removing the variable makes the URI read one that no stage defines: the warning is there.
  await page.getByRole('button', { name: /API settings/ }).click();
  await app.editor.getByRole('button', { name: 'remove backend (variable, stage dev)' }).click();
  await app.selectMethod('GET', '/pets');
  await expect(undefinedVariable).toHaveCount(1);
  const row = uri.locator('xpath=ancestor::div[contains(@class,"field-row")]');
  await expect(row.locator('.problem.warning')).toContainText('reads stage variable `backend`, which no stage of the design defines');
  await undefinedVariable.click();
  await expect(uri).toBeFocused();

  // The preview resolves the integration for dev: as written by default; the variable reads
  // as empty while dev lacks it, and as its value once undo brings it back.
  const stage = app.preview.getByLabel('Resolve for stage');
  await expect(stage).toHaveValue('');
  await expect(app.preview.locator('.call.resolved')).toHaveCount(0);
  await stage.selectOption('dev');
  const resolved = app.preview.locator('.call.resolved');
  await expect(resolved).toContainText('uri: http:///pets');
  await expect(resolved).toContainText('not defined at dev (read as empty): backend');
  await page.keyboard.press('Control+z');
  await expect(resolved).toContainText('uri: http://api.example.com/pets');
  await expect(resolved).not.toContainText('not defined');
  await expect(undefinedVariable).toHaveCount(0);
  await resolved.scrollIntoViewIfNeeded();
  await app.screenshot('stage-resolved');
  // The exact requests stay as written: that is what is sent.
  await expect(app.preview.locator('.call[data-operation="PutIntegration"]')).toContainText(URI);

  // Deploy into the sandbox with stage dev, which the stage field offers.
  await page.goto('./#' + sandbox.fragment());
  const panel = page.getByRole('complementary', { name: 'Deploy and load' });
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.locator('#live-target')).toBeVisible();
  await expect(panel.locator('#live-stages option[value="dev"]')).toHaveCount(1);
  await panel.locator('#live-stage').fill('dev');
  await panel.getByRole('button', { name: 'Review deploy…' }).click();
  const review = panel.getByTestId('review');
  const last = review.locator('.change-list li').last();
  await expect(last.locator('.op')).toHaveText('CreateDeployment');
  await expect(last.locator('.detail')).toHaveText('variables backend = api.example.com');
  const count = await review.locator('.change-list li').count();
  await review.getByRole('button', { name: `Deploy ${count} calls` }).click();
  await expect(panel.getByTestId('progress').locator('h3')).toHaveText(`Deploy: ${count} of ${count} done`, { timeout: 30_000 });
  const id = await panel.locator('#live-target').inputValue();
  expect(sandbox.boto('stage', id, 'dev').variables).toEqual({ backend: 'api.example.com' });

  // A changed value and a new variable: an UpdateStage before the deployment.
  await page.getByRole('button', { name: /API settings/ }).click();
  await app.editor.getByLabel('value of backend (variable, stage dev)').fill('api2.example.com');
  await app.editor.getByLabel('Add variable (stage dev)').fill('tier');
  await app.editor.getByRole('button', { name: 'Add variable (stage dev)' }).click();
  await app.editor.getByLabel('value of tier (variable, stage dev)').fill('gold');
  await page.getByTestId('open-live').click();
  await panel.getByRole('button', { name: 'Review deploy…' }).click();
  await expect(review.locator('.change-list .op')).toHaveText(['UpdateStage', 'CreateDeployment']);
  await expect(review.locator('.change-list li').first().locator('.detail')).toHaveText('~ variable backend = api2.example.com, + variable tier = gold');
  await review.getByRole('button', { name: 'Deploy 2 calls' }).click();
  await expect(panel.getByTestId('progress').locator('h3')).toHaveText('Deploy: 2 of 2 done');
  expect(sandbox.boto('stage', id, 'dev').variables).toEqual({ backend: 'api2.example.com', tier: 'gold' });
  expect(app.errors).toEqual([]);
});
