package dev.evalbot.rules.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.scale.ValueScale.Outcome;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One rule for run logs and model cards, and the edges where the two sources differ on purpose:
 * merging them one way or the other would change what import inspect or import model-index prints.
 */
class ValueScaleTest {
    private static final TaskPolicy PERCENT = new TaskPolicy(0.0, 100.0, null, null, null);
    private static final TaskPolicy FRACTION = new TaskPolicy(0.0, 1.0, null, null, null);
    private static final ValueScale BY_VALUE = new ValueScale(null);

    @Test
    void aFractionOnAPercentTaskIsMovedInDecimalArithmetic() {
        assertEquals(Optional.of(new BigDecimal("41.2")), BY_VALUE.ofRun(new BigDecimal("0.412"), PERCENT, "accuracy"));
        assertEquals(new Outcome.Rescaled("41.2", "0.412 read as a fraction, written as 41.2 (ds task t is on 0..100)"),
                BY_VALUE.ofCard("0.412", PERCENT, "accuracy", "ds task t"));
    }

    @Test
    void theFlagDecidesOverTheValue() {
        ValueScale percent = new ValueScale(ValueScale.Written.percent);
        assertEquals(Optional.of(new BigDecimal("0.008")), percent.ofRun(new BigDecimal("0.8"), FRACTION, "x"));
        assertEquals(new Outcome.Rescaled("0.008", "0.8 read as a percentage, written as 0.008 (ds task t is on 0..1)"),
                percent.ofCard("0.8", FRACTION, "x", "ds task t"));
    }

    @Test
    void eachSourceKeepsItsOwnFractionNames() {
        // lighteval's mc1 is a fraction in a run log; a card's mc1 is not known to be one
        assertEquals(Optional.of(new BigDecimal("50")), BY_VALUE.ofRun(new BigDecimal("0.5"), PERCENT, "mc1"));
        assertInstanceOf(Outcome.Ambiguous.class, BY_VALUE.ofCard("0.5", PERCENT, "mc1", "ds task t"));
        // a card's exact_match is a fraction; a run log's metric of that name is not known to be one
        assertEquals(new Outcome.Rescaled("50", "0.5 read as a fraction, written as 50 (ds task t is on 0..100)"),
                BY_VALUE.ofCard("0.5", PERCENT, "exact_match", "ds task t"));
        assertEquals(Optional.empty(), BY_VALUE.ofRun(new BigDecimal("0.5"), PERCENT, "exact_match"));
    }

    @Test
    void aRunValueIsConvertedEvenOffTheRangeWhereACardValueIsKeptAsWritten() {
        assertEquals(Optional.of(new BigDecimal("1.5")), BY_VALUE.ofRun(new BigDecimal("150"), FRACTION, "accuracy"));
        assertEquals(new Outcome.Kept("150"), BY_VALUE.ofCard("150", FRACTION, "accuracy", "ds task t"));
    }

    @Test
    void aZeroCardValueIsKeptWhereARunsZeroStillNeedsItsScale() {
        assertEquals(new Outcome.Kept("0.0"), BY_VALUE.ofCard("0.0", PERCENT, "score", "ds task t"));
        assertEquals(Optional.empty(), BY_VALUE.ofRun(new BigDecimal("0.0"), PERCENT, "score"));
    }

    @Test
    void withoutARangeARunValueLosesItsTrailingZerosAndACardValueIsKeptAsWritten() {
        assertEquals(Optional.of(new BigDecimal("0.5")), BY_VALUE.ofRun(new BigDecimal("0.50"), TaskPolicy.NONE, "loss"));
        assertEquals(new Outcome.Kept("0.50"), BY_VALUE.ofCard("0.50", TaskPolicy.NONE, "loss", "ds task t"));
    }

    @Test
    void aValueAlreadyOnItsRangeIsUnchanged() {
        assertEquals(Optional.of(new BigDecimal("41")), BY_VALUE.ofRun(new BigDecimal("41.0"), PERCENT, "score"));
        assertEquals(new Outcome.Kept("41.0"), BY_VALUE.ofCard("41.0", PERCENT, "score", "ds task t"));
    }
}
