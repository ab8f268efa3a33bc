package io.github.twssupervisor.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The large fuzz run's campaigns ({@code mvn verify -Pfuzz}, {@link FuzzMain}) at a small size, in the normal build:
 * the harness keeps working, every decoder gets frames, and a case replays alone from the seed a failure prints.
 */
class FuzzCampaignTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final long SEED = 20261203L;

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aSmallRunOfEveryCampaignFindsNoFailure() throws Exception {
        FuzzReport report = new FuzzReport();
        FuzzCampaign campaign = new FuzzCampaign(report, TimeUnit.SECONDS.toNanos(2));
        campaign.decoders(SEED, 1_000);
        campaign.requests(SEED, 1_000);
        new FramingCampaign(report, TEST_KIT.system()).run(SEED, 200);
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        report.print(new PrintStream(table, true, StandardCharsets.UTF_8));
        assertEquals(List.of(), report.failures(), table.toString(StandardCharsets.UTF_8));
        assertEquals(1_000, report.total("decoders"));
        assertEquals(1_000, report.total("requests"));
        assertEquals(200, report.total("framing"));
        assertTrue(campaign.serverSeedKinds() >= 36, "server kinds seeded: " + campaign.serverSeedKinds());
        assertTrue(campaign.clientSeedKinds() >= RequestDecoders.ALL.size(), "request kinds seeded");
    }

    @Test
    void caseIOfARunIsCaseZeroOfTheRunWithItsSeed() {
        FuzzReport whole = new FuzzReport();
        new FuzzCampaign(whole, Long.MAX_VALUE).decoders(SEED, 5);
        FuzzReport alone = new FuzzReport();
        new FuzzCampaign(alone, Long.MAX_VALUE).decoders(SEED + 4 * FuzzCampaign.GAMMA, 1);
        assertEquals(SEED + 4 * FuzzCampaign.GAMMA, whole.running().caseSeed());
        assertEquals(whole.running().caseSeed(), alone.running().caseSeed());
        assertArrayEquals(whole.running().payload(), alone.running().payload());
    }
}
