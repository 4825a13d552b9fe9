// flows.js: the main flows of issue 8 in Chromium, each as the person who
// does it, with screenshots of the pages they see (build/screenshots/).
// A person types the start page's address and then follows the links and
// buttons of the pages; what the server stored is checked in the database.
// Usage: node flows.js BASE_URL SCREENSHOT_DIR CHROMIUM
'use strict';
const { chromium } = require('./node_modules/playwright-core');
const { execFileSync } = require('child_process');
const path = require('path');
const [base, shots, executable] = process.argv.slice(2);
const password = 'secret-pass-1';
let failures = 0, checks = 0;

function check(cond, what) {
  checks++;
  if (!cond) { failures++; console.log('FAIL: ' + what); }
}

// The value the database holds (the browser's word is not enough).
function sql(q) {
  return execFileSync('sqlite3', [process.env.KAOHE_DB, q]).toString().trim();
}

// A quoted SQL string.
function q(s) { return "'" + s.replace(/'/g, "''") + "'"; }

async function newPage(browser, options) {
  const context = await browser.newContext(Object.assign({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' }, options || {}));
  const page = await context.newPage();
  page.on('pageerror', e => { failures++; console.log('FAIL: script error on ' + page.url() + ': ' + e); });
  // the final steps ask first (data-confirm); the person says yes
  page.on('dialog', d => d.accept());
  return page;
}

async function signIn(browser, name, options) {
  const page = await newPage(browser, options);
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

// Clicks what leads to another page (a link, a form's button) and waits
// for that page; returns the server's answer.
async function follow(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return response;
}

// The link in the page (not the navigation) named exactly name.
function link(page, name) {
  return page.locator('main').getByRole('link', { name: name, exact: true }).first();
}

// Follows the navigation link labelled label.
async function nav(page, label) {
  return follow(page, page.locator('nav.main a', { hasText: label }).first());
}

// The flash message of the page (after a form was done).
async function flash(page) {
  const f = page.locator('p.flash');
  return (await f.count()) ? (await f.textContent()).trim() : '';
}

// The page's answer, without the frame (for checking what it says).
async function mainText(page) {
  return (await page.textContent('main')).replace(/\s+/g, ' ');
}

// Anyone before signing in.
async function loginPage(browser) {
  const page = await newPage(browser);
  await page.goto(base + '/');
  check(page.url().startsWith(base + '/login'), 'the start page asks to sign in');
  await shot(page, 'login');
  // a wrong password: said beside the form, nothing else
  await page.fill('input[name=name]', '办公室');
  await page.fill('input[name=password]', 'not-the-password');
  await follow(page, page.locator('button[type=submit]'));
  check((await page.locator('.error').count()) > 0, 'a wrong password is refused with a message');
  await page.context().close();
}

// The office creates a team, adds a member and assigns a county; then
// draws a county's spot check with a seed and sees the seed and the units.
async function officeSetsUp(browser) {
  const page = await signIn(browser, '办公室');
  await shot(page, 'home-office');
  await nav(page, '年度与账号');
  await shot(page, 'admin');
  await follow(page, link(page, '考核组'));
  check(new URL(page.url()).pathname === '/teams', 'the admin page leads to the teams');

  // a new team
  const team = '第三考核组';
  await page.fill('#add input[name=name]', team);
  await follow(page, page.locator('#add button[type=submit]'));
  check((await flash(page)).includes(team), 'the new team is confirmed: ' + await flash(page));
  const section = page.locator('section', { has: page.locator('h2', { hasText: team }) });
  check((await section.count()) === 1, 'the new team has its section');
  check(sql('SELECT count(*) FROM team WHERE name=' + q(team)) === '1', 'the team is stored');

  // a member
  await section.locator('summary', { hasText: '添加成员' }).click();
  await section.locator('input[name=name]').fill('王示例');
  await section.locator('select[name=role]').selectOption({ label: '组长' });
  await section.locator('input[name=title]').fill('市安监局副局长');
  await follow(page, section.locator('button', { hasText: '添加成员' }));
  check((await flash(page)).includes('王示例'), 'the member is confirmed');
  check((await section.locator('tbody').textContent()).includes('王示例'), 'the member is listed in the team');
  check(sql('SELECT m.name FROM team_member m JOIN team t ON t.id=m.team_id WHERE t.name=' + q(team)) === '王示例',
        'the member is stored in the team');

  // a county into its scope: the one in no team's scope
  await section.locator('summary', { hasText: '分配考核范围' }).click();
  const county = '青龙满族自治县';
  await section.locator('label', { hasText: county }).locator('input[type=checkbox]').check();
  await follow(page, section.locator('button', { hasText: '加入本组考核范围' }));
  check((await flash(page)).includes('1 个单位'), 'the assignment is confirmed: ' + await flash(page));
  check((await section.textContent()).includes('考核范围（1 个）：' + county), 'the team shows the county in its scope');
  check(sql('SELECT u.name FROM team_unit x JOIN team t ON t.id=x.team_id JOIN unit u ON u.id=x.unit_id WHERE t.name=' +
            q(team)) === county, 'the county is stored in the team\'s scope');
  await shot(page, 'teams');

  // a spot check: 昌黎县's towns drawn again with a recorded seed
  await nav(page, '抽查');
  await shot(page, 'samples');
  await follow(page, link(page, '昌黎县'));
  await page.fill('form.draw input[name=seed]', '20170110');
  await page.selectOption('form.draw select[name=town]', '2');
  await follow(page, page.locator('form.draw button[type=submit]'));
  const text = await mainText(page);
  check(text.includes('20170110'), 'the page shows the seed of the draw');
  const drawn = sql("SELECT u.name FROM sample s JOIN unit u ON u.id=s.unit_id JOIN unit c ON c.id=s.county_id " +
                    "WHERE c.name='昌黎县' AND u.kind='town' ORDER BY u.name").split('\n').filter(Boolean);
  check(drawn.length === 2, '2 towns stored as drawn (' + drawn.join('、') + ')');
  check(sql("SELECT d.seed FROM sample_draw d JOIN unit c ON c.id=d.county_id WHERE c.name='昌黎县' ORDER BY d.id DESC LIMIT 1") ===
        '20170110', 'the draw is stored with its seed');
  const townsRow = (await page.locator('main table.grid tr', { hasText: '乡镇' }).first().textContent());
  for (const t of drawn)
    check(townsRow.includes(t), 'the drawn town ' + t + ' is shown');
  await shot(page, 'samples-county');

  // the other pages of the office, as they stand before the results
  await nav(page, '行业评分');
  check((await page.locator('table.industry').count()) === 1, 'the office sees the whole industry grid');
  await shot(page, 'industry-grid');
  await nav(page, '事故');
  await shot(page, 'accidents');
  await nav(page, '日常考核');
  await shot(page, 'daily');
  await nav(page, '统计核实');
  await shot(page, 'review');
  await nav(page, '资料');
  await shot(page, 'materials');
  await follow(page, link(page, '昌黎县'));
  await shot(page, 'materials-unit');
  await nav(page, '修改记录');
  await shot(page, 'history');
  await page.context().close();
}

// A team member enters findings for a county with the keyboard and sees
// the deduction and the total change before and after saving.
async function memberEntersFindings(browser) {
  const page = await signIn(browser, '组员');
  await shot(page, 'home-member');
  await nav(page, '评分表');
  await follow(page, link(page, '昌黎县'));
  check(new URL(page.url()).pathname === '/sheet/' + encodeURIComponent('昌黎县'), 'the list leads to 昌黎县\'s sheet');
  await shot(page, 'sheet-county');
  await shot(page, 'sheet-county-full', true);
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

// The same entry in a browser without JavaScript: the row's 保存 button
// posts the form, and the page comes back with the value and a message.
async function memberWithoutScript(browser) {
  const page = await signIn(browser, '组员', { javaScriptEnabled: false });
  await nav(page, '评分表');
  await follow(page, link(page, '昌黎县'));
  // 1.1.9 "少一次扣3分，最多可扣9分": 2 missed → 3 × 2 = 扣 6 分.
  const row = page.locator('tr[data-code="1.1.9"]');
  check(await row.locator('button.save').isVisible(), 'without the script the row has its 保存 button');
  await row.locator('input[name=count]').fill('2');
  const response = await follow(page, row.locator('button.save'));
  check(response.ok(), 'the saved row comes back (' + response.status() + ')');
  check((await flash(page)).includes('1.1.9'), 'a message says the row was saved: ' + await flash(page));
  const again = page.locator('tr[data-code="1.1.9"]');
  check((await again.locator('input[name=count]').inputValue()) === '2', 'the value is in the field again');
  check((await again.locator('td.deduction').textContent()).includes('扣 6 分'), '1.1.9 shown as 扣 6 分');
  // the page comes back at the row, not hidden under the table's sticky header
  const header = await page.locator('table.sheet thead').boundingBox();
  const box = await again.boundingBox();
  check(new URL(page.url()).hash === '#' + (await again.getAttribute('id')), 'the page comes back at the saved row');
  check(box.y >= header.y + header.height - 1 && box.y < 768, 'the saved row is in sight below the header (' +
        Math.round(box.y) + ' vs ' + Math.round(header.y + header.height) + ')');
  check(sql("SELECT value FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.name='昌黎县' AND f.sheet_id=0 AND f.code='1.1.9'") === '2',
        '1.1.9 stored as 2');
  await shot(page, 'sheet-nojs');
  await page.context().close();
}

// An industry scorer enters its industry's score for a county.
async function scorerEntersScore(browser) {
  const page = await signIn(browser, '消防评分');
  await shot(page, 'home-scorer');
  await nav(page, '行业评分');
  const row = page.locator('table.industry-entry tr', { has: page.locator('td', { hasText: /^昌黎县$/ }) });
  check((await row.count()) === 1, 'the scorer sees 昌黎县\'s row');
  await row.locator('input[name=score]').fill('88.5');
  await row.locator('input[name=note]').fill('消防监督检查发现隐患整改不及时');
  await follow(page, row.locator('button', { hasText: '保存' }));
  check((await flash(page)).includes('88.5'), 'the score is confirmed: ' + await flash(page));
  const back = page.locator('table.industry-entry tr', { has: page.locator('td', { hasText: /^昌黎县$/ }) });
  check((await back.locator('input[name=score]').inputValue()) === '88.5', 'the score is in its field again');
  // 4.15 消防 is stored in hundredths of a point: 88.5 → 8850.
  check(sql("SELECT value || '|' || actor FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.name='昌黎县' AND f.code='4.15'") ===
        '8850|消防评分', '消防 for 昌黎县 stored as 88.50 by 消防评分');
  await shot(page, 'industry');
  await page.context().close();
}

// The office computes, decides a grade, approves, records the consent and
// publishes; the charts load.
async function officeDecides(browser) {
  const page = await signIn(browser, '办公室');
  await nav(page, '考核结果');
  await follow(page, page.locator('#steps button', { hasText: '计分' }));
  check((await flash(page)).startsWith('已计分'), 'compute is confirmed: ' + await flash(page));
  check(sql("SELECT count(*) FROM result_unit r JOIN unit u ON u.id=r.unit_id WHERE u.name='昌黎县'") === '1',
        '昌黎县 has a stored result');

  // 昌黎县 decided 良好 where the proposal is 优秀: first without a reason
  const proposed = sql("SELECT proposed_grade FROM result_unit r JOIN unit u ON u.id=r.unit_id WHERE u.name='昌黎县'");
  const decided = proposed === '良好' ? '合格' : '良好';
  let row = page.locator('#decide tr', { has: page.locator('td.unit', { hasText: /^昌黎县$/ }) });
  await row.locator('select[name=grade]').selectOption(decided);
  let response = await follow(page, row.locator('button', { hasText: '确定' }));
  check(response.status() === 422, 'a decision without its reason is refused (' + response.status() + ')');
  row = page.locator('#decide tr', { has: page.locator('td.unit', { hasText: /^昌黎县$/ }) });
  check((await row.locator('.error').count()) === 1, 'the message is beside the field: ' +
        ((await row.locator('.error').count()) ? await row.locator('.error').textContent() : ''));
  check((await row.locator('select[name=grade]').inputValue()) === decided, 'the chosen grade stays chosen');
  check(sql("SELECT count(*) FROM decision d JOIN unit u ON u.id=d.unit_id WHERE u.name='昌黎县'") === '0',
        'nothing was stored for the refused decision');
  await row.scrollIntoViewIfNeeded();
  await shot(page, 'results-refused');
  const reason = '集体研究：年内发生较大社会影响事件';
  await row.locator('input[name=reason]').fill(reason);
  await follow(page, row.locator('button', { hasText: '确定' }));
  check((await flash(page)).includes('昌黎县'), 'the decision is confirmed: ' + await flash(page));
  check(sql("SELECT grade || '|' || reason FROM decision d JOIN unit u ON u.id=d.unit_id WHERE u.name='昌黎县'") ===
        decided + '|' + reason, 'the decision is stored with its reason');

  // the charts are images the browser could load
  const widths = await page.$$eval('img.chart', imgs => imgs.map(i => i.complete ? i.naturalWidth : 0));
  check(widths.length >= 2 && widths.every(x => x > 0), 'the charts load (' + widths.join(', ') + ')');

  // approval (a confirmation first)
  await follow(page, page.locator('#steps button', { hasText: '审定' }));
  check((await flash(page)).startsWith('已审定'), 'approval is confirmed: ' + await flash(page));
  check(sql('SELECT approved FROM year WHERE year=2016') === '1', 'the year is stored as approved');

  // the city government's consent, then publication
  await page.fill('#steps input[name=date]', '2017-02-10');
  await page.fill('#steps input[name=ref]', '秦政函〔2017〕12号');
  await follow(page, page.locator('#steps button', { hasText: '记录市政府同意' }));
  check((await flash(page)).includes('2017年2月10日'), 'the consent is confirmed with its date: ' + await flash(page));
  check(sql('SELECT consent_date || "|" || consent_ref FROM year WHERE year=2016') === '2017-02-10|秦政函〔2017〕12号',
        'the consent is stored');
  await follow(page, page.locator('#steps button', { hasText: '公布结果' }));
  check((await flash(page)).startsWith('已公布'), 'publication is confirmed: ' + await flash(page));
  check(sql('SELECT published FROM year WHERE year=2016') === '1', 'the year is stored as published');
  check((await page.locator('header.top .state').textContent()) === '已公布', 'the header says 已公布');
  await page.waitForFunction(() => [...document.querySelectorAll('img.chart')].every(i => i.complete));
  const after = await page.$$eval('img.chart', imgs => imgs.map(i => i.naturalWidth));
  check(after.length >= 2 && after.every(x => x > 0), 'the charts load after publication (' + after.join(', ') + ')');
  await shot(page, 'results');
  await shot(page, 'results-full', true);
  await nav(page, '意见');
  await shot(page, 'objections');
  await page.context().close();
}

// The assessed unit: its own result and sheet, and not another county's.
async function unitSeesItsSheet(browser) {
  const page = await signIn(browser, '昌黎');
  await shot(page, 'home-unit');
  await nav(page, '考核结果');
  const rows = page.locator('table.results tbody tr');
  check((await rows.count()) === 1, 'the unit sees one row, its own (' + await rows.count() + ')');
  const own = await rows.first().textContent();
  check(own.includes('昌黎县') && own.includes('良好'), 'its row shows its decided grade 良好');
  await shot(page, 'results-unit');
  await follow(page, page.locator('table.results a', { hasText: '查看本单位评分表' }));
  check(new URL(page.url()).pathname === '/sheet/' + encodeURIComponent('昌黎县'), 'the link opens its own sheet');
  check((await page.locator('tr[data-code="1.1.4"]').count()) === 1, 'its sheet shows the rows');
  check((await page.locator('tr[data-code="1.1.4"] input:not([disabled])').count()) === 0, 'the unit cannot change its sheet');
  await shot(page, 'sheet-unit', true);
  // another county's sheet is not for it (typed address: no link leads there)
  const response = await page.goto(base + '/sheet/' + encodeURIComponent('卢龙县'));
  check(response.status() === 403, 'another county\'s sheet is refused (' + response.status() + ')');
  check((await page.textContent('h1')).includes('不能'), 'the refusal says so');
  await page.context().close();
}

// Before publication the unit and the viewer have no link to the results
// (a link leads only to a page one may open); the start page says they are
// not out yet, and the address typed is refused with the same words.
async function notYetPublished(browser) {
  for (const name of ['昌黎', '组织部']) {
    const page = await signIn(browser, name);
    check((await page.locator('nav.main a', { hasText: '考核结果' }).count()) === 0,
          name + ' has no link to results not yet published');
    check((await mainText(page)).includes('考核结果尚未公布'), name + ' is told on the start page');
    const response = await page.goto(base + '/results');
    check(response.status() === 403 && (await mainText(page)).includes('尚未公布'),
          name + ' is told the results are not yet published');
    await page.context().close();
  }
}

// The viewer (组织部) sees the published results.
async function viewerSeesResults(browser) {
  const page = await signIn(browser, '组织部');
  await nav(page, '考核结果');
  const text = await mainText(page);
  for (const u of ['昌黎县', '卢龙县', '安监局'])
    check(text.includes(u), 'the viewer sees ' + u + '\'s result');
  check((await page.locator('#steps').count()) === 0, 'the viewer gets no office forms');
  await shot(page, 'results-viewer');
  // and a county's sheet from there
  await follow(page, link(page, '昌黎县'));
  check((await page.textContent('h1')).includes('昌黎县') && (await page.textContent('#total')).trim() !== '',
        'the viewer opens 昌黎县\'s published sheet');
  await page.context().close();
}

(async () => {
  const browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox'] });
  try {
    await loginPage(browser);
    await officeSetsUp(browser);
    await memberEntersFindings(browser);
    await memberWithoutScript(browser);
    await scorerEntersScore(browser);
    await notYetPublished(browser);
    await officeDecides(browser);
    await unitSeesItsSheet(browser);
    await viewerSeesResults(browser);
  } finally {
    await browser.close();
  }
  if (failures) { console.log(failures + ' failure(s)'); process.exit(1); }
  console.log('browser flows passed (' + checks + ' checks); screenshots in ' + shots);
})().catch(e => { console.error(e); process.exit(1); });
