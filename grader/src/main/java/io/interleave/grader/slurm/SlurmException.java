package io.interleave.grader.slurm;

/** A Slurm command that is missing, refused or did not answer; the message says which and what it said. */
public final class SlurmException extends Exception {
    public SlurmException(String message) {
        super(message);
    }
}
