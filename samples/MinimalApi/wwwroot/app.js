// Direct upload: 1) ask our server for a signature, 2) post the file to Cloudinary with it,
// 3) ask our server for a signed delivery URL and show the image.
'use strict';

const fileInput = document.getElementById('file');
const statusLine = document.getElementById('status');
const image = document.getElementById('result');

function show(text) {
  statusLine.textContent = text;
}

async function getJson(response, what) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = (body.error && body.error.message) || body.detail || response.statusText;
    throw new Error(`${what} failed (HTTP ${response.status}): ${detail}`);
  }
  return body;
}

async function upload() {
  const file = fileInput.files[0];
  if (!file) {
    show('Choose an image first.');
    return;
  }

  // This page shows what it uploads as an image; anything else would come back as a file it cannot show.
  if (!file.type.startsWith('image/')) {
    show(`${file.name} is not an image: choose a PNG, JPEG, GIF or WebP file.`);
    return;
  }

  show('Signing…');
  const signed = await getJson(await fetch('upload-signature'), 'Signing');

  const form = new FormData();
  for (const [name, value] of Object.entries(signed.parameters)) {
    form.append(name, value);
  }
  form.append('api_key', signed.apiKey);
  form.append('signature', signed.signature);
  form.append('file', file);

  show('Uploading…');
  const uploaded = await getJson(await fetch(signed.uploadUrl, { method: 'POST', body: form }), 'Upload');

  // Only images get their format appended (a raw file's public ID already ends with its extension).
  const query = uploaded.resource_type === 'image' && uploaded.format ? `?format=${encodeURIComponent(uploaded.format)}` : '';
  const delivery = await getJson(
    await fetch(`images/${encodeURIComponent(uploaded.public_id)}/url${query}`), 'Signing the delivery URL');

  image.onload = () => show(`Uploaded ${uploaded.public_id} (${uploaded.bytes} bytes).`);
  image.onerror = () => show('The image could not be loaded from its delivery URL.');
  image.hidden = false;
  image.src = delivery.url;
}

document.getElementById('upload').addEventListener('click', () => {
  upload().catch(error => show(error.message));
});
