/**
 * Data governance for an analyst's own data: keyed pseudonyms for customer ids
 * (`pseudonymize`, `loadKey`), content-based detection of personal data (`detectPersonalData`),
 * small-cell suppression with secondary suppression (`suppressSmallCells`), erasure
 * (`forgetCustomers`) and a retention window (`retainRecent`).
 *
 * @module
 */
export {
  MIN_KEY_BYTES,
  PSEUDONYM_HEX_LENGTH,
  pseudonymize,
  type PseudonymizeOptions,
} from "./pseudonymize.ts";
export { defaultKeyFile, type LoadedKey, loadKey, type LoadKeyOptions } from "./load_key.ts";
export {
  detectPersonalData,
  type DetectPersonalDataOptions,
  type PersonalDataKind,
} from "./detect_personal_data.ts";
export {
  DEFAULT_MIN_CELL,
  type SuppressionResult,
  suppressSmallCells,
  type SuppressSmallCellsOptions,
} from "./suppress_small_cells.ts";
export {
  forgetCustomers,
  type ForgetCustomersOptions,
  type ForgetResult,
  retainRecent,
  type RetainRecentOptions,
  type RetainResult,
} from "./forget_customers.ts";
