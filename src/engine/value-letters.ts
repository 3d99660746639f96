/**
 * Value letters (A, B, …) stand for values in messages without showing them. One registry per run gives a
 * value the same letter in every finding of its environment and key family, so two rules about the same
 * mismatch never call the same secret A in one place and B in the other.
 */
export function valueLetterRegistry(): (environment: string, family: string, fingerprint: string) => string {
  const registries = new Map<string, Map<string, string>>();
  return (environment, family, fingerprint) => {
    const scope = `${environment}\u0000${family}`;
    let letters = registries.get(scope);
    if (!letters) registries.set(scope, (letters = new Map()));
    let letter = letters.get(fingerprint);
    if (letter === undefined) letters.set(fingerprint, (letter = letterAt(letters.size)));
    return letter;
  };
}

function letterAt(index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < alphabet.length ? alphabet[index]! : `#${index + 1}`;
}
