/**
 * A module's doc comment, wrapped at 100 columns: the generated files carry the kind's name in
 * their prose, so no fixed line breaks would fit every name.
 */
export function docComment(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width - 3) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return ['/**', ...lines.map((l) => ` * ${l}`), ' */'].join('\n');
}
