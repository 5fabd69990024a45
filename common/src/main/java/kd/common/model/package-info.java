/**
 * The six models of the experiment as DJL blocks ({@link kd.common.model.SequenceModel}), their
 * configuration ({@link kd.common.model.ModelConfig}), batching with right padding ({@link
 * kd.common.model.Batch}) and a trained model's prediction API ({@link
 * kd.common.model.TrainedModel}).
 */
package kd.common.model;
