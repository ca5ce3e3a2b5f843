package io.sluice.gateway.store;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FlowStoreTest {
    @TempDir
    Path dataDir;

    private static ObjectNode document(String name) {
        ObjectNode doc = JsonMapper.builder().build().createObjectNode();
        doc.putObject("request").put("name", name);
        return doc;
    }

    @Test
    void savesReplacesAndDeletesFlowsAndLoadsThemInCreationOrder() {
        FlowStore store = new FlowStore(dataDir);
        store.save(new StoredFlow("arn:b", 2, true, document("b")));
        store.save(new StoredFlow("arn:a", 1, false, document("a")));
        store.save(new StoredFlow("arn:a", 1, true, document("a2")));
        store.save(new StoredFlow("arn:c", 3, false, document("c")));
        store.delete("arn:c");

        FlowStore.Loaded loaded = new FlowStore(dataDir).load();
        assertThat(loaded.corrupt()).isEmpty();
        assertThat(loaded.flows()).extracting(StoredFlow::flowArn).containsExactly("arn:a", "arn:b");
        assertThat(loaded.flows().get(0).running()).isTrue();
        assertThat(loaded.flows().get(0).document().path("request").path("name").asText()).isEqualTo("a2");
    }

    @Test
    void reportsAndSkipsACorruptFileKeepsItAndRemovesAnInterruptedWrite() throws Exception {
        FlowStore store = new FlowStore(dataDir);
        store.save(new StoredFlow("arn:good", 1, true, document("good")));
        Path corrupt = store.directory().resolve("0123456789abcdef0123456789abcdef.json");
        Files.writeString(corrupt, "{\"formatVersion\":1,\"flowArn\":\"arn:x\",\"flow\":{\"request\":");
        Path torn = store.directory().resolve("whatever.json.123.456.tmp");
        Files.writeString(torn, "{\"half");

        FlowStore.Loaded loaded = store.load();
        assertThat(loaded.flows()).extracting(StoredFlow::flowArn).containsExactly("arn:good");
        assertThat(loaded.corrupt()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo(corrupt);
            assertThat(c.reason()).isNotBlank();
        });
        assertThat(corrupt).exists();
        assertThat(torn).doesNotExist();
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        FlowStore store = new FlowStore(dataDir);
        for (int i = 0; i < 20; i++) {
            store.save(new StoredFlow("arn:f", 1, i % 2 == 0, document("v" + i)));
        }
        try (Stream<Path> files = Files.list(store.directory())) {
            assertThat(files).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".json"));
        }
        assertThat(store.load().flows().getFirst().document().path("request").path("name").asText()).isEqualTo("v19");
    }
}
