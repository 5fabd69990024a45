package kd.student;
