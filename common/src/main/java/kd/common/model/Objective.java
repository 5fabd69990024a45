package kd.common.model;

/** What a model is trained to predict. */
public enum Objective {
    /** Singular or plural verb from the prefix up to the verb: two classes. */
    CLASSIFICATION,
    /** Next token at every position of the sentence. */
    LM
}
