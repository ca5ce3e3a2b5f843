package io.sluice.config;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/** A flow document that is not valid: every error found, not only the first. */
public final class ConfigException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every error, in document order as far as possible; never empty. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String describe(List<ConfigError> errors) {
        return errors.size() + (errors.size() == 1 ? " error" : " errors") + " in flow document:\n  "
                + errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n  "));
    }
}
