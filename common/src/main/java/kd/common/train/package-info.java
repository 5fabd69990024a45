/**
 * Training: the distillation loss ({@link kd.common.train.DistillationLoss}), teacher soft labels
 * ({@link kd.common.train.SoftTargets}, {@link kd.common.train.LmLabels}) and the training loop
 * with checkpoints ({@link kd.common.train.Trainer}).
 */
package kd.common.train;
