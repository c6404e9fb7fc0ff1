// Types for the crx3 package (it ships none): the part of its API the server uses.
declare module 'crx3' {
  type Crx3Options = { keyPath: string; crxPath: string; zipPath?: string; xmlPath?: string; crxURL?: string };
  export default function crx3(files: string[], options: Crx3Options): Promise<{ appId: string }>;
}
