package io.sluice.gateway.api;

import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.LinkStats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The problems a running flow reports, as DescribeFlow's {@code messages.errors} lines: the flow's own error reason,
 * then each source and output that could not open or whose link reports a problem ({@link LinkStats#problem()}),
 * named as MediaConnect names them ({@code Source cam1: ...}, {@code Output toPlayout: ...}; an entitlement's
 * in-process output is {@code Entitlement partner: ...}). Healthy endpoints add nothing.
 *
 * <p>Problem lines are written by the protocols and promise to carry no secret; as a second guard every line leaves
 * here with the value of any {@code passphrase=}, {@code password=}, {@code secret=} or {@code key=} (a peer URL's
 * query, say) masked up to the next space, {@code &} or quote: a value may hold any other character.
 */
public final class FlowProblems {
    private static final Pattern SECRET_VALUE =
            Pattern.compile("(?i)\\b(passphrase|password|passwd|pwd|secret|key)=[^&\\s\"']+");

    private FlowProblems() {}

    /** The problem lines of {@code snapshot}, each once, in the flow's order; empty when all is well. */
    public static List<String> of(FlowSnapshot snapshot) {
        Set<String> lines = new LinkedHashSet<>();
        if (snapshot.errorReason() != null) {
            lines.add(withoutSecrets(snapshot.errorReason()));
        }
        for (FlowSnapshot.SourceSnapshot source : snapshot.sources()) {
            add(lines, "Source " + source.name(), source.state(), source.errorReason(), source.link());
        }
        for (FlowSnapshot.OutputSnapshot output : snapshot.outputs()) {
            String name = output.name();
            String label = name.startsWith(GatewayFlowEngine.ENTITLEMENT_OUTPUT)
                    ? "Entitlement " + name.substring(GatewayFlowEngine.ENTITLEMENT_OUTPUT.length())
                    : "Output " + name;
            add(lines, label, output.state(), output.errorReason(), output.link());
        }
        return new ArrayList<>(lines);
    }

    /** {@code line} with the values of secret-looking {@code key=value} pairs replaced by {@code ***}. */
    public static String withoutSecrets(String line) {
        return SECRET_VALUE.matcher(line).replaceAll("$1=***");
    }

    private static void add(Set<String> lines, String label, EndpointState state, String errorReason, LinkStats link) {
        if (state == EndpointState.ERROR && errorReason != null) {
            lines.add(withoutSecrets(label + ": " + errorReason));
        }
        if (link != null && link.problem() != null && !link.problem().isBlank()) {
            lines.add(withoutSecrets(label + ": " + link.problem()));
        }
    }
}
