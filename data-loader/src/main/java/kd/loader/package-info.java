package kd.loader;
