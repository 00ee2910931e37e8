// How numbers appear in reason messages (values of any kind go through describeValue, '@rollgate/contract/errors').

/** A number rounded for people (at most 12 significant digits), as text. */
export const show = (n: number): string => String(Number.parseFloat(n.toPrecision(12)));
