package io.sluice.config;

/**
 * One problem in a flow document: where (a JSON path such as {@code Outputs[3].Port}, in the document's spelling;
 * empty for the document itself) and what was wrong and expected. Never contains secret values.
 */
public record ConfigError(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
