// How a subscription is named in text: the app and the plan, without saying the app twice ("Gong Foundation").

/** "Slack" + "Business+" -> "Slack Business+"; "Gong" + "Gong Foundation" -> "Gong Foundation". */
export function subscriptionName(appName: string, plan: string): string {
  const app = appName.trim();
  const rest = plan.trim();
  if (rest === '') return app;
  const startsWithApp = rest.toLowerCase().startsWith(app.toLowerCase());
  // Only a whole word: "Notion" + "Notionary" stays "Notion Notionary".
  const wholeWord = startsWithApp && (rest.length === app.length || !/[\p{L}\p{N}]/u.test(rest[app.length]!));
  return wholeWord ? rest : `${app} ${rest}`;
}
