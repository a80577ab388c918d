import { AttributeDatatype, LIST_DATATYPES, type FieldProblem } from '@civitas/contracts';

/** What an administrator sends for one attribute. */
export interface AttributeDefinitionDraft {
  code: string;
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  datatypeDescription?: string | null;
  order: number;
  description?: string | null;
  values?: { key: string; name: string }[] | null;
}

/** Open311 clients send answers as `attribute[CODE]` form fields: brackets and spaces cannot appear. */
export const ATTRIBUTE_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * Checks a service's whole set of attribute definitions: codes well formed and unique, `order`
 * unique, list datatypes with at least one value and unique keys, other datatypes with none.
 * Field paths name the attribute by its position in the list sent.
 */
export function attributeDefinitionProblems(
  drafts: readonly AttributeDefinitionDraft[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const codes = new Map<string, number>();
  const orders = new Map<number, number>();
  drafts.forEach((draft, i) => {
    const at = `attributes[${i}]`;
    if (!ATTRIBUTE_CODE.test(draft.code)) {
      problems.push({
        field: `${at}.code`,
        reason: 'must be 1 to 100 letters, digits, _ . or - (it is sent as attribute[CODE])',
      });
    } else if (codes.has(draft.code)) {
      problems.push({
        field: `${at}.code`,
        reason: `"${draft.code}" is already used by attributes[${codes.get(draft.code)}]`,
      });
    } else {
      codes.set(draft.code, i);
    }
    if (orders.has(draft.order)) {
      problems.push({
        field: `${at}.order`,
        reason: `${draft.order} is already used by attributes[${orders.get(draft.order)}]; order is unique per service`,
      });
    } else {
      orders.set(draft.order, i);
    }
    const values = draft.values ?? [];
    if (LIST_DATATYPES.includes(draft.datatype)) {
      if (values.length === 0) {
        problems.push({
          field: `${at}.values`,
          reason: `a ${draft.datatype} needs at least one value`,
        });
      }
      const keys = new Set<string>();
      values.forEach((v, j) => {
        if (!v.key.trim()) {
          problems.push({ field: `${at}.values[${j}].key`, reason: 'must not be blank' });
        } else if (keys.has(v.key)) {
          problems.push({ field: `${at}.values[${j}].key`, reason: `"${v.key}" appears twice` });
        }
        keys.add(v.key);
      });
    } else if (values.length > 0) {
      problems.push({
        field: `${at}.values`,
        reason: `only singlevaluelist and multivaluelist take values, not ${draft.datatype}`,
      });
    }
    if (!draft.variable && draft.required) {
      problems.push({
        field: `${at}.required`,
        reason: 'an informational attribute (variable: false) cannot be required',
      });
    }
  });
  return problems;
}
