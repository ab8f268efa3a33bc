package io.github.twssupervisor.subscription;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * TWS's limits on distinct requests of one kind live at once ({@link SubscriptionSpec#limit()}), checked before a new
 * subscription is made: two account summaries, one account followed by reqAccountUpdates. TWS answers a third summary
 * with error 322, and silently replaces the account of a second reqAccountUpdates, so the client refuses such a
 * request itself, naming the ones it would collide with.
 */
public final class SubscriptionLimits {

    private SubscriptionLimits() {
    }

    /**
     * @param spec a request with no live subscription yet
     * @param live the specs of the live subscriptions
     * @return why it is refused, if it would exceed its kind's limit
     */
    public static Optional<String> refusal(SubscriptionSpec<?> spec, Collection<? extends SubscriptionSpec<?>> live) {
        return spec.limit().flatMap(limit -> {
            var sameKind = live.stream()
                    .filter(other -> other.limit().map(l -> l.group().equals(limit.group())).orElse(false))
                    .toList();
            if (sameKind.size() < limit.max()) {
                return Optional.empty();
            }
            return Optional.of(spec.description() + " refused: " + limit.why() + "; live now: "
                    + sameKind.stream().map(SubscriptionSpec::description).sorted()
                    .collect(Collectors.joining(", ")) + ". Cancel one of them first");
        });
    }
}
