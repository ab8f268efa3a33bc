package io.github.twssupervisor.cli;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.orders.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The console's slash commands: each line is parsed by picocli (one method per command below), its words checked and
 * turned into typed values ({@link Symbols#parse}, {@link OrderArguments}, a bar request), and handed to
 * {@link Actions}. A bad line prints one line saying what is wrong and with the command's usage; nothing throws out of
 * {@link #execute(List)}, so the shell keeps running.
 */
@Command(name = "console", description = "The console's commands.")
final class ConsoleCommands {

    /** What the commands do; {@code ConsoleSession} does it over one client, tests record the calls. */
    interface Actions {

        void subscribe(Contract contract);

        void unsubscribe(Contract contract);

        void quote(Contract contract);

        void time();

        void ping(int count);

        void state();

        void stats();

        void raw(List<String> fields);

        void order(Contract contract, List<Order> orders);

        void orders();

        void cancel(int orderId);

        void positions();

        /** @param account an account, or null for the session's first */
        void account(String account);

        void bars(HistoricalRequest request);
    }

    /** The most round trips one {@code /ping} makes. */
    static final int MAX_PINGS = 1_000;
    /** The commands in the order {@code /help} lists them (reflection does not keep the methods' order). */
    static final List<String> NAMES = List.of("/help", "/subscribe", "/unsubscribe", "/quote", "/bars", "/time",
            "/ping", "/state", "/stats", "/raw", "/order", "/orders", "/cancel", "/positions", "/account", "/quit");
    private static final Pattern COMPACT_SPAN = Pattern.compile("(\\d+)\\s*([A-Za-z]+)");

    private final Actions actions;
    private final Consumer<String> out;
    private final CommandLine commandLine;
    private boolean quit;

    /**
     * @param actions what the commands do
     * @param out     where answers and error lines go, one line per call
     */
    ConsoleCommands(Actions actions, Consumer<String> out) {
        this.actions = actions;
        this.out = out;
        this.commandLine = new CommandLine(this).setSubcommandsCaseInsensitive(true);
        commandLine.setParameterExceptionHandler((e, args) -> {
            out.accept(problem(e));
            return Main.EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            out.accept("error: " + (e instanceof TwsSession.CommandFailure || e instanceof IllegalArgumentException
                    ? e.getMessage() : e.toString()));
            return Main.EXIT_FAILURE;
        });
    }

    /**
     * @param words one line's words, as JLine's parser splits it (quotes honoured); none for an empty line
     * @return false once the line asked the console to end
     */
    boolean execute(List<String> words) {
        List<String> args = words.stream().filter(w -> !w.isEmpty()).toList();
        if (args.isEmpty()) {
            return true;
        }
        if (!args.get(0).startsWith("/")) {
            out.accept("unknown command '" + args.get(0) + "': commands start with '/', e.g. /help");
            return true;
        }
        commandLine.execute(args.toArray(String[]::new));
        return !quit;
    }

    /** @return the picocli model of the commands, for completion */
    CommandLine commandLine() {
        return commandLine;
    }

    private String problem(ParameterException e) {
        CommandLine failed = e.getCommandLine();
        if (failed == commandLine && e instanceof UnmatchedArgumentException) {
            String first = ((UnmatchedArgumentException) e).getUnmatched().get(0);
            // picocli's suggestions are loose (/frobnicate -> /state): only one that starts the same way is offered
            String start = first.substring(0, Math.min(first.length(), 3)).toLowerCase(Locale.ROOT);
            String suggestion = ((UnmatchedArgumentException) e).getSuggestions().stream()
                    .filter(s -> s.startsWith(start)).findFirst().map(s -> " (did you mean " + s + "?)").orElse("");
            return "unknown command '" + first + "'" + suggestion + ": /help lists the commands";
        }
        return failed.getCommandName() + ": " + e.getMessage() + " (usage: " + synopsis(failed) + ")";
    }

    private static String synopsis(CommandLine command) {
        String[] custom = command.getCommandSpec().usageMessage().customSynopsis();
        return custom.length > 0 ? custom[0] : command.getCommandName();
    }

    /** @return one line per command: its synopsis and what it does */
    List<String> helpLines() {
        List<String> lines = new ArrayList<>();
        NAMES.stream().map(commandLine.getSubcommands()::get).forEach(c -> lines.add(String.format("  %-44s %s",
                synopsis(c), c.getCommandSpec().usageMessage().description()[0])));
        lines.add("Symbols as in the other commands: AAPL (stock), EUR.USD (forex), ES/202612@CME (future). Tab completes; Ctrl-D or /quit "
                + "ends. Events, ticks and order updates print above the prompt.");
        return lines;
    }

    @Command(name = "/help", customSynopsis = "/help [COMMAND]", description = "Lists the commands, or shows one's "
            + "usage and options.")
    void help(@Parameters(arity = "0..1", paramLabel = "COMMAND") String command) {
        if (command == null) {
            helpLines().forEach(out);
            return;
        }
        String name = command.startsWith("/") ? command : "/" + command;
        CommandLine sub = commandLine.getSubcommands().get(name.toLowerCase(Locale.ROOT));
        if (sub == null) {
            out.accept("unknown command '" + command + "': /help lists the commands");
            return;
        }
        out.accept(sub.getUsageMessage().stripTrailing());
    }

    @Command(name = "/subscribe", customSynopsis = "/subscribe SYMBOL", description = "Streams its market data: a "
            + "line per tick, and Interrupted / Resumed across reconnects.")
    void subscribe(@Parameters(paramLabel = "SYMBOL") String symbol) {
        actions.subscribe(Symbols.parse(symbol));
    }

    @Command(name = "/unsubscribe", customSynopsis = "/unsubscribe SYMBOL", description = "Stops its ticks "
            + "(cancelMktData once nobody else wants them).")
    void unsubscribe(@Parameters(paramLabel = "SYMBOL") String symbol) {
        actions.unsubscribe(Symbols.parse(symbol));
    }

    @Command(name = "/quote", customSynopsis = "/quote SYMBOL", description = "One snapshot: bid, ask, last, "
            + "volume.")
    void quote(@Parameters(paramLabel = "SYMBOL") String symbol) {
        actions.quote(Symbols.parse(symbol));
    }

    @Command(name = "/time", customSynopsis = "/time", description = "TWS's clock (reqCurrentTime).")
    void time() {
        actions.time();
    }

    @Command(name = "/ping", customSynopsis = "/ping [N]", description = "N reqCurrentTime round trips (default 5), "
            + "each timed, then min / avg / p50 / p99 / max.")
    void ping(@Parameters(arity = "0..1", paramLabel = "N", defaultValue = "5") int count) {
        if (count < 1 || count > MAX_PINGS) {
            throw new IllegalArgumentException("/ping N must be between 1 and " + MAX_PINGS + ", was " + count);
        }
        actions.ping(count);
    }

    @Command(name = "/state", customSynopsis = "/state", description = "The connection's state and its last change.")
    void state() {
        actions.state();
    }

    @Command(name = "/stats", customSynopsis = "/stats", description = "The connection's counters: messages, "
            + "reconnects, time READY, pacer, heartbeat, subscriptions.")
    void stats() {
        actions.stats();
    }

    @Command(name = "/raw", customSynopsis = "/raw FIELDS...", description = "Sends a message the library does not "
            + "model, message id first (e.g. /raw 49 1); unhandled answers print as raw lines.")
    void raw(@Parameters(arity = "1..*", paramLabel = "FIELDS") List<String> fields) {
        actions.raw(fields);
    }

    @Command(name = "/order", customSynopsis = "/order buy|sell QTY SYMBOL [TYPE PRICES] ...",
            description = "Places an order, as the 'order' command does (e.g. /order buy 100 AAPL lmt 150 --tif GTC); "
                    + "its events print as they come.")
    void order(@Mixin OrderArguments order) {
        actions.order(order.contract(), order.orders());
    }

    @Command(name = "/orders", customSynopsis = "/orders", description = "This client id's open orders and the "
            + "day's completed ones.")
    void orders() {
        actions.orders();
    }

    @Command(name = "/cancel", customSynopsis = "/cancel ID", description = "Cancels an open order of this client id; "
            + "its events print as they come.")
    void cancel(@Parameters(paramLabel = "ID") int orderId) {
        if (orderId <= 0) {
            throw new IllegalArgumentException("/cancel ID must be an order id > 0, was " + orderId);
        }
        actions.cancel(orderId);
    }

    @Command(name = "/positions", customSynopsis = "/positions", description = "The positions of every account of "
            + "the session.")
    void positions() {
        actions.positions();
    }

    @Command(name = "/account", customSynopsis = "/account [ID]", description = "An account's summary and "
            + "portfolio (default: the session's first account).")
    void account(@Parameters(arity = "0..1", paramLabel = "ID") String account) {
        actions.account(account);
    }

    @Command(name = "/bars", customSynopsis = "/bars SYMBOL [DURATION] [BAR] [--what W]", description = "Historical "
            + "bars up to now, e.g. /bars AAPL 2D 1hour (default 1 D of 1 hour TRADES).")
    void bars(@Parameters(index = "0", paramLabel = "SYMBOL") String symbol,
              @Parameters(index = "1", arity = "0..1", paramLabel = "DURATION", defaultValue = "1 D",
                      description = "How far back: a number and S, D, W, M or Y ('1 D', 1D, 2W).") String duration,
              @Parameters(index = "2", arity = "0..1", paramLabel = "BAR", defaultValue = "1 hour",
                      description = "The bar size: '5 mins', 5mins, 1hour, 1day, ...") String barSize,
              @Option(names = "--what", defaultValue = "TRADES", paramLabel = "W", description = "TRADES (default), "
                      + "MIDPOINT, BID, ASK, ... (forex has no TRADES: use MIDPOINT).") String what) {
        actions.bars(HistoricalRequest.upToNow(Symbols.parse(symbol), span(duration).toUpperCase(Locale.ROOT),
                span(barSize).toLowerCase(Locale.ROOT), what.toUpperCase(Locale.ROOT)));
    }

    @Command(name = "/quit", aliases = "/exit", customSynopsis = "/quit", description = "Closes the connection and "
            + "ends the console (also Ctrl-D).")
    void quit() {
        quit = true;
    }

    /** @return {@code 1D} as {@code 1 D}, {@code 5mins} as {@code 5 mins}; anything else as it is */
    static String span(String text) {
        Matcher m = COMPACT_SPAN.matcher(text.trim());
        return m.matches() ? m.group(1) + " " + m.group(2) : text.trim();
    }
}
