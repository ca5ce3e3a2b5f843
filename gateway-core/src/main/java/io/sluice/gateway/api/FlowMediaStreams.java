package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * Media streams and VPC interfaces (CDI / ST 2110 and AWS networking): stored and reported, so templates written for
 * MediaConnect load, while media moves over the host's own network. MediaConnect's state rules apply: a media stream
 * leaves only a stopped flow and only when no source or output uses it; a VPC interface leaves only a STANDBY flow.
 */
final class FlowMediaStreams {
    /** What UpdateFlowMediaStream may change; the name and ID are fixed. */
    private static final Set<String> UPDATABLE = Set.of("attributes", "clockRate", "description", "mediaStreamType", "videoFormat");

    private final FlowRegistry flows;
    private final FlowChanges changes;
    private final WireShapes shapes;

    FlowMediaStreams(FlowRegistry flows, FlowChanges changes, WireShapes shapes) {
        this.flows = flows;
        this.changes = changes;
        this.shapes = shapes;
    }

    ObjectNode addMediaStreams(String flowArn, ObjectNode body) {
        FlowRecord flow = flows.findChangeable(flowArn, "AddFlowMediaStreams");
        ArrayNode added = RequestItems.requiredList(body, "mediaStreams", "MediaStreams");
        return Replies.ofFlow(flow.flowArn, "mediaStreams", changes.addItems(flow, "mediaStreams", added, shapes::mediaStream));
    }

    ObjectNode updateMediaStream(String flowArn, String mediaStreamName, ObjectNode body) {
        FlowRecord flow = flows.findChangeable(flowArn, "UpdateFlowMediaStream");
        requireMediaStream(flow, mediaStreamName);
        changes.updateItem(flow, "mediaStreams", mediaStreamName, body, UPDATABLE, "attributes");
        return Replies.ofFlow(flow.flowArn, "mediaStream", shapes.mediaStream(flow.findByName("mediaStreams", mediaStreamName)));
    }

    ObjectNode removeMediaStream(String flowArn, String mediaStreamName) {
        FlowRecord flow = flows.find(flowArn);
        flow.requireState("RemoveFlowMediaStream", "stop it first", FlowRecord.Status.STANDBY, FlowRecord.Status.ERROR);
        requireMediaStream(flow, mediaStreamName);
        if (usedBySourceOrOutput(flow, mediaStreamName)) {
            throw ApiException.badRequest("media stream " + mediaStreamName + " is used by a source or output of the flow");
        }
        changes.removeItem(flow, "mediaStreams", mediaStreamName);
        return Replies.of("flowArn", flow.flowArn, "mediaStreamName", mediaStreamName);
    }

    ObjectNode addVpcInterfaces(String flowArn, ObjectNode body) {
        FlowRecord flow = flows.find(flowArn);
        flow.requireState("AddFlowVpcInterfaces", "stop it first", FlowRecord.Status.STANDBY, FlowRecord.Status.ERROR);
        ArrayNode added = RequestItems.requiredList(body, "vpcInterfaces", "VpcInterfaces");
        return Replies.ofFlow(flow.flowArn, "vpcInterfaces", changes.addItems(flow, "vpcInterfaces", added, shapes::vpcInterface));
    }

    ObjectNode removeVpcInterface(String flowArn, String vpcInterfaceName) {
        FlowRecord flow = flows.find(flowArn);
        flow.requireState("RemoveFlowVpcInterface", "stop it first", FlowRecord.Status.STANDBY);
        if (flow.findByName("vpcInterfaces", vpcInterfaceName) == null) {
            throw ApiException.notFound("VPC interface " + vpcInterfaceName + " not found in flow " + flow.flowArn);
        }
        changes.removeItem(flow, "vpcInterfaces", vpcInterfaceName);
        ObjectNode out = Replies.of("flowArn", flow.flowArn, "vpcInterfaceName", vpcInterfaceName);
        out.putArray("nonDeletedNetworkInterfaceIds");
        return out;
    }

    private static void requireMediaStream(FlowRecord flow, String name) {
        if (flow.findByName("mediaStreams", name) == null) {
            throw ApiException.notFound("media stream " + name + " not found in flow " + flow.flowArn);
        }
    }

    private static boolean usedBySourceOrOutput(FlowRecord flow, String mediaStreamName) {
        for (String kind : List.of("sources", "outputs")) {
            String configurations = kind.equals("sources") ? "mediaStreamSourceConfigurations" : "mediaStreamOutputConfigurations";
            for (JsonNode item : flow.request.path(kind)) {
                for (JsonNode config : item.path(configurations)) {
                    if (config.path("mediaStreamName").asText().equals(mediaStreamName)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
