/**
 * Words to token ids: the vocabulary of the train split, the singular/plural verb pairs of the LM
 * agreement test, and the small tokenizer for raw sentences.
 */
package kd.loader.prep.vocab;
