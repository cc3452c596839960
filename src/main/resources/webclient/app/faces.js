// The face library: register faces (from new photos or the gallery), the registered faces as crops, and a
// probe search showing match or no match with the score, the probe's faces and the registered face it matched;
// registration of one face or all faces of a group photo.
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

const MATCHED = '#19a34a';
const OTHER = '#f0a500';

/**
 * A picture with face boxes drawn on it (boxes in the picture's pixels), scaled to at most `size` pixels;
 * boxes[highlight] in green, the others in amber, numbered from 1 when numbered. Drawing only: no pixel of a
 * photo of another origin is read.
 */
function boxed(src, boxes, { highlight = -1, label, id, size = 320, numbered = false } = {}) {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': label, className: 'boxed',
    'data-boxes': JSON.stringify(boxes), 'data-highlight': String(highlight) });
  const image = new Image();
  image.addEventListener('load', () => {
    const scale = Math.min(1, size / Math.max(image.naturalWidth, image.naturalHeight));
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    boxes.forEach(([x1, y1, x2, y2], i) => {
      context.lineWidth = i === highlight ? 4 : 2;
      context.strokeStyle = i === highlight ? MATCHED : OTHER;
      context.setLineDash(i === highlight || highlight < 0 ? [] : [6, 4]);
      context.strokeRect(x1 * scale, y1 * scale, (x2 - x1) * scale, (y2 - y1) * scale);
      if (numbered) {
        context.font = 'bold 16px sans-serif';
        context.fillStyle = context.strokeStyle;
        context.fillText(String(i + 1), x1 * scale + 3, Math.max(16, y1 * scale - 4));
      }
    });
    canvas.dataset.drawn = 'true';
  });
  image.src = src;
  return canvas;
}

/** The search's answer explained: the probe with its faces (the matched one green), the registered face it matched. */
function searchAnswer(body, probeUrl) {
  const match = body.isInterested ? body.match : null;
  const probeBoxes = (body.probeFaces ?? []).map(face => face.box);
  const library = match?.libraryFace;
  return h('div', { className: 'pair' },
    probeUrl ? h('figure', {}, boxed(probeUrl, probeBoxes, { highlight: match ? match.probeFace.index : -1, label: t('probe'), id: 'probe-boxes' }),
      h('figcaption', {}, match ? t('probeMatchedFace') : t('probe'))) : null,
    library ? h('figure', { id: 'matched-face', 'data-face-id': String(library.id) },
      boxed(library.image, [library.box], { highlight: 0, label: t('matchedFace'), id: 'matched-boxes' }),
      h('figcaption', {}, `${t('matchedFace')} #${library.id}`)) : null);
}

/**
 * Registration from a group photo: the page asks a search for the photo's faces (its probeFaces, in the order
 * registration's face=<index> counts them), shows them numbered, and registers the one chosen or all of them.
 */
function groupRegistration(rerender) {
  const chooser = h('div', { id: 'group-faces' });
  const answer = h('p', { className: 'answer', role: 'alert' });
  const input = h('input', { id: 'group-file', name: 'file', type: 'file', accept: 'image/png,image/jpeg' });
  input.addEventListener('change', async () => {
    chooser.replaceChildren();
    const file = input.files[0];
    if (!file) return;
    say(answer, t('findingFaces'), null);
    const probe = new FormData();
    probe.append('faceFile', file);
    const reply = await sendForm('/images-db/search', probe);
    const boxes = (reply.body?.probeFaces ?? []).map(face => face.box);
    if (!Array.isArray(reply.body?.probeFaces)) {
      say(answer, message(reply), false);
      return;
    }
    say(answer, `${t('facesFound')}: ${boxes.length}`, true);
    const url = URL.createObjectURL(file);
    const options = [['all', `${t('allFaces')} (${boxes.length})`], ...boxes.map((box, i) => [String(i), `${t('faceNumber')} ${i + 1}`])];
    const choose = form('register-group', [
      boxed(url, boxes, { label: t('groupPhoto'), id: 'group-boxes', size: 480, numbered: true }),
      h('fieldset', { className: 'face-options' }, h('legend', {}, t('whichFaces')),
        options.map(([value, label], i) => h('label', { className: 'option' },
          h('input', { type: 'radio', name: 'face', value, checked: i === (boxes.length > 1 ? 1 : 0) }), ' ', label))),
    ], t('registerChosen'), async (values, registered) => {
      const upload = new FormData();
      upload.append('file', file);
      const result = await sendForm(`/images-db?face=${encodeURIComponent(values.face)}`, upload);
      say(registered, result.ok ? `${message(result)} (${result.body.faces?.length ?? 0})` : message(result), result.ok);
      if (result.ok) setTimeout(rerender, 600);
    });
    chooser.replaceChildren(choose);
  });
  return h('div', {}, h('div', { className: 'field' }, h('label', { for: 'group-file' }, t('groupPhoto')), input,
    h('small', {}, t('groupHelp'))), answer, chooser);
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
    result.className = body.isInterested ? 'match' : 'no-match';
    result.append(
      h('p', { className: 'verdict' }, body.isInterested ? t('match') : t('noMatch')),
      h('dl', {},
        h('dt', {}, t('score')), h('dd', { id: 'search-score' }, typeof body.score === 'number' ? body.score.toFixed(2) : t('none')),
        h('dt', {}, t('facesInProbe')), h('dd', {}, String(body.faces ?? ''))),
      searchAnswer(body, probe ? URL.createObjectURL(probe) : null));
  });

  return h('div', {},
    section(t('search'), search, result),
    section(t('registered'), list),
    section(t('registerFace'), h('h3', {}, t('fromNewPhoto')), fromNew, h('h3', {}, t('fromGroupPhoto')),
      groupRegistration(rerender), h('h3', {}, t('fromGallery')), fromGallery));
}
