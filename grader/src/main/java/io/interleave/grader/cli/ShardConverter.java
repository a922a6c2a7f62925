package io.interleave.grader.cli;

import io.interleave.grader.roster.Shard;
import picocli.CommandLine;

/** Reads a {@code --shard I/N} option as {@link Shard#parse} does. */
public final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
    @Override
    public Shard convert(String value) {
        try {
            return Shard.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
