/** The version of `@rollgate/cli`, as `rollgate --version` prints it. */
export const CLI_VERSION = '0.1.0';
