package io.github.twssupervisor.simulator;

import java.util.concurrent.atomic.LongAdder;

/**
 * Frame counters shared by the sessions of one simulator. Counting happens once per frame on every connection, so the
 * counters are lock-free adders rather than messages to the server actor, which would double the message traffic of a
 * busy simulator.
 */
final class SimulatorMetrics {

    final LongAdder connectionsAccepted = new LongAdder();
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
}
