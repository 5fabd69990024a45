/**
 * Dataset preparation: reads agreement sources, splits them, builds the vocabulary and encodes the
 * items. {@link kd.loader.prep.Preparer} is the entry point, {@link kd.loader.prep.DatasetFolder}
 * writes the result to a folder. Plain Java: the service wiring lives elsewhere.
 */
package kd.loader.prep;
