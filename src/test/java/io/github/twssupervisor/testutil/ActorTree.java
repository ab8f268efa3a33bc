package io.github.twssupervisor.testutil;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An actor and everything under it, walked through the classic cells: internal but stable in Akka 2.6, and exact (it
 * lists every child the actor system still holds, including ones that stopped but were not yet reaped). There is no
 * public API for it; this is test code only.
 */
public final class ActorTree {

    private ActorTree() {
    }

    /** @return the paths, relative to the root's parent, of the root and every actor under it */
    public static List<String> paths(ActorRef<?> root) {
        List<String> paths = new ArrayList<>();
        walk(Adapter.toClassic(root), "", paths);
        return paths;
    }

    private static void walk(akka.actor.ActorRef ref, String prefix, List<String> paths) {
        String path = prefix + "/" + ref.path().name();
        paths.add(path);
        if (ref instanceof akka.actor.ActorRefWithCell cell) {
            for (akka.actor.ActorRef child : scala.jdk.javaapi.CollectionConverters.asJava(cell.children())) {
                walk(child, path, paths);
            }
        }
    }

    /** @return the last path element of each, numbers (epochs, counters) replaced by {@code #} */
    public static List<String> normalized(List<String> paths) {
        return paths.stream().map(p -> p.substring(p.lastIndexOf('/')).replaceAll("[0-9]+", "#"))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** @return how many of each name */
    public static Map<String, Long> counted(List<String> names) {
        return names.stream().map(n -> n.substring(n.lastIndexOf('/')))
                .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
    }
}
