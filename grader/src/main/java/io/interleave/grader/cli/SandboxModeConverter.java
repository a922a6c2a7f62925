package io.interleave.grader.cli;

import io.interleave.grader.sandbox.SandboxMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Reads a sandbox mode case-insensitively and names the choices when the value is wrong. */
public final class SandboxModeConverter implements CommandLine.ITypeConverter<SandboxMode> {
    @Override
    public SandboxMode convert(String value) {
        try {
            return SandboxMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a sandbox; choose one of "
                    + Arrays.stream(SandboxMode.values()).map(SandboxMode::toString).collect(Collectors.joining(", ")));
        }
    }
}
