/** Runs a class's shards as a Slurm job array and merges their gradebooks in a job that waits for it. */
package io.interleave.grader.slurm;
