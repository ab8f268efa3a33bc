package io.github.twssupervisor.cli;

import io.github.twssupervisor.simulator.ClientInfo;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.io.PrintStream;
import java.util.List;

/**
 * The simulator's console commands, one per line of stdin. Runs on the console thread, never in an actor, so it may wait
 * for the simulator's answers.
 */
final class SimulatorConsole {

    static final String HELP = "commands: stats | clients | quit";

    private SimulatorConsole() {
    }

    /**
     * @param line      one command line
     * @param simulator the simulator to act on
     * @param out       where answers go
     * @return false when the command asks the simulator to stop
     */
    static boolean execute(String line, TwsSimulator simulator, PrintStream out) {
        switch (line) {
            case "":
                return true;
            case "stats":
                out.println(simulator.stats().toCompletableFuture().join().toLine());
                return true;
            case "clients":
                List<ClientInfo> clients = simulator.clients().toCompletableFuture().join();
                if (clients.isEmpty()) {
                    out.println("no clients");
                }
                clients.forEach(c -> out.println(c.toLine()));
                return true;
            case "quit":
                out.println("stopping");
                return false;
            default:
                out.println("unknown command '" + line + "'; " + HELP);
                return true;
        }
    }
}
