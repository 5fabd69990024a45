/**
 * The built-in probabilistic grammar of English agreement sentences, with its lexicon. Same seed,
 * same sentences.
 */
package kd.loader.prep.generate;
