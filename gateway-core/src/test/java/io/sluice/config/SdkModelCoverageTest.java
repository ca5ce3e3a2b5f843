package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.mediaconnect.model.AddMaintenance;
import software.amazon.awssdk.services.mediaconnect.model.AddMediaStreamRequest;
import software.amazon.awssdk.services.mediaconnect.model.AddOutputRequest;
import software.amazon.awssdk.services.mediaconnect.model.CreateFlowRequest;
import software.amazon.awssdk.services.mediaconnect.model.DestinationConfigurationRequest;
import software.amazon.awssdk.services.mediaconnect.model.EncodingParametersRequest;
import software.amazon.awssdk.services.mediaconnect.model.Encryption;
import software.amazon.awssdk.services.mediaconnect.model.FailoverConfig;
import software.amazon.awssdk.services.mediaconnect.model.FmtpRequest;
import software.amazon.awssdk.services.mediaconnect.model.GrantEntitlementRequest;
import software.amazon.awssdk.services.mediaconnect.model.InputConfigurationRequest;
import software.amazon.awssdk.services.mediaconnect.model.InterfaceRequest;
import software.amazon.awssdk.services.mediaconnect.model.MediaStreamAttributesRequest;
import software.amazon.awssdk.services.mediaconnect.model.MediaStreamOutputConfigurationRequest;
import software.amazon.awssdk.services.mediaconnect.model.MediaStreamSourceConfigurationRequest;
import software.amazon.awssdk.services.mediaconnect.model.SetSourceRequest;
import software.amazon.awssdk.services.mediaconnect.model.SourcePriority;
import software.amazon.awssdk.services.mediaconnect.model.VpcInterfaceAttachment;
import software.amazon.awssdk.services.mediaconnect.model.VpcInterfaceRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every member of every CreateFlow request shape in the AWS SDK's MediaConnect model (a newer model than the
 * baseline) is known to the config reader: read, or refused with a reason, never reported as unknown. Checked in
 * both spellings. Lives in gateway-core because the SDK is a test dependency here, not in config.
 */
class SdkModelCoverageTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    record Shape(String name, SdkPojo model, Function<ObjectNode, ObjectNode> placeInFlow, String path) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Shape> shapes() {
        return List.of(
                new Shape("CreateFlowRequest", CreateFlowRequest.builder().build(), m -> m, ""),
                new Shape("SetSourceRequest", SetSourceRequest.builder().build(), m -> flow("Source", m), "Source"),
                new Shape("AddOutputRequest", AddOutputRequest.builder().build(), m -> flow("Outputs", NODES.arrayNode().add(m)), "Outputs[0]"),
                new Shape("Encryption", Encryption.builder().build(), m -> flow("Source", obj("Decryption", m)), "Source.Decryption"),
                new Shape("FailoverConfig", FailoverConfig.builder().build(), m -> flow("SourceFailoverConfig", m), "SourceFailoverConfig"),
                new Shape("SourcePriority", SourcePriority.builder().build(),
                        m -> flow("SourceFailoverConfig", obj("SourcePriority", m)), "SourceFailoverConfig.SourcePriority"),
                new Shape("GrantEntitlementRequest", GrantEntitlementRequest.builder().build(),
                        m -> flow("Entitlements", NODES.arrayNode().add(m)), "Entitlements[0]"),
                new Shape("AddMediaStreamRequest", AddMediaStreamRequest.builder().build(),
                        m -> flow("MediaStreams", NODES.arrayNode().add(m)), "MediaStreams[0]"),
                new Shape("MediaStreamAttributesRequest", MediaStreamAttributesRequest.builder().build(),
                        m -> flow("MediaStreams", NODES.arrayNode().add(obj("Attributes", m))), "MediaStreams[0].Attributes"),
                new Shape("FmtpRequest", FmtpRequest.builder().build(),
                        m -> flow("MediaStreams", NODES.arrayNode().add(obj("Attributes", obj("Fmtp", m)))), "MediaStreams[0].Attributes.Fmtp"),
                new Shape("MediaStreamSourceConfigurationRequest", MediaStreamSourceConfigurationRequest.builder().build(),
                        m -> flow("Source", obj("MediaStreamSourceConfigurations", NODES.arrayNode().add(m))),
                        "Source.MediaStreamSourceConfigurations[0]"),
                new Shape("InputConfigurationRequest", InputConfigurationRequest.builder().build(),
                        m -> flow("Source", obj("MediaStreamSourceConfigurations", NODES.arrayNode().add(
                                obj("InputConfigurations", NODES.arrayNode().add(m))))),
                        "Source.MediaStreamSourceConfigurations[0].InputConfigurations[0]"),
                new Shape("InterfaceRequest", InterfaceRequest.builder().build(),
                        m -> flow("Source", obj("MediaStreamSourceConfigurations", NODES.arrayNode().add(
                                obj("InputConfigurations", NODES.arrayNode().add(obj("Interface", m)))))),
                        "Source.MediaStreamSourceConfigurations[0].InputConfigurations[0].Interface"),
                new Shape("MediaStreamOutputConfigurationRequest", MediaStreamOutputConfigurationRequest.builder().build(),
                        m -> flow("Outputs", NODES.arrayNode().add(obj("MediaStreamOutputConfigurations", NODES.arrayNode().add(m)))),
                        "Outputs[0].MediaStreamOutputConfigurations[0]"),
                new Shape("DestinationConfigurationRequest", DestinationConfigurationRequest.builder().build(),
                        m -> flow("Outputs", NODES.arrayNode().add(obj("MediaStreamOutputConfigurations", NODES.arrayNode().add(
                                obj("DestinationConfigurations", NODES.arrayNode().add(m)))))),
                        "Outputs[0].MediaStreamOutputConfigurations[0].DestinationConfigurations[0]"),
                new Shape("EncodingParametersRequest", EncodingParametersRequest.builder().build(),
                        m -> flow("Outputs", NODES.arrayNode().add(obj("MediaStreamOutputConfigurations", NODES.arrayNode().add(
                                obj("EncodingParameters", m))))),
                        "Outputs[0].MediaStreamOutputConfigurations[0].EncodingParameters"),
                new Shape("VpcInterfaceRequest", VpcInterfaceRequest.builder().build(),
                        m -> flow("VpcInterfaces", NODES.arrayNode().add(m)), "VpcInterfaces[0]"),
                new Shape("VpcInterfaceAttachment", VpcInterfaceAttachment.builder().build(),
                        m -> flow("Outputs", NODES.arrayNode().add(obj("VpcInterfaceAttachment", m))), "Outputs[0].VpcInterfaceAttachment"),
                new Shape("AddMaintenance", AddMaintenance.builder().build(), m -> flow("Maintenance", m), "Maintenance"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyModelMemberIsKnownInBothSpellings(Shape shape) {
        List<String> unknown = new ArrayList<>();
        for (SdkField<?> field : shape.model().sdkFields()) {
            for (Spelling spelling : Spelling.values()) {
                String member = spelling == Spelling.SDK ? field.memberName() : field.locationName();
                ObjectNode holder = NODES.objectNode();
                holder.set(member, sample(field));
                ObjectNode document = shape.placeInFlow().apply(holder);
                if (!document.has("Name") && !document.has("name")) {
                    document.put("Name", "f");
                }
                String path = (shape.path().isEmpty() ? "" : shape.path() + ".") + member;
                ConfigException e = catchThrowableOfType(ConfigException.class, () -> FlowConfigs.read(document));
                if (e != null) {
                    e.errors().stream()
                            .filter(error -> error.path().equals(path) && error.message().startsWith("unknown member"))
                            .forEach(error -> unknown.add(error.toString()));
                }
            }
        }
        assertThat(shape.model().sdkFields()).isNotEmpty();
        assertThat(unknown).as("members of %s reported as unknown", shape.name()).isEmpty();
    }

    private static JsonNode sample(SdkField<?> field) {
        return switch (field.marshallingType().toString()) {
            case "String" -> NODES.textNode("x");
            case "Integer", "Long" -> NODES.numberNode(1);
            case "Double", "Float" -> NODES.numberNode(1.0);
            case "Boolean" -> NODES.booleanNode(true);
            case "List" -> NODES.arrayNode();
            default -> NODES.objectNode();
        };
    }

    private static ObjectNode flow(String member, JsonNode value) {
        ObjectNode flow = NODES.objectNode();
        flow.put("Name", "f");
        flow.set(member, value);
        return flow;
    }

    private static ObjectNode obj(String member, JsonNode value) {
        ObjectNode object = NODES.objectNode();
        object.set(member, value);
        return object;
    }
}
