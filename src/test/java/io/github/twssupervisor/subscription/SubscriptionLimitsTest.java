package io.github.twssupervisor.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.wire.IncomingMessageId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** TWS's limits on distinct requests of one kind, checked before a subscription is made. */
class SubscriptionLimitsTest {

    private static FakeDomain.Limited limited(String name) {
        return new FakeDomain.Limited(name, Set.of(IncomingMessageId.ACCOUNT_SUMMARY), 2);
    }

    @Test
    void requestsUpToTheLimitPass() {
        assertEquals(Optional.empty(), SubscriptionLimits.refusal(limited("a"), List.of()));
        assertEquals(Optional.empty(), SubscriptionLimits.refusal(limited("b"), List.of(limited("a"))));
    }

    @Test
    void oneBeyondTheLimitIsRefusedNamingTheRuleAndTheLiveOnes() {
        String refusal = SubscriptionLimits.refusal(limited("c"), List.of(limited("b"), limited("a"))).orElseThrow();

        assertEquals("limited c refused: the fake allows 2; live now: limited a, limited b. Cancel one of them first",
                refusal);
    }

    @Test
    void specsWithoutALimitOrOfAnotherGroupAreNotCounted() {
        List<SubscriptionSpec<?>> live = List.of(FakeDomain.Spec.of("x"), FakeDomain.Spec.of("y"), limited("a"));

        assertTrue(SubscriptionLimits.refusal(limited("b"), live).isEmpty());
        assertTrue(SubscriptionLimits.refusal(FakeDomain.Spec.of("z"), List.of(limited("a"), limited("b"))).isEmpty());
    }
}
