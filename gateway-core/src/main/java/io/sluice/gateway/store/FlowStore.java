package io.sluice.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Flows on disk under {@code --data-dir}: one file {@code flows/<hash of the flow ARN>.json} per flow, replaced
 * atomically on every change ({@link AtomicFiles}). Loading reports every unreadable file with its path and reason
 * and skips it; the file stays where it is for a person to inspect.
 */
public final class FlowStore {
    private static final Logger LOG = LoggerFactory.getLogger(FlowStore.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int FORMAT_VERSION = 1;

    /** A file that could not be restored, and why. */
    public record CorruptFile(Path path, String reason) {}

    /** What {@link #load()} found. */
    public record Loaded(List<StoredFlow> flows, List<CorruptFile> corrupt) {}

    private final Path flowsDir;

    public FlowStore(Path dataDir) {
        this.flowsDir = dataDir.resolve("flows");
        try {
            Files.createDirectories(flowsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("--data-dir " + dataDir + ": cannot create " + flowsDir + " (" + e.getMessage() + ")", e);
        }
    }

    public Path directory() {
        return flowsDir;
    }

    /** Writes the flow atomically; when this returns, the new state survives a crash or power loss. */
    public void save(StoredFlow flow) {
        ObjectNode file = JSON.createObjectNode();
        file.put("formatVersion", FORMAT_VERSION);
        file.put("flowArn", flow.flowArn());
        file.put("sequence", flow.sequence());
        file.put("desiredState", flow.running() ? "RUNNING" : "STOPPED");
        file.set("flow", flow.document());
        try {
            AtomicFiles.write(fileOf(flow.flowArn()), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save flow " + flow.flowArn() + " in " + flowsDir + ": " + e.getMessage(), e);
        }
    }

    public void delete(String flowArn) {
        try {
            AtomicFiles.delete(fileOf(flowArn));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete flow " + flowArn + " from " + flowsDir + ": " + e.getMessage(), e);
        }
    }

    /** Reads every flow, in creation order; unreadable files are logged, listed in the result and skipped. */
    public Loaded load() {
        List<StoredFlow> flows = new ArrayList<>();
        List<CorruptFile> corrupt = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(flowsDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(file); // a write that a crash cut short; the target still holds the last good state
                } else if (name.endsWith(".json")) {
                    try {
                        flows.add(read(file));
                    } catch (IOException | RuntimeException e) {
                        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                        LOG.error("event=store_corrupt_file file={} reason=\"{}\" action=skipped", file, reason);
                        corrupt.add(new CorruptFile(file, reason));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + flowsDir + ": " + e.getMessage(), e);
        }
        flows.sort(Comparator.comparingLong(StoredFlow::sequence));
        return new Loaded(List.copyOf(flows), List.copyOf(corrupt));
    }

    private StoredFlow read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        if (root.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new IOException("formatVersion " + root.path("formatVersion") + " is not " + FORMAT_VERSION);
        }
        String arn = root.path("flowArn").asText(null);
        JsonNode flow = root.get("flow");
        String state = root.path("desiredState").asText("");
        if (arn == null || !(flow instanceof ObjectNode document) || !(state.equals("RUNNING") || state.equals("STOPPED"))) {
            throw new IOException("missing flowArn, flow or desiredState (RUNNING|STOPPED)");
        }
        if (!file.getFileName().toString().equals(fileOf(arn).getFileName().toString())) {
            throw new IOException("file name does not match flowArn " + arn);
        }
        return new StoredFlow(arn, root.path("sequence").asLong(), state.equals("RUNNING"), document);
    }

    private Path fileOf(String flowArn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(flowArn.getBytes(StandardCharsets.UTF_8));
            return flowsDir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
