// Link previews: the URL comes from the handler.
const ALLOWED = new Set(['https://docs.example.com']);

async function fetchPreview(url) {
  const res = await fetch(url);
  return res.text();
}

async function fetchAllowedPreview(url) {
  const origin = new URL(url).origin;
  if (!ALLOWED.has(origin)) throw new Error('host not allowed');
  const res = await fetch(`https://docs.example.com/${encodeURIComponent(url)}`);
  return res.text();
}

module.exports = { fetchPreview, fetchAllowedPreview };
