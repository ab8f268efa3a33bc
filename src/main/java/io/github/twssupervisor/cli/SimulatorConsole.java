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

    static final String HELP = "commands: stats | clients | notice CODE (e.g. 1100, 1101, 1102, 1300) | drop "
            + "| blast N (N ticks per subscription) | quit";

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
            case "drop":
                out.println("dropped " + simulator.drop().toCompletableFuture().join() + " connections");
                return true;
            case "quit":
                out.println("stopping");
                return false;
            default:
                if (line.matches("notice -?\\d{1,9}")) {
                    int code = Integer.parseInt(line.substring("notice ".length()));
                    out.println("notice " + code + " sent to " + simulator.notice(code).toCompletableFuture().join()
                            + " clients");
                } else if (line.matches("blast \\d{1,9}")) {
                    int ticks = Integer.parseInt(line.substring("blast ".length()));
                    long started = System.nanoTime();
                    long frames = simulator.blast(ticks).toCompletableFuture().join();
                    long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                    out.println("blast wrote " + frames + " frames in " + millis + " ms (" + frames * 1000 / millis
                            + " frames/s)");
                } else {
                    out.println("unknown command '" + line + "'; " + HELP);
                }
                return true;
        }
    }
}
