package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code demo}: the simulator on a free loopback port and {@code run} against it, in one JVM; no TWS needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts the TWS simulator on a free loopback port and runs a supervised connection against it; "
                + "once READY it places a small bracket order (buy 100 AAPL with a take-profit and a stop-loss) and "
                + "shows it fill.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Mixin
    private OutputOptions output = new OutputOptions();

    @Mixin
    private ChaosOptions chaos = new ChaosOptions();

    @Override
    public Integer call() {
        output.parsedDuration(); // an invalid --duration fails before anything starts
        output.parsedReadyTimeout();
        chaos.validate();
        Main.Setup setup = main.setup();
        TwsSettings settings = setup.settings();
        ActorSystem<Void> system = setup.actorSystem("tws-demo");
        TwsSimulator simulator = TwsSimulator.start(system, settings.simulator().withAddress("127.0.0.1", 0))
                .toCompletableFuture().join();
        String host = simulator.address().getHostString();
        int port = simulator.address().getPort();
        System.out.println(output.json ? Json.object("simulator").put("host", host).put("port", port).toString()
                : "simulator listening on " + host + ":" + port);
        chaos.start(simulator, settings.simulator(), System.out, output.json);
        TwsSettings demo = settings.withConnection(settings.connection().withTarget(host, port,
                settings.connection().clientId()));
        // A live table on a terminal; plain lines when the output is piped or captured.
        boolean table = System.console() != null && !output.json;
        return RunCommand.runUntilStopped(system, demo, output,
                Symbols.parseList(String.join(",", settings.demoWatchlist())), table, System.out, true);
    }
}
