package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated documents: the reader either accepts (and then round-trips) or throws {@link ConfigException}
 * with at least one error; never any other exception.
 */
class FlowReaderFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SEEDS = seeds();
    private static final String DAMAGE = "{}[]\",:0-e.\\\u0000\uD800é";
    private static final String[] MEMBERS = {"Name", "Source", "Sources", "Outputs", "Protocol", "IngestPort", "Port",
            "Destination", "Decryption", "Encryption", "KeyType", "SecretArn", "SluiceExtensions", "FecColumns",
            "SourceFailoverConfig", "State", "FailoverMode", "Entitlements", "Subscribers", "MediaStreams", "name",
            "protocol", "port", "sources", "outputs"};

    private static List<String> seeds() {
        try (var files = Files.list(Path.of("..", "examples"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 1500)
    void mutatedDocumentsOnlyEverFailWithConfigException(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        JsonNode document = random.nextInt(3) == 0
                ? FlowConfigs.toJson(new RandomFlows(seed).flow(), random.nextBoolean() ? Spelling.SDK : Spelling.WIRE)
                : MAPPER.readTree(SEEDS.get(random.nextInt(SEEDS.size())));
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            document = mutate(document, random);
        }
        check(MAPPER.writeValueAsString(document));
    }

    @Property(tries = 1000)
    void damagedTextOnlyEverFailsWithConfigException(@ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
        for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, DAMAGE.charAt(random.nextInt(DAMAGE.length())));
                case 2 -> text.setLength(at);
                default -> text.insert(at, "[".repeat(random.nextInt(3000)));
            }
            if (text.isEmpty()) {
                break;
            }
        }
        check(text.toString());
    }

    @Property(tries = 1000)
    void randomDocumentsOnlyEverFailWithConfigException(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        check(MAPPER.writeValueAsString(randomValue(random, 0)));
    }

    private static void check(String json) {
        FlowConfig flow;
        try {
            flow = FlowConfigs.read(json);
        } catch (ConfigException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.message()).isNotBlank());
            return;
        }
        assertThat(FlowConfigs.read(FlowConfigs.write(flow, Spelling.WIRE))).isEqualTo(flow);
        assertThat(FlowConfigs.read(FlowConfigs.write(flow, Spelling.SDK))).isEqualTo(flow);
    }

    private static JsonNode mutate(JsonNode node, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(node, containers);
        if (containers.isEmpty()) {
            return randomValue(random, 0);
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(5)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, randomValue(random, 2));
                case 2 -> object.set(typo(name, random), object.remove(name));
                case 3 -> object.set(MEMBERS[random.nextInt(MEMBERS.length)], randomValue(random, 2));
                default -> object.set(name, scalar(random));
            }
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            int index = random.nextInt(array.size());
            switch (random.nextInt(3)) {
                case 0 -> array.remove(index);
                case 1 -> array.add(array.get(index).deepCopy());
                default -> array.set(index, randomValue(random, 2));
            }
        } else {
            return randomValue(random, 1);
        }
        return node;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), containers);
            }
        }
    }

    private static String typo(String name, Random random) {
        if (name.length() < 2) {
            return name + "x";
        }
        int at = random.nextInt(name.length() - 1);
        return name.substring(0, at) + name.charAt(at + 1) + name.charAt(at) + name.substring(at + 2);
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            case 6 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = 0, n = random.nextInt(5); i < n; i++) {
                    object.set(MEMBERS[random.nextInt(MEMBERS.length)], randomValue(random, depth + 1));
                }
                yield object;
            }
            default -> scalar(random);
        };
    }

    private static JsonNode scalar(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 5 -> NODES.numberNode(new java.math.BigInteger(130, random));
            case 6 -> NODES.textNode(new String[] {"rtp", "rtp-fec", "rist", "srt-listener", "srt-caller", "zixi-push",
                    "cdi", "udp", "ENABLED", "MERGE", "static-key", "srt-password", "aes128", ""}[random.nextInt(14)]);
            case 7 -> NODES.numberNode(1024 + random.nextInt(64512));
            default -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0, n = random.nextInt(12); i < n; i++) {
                    sb.append((char) random.nextInt(0x3000));
                }
                yield NODES.textNode(sb.toString());
            }
        };
    }
}
