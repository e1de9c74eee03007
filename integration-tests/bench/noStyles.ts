/** Stands in for the plugin's CSS imports in the benchmark: styles are webpack's job. */
export {};
