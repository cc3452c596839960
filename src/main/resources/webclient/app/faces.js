// The face library: register faces (from new photos or the gallery), the registered faces as crops, and a
// probe search showing match or no match with the score (and the matched face when the answer names it).
import { call, message, sendForm } from './api.js';
import { form, h, say, section } from './dom.js';
import { t } from './i18n.js';
import { listImages } from './photos.js';

/** The face's box cut out of its photo, drawn into a canvas (photos may come from another origin: no pixel is read). */
function crop(face, label) {
  const canvas = h('canvas', { width: 96, height: 96, role: 'img', 'aria-label': label, className: 'face' });
  const image = new Image();
  image.addEventListener('load', () => {
    const [x1, y1, x2, y2] = face.box ?? [0, 0, image.naturalWidth, image.naturalHeight];
    canvas.getContext('2d').drawImage(image, x1, y1, x2 - x1, y2 - y1, 0, 0, 96, 96);
  });
  image.src = face.image;
  return canvas;
}

/** The registered face an answer names, whatever it calls it (the field is being added to the API). */
function matchedFace(body, faces) {
  for (const key of ['match', 'matched', 'matchedFace', 'face', 'registered', 'best']) {
    const value = body?.[key];
    if (!value || typeof value !== 'object') continue;
    const candidate = value.registered && typeof value.registered === 'object' ? value.registered : value;
    const id = candidate.id ?? candidate.faceId;
    const known = faces.find(face => id !== undefined && String(face.id) === String(id));
    if (known) return known;
    if (typeof candidate.image === 'string') return { id, image: candidate.image, box: candidate.box };
  }
  return null;
}

function fileInput(id, name, multiple) {
  return h('div', { className: 'field' },
    h('label', { for: id }, t('chooseFiles')),
    h('input', { id, name, type: 'file', accept: 'image/png,image/jpeg', multiple }));
}

export async function facesView(rerender) {
  const [listed, images] = await Promise.all([call('GET', '/images-db'), listImages()]);
  if (!listed.ok) return h('p', {}, message(listed));
  const faces = listed.body.faces ?? [];

  const fromNew = form('register-new', [fileInput('register-files', 'file', true)], t('registerFace'), async (values, answer, element) => {
    const reply = await sendForm('/images-db', new FormData(element));
    say(answer, message(reply), reply.ok);
    if (reply.ok) setTimeout(rerender, 600);
  });
  const choices = images.map((url, i) => h('label', { className: 'choice' },
    h('input', { type: 'checkbox', name: 'file', value: url }), h('img', { src: url, alt: `${t('view')} ${i + 1}` })));
  const fromGallery = form('register-gallery', [h('div', { className: 'choices' }, choices.length ? choices : t('noPhotos'))],
    t('registerSelected'), async (values, answer, element) => {
      const urls = new FormData(element).getAll('file');
      const reply = await call('POST', '/images-db', { file: urls });
      say(answer, message(reply), reply.ok);
      if (reply.ok) setTimeout(rerender, 600);
    });

  const list = h('ul', { className: 'faces', id: 'face-list' }, faces.length === 0 ? h('li', {}, t('noFaces')) :
    faces.map((face, i) => h('li', { className: 'registered-face' }, crop(face, `${t('registered')} ${i + 1}`),
      h('button', { type: 'button', className: 'delete-face', onclick: async () => {
        const reply = await call('DELETE', `/images-db/${encodeURIComponent(face.id)}`);
        if (reply.ok) rerender(); else document.getElementById('status').textContent = message(reply);
      } }, t('remove')))));

  const result = h('div', { id: 'search-result', role: 'status', 'aria-live': 'polite' });
  const search = form('search', [h('div', { className: 'field' },
    h('label', { for: 'probe-file' }, t('probe')), h('input', { id: 'probe-file', name: 'faceFile', type: 'file', accept: 'image/png,image/jpeg' }))],
  t('searchButton'), async (values, answer, element) => {
    result.replaceChildren();
    const reply = await sendForm('/images-db/search', new FormData(element));
    const body = reply.body ?? {};
    if (reply.status !== 200 && reply.status !== 404 || typeof body.isInterested !== 'boolean') {
      say(answer, message(reply), false);
      return;
    }
    say(answer, '', true);
    const probe = element.querySelector('input[type=file]').files[0];
    const matched = body.isInterested ? matchedFace(body, faces) : null;
    result.className = body.isInterested ? 'match' : 'no-match';
    result.append(
      h('p', { className: 'verdict' }, body.isInterested ? t('match') : t('noMatch')),
      h('dl', {},
        h('dt', {}, t('score')), h('dd', { id: 'search-score' }, typeof body.score === 'number' ? body.score.toFixed(2) : t('none')),
        h('dt', {}, t('facesInProbe')), h('dd', {}, String(body.faces ?? ''))),
      h('div', { className: 'pair' },
        probe ? h('img', { src: URL.createObjectURL(probe), alt: t('probe'), className: 'probe' }) : null,
        matched ? h('figure', {}, crop(matched, t('matchedFace')), h('figcaption', {}, t('matchedFace'))) : null));
  });

  return h('div', {},
    section(t('search'), search, result),
    section(t('registered'), list),
    section(t('registerFace'), h('h3', {}, t('fromNewPhoto')), fromNew, h('h3', {}, t('fromGallery')), fromGallery));
}
