package io.sluice.gateway.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ListFlows / ListEntitlements cursors. Opaque to clients: base64url of {@code KIND:POSITION}, where POSITION is the
 * creation sequence of the last flow returned (so deleting or adding flows between pages neither repeats nor skips
 * a flow that stays) or the offset of the next entitlement. A token of another kind or not issued here is a
 * BadRequestException.
 */
final class PageToken {
    private PageToken() {}

    static String encode(String kind, long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position in {@code token}, or {@code fallback} when there is no token. */
    static long decode(String kind, String token, long fallback) {
        if (token == null || token.isEmpty()) {
            return fallback;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(kind + ":")) {
                return Long.parseLong(text.substring(kind.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest("nextToken \"" + token + "\" is not a " + kind + " token issued by this server");
    }
}
