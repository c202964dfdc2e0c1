// Registered by app.ts with registerReportRoutes(app): routes directly on the app.
import type { Express } from 'express';
import OpenAI from 'openai';
import { requireAuth } from '../middleware/auth';

const openai = new OpenAI();

export function registerReportRoutes(app: Express) {
  app.get('/reports/summary', requireAuth, (req, res) => res.json({ ok: true })); // ok: code-route-without-auth

  app.get('/reports/export.csv', (req, res) => res.type('csv').send('id,total\n'));
  //      ^^^^^^^^^^^^^^^^^^^^^ code-route-without-auth

  app.post('/reports/ai-summary', requireAuth, async (req, res) => {
  //       ^^^^^^^^^^^^^^^^^^^^^ code-missing-rate-limit
    const completion = await openai.chat.completions.create({
    //                                               ^^^^^^ code-llm-unbounded-tokens
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: `Summarise sales reports. Use a ${req.body.tone} tone.` },
        //                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-prompt-injection
        { role: 'user', content: req.body.report },
      ],
    });
    res.json({ summary: completion.choices[0]?.message.content });
  });
}
