package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code demo}: the simulator on a free loopback port and {@code run} against it, in one JVM; no TWS needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts the TWS simulator on a free loopback port and runs a supervised connection against it.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Option(names = "--json", description = "One JSON object per line instead of text.")
    private boolean json;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long (30s, 5m); default: until "
            + "SIGTERM / Ctrl-C.")
    private String duration;

    @Override
    public Integer call() {
        Config config = TwsSettings.loadConfig(main.config);
        TwsSettings settings = TwsSettings.from(config);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tws-demo", config);
        TwsSimulator simulator = TwsSimulator.start(system, settings.simulator().withAddress("127.0.0.1", 0))
                .toCompletableFuture().join();
        String host = simulator.address().getHostString();
        int port = simulator.address().getPort();
        System.out.println(json ? Json.object("simulator").put("host", host).put("port", port).toString()
                : "simulator listening on " + host + ":" + port);
        TwsSettings demo = new TwsSettings(settings.connection().withTarget(host, port,
                settings.connection().clientId()), settings.simulator());
        return RunCommand.runUntilStopped(system, demo, json, RunCommand.parse(duration), System.out);
    }
}
