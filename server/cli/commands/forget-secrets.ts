// forget-secrets: the way back when the secret key is lost: the server refuses the database until its secrets go.
import { recordAudit } from '../../queries/audit.ts';
import { renewWebhookSecrets } from '../../queries/webhooks.ts';
import { readFlags, UsageError } from '../args.ts';
import type { Command } from '../context.ts';

export const forgetSecretsCommand: Command = {
  name: 'forget-secrets',
  summary:
    'When the secret key is lost: drop the SMTP password, give webhooks new secrets (printed once), new reclaim links',
  usage: 'forget-secrets --yes',
  openOptions(argv) {
    const { values } = readFlags(argv, { yes: { type: 'boolean' } });
    if (!values.yes) {
      throw new UsageError(
        'this drops every stored secret for good: the SMTP password (enter it again in Settings), ' +
          "every webhook's signing secret (new ones are printed; update the receivers) and the key reclaim links " +
          'are signed with (links already sent stop working). Only when the key cannot be restored: pass --yes',
      );
    }
    return { forgetSecrets: true };
  },
  async run({ db, out, note, actor }) {
    const hooks = await renewWebhookSecrets(db);
    for (const hook of hooks) out(`webhook ${hook.id} (${hook.name}): ${hook.secret}`);
    await recordAudit(db, {
      actor,
      action: 'secrets.forget',
      subjectType: 'settings',
      subjectId: 'secrets',
      after: { webhooks: hooks.length, keySource: db.$secrets.keySource },
    });
    const receivers = hooks.length ? ' and give each webhook receiver its new secret (above)' : '';
    note(
      `Forgotten. Stored secrets are now encrypted with ${db.$secrets.keySource}; back it up. ` +
        `Enter the SMTP password again in Settings > Email${receivers}.`,
    );
  },
};
