package io.sluice.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sluice extensions given as tags ({@code "OutputTags": {"sluice:FecColumns": "10"}}), the form the AWS SDK and CLI
 * carry unchanged: CreateFlow's {@code SourceTags}/{@code OutputTags} are maps of strings, so a file using them passes
 * {@code aws mediaconnect create-flow --cli-input-json}, where the Sluice-only {@code SluiceExtensions} member is
 * rejected. The tags fold into the same {@link SluiceExtensionsConfig}; the rules in {@link ExtensionRules} then
 * report at the tag's path. Tags without the {@code sluice:} prefix stay ordinary tags.
 */
final class SluiceTags {
    /** Prefix of a tag key that sets a Sluice extension. */
    static final String PREFIX = "sluice:";

    /** Member names of {@link SluiceExtensionsConfig}, in SDK spelling, each the suffix of one tag key. */
    static final List<String> SETTINGS = List.of(
            "BindAddress", "RistProfile", "SrpUsername", "SrpPasswordSecretArn", "FecColumns", "FecRows", "FecMode",
            "MulticastInterface", "MulticastSourceIp", "MulticastTtl", "MulticastLoopback");

    /** The ordinary tags, and the extensions from both the tags and the {@code SluiceExtensions} member. */
    record Folded(Map<String, String> tags, SluiceExtensionsConfig extensions) {
    }

    private SluiceTags() {
    }

    /**
     * Reads {@code tagsMember} and {@code SluiceExtensions} of the object {@code m}; a setting given in both with
     * different values is an error.
     */
    static Folded read(JsonMembers m, String tagsMember, Function<JsonMembers, SluiceExtensionsConfig> extensionsReader) {
        Problems p = m.problems();
        SluiceExtensionsConfig member = m.object("SluiceExtensions", extensionsReader);
        boolean memberGiven = member != null;
        member = memberGiven ? member : SluiceExtensionsConfig.NONE;
        Map<String, String> all = m.stringMap(tagsMember);
        String tagsPath = m.pathOf(tagsMember);
        String extensionsPath = m.pathOf("SluiceExtensions");
        Map<String, String> ordinary = new LinkedHashMap<>();
        Object[] fromTags = new Object[SETTINGS.size()];
        boolean anyTag = false;
        for (Map.Entry<String, String> tag : all.entrySet()) {
            String key = tag.getKey();
            if (!key.startsWith(PREFIX)) {
                ordinary.put(key, tag.getValue());
                continue;
            }
            anyTag = true;
            String setting = key.substring(PREFIX.length());
            String path = tagPath(tagsPath, key);
            int index = SETTINGS.indexOf(setting);
            if (index < 0) {
                String suggestion = Suggestions.nearest(setting, SETTINGS);
                p.add(path, "unknown Sluice extension tag " + (suggestion == null
                        ? "(expected one of " + String.join(", ", SETTINGS.stream().map(s -> PREFIX + s).toList()) + ")"
                        : "(did you mean \"" + PREFIX + suggestion + "\"?)"));
                continue;
            }
            fromTags[index] = parse(setting, tag.getValue(), path, p);
            Object given = value(member, setting);
            if (fromTags[index] != null && given != null && !given.equals(fromTags[index])) {
                p.add(path, "\"" + tag.getValue() + "\" contradicts " + p.member(extensionsPath, setting) + ": "
                        + show(given) + " (give the setting once, as a tag or in SluiceExtensions)");
            }
        }
        for (int i = 0; i < SETTINGS.size(); i++) {
            String setting = SETTINGS.get(i);
            // Rule errors go where the user wrote the setting: the tag, or for a missing setting the tags when only
            // tags were used.
            if (fromTags[i] != null && value(member, setting) == null || !memberGiven && anyTag) {
                p.alias(p.member(extensionsPath, setting), tagPath(tagsPath, PREFIX + setting));
            }
        }
        SluiceExtensionsConfig folded = new SluiceExtensionsConfig(
                pick(member.bindAddress(), (String) fromTags[0]),
                pick(member.ristProfile(), (RistProfile) fromTags[1]),
                pick(member.srpUsername(), (String) fromTags[2]),
                pick(member.srpPasswordSecretArn(), (String) fromTags[3]),
                pick(member.fecColumns(), (Integer) fromTags[4]),
                pick(member.fecRows(), (Integer) fromTags[5]),
                pick(member.fecMode(), (FecMode) fromTags[6]),
                pick(member.multicastInterface(), (String) fromTags[7]),
                pick(member.multicastSourceIp(), (String) fromTags[8]),
                pick(member.multicastTtl(), (Integer) fromTags[9]),
                pick(member.multicastLoopback(), (Boolean) fromTags[10]));
        return new Folded(ordinary, folded);
    }

