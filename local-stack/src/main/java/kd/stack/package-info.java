package kd.stack;
