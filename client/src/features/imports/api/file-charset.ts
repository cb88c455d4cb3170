/**
 * The character sets the import reads besides UTF-8, as the API names them. Excel's "CSV" (not "CSV UTF-8") is saved in
 * the system's code page: windows-1250 in Poland, windows-1253 in Greece, windows-1252 in Portugal and Catalonia.
 */
export const fileCharsets = ['utf-8', 'windows-1250', 'windows-1252', 'windows-1253', 'iso-8859-2', 'iso-8859-7'] as const;
export type FileCharset = (typeof fileCharsets)[number];

/** How much of a file is read to tell whether it is UTF-8, and for the sample of its first lines. */
const headBytes = 1 << 20;

/** Through FileReader, which every browser (and jsdom) has; Blob.arrayBuffer is newer. */
const readHead = (file: Blob) =>
  new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(file.slice(0, headBytes));
  });

/**
 * False when the file's first megabyte has bytes that are not UTF-8 (a character cut at that megabyte's end is not
 * counted). The API checks the whole file; this lets the wizard ask for the set before uploading anything.
 */
export async function isUtf8(file: Blob): Promise<boolean> {
  let head: ArrayBuffer;
  try {
    head = await readHead(file);
  } catch {
    return true; // unread here: the upload then reads it, and the API says what it finds
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The set a file that is not UTF-8 was most likely saved in, by the language the user works in. */
export const likelyCharset = (language: string | undefined): FileCharset =>
  language?.startsWith('pl') ? 'windows-1250' : language?.startsWith('el') ? 'windows-1253' : 'windows-1252';

/** The file's first lines read in `charset`, so the user sees whether the names come out right before importing. */
export async function sampleLines(file: Blob, charset: FileCharset, count = 4): Promise<string[]> {
  const text = new TextDecoder(charset).decode(await readHead(file), { stream: true });
  return text
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim().length > 0)
    .slice(0, count);
}
