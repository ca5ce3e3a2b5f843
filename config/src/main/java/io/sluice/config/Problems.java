package io.sluice.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects errors while a document is read and validated, and builds paths in the document's spelling. A path
 * that already has an error gets no second one: a value that could not be read is not reported again as missing.
 */
final class Problems {
    private final Spelling spelling;
    private final List<ConfigError> errors = new ArrayList<>();
    private final Set<String> paths = new HashSet<>();

    Problems(Spelling spelling) {
        this.spelling = spelling;
    }

    Spelling spelling() {
        return spelling;
    }

    void add(String path, String message) {
        if (paths.add(path)) {
            errors.add(new ConfigError(path, message));
        }
    }

    boolean has(String path) {
        return paths.contains(path);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<ConfigError> errors() {
        return errors;
    }

    /** {@code parent.Member} with {@code Member} (given in SDK spelling) in the document's spelling. */
    String member(String parent, String sdkName) {
        return join(parent, spelling.name(sdkName));
    }

    /** {@code parent.Member[index]}. */
    String element(String parent, String sdkName, int index) {
        return member(parent, sdkName) + "[" + index + "]";
    }

    static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
