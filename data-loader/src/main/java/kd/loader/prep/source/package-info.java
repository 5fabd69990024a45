/**
 * Readers of the agreement sources (Linzen numpred and full TSV, UD CoNLL-U, BLiMP JSONL). Each
 * turns a file into {@link kd.loader.prep.source.AgreementItem}s or text pairs, and records every
 * malformed line it leaves out in a {@link kd.loader.prep.source.Rejections}.
 */
package kd.loader.prep.source;
