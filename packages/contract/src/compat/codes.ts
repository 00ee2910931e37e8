// Codes of the changes `compareSchemas` reports; defined once.

/** Every code a `SchemaChange` carries. */
export const SCHEMA_CHANGE_CODES = {
  typeNarrowed: 'type_narrowed',
  typeWidened: 'type_widened',
  enumValueRemoved: 'enum_value_removed',
  enumValueAdded: 'enum_value_added',
  fieldBecameRequired: 'field_became_required',
  fieldNoLongerRequired: 'field_no_longer_required',
  fieldRemoved: 'field_removed',
  fieldAdded: 'field_added',
  additionalPropertiesClosed: 'additional_properties_closed',
  additionalPropertiesOpened: 'additional_properties_opened',
  patternAdded: 'pattern_added',
  patternRemoved: 'pattern_removed',
  patternChanged: 'pattern_changed',
  boundTightened: 'bound_tightened',
  boundRelaxed: 'bound_relaxed',
  branchRemoved: 'branch_removed',
  branchAdded: 'branch_added',
  keywordChanged: 'keyword_changed',
  unresolvedRef: 'unresolved_ref',
} as const;
