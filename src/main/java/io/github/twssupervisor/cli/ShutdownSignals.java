package io.github.twssupervisor.cli;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a graceful shutdown that ends with exit code 0: the command's thread returns once the
 * actor system has terminated. Left to the JVM, a signal runs CoordinatedShutdown from a shutdown hook too, but the
 * process then exits 143 (130 for Ctrl-C), which service managers count as a failed stop.
 *
 * <p>The JDK's only signal API is {@code sun.misc.Signal} (module jdk.unsupported, exported and supported in practice);
 * it is reached by reflection because javac flags every direct use as internal proprietary API. Where it is missing,
 * the JVM's own handling (exit 143 after the same graceful shutdown) applies.
 */
final class ShutdownSignals {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {
    }

    /** @param system the actor system whose CoordinatedShutdown a signal runs */
    static void install(ActorSystem<?> system) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> signal = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.jvmExitReason());
                            return null;
                        }
                        // toString, hashCode and equals of the proxy itself
                        return method.getName().equals("toString") ? "ShutdownSignals"
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                : proxy == args[0];
                    });
            for (String name : new String[] {"TERM", "INT"}) {
                handle.invoke(null, signal.newInstance(name), handler);
            }
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            LOG.debug("Signals left to the JVM (exit 143 on SIGTERM): {}", cause.toString());
        }
    }
}
