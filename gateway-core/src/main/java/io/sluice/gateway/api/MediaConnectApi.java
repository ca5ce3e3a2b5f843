package io.sluice.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * MediaConnect's REST API (restJson1) over {@link FlowService}: routes each operation's method and path, verifies
 * AWS Signature V4 when keys are configured, and answers in MediaConnect's shapes. Every response carries
 * {@code x-amzn-RequestId}; errors carry {@code x-amzn-ErrorType} and {@code {"message","__type"}}, which is what
 * the SDKs read to raise the typed exception ({@code NotFoundException}, {@code ConflictException}, ...).
 */
public final class MediaConnectApi implements io.sluice.gateway.http.HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(MediaConnectApi.class);
    /** Request bodies above this are refused with BadRequestException; 50 outputs take about 30 KiB. */
    public static final int MAX_REQUEST_BYTES = 256 * 1024;
    static final int LIST_FLOWS_DEFAULT = 10;
    static final int LIST_ENTITLEMENTS_DEFAULT = 20;

    private final FlowService flows;
    private final SigV4Verifier verifier;
    private final SourceMetadataProvider metadata;

    /** @param verifier null to accept unsigned requests (the API then listens on loopback only, by default) */
    public MediaConnectApi(FlowService flows, SigV4Verifier verifier, SourceMetadataProvider metadata) {
        this.flows = flows;
        this.verifier = verifier;
        this.metadata = metadata;
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest http) {
        String uri = http.uri();
        if (!uri.startsWith("/v1/") && !uri.startsWith("/tags/")) {
            return null;
        }
        String requestId = UUID.randomUUID().toString();
        try {
            int length = http.content().readableBytes();
            if (length > MAX_REQUEST_BYTES) {
                throw ApiException.badRequest("request body is " + length + " bytes; the limit is " + MAX_REQUEST_BYTES);
            }
            byte[] body = ByteBufUtil.getBytes(http.content());
            String account = flows.arns().account();
            if (verifier != null) {
                account = verifier.verify(http.method().name(), uri, http.headers(), body).accountId();
            }
            ApiRequest request = new ApiRequest(http.method().name(), uri, body);
            Answer answer = route(request, account);
            return respond(answer.status(), answer.body(), requestId);
        } catch (ApiException e) {
            if (e.status().code() >= 500) {
                LOG.warn("event=api_error request_id={} type={} message=\"{}\"", requestId, e.errorType(), e.getMessage());
            }
            return error(e, requestId);
        } catch (RuntimeException e) {
            LOG.error("event=api_internal_error request_id={} uri={}", requestId, uri, e);
            return error(ApiException.internal("internal error; see the server log for request " + requestId), requestId);
        }
    }

    private record Answer(HttpResponseStatus status, ObjectNode body) {}

    private Answer route(ApiRequest r, String account) {
        List<String> s = r.segments();
        String m = r.method();
        int n = s.size();
        if (n >= 2 && s.get(0).equals("tags") && n == 2) {
            String arn = s.get(1);
            switch (m) {
                case "GET": return ok(flows.listTagsForResource(arn));
                case "POST": flows.tagResource(arn, r.body()); return new Answer(HttpResponseStatus.NO_CONTENT, null);
                case "DELETE": flows.untagResource(arn, r.queryParams("tagKeys")); return new Answer(HttpResponseStatus.NO_CONTENT, null);
                default: throw unsupported(r);
            }
        }
        if (n < 2 || !s.get(0).equals("v1")) {
            throw unsupported(r);
        }
        if (s.get(1).equals("entitlements") && n == 2 && m.equals("GET")) {
            return ok(flows.listEntitlements(account, r.intParam("maxResults", 1, 1000, LIST_ENTITLEMENTS_DEFAULT), r.queryParam("nextToken")));
        }
        if (!s.get(1).equals("flows")) {
            throw unsupported(r);
        }
        if (n == 2) {
            return switch (m) {
                case "POST" -> created(flows.createFlow(r.body()));
                case "GET" -> ok(flows.listFlows(r.intParam("maxResults", 1, 1000, LIST_FLOWS_DEFAULT), r.queryParam("nextToken")));
                default -> throw unsupported(r);
            };
        }
        // "/v1/flows/start/{FlowArn}": an ARN always begins with "arn", so "start" and "stop" cannot be one.
        if (n == 4 && m.equals("POST") && s.get(2).equals("start")) {
            return accepted(flows.startFlow(s.get(3)));
        }
        if (n == 4 && m.equals("POST") && s.get(2).equals("stop")) {
            return accepted(flows.stopFlow(s.get(3)));
        }
        String flowArn = s.get(2);
        if (n == 3) {
            return switch (m) {
                case "GET" -> ok(flows.describeFlow(flowArn));
                case "PUT" -> accepted(flows.updateFlow(flowArn, r.body()));
                case "DELETE" -> accepted(flows.deleteFlow(flowArn));
                default -> throw unsupported(r);
            };
        }
        String collection = s.get(3);
        if (n == 4) {
            return switch (m + " " + collection) {
                case "POST outputs" -> created(flows.addFlowOutputs(flowArn, r.body()));
                case "POST source" -> created(flows.addFlowSources(flowArn, r.body()));
                case "POST entitlements" -> ok(flows.grantFlowEntitlements(flowArn, r.body()));
                case "POST mediaStreams" -> created(flows.addFlowMediaStreams(flowArn, r.body()));
                case "POST vpcInterfaces" -> created(flows.addFlowVpcInterfaces(flowArn, r.body()));
                case "GET source-metadata" -> ok(sourceMetadata(flowArn));
                default -> throw unsupported(r);
            };
        }
        if (n == 5) {
            String item = s.get(4);
            return switch (m + " " + collection) {
                case "PUT outputs" -> accepted(flows.updateFlowOutput(flowArn, item, r.body()));
                case "DELETE outputs" -> accepted(flows.removeFlowOutput(flowArn, item));
                case "PUT source" -> accepted(flows.updateFlowSource(flowArn, item, r.body()));
                case "DELETE source" -> accepted(flows.removeFlowSource(flowArn, item));
                case "PUT entitlements" -> accepted(flows.updateFlowEntitlement(flowArn, item, r.body()));
                case "DELETE entitlements" -> accepted(flows.revokeFlowEntitlement(flowArn, item));
                case "PUT mediaStreams" -> accepted(flows.updateFlowMediaStream(flowArn, item, r.body()));
                case "DELETE mediaStreams" -> ok(flows.removeFlowMediaStream(flowArn, item));
                case "DELETE vpcInterfaces" -> ok(flows.removeFlowVpcInterface(flowArn, item));
                default -> throw unsupported(r);
            };
        }
        throw unsupported(r);
    }

    private ObjectNode sourceMetadata(String flowArn) {
        flows.describeFlow(flowArn); // 404 for an unknown flow
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.put("flowArn", flowArn);
        metadata.describe(flowArn, out);
        return out;
    }

    private static ApiException unsupported(ApiRequest r) {
        return ApiException.notFound("no MediaConnect operation at " + r.method() + " " + r.rawPath()
                + " on this server (supported: the flow operations listed in docs/api.md)");
    }

    private static Answer ok(ObjectNode body) {
        return new Answer(HttpResponseStatus.OK, body);
    }

    private static Answer created(ObjectNode body) {
        return new Answer(HttpResponseStatus.CREATED, body);
    }

    private static Answer accepted(ObjectNode body) {
        return new Answer(HttpResponseStatus.ACCEPTED, body);
    }

    private static FullHttpResponse respond(HttpResponseStatus status, ObjectNode body, String requestId) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : ApiRequest.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        if (body != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        }
        response.headers().set("x-amzn-RequestId", requestId);
        return response;
    }

    private static FullHttpResponse error(ApiException e, String requestId) {
        ObjectNode body = ApiRequest.JSON.createObjectNode();
        body.put("message", e.getMessage());
        body.put("__type", e.errorType());
        FullHttpResponse response = respond(e.status(), body, requestId);
        response.headers().set("x-amzn-ErrorType", e.errorType());
        return response;
    }
}
