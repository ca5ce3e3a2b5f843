package io.sluice.gateway.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A MediaConnect error: the HTTP status, the exception shape name the SDKs map to a typed exception
 * ({@code x-amzn-ErrorType}), and a message. Messages name what was wrong and what was expected; they never carry a
 * secret value.
 */
public final class ApiException extends RuntimeException {
    private static final HttpResponseStatus QUOTA = new HttpResponseStatus(420, "Quota Exceeded");

    private final HttpResponseStatus status;
    private final String errorType;

    private ApiException(HttpResponseStatus status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "BadRequestException", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpResponseStatus.FORBIDDEN, "ForbiddenException", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "NotFoundException", message);
    }

    /** The flow's state forbids the operation (the choice; MediaConnect itself answers 400 for flows). */
    public static ApiException conflict(String message) {
        return new ApiException(HttpResponseStatus.CONFLICT, "ConflictException", message);
    }

    /** A per-operation quota, e.g. {@code AddFlowOutputs420Exception} for output 51. */
    public static ApiException quota(String operation, String message) {
        return new ApiException(QUOTA, operation + "420Exception", message);
    }

    public static ApiException internal(String message) {
        return new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalServerErrorException", message);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
