// The forum account (seed 001): captcha, registration from the server's template, login with the password's
// triple MD5, profile, avatar, logout. The forum keeps its own session (a cookie).
import { call, message, picture, put } from './api.js';
import { field, form, h, say, section } from './dom.js';
import { t } from './i18n.js';
import { tripleMd5 } from './md5.js';

/** A captcha image with "new image"; a new image is only a new GET, it costs no try. */
function captchaField(id) {
  const image = h('img', { id: `${id}-image`, className: 'captcha', alt: t('captcha'), width: 150, height: 50 });
  const refresh = async () => {
    const old = image.src;
    image.src = await picture('/forum/user/captcha');
    if (old.startsWith('blob:')) URL.revokeObjectURL(old);
  };
  const input = h('input', { id, name: 'captcha', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', 'aria-describedby': `${id}-hint` });
  const element = h('div', { className: 'field' }, h('label', { for: id }, t('captcha')),
    h('div', { className: 'captcha-row' }, image,
      h('button', { type: 'button', id: `${id}-new`, onclick: refresh }, t('newCaptcha'))),
    input, h('small', { id: `${id}-hint` }, t('captchaHelp')));
  // every check spends the captcha, right or wrong: the next try needs a new one
  return { element, refresh: async () => { input.value = ''; await refresh(); } };
}

function registration(template, onDone) {
  const captcha = captchaField('reg-captcha');
  const fields = template.filter(item => !item.flag?.includes('notShowInReg') && item.key !== 'captcha')
    .map(item => field(item.desc + (item.flag?.includes('must') ? '' : ` ${t('optional')}`), {
      name: item.key, type: item.flag?.includes('password') ? 'password' : 'text', placeholder: item.limit,
      autocomplete: item.key === 'password' ? 'new-password' : item.key === 'username' ? 'username' : 'off',
    }, item.limit));
  const element = form('forum-register', [...fields, captcha.element], t('forumRegister'), async (values, answer) => {
    const body = Object.fromEntries(Object.entries(values).filter(([key, value]) => key !== 'email' || value !== ''));
    const reply = await call('POST', '/forum/user/reg', body, false);
    const ok = reply.body?.status === 'ok';
    say(answer, ok ? 'ok' : message(reply), ok);
    if (ok) onDone(); else await captcha.refresh();
  });
  return { element, captcha };
}

// The forum's documented login reasons for an account with two-step verification (docs/API.md "Forum login").
const TOTP_REQUIRED = '此帐号已开启两步验证，请填写两步验证码。';

/**
 * Login. For an account with two-step verification the forum answers TOTP_REQUIRED after the captcha and the
 * password: the form then asks for the code (the template's loginOnly field) and a new captcha (each attempt
 * spends one), and sends the login again with the password kept in memory for it.
 */
function login(template, onDone) {
  const totpItem = template.find(item => item.key === 'totp' && item.flag?.includes('loginOnly'));
  const captcha = captchaField('login-captcha');
  const code = totpItem ? field(totpItem.desc, {
    name: 'totp', autocomplete: 'one-time-code', autocapitalize: 'off', spellcheck: 'false',
  }, totpItem.limit) : null;
  let credentials = null;
  const usernameField = field(t('usernameOrEmail'), { name: 'username', autocomplete: 'username' });
  const passwordField = field(t('password'), { name: 'password', type: 'password', autocomplete: 'current-password' });
  const prompt = h('p', { className: 'note', id: 'forum-totp-prompt', hidden: true });
  const element = form('forum-login', [usernameField, passwordField, prompt, code ?? [], captcha.element],
    t('forumLogin'), async (values, answer) => {
      const body = credentials
        ? { ...credentials, captcha: values.captcha, totp: values.totp }
        : { username: values.username, password: tripleMd5(values.password), captcha: values.captcha };
      const reply = await call('POST', '/forum/user/login', body, false);
      const ok = reply.body?.status === 'ok';
      if (ok) {
        credentials = null;
        say(answer, 'ok', true);
        onDone();
        return;
      }
      if (!credentials && code && reply.body?.reason === TOTP_REQUIRED) {
        credentials = { username: values.username, password: tripleMd5(values.password) };
        element.elements.password.value = '';
        usernameField.hidden = true;
        passwordField.hidden = true;
        prompt.hidden = false;
        prompt.textContent = reply.body.reason;
        code.hidden = false;
        say(answer, '', true);
      } else {
        say(answer, message(reply), false);
      }
      if (credentials) element.elements.totp.value = '';
      await captcha.refresh();
      (credentials ? element.elements.totp : element.elements.captcha).focus();
    });
  if (code) code.hidden = true;
  return { element, captcha };
}

function profile(me, onChange) {
  const avatar = me.avatar ? h('img', { src: me.avatar, alt: t('avatar'), className: 'avatar', id: 'avatar' }) : h('p', { id: 'avatar' }, t('none'));
  const avatarAnswer = h('p', { className: 'answer', role: 'alert' });
  const avatarInput = h('input', { id: 'avatar-file', type: 'file', accept: 'image/png,image/jpeg' });
  avatarInput.addEventListener('change', async () => {
    const file = avatarInput.files[0];
    if (!file) return;
    const reply = await put('/forum/user/avatar', file);
    const ok = reply.body?.status === 'ok';
    say(avatarAnswer, ok ? reply.body.resaddr : message(reply), ok);
    if (ok) onChange();
  });
  const update = form('forum-profile', [
    field(t('alias'), { name: 'alias', value: me.alias ?? '' }),
    field(t('email'), { name: 'email', type: 'email', value: me.email ?? '' }),
    field(t('newPassword'), { name: 'password', type: 'password', autocomplete: 'new-password' }),
    field(t('oldPassword'), { name: 'old_password', type: 'password', autocomplete: 'current-password' }),
  ], t('save'), async (values, answer) => {
    const body = { alias: values.alias, email: values.email };
    if (values.password) {
      body.password = values.password;
      body.old_password = tripleMd5(values.old_password);
    }
    const reply = await call('PUT', '/forum/user/info', body, false);
    const ok = reply.body?.status === 'ok';
    say(answer, ok ? 'ok' : message(reply), ok);
  });
  return section(t('profile'),
    h('dl', { id: 'forum-me' }, h('dt', {}, t('username')), h('dd', {}, me.username),
      h('dt', {}, 'ID'), h('dd', {}, String(me.userID)), h('dt', {}, t('avatar')), h('dd', {}, avatar)),
    h('div', { className: 'field' }, h('label', { for: 'avatar-file' }, t('uploadAvatar')), avatarInput), avatarAnswer,
    update,
    h('button', { type: 'button', id: 'forum-logout', onclick: async () => {
      await call('POST', '/forum/user/logout', undefined, false);
      if (location.hash === '#/forum') onChange(); else location.hash = '#/forum';
    } }, t('forumLogout')));
}

/**
 * Logged in: the profile. Otherwise login or registration, one at a time: a session holds one captcha, a new
 * image replacing the last one.
 */
export async function forumView(rerender, part) {
  const me = await call('GET', '/forum/user/info', undefined, false);
  if (me.status === 200 && Array.isArray(me.body)) return profile(me.body[0], rerender);
  const switcher = h('p', { className: 'tabs' },
    h('a', { href: '#/forum', 'aria-current': part !== 'register' ? 'page' : null }, t('forumLogin')), ' · ',
    h('a', { href: '#/forum/register', 'aria-current': part === 'register' ? 'page' : null }, t('forumRegister')));
  if (part === 'register') {
    const template = await call('GET', '/forum/user/template', undefined, false);
    const reg = registration(Array.isArray(template.body) ? template.body : [], rerender);
    await reg.captcha.refresh();
    return h('div', {}, switcher, section(t('forumRegister'), reg.element));
  }
  const template = await call('GET', '/forum/user/template', undefined, false);
  const log = login(Array.isArray(template.body) ? template.body : [], rerender);
  await log.captcha.refresh();
  return h('div', {}, switcher, section(t('forumLogin'), log.element));
}
