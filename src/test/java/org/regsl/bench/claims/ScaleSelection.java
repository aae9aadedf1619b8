package org.regsl.bench.claims;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.regsl.bench.config.Settings;

/**
 * Runs the cases of the selected scale only: with {@code -Dregsl.scale=paper} the bench cases
 * (every test method without {@link PaperCase}) are disabled with the reason, so a GPU runner
 * spends its time on the paper scale; at the bench scale every case runs (paper cases then skip
 * themselves with their reason in {@link PaperScale}).
 */
public final class ScaleSelection implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean paperCase = context.getTestMethod().map(m -> m.isAnnotationPresent(PaperCase.class)).orElse(true);
        if (Settings.scale().equals("paper") && !paperCase) {
            return ConditionEvaluationResult.disabled("bench scale not selected: -Dregsl.scale=paper runs the"
                    + " paper-scale cells only");
        }
        return ConditionEvaluationResult.enabled("scale " + Settings.scale());
    }
}
