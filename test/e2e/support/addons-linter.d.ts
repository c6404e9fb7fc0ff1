// Types for Mozilla's addons-linter (it ships none): the part of its Node API the store-rules test uses.
declare module 'addons-linter' {
  type LinterMessage = { type: string; code: string; message: string; description: string | string[]; file?: string };
  type LinterConfig = {
    _: string[];
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
    stack: boolean;
    pretty: boolean;
    warningsAsErrors: boolean;
    metadata: boolean;
    output: 'none' | 'json' | 'text';
    boring: boolean;
    selfHosted: boolean;
  };
  type LinterResults = {
    count: number;
    summary: { errors: number; notices: number; warnings: number };
    errors: LinterMessage[];
    notices: LinterMessage[];
    warnings: LinterMessage[];
  };
  const linter: {
    createInstance(options: { config: LinterConfig; runAsBinary: boolean }): { run(): Promise<LinterResults> };
  };
  export default linter;
}
