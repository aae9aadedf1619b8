package org.regsl.bench.train;

/**
 * How the learning rate moves over epochs and when training stops. The default is the official
 * step schedule of {@link TrainConfig} (x gamma every {@code lrStepEvery} epochs, every epoch run);
 * {@link #plateau} is the ChestX-ray14 rule of reproduce-chexnet (REGSL-SPEC 6.3).
 */
public interface LrPolicy {

    /** What the loop does after an epoch's validation. */
    enum Decision { CONTINUE, NEW_OPTIMIZER, STOP }

    /** The learning rate of epoch {@code epoch} (1-based). */
    double lr(int epoch);

    /** Called after epoch {@code epoch}'s validation with its mean validation loss. */
    Decision afterEpoch(int epoch, double valLoss);

    /** The step schedule of {@code config}; training never stops early. */
    static LrPolicy steps(TrainConfig config) {
        return new LrPolicy() {
            @Override
            public double lr(int epoch) {
                return config.lrAt(epoch);
            }

            @Override
            public Decision afterEpoch(int epoch, double valLoss) {
                return Decision.CONTINUE;
            }
        };
    }

    /**
     * reproduce-chexnet's rule: after an epoch whose validation loss is above the best so far, the
     * learning rate is divided by 10 and a new optimizer is created (momentum reset); training
     * stops once {@code patience} epochs passed without a new best (reproduce-chexnet: 3).
     */
    static LrPolicy plateau(double lr0, int patience) {
        return new LrPolicy() {
            private double lr = lr0;
            private double best = Double.POSITIVE_INFINITY;
            private int bestEpoch = 0;

            @Override
            public double lr(int epoch) {
                return lr;
            }

            @Override
            public Decision afterEpoch(int epoch, double valLoss) {
                boolean worse = valLoss > best;
                if (valLoss < best) {
                    best = valLoss;
                    bestEpoch = epoch;
                }
                if (epoch - bestEpoch >= patience) {
                    return Decision.STOP;
                }
                if (worse) {
                    lr /= 10;
                    return Decision.NEW_OPTIMIZER;
                }
                return Decision.CONTINUE;
            }
        };
    }

    /**
     * A step schedule at given epochs, as RFS's {@code adjust_learning_rate} (and PyTorch's {@code MultiStepLR}
     * stepped per epoch): epoch e (1-based) trains at lr0 gamma^(number of milestones below e); the optimizer and
     * its momentum carry on; training never stops early. RFS's pretraining: 0.05, x0.1 after epochs 60 and 80.
     */
    static LrPolicy milestones(double lr0, double gamma, int... after) {
        return new LrPolicy() {
            @Override
            public double lr(int epoch) {
                int passed = 0;
                for (int m : after) {
                    passed += epoch > m ? 1 : 0;
                }
                return lr0 * Math.pow(gamma, passed);
            }

            @Override
            public Decision afterEpoch(int epoch, double valLoss) {
                return Decision.CONTINUE;
            }
        };
    }
}
