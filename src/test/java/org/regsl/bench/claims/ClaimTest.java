package org.regsl.bench.claims;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A claim class: its cases run at the selected scale only ({@link ScaleSelection}) and each is a
 * {@link ClaimCase} (report name, links, a ledger row even when it throws, the cell-set check).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith({ScaleSelection.class, ClaimCase.class})
@Tag("claim")
public @interface ClaimTest {}
