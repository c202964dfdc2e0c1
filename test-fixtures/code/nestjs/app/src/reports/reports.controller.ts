import { Body, Controller, Post } from '@nestjs/common';
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { exec } from 'node:child_process';
import https from 'node:https';

const insecureAgent = new https.Agent({ rejectUnauthorized: false });
//                                                          ^^^^^ code-tls-verification-disabled

@Controller('reports')
export class ReportsController {
  @Post('shell-helper')
// ^^^^^^^^^^^^^^^^^^^^ code-missing-rate-limit
  async shellHelper(@Body() body: { task: string }) {
    const { text } = await generateText({
    //                     ^^^^^^^^^^^^ code-llm-unbounded-tokens
      model: openai('gpt-4o-mini'),
      prompt: 'Write a single shell command that does this: ' + body.task,
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-prompt-injection
    });
    exec(text);
//  ^^^^ code-llm-output-unvalidated
    return { ran: text, agent: Boolean(insecureAgent) };
  }
}
