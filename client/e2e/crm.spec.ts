import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const email = process.env.E2E_ADMIN_EMAIL ?? '';
const password = process.env.E2E_ADMIN_PASSWORD ?? '';
const screenshots = new URL('./screenshots/', import.meta.url).pathname;

const run = Date.now().toString(36);
const name = `Zakład Łódzki Żółć ${run}`;
const customerEmail = `zaklad-${run}@example.com`;

test.describe.configure({ mode: 'serial' });

async function signIn(page: Page) {
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
}

async function setScheme(page: Page, scheme: 'light' | 'dark') {
  const html = page.locator('html');
  if ((await html.getAttribute('data-mantine-color-scheme')) !== scheme) await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', scheme);
}

async function chooseLanguage(page: Page, label: string) {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: label }).click();
}

/** A token of our own, as a partner script would have, to change the record behind the page's back. */
async function apiToken(page: Page): Promise<string> {
  const response = await page.request.post('/api/v1/auth/token', { data: { email, password } });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).accessToken as string;
}

test('a day with the CRM', async ({ page }) => {
  if (!email || !password) throw new Error('Set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD to an Admin of the running API.');
  mkdirSync(screenshots, { recursive: true });

  // What the page logs as errors or warnings (the browser's own lines for failed requests included).
  const logged: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
  });

  await test.step('sign in; the access token stays in memory; a signed-out visit logs nothing', async () => {
    await signIn(page);
    // No refresh asked without a session, so no 401 in the console.
    expect(logged).toEqual([]);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  });

  let id = '';
  await test.step('create a customer with a Polish name', async () => {
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'Email' }).fill(customerEmail);
    await page.getByRole('textbox', { name: 'City' }).fill('Łódź');
    await page.getByRole('textbox', { name: /Country/ }).fill('PL');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await expect(page.getByTestId('customer-name')).toHaveText(name);
    id = page.url().split('/customers/')[1];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  await test.step('an unknown customer id shows the not-found page, with no script error', async () => {
    logged.length = 0;
    await page.goto('/customers/0190a000-0000-7000-8000-00000000dead');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    // Only the browser's own line for the API's 404 (a request cannot hide it); no router or React error.
    expect(logged.filter((text) => !/^Failed to load resource: .* 404/.test(text))).toEqual([]);
  });

  await test.step('find it without diacritics', async () => {
    await page.getByRole('link', { name: 'Customers' }).first().click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('zaklad lodzki zolc');
    await expect(page).toHaveURL(/q=zaklad/);
    await expect(page.getByRole('link', { name })).toBeVisible();
    await page.screenshot({ path: `${screenshots}customers-list-light.png`, fullPage: true });
    await setScheme(page, 'dark');
    await page.screenshot({ path: `${screenshots}customers-list-dark.png`, fullPage: true });
    await setScheme(page, 'light');
  });

  await test.step('the same from the Ctrl+K search', async () => {
    await page.keyboard.press('Control+K');
    await page.getByRole('textbox', { name: 'Search customers and contacts' }).fill('lodzki zolc');
    await page.getByRole('button', { name: new RegExp(name) }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${id}$`));
  });

  await test.step('edit it', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Phone' }).fill('+48 42 123 45 67');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${id}$`));
    await expect(page.getByRole('link', { name: /\+48/ })).toBeVisible();
  });

  await test.step('a 412 conflict, resolved by overwriting', async () => {
    const loaded = page.waitForResponse(
      (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/v1/customers/${id}`,
    );
    await page.goto(`/customers/${id}/edit`);
    const staleEtag = (await loaded).headers()['etag'];
    expect(staleEtag).toBeTruthy();
    await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue(name);

    // Someone else saves first, with the very ETag the page holds.
    const token = await apiToken(page);
    const patched = await page.request.patch(`/api/v1/customers/${id}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        'If-Match': staleEtag,
        'Content-Type': 'application/merge-patch+json',
      },
      data: JSON.stringify({ website: 'https://lodz.example.com' }),
    });
    expect(patched.status()).toBe(200);

    await page.getByRole('textbox', { name: 'Website' }).fill('https://zaklad.example.pl');
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'This customer was changed' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Overwrite with my changes' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${id}$`));
    // The API stores a canonical URL, so match loosely.
    await expect(page.getByRole('link', { name: /zaklad\.example\.pl/ })).toBeVisible();
    // The page's history (Admins and Managers) reads the real audit log: the overwrite, field before and after.
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByText(/^Updated by /).first()).toBeVisible();
    await expect(
      history.getByRole('listitem').filter({ hasText: /^Website: .*lodz\.example\.com.*→.*zaklad\.example\.pl/ }),
    ).toBeVisible();

    await page.screenshot({ path: `${screenshots}customer-page-light.png`, fullPage: true });
    await setScheme(page, 'dark');
    await page.screenshot({ path: `${screenshots}customer-page-dark.png`, fullPage: true });
    await setScheme(page, 'light');
  });

  await test.step('switch to Greek and see the list in Greek', async () => {
    await page.goto('/customers');
    await chooseLanguage(page, 'Ελληνικά');
    await expect(page.getByRole('heading', { name: 'Πελάτες' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: /Όνομα/ })).toBeVisible();
    await expect(page.getByTestId('customers-count')).toContainText('Εμφανίζονται');
    await expect(page.locator('html')).toHaveAttribute('lang', 'el');
    await chooseLanguage(page, 'English');
    await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  });

  await test.step('archive, undo, archive and restore', async () => {
    await page.goto(`/customers/${id}`);
    await page.getByRole('button', { name: 'Archive' }).click();
    await expect(page.getByTestId('archived-badge')).toBeVisible();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('archived-badge')).toBeHidden();

    await page.getByRole('button', { name: 'Archive' }).click();
    await expect(page.getByTestId('archived-badge')).toBeVisible();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByTestId('archived-badge')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Archive' })).toBeVisible();
  });

  await test.step('export the filtered list: the browser downloads the file through a single-use link', async () => {
    await page.goto(`/customers?q=${encodeURIComponent('zaklad lodzki')}`);
    await expect(page.getByRole('link', { name })).toBeVisible();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    const download = await downloading;
    expect(download.url()).toMatch(/\/api\/v1\/exports\/downloads\/crm_dl_[\w-]{43}$/);
    expect(download.suggestedFilename()).toMatch(/^customers-\d{8}-\d{6}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^id,kind,name,/);
    expect(csv).toContain(name);
    await expect(page.getByText('Download started: your browser saves the file.')).toBeVisible();
    // The link worked once.
    expect((await page.request.get(download.url())).status()).toBe(404);
  });

  await test.step('connect a partner system: add a webhook, its secret shown once, a test event in its deliveries', async () => {
    const hook = `https://erp-${run}.example.com/crm-events`;
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const form = page.getByRole('form', { name: 'Add webhook' });
    await form.getByRole('textbox', { name: /Address/ }).fill(hook);
    await form.getByRole('group', { name: 'Customers' }).getByRole('checkbox', { name: 'Created' }).check();
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const secret = page.getByRole('dialog', { name: "Your webhook's signing secret" });
    await expect(secret.getByTestId('webhook-secret')).toHaveText(/^whsec_\S{24,}$/);
    await secret.getByRole('button', { name: 'I have stored it' }).click();
    const row = page.getByRole('row').filter({ hasText: hook });
    await expect(row.getByText('customer.created')).toBeVisible();
    await row.getByRole('button', { name: `More actions for ${hook}` }).click();
    await page.getByRole('menuitem', { name: 'Send a test event' }).click();
    await expect(page.getByText(/A test event is on its way/)).toBeVisible();
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const deliveries = page.getByRole('dialog', { name: 'Deliveries' });
    await expect(deliveries.getByRole('cell', { name: 'webhook.ping' })).toBeVisible();
    await page.keyboard.press('Escape');
    await row.getByRole('button', { name: `More actions for ${hook}` }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this webhook?' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('row').filter({ hasText: hook })).toHaveCount(0);
  });

  await test.step('a CSV that Excel saved in Poland (windows-1250) imports with its letters', async () => {
    await page.goto('/imports');
    // "Hurtownia Łódź": Ł, ó and ź are 0xA3, 0xF3 and 0x9F in windows-1250, and not UTF-8.
    const buffer = Buffer.concat([
      Buffer.from('Nazwa;E-mail\r\nHurtownia '),
      Buffer.from([0xa3, 0xf3, 0x64, 0x9f]),
      Buffer.from(` ${run};hurtownia-${run}@example.com\r\n`),
    ]);
    await page.locator('input[type=file]').setInputFiles({ name: `klienci-${run}.csv`, mimeType: 'text/csv', buffer });
    await expect(page.getByText('This file is not UTF-8 text')).toBeVisible();
    await page.getByRole('textbox', { name: 'Character set' }).click();
    await page.getByRole('option', { name: 'Windows-1250 (Central European: Polish)' }).click();
    await expect(page.getByTestId('charset-sample')).toContainText(`Hurtownia Łódź ${run}`);
    await page.getByRole('button', { name: 'Read the columns' }).click();
    const start = page.getByRole('button', { name: 'Import', exact: true });
    await expect(start).toBeEnabled();
    await start.click();
    await expect(page.getByText('Import finished')).toBeVisible({ timeout: 30_000 });
    await page.goto(`/customers?q=${encodeURIComponent(`lodz ${run}`)}`);
    await expect(page.getByRole('link', { name: `Hurtownia Łódź ${run}` })).toBeVisible();
  });

  await test.step("on a phone, the import's column mapping fits its card in every language", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/imports');
    await page.locator('input[type=file]').setInputFiles({
      name: `phone-${run}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from('Company Name,E-mail address,Telephone number,Relationship type,Postal code\nAcme,acme@example.com,,customer,1000-001\n'),
    });
    await page.getByRole('button', { name: 'Read the columns' }).click();
    for (const [label, code, columns] of [
      ['English', 'en', 'Columns'],
      ['Português', 'pt', 'Colunas'],
      ['Català', 'ca', 'Columnes'],
      ['Polski', 'pl', 'Kolumny'],
      ['Ελληνικά', 'el', 'Στήλες'],
    ]) {
      if (code !== 'en') await chooseLanguage(page, label);
      await expect(page.locator('html')).toHaveAttribute('lang', code);
      const card = page.getByRole('region', { name: columns });
      await expect(card.getByRole('table', { name: columns }).getByRole('textbox')).toHaveCount(5);
      const fit = await card.evaluate((section) => {
        const box = section.getBoundingClientRect();
        const inputs = Array.from(section.querySelectorAll('table input:not([type=hidden])'), (input) => input.getBoundingClientRect());
        return {
          pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
          inputsInsideCard: inputs.every((r) => r.left >= box.left && r.right <= box.right && r.width > box.width / 2),
        };
      });
      expect(fit, code).toEqual({ pageScrollsSideways: false, inputsInsideCard: true });
    }
    await page.screenshot({ path: `${screenshots}import-mapping-phone-el.png`, fullPage: true });
    await chooseLanguage(page, 'English');
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  await test.step('sign out; the session is gone, in the other tab too', async () => {
    const otherTab = await page.context().newPage();
    await otherTab.goto('/customers');
    await expect(otherTab.getByRole('heading', { name: 'Customers' })).toBeVisible();

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    // The other tab follows at once, not when its token expires.
    await expect(otherTab).toHaveURL(/\/sign-in/);
    await expect(otherTab.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await otherTab.close();
    await page.goto('/customers');
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });
});
