package kd.teacher;
