package org.regsl.bench.claims;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test method whose cases are paper-scale cells: {@link ScaleSelection} runs it with
 * {@code -Dregsl.scale=paper} and disables every other method there. At the bench scale it runs
 * and its cases skip themselves with their reason ({@link PaperScale}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PaperCase {}
