package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import software.amazon.awssdk.services.mediaconnect.model.CreateFlowRequest;

/**
 * Turns a flow file in the CLI's {@code --cli-input-json} spelling (PascalCase) into the SDK's CreateFlowRequest,
 * through the SDK model's own bean-style builder, so example files reach the server exactly as the SDK sends them.
 * {@code SluiceExtensions} members are left out: no SDK model has them (they reach the API only as raw JSON).
 */
final class SdkRequests {
    private static final ObjectMapper CLI_JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, false)
            .build();

    private SdkRequests() {}

    static CreateFlowRequest createFlow(String cliInputJson) throws Exception {
        com.fasterxml.jackson.databind.JsonNode tree = CLI_JSON.readTree(cliInputJson);
        stripExtensions(tree);
        Object builder = CLI_JSON.treeToValue(tree, CreateFlowRequest.serializableBuilderClass());
        return ((CreateFlowRequest.Builder) builder).build();
    }

    private static void stripExtensions(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove("SluiceExtensions");
        }
        node.forEach(SdkRequests::stripExtensions);
    }
}
