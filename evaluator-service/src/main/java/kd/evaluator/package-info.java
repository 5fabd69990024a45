package kd.evaluator;
