export declare const BACKGROUND_NICE: number;
export declare function threadId(): number | null;
export declare function runInBackground(): boolean;
