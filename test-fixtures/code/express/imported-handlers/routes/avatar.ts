import type { Request, Response } from 'express';

export function uploadAvatarFromUrl() {
  return async (req: Request, res: Response) => {
    const response = await fetch(req.body.imageUrl); // expect: code-ssrf
    res.status(response.ok ? 204 : 400).end();
  };
}

export async function previewLink(req: Request, res: Response) {
  // apiwarden-disable-next-line code-ssrf -- the URL is checked against an allow-list by the egress proxy
  const page = await fetch(req.body.url); // ok: code-ssrf
  res.json({ title: (await page.text()).slice(0, 80) });
}
