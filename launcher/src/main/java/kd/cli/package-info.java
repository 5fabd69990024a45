package kd.cli;
