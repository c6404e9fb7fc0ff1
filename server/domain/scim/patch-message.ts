// The RFC 7644 PatchOp message that deactivates a user, and the forms vendors in the field insist on instead: a
// capitalised op ("Replace", as Azure AD sends it) and a value object without a path.
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type PatchForm = 'rfc' | 'value-object' | 'capitalised-op';

/** Tried in this order: the RFC's form first, the others only after a 400 (the vendor refused the form). */
export const PATCH_FORMS: readonly PatchForm[] = ['rfc', 'value-object', 'capitalised-op'];

export function deactivateMessage(form: PatchForm) {
  const operation =
    form === 'value-object'
      ? { op: 'replace', value: { active: false } }
      : { op: form === 'capitalised-op' ? 'Replace' : 'replace', path: 'active', value: false };
  return { schemas: [PATCH_OP_SCHEMA], Operations: [operation] };
}

/** A filter finding a user by one attribute, `eq` only (some vendors support nothing else), quotes escaped. */
export function eqFilter(attribute: 'userName' | 'emails.value', value: string): string {
  return `${attribute} eq "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
