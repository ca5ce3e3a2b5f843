package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** AddFlowOutputs, UpdateFlowOutput and RemoveFlowOutput; a running flow's other outputs keep sending throughout. */
final class FlowOutputs {
    private final FlowRegistry flows;
    private final FlowChanges changes;
    private final WireShapes shapes;

    FlowOutputs(FlowRegistry flows, FlowChanges changes, WireShapes shapes) {
        this.flows = flows;
        this.changes = changes;
        this.shapes = shapes;
    }

    ObjectNode add(String flowArn, ObjectNode body) {
        FlowRecord flow = flows.findChangeable(flowArn, "AddFlowOutputs");
        ArrayNode added = RequestItems.requiredList(body, "outputs", "Outputs");
        flow.requireRoom("AddFlowOutputs", "outputs", added.size(), FlowCreation.MAX_OUTPUTS);
        return Replies.ofFlow(flow.flowArn, "outputs", changes.addItems(flow, "outputs", added, output -> shapes.output(flow, output)));
    }

    ObjectNode update(String flowArn, String outputArn, ObjectNode body) {
        FlowRecord flow = flows.findChangeable(flowArn, "UpdateFlowOutput");
        String name = flow.requireNameOfArn("outputs", outputArn, "output");
        changes.updateItem(flow, "outputs", name, body, null, "encryption");
        return Replies.ofFlow(flow.flowArn, "output", shapes.output(flow, flow.findByName("outputs", name)));
    }

    ObjectNode remove(String flowArn, String outputArn) {
        FlowRecord flow = flows.findChangeable(flowArn, "RemoveFlowOutput");
        changes.removeItem(flow, "outputs", flow.requireNameOfArn("outputs", outputArn, "output"));
        return Replies.of("flowArn", flow.flowArn, "outputArn", outputArn);
    }
}
