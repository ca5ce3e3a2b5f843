package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Sorts errors in the order their paths appear in the document, so a user reads them top to bottom. A path member
 * that is absent from the document (a missing required member) sorts after its present siblings.
 */
final class DocumentOrder {
    private DocumentOrder() {
    }

    static List<ConfigError> sort(List<ConfigError> errors, JsonNode root) {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing((ConfigError e) -> position(e.path(), root), DocumentOrder::compare));
        return sorted;
    }

    private static List<Integer> position(String path, JsonNode root) {
        List<Integer> position = new ArrayList<>();
        JsonNode node = root;
        for (String part : path.isEmpty() ? new String[0] : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            node = step(node, name, position);
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                int index = close < 0 ? Integer.MAX_VALUE : parse(part.substring(bracket + 1, close));
                position.add(index);
                node = node != null && node.isArray() ? node.get(index) : null;
                bracket = close < 0 ? -1 : part.indexOf('[', close);
            }
        }
        return position;
    }

    private static JsonNode step(JsonNode node, String name, List<Integer> position) {
        if (node == null || !node.isObject()) {
            position.add(Integer.MAX_VALUE);
            return null;
        }
        int i = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); i++) {
            if (it.next().equals(name)) {
                position.add(i);
                return node.get(name);
            }
        }
        position.add(Integer.MAX_VALUE);
        return null;
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
