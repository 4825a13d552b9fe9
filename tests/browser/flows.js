// flows.js: the main flows of issue 8 in Chromium, each as the person who
// does it, with screenshots of the pages they see (build/screenshots/).
// Usage: node flows.js BASE_URL SCREENSHOT_DIR CHROMIUM
'use strict';
const { chromium } = require('./node_modules/playwright-core');
const { execFileSync } = require('child_process');
const path = require('path');
const [base, shots, executable] = process.argv.slice(2);
const password = 'secret-pass-1';
let failures = 0;

function check(cond, what) {
  if (!cond) { failures++; console.log('FAIL: ' + what); }
}

// The value the database holds (the browser's word is not enough).
function sql(q) {
  return execFileSync('sqlite3', [process.env.KAOHE_DB, q]).toString().trim();
}

async function signIn(browser, name) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', e => { failures++; console.log('FAIL: script error on ' + page.url() + ': ' + e); });
  await page.goto(base + '/');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  check(page.url() === base + '/', name + ' lands on the start page after signing in');
  return page;
}

async function shot(page, name, full) {
  await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: !!full });
}

// A team member enters findings for a county with the keyboard and sees
// the deduction and the total change before and after saving.
async function memberEntersFindings(browser) {
  const page = await signIn(browser, '组员');
  await shot(page, 'home-member');
  await page.goto(base + '/sheet/' + encodeURIComponent('昌黎县'));
  await shot(page, 'sheet-county');
  const row = page.locator('tr[data-code="1.1.4"]');
  const before = await page.textContent('#total');
  // 1.1.4 "每少落实1次，扣5分。最高可扣10分": 1 missed → 扣 5 分.
  const count = row.locator('input[name=count]');
  await count.fill('1');
  await page.waitForFunction(() => document.querySelector('tr[data-code="1.1.4"] .state').textContent.includes('试算'));
  check((await row.locator('td.deduction').textContent()).includes('扣 5 分'), '1.1.4 previewed as 扣 5 分');
  await count.press('Enter');
  await page.waitForFunction(() => document.querySelector('tr[data-code="1.1.4"] .state').textContent === '已保存');
  check(sql("SELECT value FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.name='昌黎县' AND f.code='1.1.4'") === '1',
        '1.1.4 stored as 1');
  const after = await page.textContent('#total');
  check(before !== after, 'the total changed after saving (' + before + ' → ' + after + ')');
  // Enter moved the focus on to the next field.
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.name);
  check(!!focused, 'Enter moves to the next field');
  // A value the rule refuses: the message beside the field, the value kept.
  await count.fill('-3');
  await count.press('Enter');
  await page.waitForFunction(() => document.querySelector('tr[data-code="1.1.4"] .field-error').textContent !== '');
  check((await count.inputValue()) === '-3', 'a refused value stays in the field');
  check((await row.locator('.state').textContent()) === '未保存', 'a refused value is shown as not saved');
  await shot(page, 'sheet-refused');
  await page.context().close();
}

(async () => {
  const browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox'] });
  try {
    await memberEntersFindings(browser);
  } finally {
    await browser.close();
  }
  if (failures) { console.log(failures + ' failure(s)'); process.exit(1); }
  console.log('browser flows passed; screenshots in ' + shots);
})().catch(e => { console.error(e); process.exit(1); });
