/**
 * Documents for HCS travel as JSON text. A string is taken as JSON text already and sent as is (the UI
 * sends what the user typed, and HCS's own error events say what is wrong with it); anything else is
 * serialised with JSON.stringify, as hcsshim json.Marshal's its Go values.
 */
export function toJsonText(doc: unknown): string {
  if (typeof doc === 'string') return doc;
  const text = JSON.stringify(doc);
  if (text === undefined) throw new TypeError(`a ${typeof doc} cannot be sent to HCS as a JSON document`);
  return text;
}

/**
 * Parses a JSON object HCS returned (json.Unmarshal into a struct): throws when the text is not JSON or not
 * an object.
 */
export function parseJsonObject<T>(text: string): T {
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SyntaxError(
      `expected a JSON object from HCS, got ${Array.isArray(value) ? 'an array' : String(value === null ? 'null' : typeof value)}`,
    );
  }
  return value as T;
}
