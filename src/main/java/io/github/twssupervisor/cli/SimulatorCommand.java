package io.github.twssupervisor.cli;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code simulator}: runs the TWS simulator until SIGTERM, Ctrl-C or the console command {@code quit}.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = {"Runs a TWS stand-in server. Prints 'listening on HOST:PORT' as its first line, then reads",
            "console commands from stdin: stats, clients, blast N, quit, and faults: drop, stall D, mute D, garbage,",
            "bomb, unknown-msg, bad-field, delay-handshake D, refuse D, reject-client-id, notice CODE, pace-limit N,",
            "flood KIND D (notice, error, unknown, tick, mixed), drop-after-order accepted|lost, next-id-back N."})
final class SimulatorCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to listen on (default: tws.simulator.host); "
            + "anything but loopback is logged at WARN.")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port; 0 picks a free one (default: tws.simulator.port).")
    private Integer port;

    @Option(names = "--max-version", paramLabel = "N", description = "Highest server version, 176..200 (default: tws.simulator.max-version).")
    private Integer maxVersion;

    @Option(names = "--accounts", split = ",", paramLabel = "ACCT", description = "Accounts announced, comma-separated (default: tws.simulator.accounts).")
    private List<String> accounts;

    @Option(names = "--next-order-id", paramLabel = "N", description = "First nextValidId (default: tws.simulator.next-order-id).")
    private Integer nextOrderId;

    @Mixin
    private ChaosOptions chaos = new ChaosOptions();

    @Override
    public Integer call() throws Exception {
        chaos.validate();
        Main.Setup setup = main.setup();
        SimulatorSettings settings = overrides(setup.settings().simulator());
        ActorSystem<Void> system = setup.actorSystem("tws-simulator");
        TwsSimulator simulator;
        try {
            simulator = TwsSimulator.start(system, settings).toCompletableFuture().join();
        } catch (CompletionException e) {
            System.err.println("error: " + e.getCause().getMessage());
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
            return Main.EXIT_FAILURE;
        }
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-simulator",
                simulator::stop);
        PrintStream out = System.out;
        out.println("listening on " + simulator.address().getHostString() + ":" + simulator.address().getPort());
        out.flush();
        chaos.start(simulator, settings, out, false);
        runConsole(system, simulator, out);
        system.getWhenTerminated().toCompletableFuture().join();
        return 0;
    }

    private SimulatorSettings overrides(SimulatorSettings base) {
        SimulatorSettings s = base.withAddress(host != null ? host : base.host(), port != null ? port : base.port());
        if (maxVersion != null) {
            s = s.withMaxVersion(maxVersion);
        }
        if (accounts != null || nextOrderId != null) {
            s = s.withAccounts(accounts != null ? accounts : s.accounts(),
                    nextOrderId != null ? nextOrderId : s.nextOrderId());
        }
        return s;
    }

    /**
     * Reads console commands on the command's own thread, the one that would otherwise only wait for the actor system
     * to end: a blocking read of stdin has no place inside an actor, and needs no thread of its own. {@code quit}
     * shuts the system down; end of input leaves the simulator running (it can be started with stdin closed), and a
     * shutdown from elsewhere (SIGTERM, Ctrl-C) ends the JVM whatever this thread is reading.
     */
    private static void runConsole(ActorSystem<Void> system, TwsSimulator simulator, PrintStream out) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (!SimulatorConsole.execute(line.trim(), simulator, out)) {
                    CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
                    return;
                }
            }
        } catch (java.io.IOException e) {
            out.println("console closed: " + e.getMessage());
        }
    }
}
