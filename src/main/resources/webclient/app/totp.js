// Two-step verification (TOTP) on the account page: whether it is on, setup (QR code and secret, enabled with a
// first code, the ten recovery codes shown once) and disable (password and a code or a recovery code).
import { call, message } from './api.js';
import { field, form, h, say, section } from './dom.js';
import { t } from './i18n.js';

/** A data: URI as an object URL: the page's Content-Security-Policy allows images of this origin and blob: only. */
function objectUrl(dataUri) {
  const [head, base64] = dataUri.split(',', 2);
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type }));
}

/** The secret in groups of four, as authenticator apps print it; spaces are ignored when typed in. */
function grouped(secret) {
  return secret.match(/.{1,4}/g).join(' ');
}

const codeField = hint => field(t('totpCode'), {
  name: 'code', autocomplete: 'one-time-code', autocapitalize: 'off', spellcheck: 'false', required: true,
}, hint);

export async function twoStepSection(refresh) {
  const status = await call('GET', '/totp');
  if (!status.ok) return section(t('twoStep'), h('p', { className: 'answer failed' }, message(status)));
  const on = status.body.enabled === true;
  const state = h('p', { id: 'totp-state', className: on ? 'state on' : 'state off' }, on ? t('totpOn') : t('totpOff'));
  const view = section(t('twoStep'), state);
  if (on) {
    view.append(form('totp-disable', [
      field(t('password'), { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
      codeField(t('totpCodeHint')),
    ], t('totpDisable'), async (values, answer) => {
      const reply = await call('POST', '/totp/disable', values);
      say(answer, message(reply), reply.ok);
      if (reply.ok) setTimeout(refresh, 1200);
    }));
    return view;
  }
  const setupAnswer = h('p', { className: 'answer', role: 'alert' });
  const setup = h('button', { type: 'button', id: 'totp-setup', onclick: async () => {
    setup.disabled = true;
    const reply = await call('POST', '/totp/setup');
    setup.disabled = false;
    if (!reply.ok) {
      say(setupAnswer, message(reply), false);
      return;
    }
    setup.hidden = true;
    say(setupAnswer, '', true);
    view.append(enrolment(reply.body, view, refresh));
  } }, t('totpSetup'));
  view.append(h('p', { className: 'note' }, t('totpExplain')), setup, setupAnswer);
  return view;
}

/** The QR code and the secret, and the form that turns TOTP on with the first code. */
function enrolment(secret, view, refresh) {
  const enable = form('totp-enable', [codeField(t('totpFirstCodeHint'))], t('totpEnable'), async (values, answer) => {
    const reply = await call('POST', '/totp/enable', values);
    if (!reply.ok) {
      say(answer, message(reply), false);
      return;
    }
    part.replaceWith(recoveryCodes(reply.body, refresh));
    view.querySelector('#totp-state').textContent = t('totpOn');
  });
  const part = h('div', { id: 'totp-enrolment' },
    h('ol', { className: 'steps' },
      h('li', {}, t('totpScan')),
      h('li', {}, t('totpOrType'), ' ', h('code', { id: 'totp-secret', className: 'secret' }, grouped(secret.secret))),
      h('li', {}, t('totpTypeFirst'))),
    h('img', { id: 'totp-qr', className: 'qr', src: objectUrl(secret.qrCode), alt: t('totpQrAlt'), width: 200, height: 200 }),
    enable);
  return part;
}

/** The ten recovery codes, shown this once. */
function recoveryCodes(body, refresh) {
  return h('div', { id: 'totp-recovery' },
    h('p', { className: 'answer ok', role: 'alert' }, body.success),
    h('p', { className: 'warning' }, h('strong', {}, t('saveTheseTitle')), ' ', t('saveThese')),
    h('ol', { id: 'recovery-codes', className: 'codes' }, body.recoveryCodes.map(code => h('li', {}, h('code', {}, code)))),
    h('button', { type: 'button', id: 'recovery-saved', onclick: refresh }, t('savedThem')));
}