    /** The extensions as {@code sluice:} tags in front of the ordinary {@code tags} (the CLI-compatible form). */
    static Map<String, String> write(SluiceExtensionsConfig x, Map<String, String> tags) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String setting : SETTINGS) {
            Object value = value(x, setting);
            if (value != null) {
                all.put(PREFIX + setting, value instanceof WireEnum e ? e.wireValue() : value.toString());
            }
        }
        all.putAll(tags);
        return all;
    }

    /** {@code Outputs[0].OutputTags."sluice:FecColumns"}: the key is quoted, as it contains a colon. */
    static String tagPath(String tagsPath, String key) {
        return JsonMembers.keyPath(tagsPath, key);
    }

    private static Object parse(String setting, String text, String path, Problems p) {
        switch (setting) {
            case "MulticastLoopback" -> {
                String flag = text.strip();
                if (flag.equals("true") || flag.equals("false")) {
                    return Boolean.valueOf(flag);
                }
                p.add(path, "\"" + text + "\" is not a valid MulticastLoopback (expected \"true\" or \"false\")");
                return null;
            }
            case "FecColumns", "FecRows", "MulticastTtl" -> {
                try {
                    return Integer.valueOf(text.strip());
                } catch (NumberFormatException e) {
                    p.add(path, "\"" + text + "\" is not a whole number (tag values are strings: write \"10\")");
                    return null;
                }
            }
            case "RistProfile" -> {
                return enumeration(RistProfile.class, setting, text, path, p);
            }
            case "FecMode" -> {
                return enumeration(FecMode.class, setting, text, path, p);
            }
            default -> {
                return text;
            }
        }
    }

    private static <E extends Enum<E> & WireEnum> E enumeration(Class<E> type, String setting, String text, String path,
                                                                Problems p) {
        E constant = WireEnum.lookup(type, text);
        if (constant == null) {
            p.add(path, "\"" + text + "\" is not a valid " + setting + " (expected one of " + WireEnum.expected(type) + ")");
        }
        return constant;
    }

    private static Object value(SluiceExtensionsConfig x, String setting) {
        return switch (setting) {
            case "BindAddress" -> x.bindAddress();
            case "RistProfile" -> x.ristProfile();
            case "SrpUsername" -> x.srpUsername();
            case "SrpPasswordSecretArn" -> x.srpPasswordSecretArn();
            case "FecColumns" -> x.fecColumns();
            case "FecRows" -> x.fecRows();
            case "FecMode" -> x.fecMode();
            case "MulticastInterface" -> x.multicastInterface();
            case "MulticastSourceIp" -> x.multicastSourceIp();
            case "MulticastTtl" -> x.multicastTtl();
            case "MulticastLoopback" -> x.multicastLoopback();
            default -> throw new IllegalArgumentException("not a SluiceExtensions member: " + setting);
        };
    }

    private static String show(Object value) {
        return value instanceof WireEnum e ? "\"" + e.wireValue() + "\"" : value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static <T> T pick(T member, T tag) {
        return member != null ? member : tag;
    }
}
