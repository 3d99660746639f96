/**
 * Parses the `run.googleapis.com/secrets` annotation: `ALIAS:projects/PROJECT/secrets/NAME`, comma-separated.
 * A Knative manifest can only name a secret by a short name in `secretKeyRef.name` / `secretName`; a secret
 * in another project gets a local alias declared here (gcloud writes project numbers, the API also takes ids).
 */
export function parseSecretAliases(annotation: string): { aliases: Map<string, string>; problems: string[] } {
  const aliases = new Map<string, string>();
  const problems: string[] = [];
  for (const pair of annotation.split(',')) {
    const text = pair.trim();
    if (text === '') continue;
    const found = /^([A-Za-z0-9_-]+):(projects\/[^/\s:]+\/secrets\/[A-Za-z0-9_-]+)$/.exec(text);
    if (!found) {
      problems.push(`'${shorten(text)}' is not ALIAS:projects/PROJECT/secrets/NAME`);
      continue;
    }
    const [, alias, secret] = found as unknown as [string, string, string];
    const earlier = aliases.get(alias);
    if (earlier !== undefined && earlier !== secret) problems.push(`alias '${alias}' is declared twice, for ${earlier} and ${secret}`);
    aliases.set(alias, secret);
  }
  return { aliases, problems };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
