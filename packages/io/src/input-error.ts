/** An input file that cannot be used at all (unreadable, no usable header, every row rejected): exit code 1. */
export class InputFileError extends Error {
  override name = 'InputFileError';
}
