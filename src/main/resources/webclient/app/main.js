// The page's one entry: a view per address fragment (#/photos, #/faces, #/forum, #/account, #/signin, ...).
import { token } from './api.js';
import { accountView, forgotView, signinView, signupView } from './account.js';
import { adminView, isAdmin } from './admin.js';
import { h } from './dom.js';
import { facesView } from './faces.js';
import { forumView } from './forum.js';
import { currentLanguage, switchLanguage, t } from './i18n.js';
import { photosView } from './photos.js';

const SIGNED_IN = { photos: photosView, faces: facesView, account: accountView, admin: adminView };
const ANYONE = { signin: signinView, signup: signupView, forgot: forgotView, forum: forumView };

let notice = '';

/** Shows the view of hash, with a notice (e.g. the server's answer to a sign-out) above it. */
function go(hash, text) {
  notice = text ?? '';
  if (location.hash === hash) {
    status(notice);
    render();
  } else {
    location.hash = hash;
  }
}

function status(text) {
  document.getElementById('status').textContent = text ?? '';
}

function navigation(current) {
  const links = token.get()
    ? [['photos', t('photos')], ['faces', t('faces')], ['forum', t('forum')], ['account', t('account')]]
    : [['signin', t('signin')], ['signup', t('signup')], ['forum', t('forum')]];
  const nav = document.getElementById('nav');
  const link = ([name, label]) => h('a', { href: `#/${name}`, 'aria-current': name === current ? 'page' : null }, label);
  nav.replaceChildren(...links.map(link));
  const language = document.getElementById('language');
  language.textContent = t('switchLanguage');
  language.lang = currentLanguage() === 'zh' ? 'en' : 'zh';
  isAdmin().then(admin => {
    if (admin && token.get() && !nav.querySelector('a[href="#/admin"]')) nav.append(link(['admin', t('admin')]));
  });
}

let rendering = 0;

async function render() {
  const [name = '', part] = location.hash.replace(/^#\/?/, '').split('/');
  const signedIn = Boolean(token.get());
  const view = SIGNED_IN[name] && signedIn ? SIGNED_IN[name] : ANYONE[name];
  if (!view) {
    go(signedIn ? '#/photos' : '#/signin', SIGNED_IN[name] ? t('notSignedIn') : undefined);
    return;
  }
  const ticket = ++rendering;
  navigation(name);
  const main = document.getElementById('view');
  main.setAttribute('aria-busy', 'true');
  try {
    const content = await view(name === 'forum' || name === 'photos' || name === 'faces' || name === 'admin' ? render : go, part);
    if (ticket !== rendering) return;
    main.replaceChildren(content);
  } catch (error) {
    if (ticket === rendering) main.replaceChildren(h('p', { className: 'answer failed' }, error.message || t('networkError')));
  } finally {
    main.removeAttribute('aria-busy');
  }
}

document.getElementById('language').addEventListener('click', () => { switchLanguage(); render(); });
window.addEventListener('hashchange', () => { status(notice); notice = ''; render(); });
window.addEventListener('xphoto-signed-out', () => go('#/signin', t('notSignedIn')));
document.documentElement.lang = currentLanguage() === 'zh' ? 'zh-CN' : 'en';
render();

