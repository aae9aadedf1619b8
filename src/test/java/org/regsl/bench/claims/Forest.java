package org.regsl.bench.claims;

import io.qameta.allure.Allure;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.regsl.bench.claim.DirectionFamily;
import org.regsl.bench.report.Ledger;
import org.regsl.bench.report.Scorecard;

/** The claim's forest plot (every direction of its family), attached to each of its direction cases. */
final class Forest {

    private static final Map<DirectionFamily, byte[]> PNG = new ConcurrentHashMap<>();

    private Forest() {}

    /** Attaches the forest plot of {@code family} to the running case (drawn once per family). */
    static void attach(String claim, DirectionFamily family) {
        byte[] png = PNG.computeIfAbsent(family, f -> Scorecard.forest(claim, f.all().stream().map(j ->
                new Ledger.Direction(claim, j.id(), "", "", j.verdict().label(), j.unadjusted().label(),
                        j.test().effect(), j.test().lower(), j.test().upper(), j.test().intervalLevel(), j.rawP(),
                        j.adjustedP(), j.size(), j.paperEffect())).toList()));
        Allure.addAttachment(claim + " forest plot (every direction of the claim)", "image/png",
                new ByteArrayInputStream(png), "png");
    }
}
