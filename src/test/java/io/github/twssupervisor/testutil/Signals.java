package io.github.twssupervisor.testutil;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.twssupervisor.subscription.Lifecycle;

/** Reading the kernel's lifecycle signals out of any domain's events, in assertions. */
public final class Signals {

    private Signals() {
    }

    /**
     * @param event an event of a domain's stream
     * @param type  the signal it must carry
     * @param <L>   the signal's type
     * @return the signal; the assertion fails if the event carries no signal of that type
     */
    public static <L extends Lifecycle> L signal(Object event, Class<L> type) {
        return assertInstanceOf(type, Lifecycle.of(event).orElse(null), () -> "expected " + type.getSimpleName()
                + ", got " + event);
    }

    /**
     * @param event an event of a domain's stream
     * @param type  a signal's type
     * @return true if the event carries a signal of that type
     */
    public static boolean is(Object event, Class<?> type) {
        return type.isInstance(Lifecycle.of(event).orElse(null));
    }
}
